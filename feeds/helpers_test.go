package feeds

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testNow is the fixed "now" of parsing tests.
var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// corpusDir returns the shared corpus directory from WIREWATCH_CORPUS,
// resolved against the module root when relative, or skips the test.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("WIREWATCH_CORPUS")
	if dir == "" {
		tb.Skip("WIREWATCH_CORPUS is not set; set it to the shared corpus directory to run corpus tests")
	}
	if !filepath.IsAbs(dir) {
		root := moduleRoot(tb)
		dir = filepath.Join(root, dir)
	}
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("WIREWATCH_CORPUS: %v", err)
	}
	return dir
}

// moduleRoot walks up from the working directory to the one holding
// go.mod.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// readTestdata reads a file under testdata/.
func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
