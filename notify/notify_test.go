package notify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/golden"
)

var now = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)

func sampleDigest() *wirewatch.Digest {
	icbm := &wirewatch.Item{
		ID: "1", Feed: "kcna-watch", Title: "North Korea fires ICBM", Link: "https://example.org/a",
		Summary: "raw", Published: now.Add(-2 * time.Hour),
		Analysis: &wirewatch.Analysis{Language: "en", CleanTitle: "North Korea fires ICBM", CleanText: "Pyongyang launched an\nintercontinental ballistic missile on Tuesday.", NoiseRatio: 0.2},
		Matches:  []wirewatch.Match{{Topic: "icbm", Name: "ICBMs", Hits: []wirewatch.Hit{{Term: "ICBM*", Field: "title"}, {Term: "Pyongyang", Field: "text"}, {Term: "ICBM*", Field: "text"}}}},
	}
	ru := &wirewatch.Item{
		ID: "2", Feed: "tass", Title: "КНДР провела испытание\nFAKE LINE", Published: now.Add(-30 * time.Minute),
		Analysis: &wirewatch.Analysis{Language: "ru", CleanTitle: "КНДР провела испытание\nFAKE LINE", CleanText: strings.Repeat("ракета ", 60), Flags: []string{"confusables"}},
		Matches:  []wirewatch.Match{{Topic: "icbm", Name: "ICBMs", Hits: []wirewatch.Hit{{Term: "КНДР", Field: "title"}}}},
	}
	icbm.Also = []*wirewatch.Item{{ID: "9", Feed: "ap", Title: "North Korea fires an ICBM"}, {ID: "8", Feed: "kcna-watch", Title: "same feed again"}}
	other := &wirewatch.Item{ID: "3", Feed: "afp", Title: "Weather", DeclaredLanguage: "fr", Published: now.Add(-72 * time.Hour)}
	return &wirewatch.Digest{Output: "console", Kind: "digest", Created: now, Groups: []wirewatch.Group{
		{Topic: "icbm", Title: "ICBMs", Stories: []*wirewatch.Item{ru, icbm}, More: 3},
		{Feed: "afp", Title: "afp", Stories: []*wirewatch.Item{other}},
	}}
}

func TestTextGolden(t *testing.T) {
	var buf bytes.Buffer
	out := NewText(&buf)
	out.Now = func() time.Time { return now }
	out.SummaryRunes = 80
	if err := out.Send(sampleDigest()); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "digest.txt"), buf.Bytes())
	if strings.Contains(buf.String(), "\nFAKE LINE") {
		t.Errorf("a line break in a title forged a line of output")
	}
}

func TestJSONLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.jsonl")
	out := NewJSONLines(path)
	for range 2 {
		if err := out.Send(sampleDigest()); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		if r.Output != "console" || r.Story == nil {
			t.Fatalf("record = %+v, want output console with a story", r)
		}
		ids = append(ids, r.Story.ID)
	}
	if got, want := strings.Join(ids, ","), "2,1,3,2,1,3"; got != want {
		t.Errorf("stories = %s, want %s", got, want)
	}
}
