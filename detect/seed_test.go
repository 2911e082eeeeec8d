package detect_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
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

func TestSeedDump(t *testing.T) {
	d := newDefault(t)
	text := readFile(t, seedPath(t))
	a := d.Analyze(detect.Input{Source: "sputnik", Title: "US Intelligence Detects North Korea Developing New ICBMs", Text: text, DeclaredLanguage: "en"})
	b, _ := json.MarshalIndent(a, "", " ")
	t.Logf("%s", b)
}
