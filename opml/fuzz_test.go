package opml

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that every feed it returns
// has an http(s) URL and a line inside the file, and that what it returns
// survives Write and Parse again.
//
//	go test ./opml -fuzz FuzzParse
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.opml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, fd := range doc.Feeds {
			if u := strings.ToLower(fd.URL); !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Errorf("feed URL %q is not http(s)", fd.URL)
			}
			if fd.Line < 1 || fd.Line > lines {
				t.Errorf("feed line %d outside the file's %d lines", fd.Line, lines)
			}
		}
		var b bytes.Buffer
		if err := Write(&b, doc.Title, time.Unix(0, 0), doc.Feeds); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(b.Bytes())
		if err != nil {
			t.Fatalf("Parse(Write(doc)) = %v\n%s", err, b.Bytes())
		}
		if len(again.Problems) != 0 {
			t.Errorf("Parse(Write(doc)) problems: %v", again.Problems)
		}
	})
}
