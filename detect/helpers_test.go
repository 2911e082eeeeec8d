package detect_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// defaultDetector builds the default detector once for the whole test
// binary: building it costs a fraction of a second and tens of MB.
var defaultDetector = sync.OnceValues(func() (*detect.Detector, error) {
	return detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
})

// newDefault returns the shared default detector.
func newDefault(tb testing.TB) *detect.Detector {
	tb.Helper()
	d, err := defaultDetector()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// newFresh returns a new default detector, for tests that learn
// boilerplate.
func newFresh(tb testing.TB) *detect.Detector {
	tb.Helper()
	d, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// moduleRoot returns the directory holding go.mod, walking up from the
// test's working directory.
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatalf("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// envPath returns the path named by an environment variable, resolved
// against the module root when relative, or "" when the variable is unset.
func envPath(tb testing.TB, name string) string {
	tb.Helper()
	p := os.Getenv(name)
	if p == "" {
		return ""
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(moduleRoot(tb), p)
	}
	return p
}

// corpusDir returns $WIREWATCH_CORPUS, skipping the test when it is unset.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	p := envPath(tb, "WIREWATCH_CORPUS")
	if p == "" {
		tb.Skip("WIREWATCH_CORPUS is not set; set it to the corpus directory (CI: ../shared/corpus)")
	}
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("WIREWATCH_CORPUS: %v", err)
	}
	return p
}

// readFile reads a file or fails the test.
func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return string(b)
}
