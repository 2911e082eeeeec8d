package opml

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/golden"
)

// TestParseReaders parses the subscription lists in the formats readers
// export and compares each with its golden JSON.
func TestParseReaders(t *testing.T) {
	for _, name := range []string{"miniflux", "feedly", "inoreader", "netnewswire-latin1", "bad-urls"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name+".opml"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", name+".golden.json"), append(got, '\n'))
		})
	}
}

func TestParseRefuses(t *testing.T) {
	for name, want := range map[string]string{
		"broken-tag":    "line 8: element <outline> closed by </body>",
		"truncated":     "line 7: the file ends too early (unexpected EOF)",
		"not-opml":      "line 2: not an OPML file: the document is <rss>, not <opml>",
		"empty":         "not an OPML file: no <opml> element",
		"unquoted-attr": "line 4: unquoted or missing attribute value in element",
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name+".opml"))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(data)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse = %+v, %v; want a *SyntaxError", doc, err)
			}
			if err.Error() != want {
				t.Errorf("Parse error = %q, want %q", err, want)
			}
		})
	}
	if _, err := Parse(bytes.Repeat([]byte(" "), MaxSize+1)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Parse of a file over MaxSize = %v, want a size error", err)
	}
}

// TestWriteRoundTrip writes feeds as OPML and reads them back.
func TestWriteRoundTrip(t *testing.T) {
	list := []Feed{
		{URL: "https://feeds.bbci.co.uk/news/world/rss.xml", Title: "bbc-world", Language: "en"},
		{URL: "https://www.yna.co.kr/rss/northkorea.xml", Title: "yonhap-nk", Language: "ko", Categories: []string{"Asia", "Korea/North"}},
		{URL: "https://example.org/rss?a=1&b=<2>", Title: `"Quotes" & <tags>`, Categories: []string{"Asia"}},
	}
	var b bytes.Buffer
	created := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	if err := Write(&b, "wirewatch feeds", created, list); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "export.golden.opml"), b.Bytes())
	doc, err := Parse(b.Bytes())
	if err != nil {
		t.Fatalf("Parse of Write's output: %v", err)
	}
	if doc.Title != "wirewatch feeds" || len(doc.Problems) != 0 {
		t.Errorf("read back: title %q, problems %v", doc.Title, doc.Problems)
	}
	// A feed in two folders is read twice, each time with every category.
	var got []Feed
	seen := map[string]bool{}
	for _, f := range doc.Feeds {
		if !seen[f.URL] {
			seen[f.URL] = true
			f.Line = 0
			got = append(got, f)
		}
	}
	if !reflect.DeepEqual(got, list) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, list)
	}
}
