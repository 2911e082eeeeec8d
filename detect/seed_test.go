package detect_test

import (
	"os"
	"path/filepath"
	"testing"
)

// seedPath returns the seed story: $WIREWATCH_SEED, else
// ../shared/seed/sputnik-nk-icbm.txt beside the module; it skips when
// neither exists.
func seedPath(tb testing.TB) string {
	tb.Helper()
	if p := envPath(tb, "WIREWATCH_SEED"); p != "" {
		return p
	}
	p := filepath.Join(moduleRoot(tb), "..", "shared", "seed", "sputnik-nk-icbm.txt")
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("seed story not found at %s; set WIREWATCH_SEED", p)
	}
	return p
}
