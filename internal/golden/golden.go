// Package golden compares test output with files under testdata and
// rewrites them when the tests run with -update.
//
//	go test ./notify/... -update
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and generated testdata")

// Updating reports whether the tests run with -update, for tests that
// regenerate testdata other than golden files.
func Updating() bool { return *update }

// Assert compares got with the file at path; with -update it first writes
// got there. A difference fails the test with both versions shown.
func Assert(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file: %v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (run with -update after checking):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
