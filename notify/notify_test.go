package notify

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/internal/golden"
)

var now = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)

// sampleItems are stories as the pipeline stores them: analysed, matched,
// one of them carried by two feeds.
func sampleItems() []*wirewatch.Item {
	hit := func(term, field string) wirewatch.Hit { return wirewatch.Hit{Term: term, Field: field} }
	icbm := func(feed, id string, age time.Duration) *wirewatch.Item {
		return &wirewatch.Item{
			ID: id, Feed: feed, Title: "North Korea fires ICBM", Link: "https://example.org/" + id,
			Summary: "raw", Published: now.Add(-age),
			Analysis: &wirewatch.Analysis{Language: "en", CleanTitle: "North Korea fires ICBM", CleanText: "Pyongyang launched an\nintercontinental ballistic missile on Tuesday.", NoiseRatio: 0.2},
			Matches:  []wirewatch.Match{{Topic: "icbm", Name: "ICBMs", Hits: []wirewatch.Hit{hit("ICBM*", "title"), hit("Pyongyang", "text"), hit("ICBM*", "text")}}},
		}
	}
	ru := &wirewatch.Item{
		ID: "2", Feed: "tass", Title: "КНДР провела испытание\nFAKE LINE", Published: now.Add(-30 * time.Minute),
		Analysis: &wirewatch.Analysis{Language: "ru", CleanTitle: "КНДР провела испытание\nFAKE LINE", CleanText: strings.Repeat("ракета ", 60), Flags: []string{"confusables"}},
		Matches:  []wirewatch.Match{{Topic: "icbm", Name: "ICBMs", Hits: []wirewatch.Hit{hit("КНДР", "title")}}},
	}
	older := func(id string, hours int) *wirewatch.Item {
		return &wirewatch.Item{ID: id, Feed: "yonhap", Title: fmt.Sprintf("Older launch report %s", id), Link: "https://yonhap.example/" + id,
			DeclaredLanguage: "en", Published: now.Add(-time.Duration(hours) * time.Hour),
			Matches: []wirewatch.Match{{Topic: "icbm", Name: "ICBMs", Hits: []wirewatch.Hit{hit("ICBM*", "text")}}}}
	}
	weather := &wirewatch.Item{ID: "3", Feed: "afp", Title: "Weather \u202eevil\u202c", DeclaredLanguage: "fr", Published: now.Add(-72 * time.Hour)}
	return []*wirewatch.Item{icbm("kcna-watch", "1", 2*time.Hour), icbm("ap", "9", 3*time.Hour), ru, older("o1", 5), older("o2", 6), weather}
}

// sampleDigest builds the digest of sampleItems the way an output gets it:
// through digest.Build, folded and capped at three stories a group.
func sampleDigest() *wirewatch.Digest {
	return digest.Build(sampleItems(), digest.Options{Output: "console", Kind: wirewatch.KindDigest,
		Order: []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}}, MaxPerGroup: 3, Fold: true, Now: now})
}

// progressLog is a Progress that keeps what it was told.
type progressLog struct {
	sending, accepted []Part
	failAccept        error
}

func (p *progressLog) Sending(_ context.Context, part Part) error {
	p.sending = append(p.sending, part)
	return nil
}

func (p *progressLog) Accepted(_ context.Context, part Part, _ string) error {
	if p.failAccept != nil {
		return p.failAccept
	}
	p.accepted = append(p.accepted, part)
	return nil
}

func ids(items []*wirewatch.Item) string {
	var s []string
	for _, it := range items {
		s = append(s, it.ID)
	}
	return strings.Join(s, ",")
}

func TestTextGolden(t *testing.T) {
	var buf bytes.Buffer
	out := NewText(&buf)
	out.Now = func() time.Time { return now }
	out.SummaryRunes = 80
	var p progressLog
	if err := out.Send(context.Background(), sampleDigest(), &p); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "digest.txt"), buf.Bytes())
	if strings.Contains(buf.String(), "\nFAKE LINE") {
		t.Errorf("a line break in a title forged a line of output")
	}
	if strings.ContainsAny(buf.String(), "\u202e\u202c") {
		t.Errorf("a bidi override reached the terminal")
	}
	if !strings.Contains(buf.String(), "matched: ICBM*, Pyongyang") {
		t.Errorf("the digest does not say why a story matched")
	}
	if len(p.accepted) != 1 {
		t.Fatalf("accepted %d parts, want the digest as one", len(p.accepted))
	}
	if got, want := ids(p.accepted[0].Shown), "2,1,9,o1,3"; got != want {
		t.Errorf("shown = %s, want %s (the copy 9 with its story)", got, want)
	}
	if got, want := ids(p.accepted[0].Counted), "o2"; got != want {
		t.Errorf("counted = %s, want %s", got, want)
	}
}

func TestTextEmptyDigestSendsNothing(t *testing.T) {
	var buf bytes.Buffer
	var p progressLog
	if err := NewText(&buf).Send(context.Background(), digest.Build(nil, digest.Options{Output: "x"}), &p); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 || len(p.sending) != 0 {
		t.Errorf("an empty digest wrote %q and reported %d parts", buf.String(), len(p.sending))
	}
}

// readRecords reads a JSON-lines file, failing on any line that is not a
// whole record.
func readRecords(t *testing.T, path string) []Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

func TestJSONLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.jsonl")
	out := NewJSONLines(path)
	// A file gets every story: no cap, each copy on a line of its own.
	d := digest.Build(sampleItems(), digest.Options{Output: "file", Kind: wirewatch.KindDigest, Now: now})
	for range 2 {
		var p progressLog
		if err := out.Send(context.Background(), d, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.accepted) != 1 || p.accepted[0].Len() != 6 {
			t.Fatalf("accepted %+v, want one part of 6 stories", p.accepted)
		}
	}
	var got []string
	for _, r := range readRecords(t, path) {
		if r.Output != "file" || r.Story == nil {
			t.Fatalf("record = %+v, want output file with a story", r)
		}
		if strings.ContainsAny(r.Story.Title, "\u202e\u202c") {
			t.Errorf("a bidi override reached the file: %q", r.Story.Title)
		}
		got = append(got, r.Topic+":"+r.Story.ID)
	}
	if got, want := strings.Join(got, ","), "icbm:2,icbm:1,icbm:9,icbm:o1,icbm:o2,:3"; got != want+","+want {
		t.Errorf("records = %s, want %s twice", got, want)
	}
}

// A line a crash left unfinished is cut off before the next write, so the
// file holds whole records only.
func TestJSONLinesCutsAnUnfinishedLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	out := NewJSONLines(path)
	d := digest.Build(sampleItems()[:1], digest.Options{Output: "file", Kind: wirewatch.KindDigest, Now: now})
	if err := out.Send(context.Background(), d, Discard{}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"output":"file","kind":"digest","story":{"id":"half`)
	f.Close()
	if err := out.Send(context.Background(), d, Discard{}); err != nil {
		t.Fatal(err)
	}
	if got := len(readRecords(t, path)); got != 2 {
		t.Errorf("file holds %d records, want 2 whole ones", got)
	}
}

// When the store cannot record what was accepted, Send says so.
func TestJSONLinesReportsProgressFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	boom := errors.New("store gone")
	d := digest.Build(sampleItems()[:1], digest.Options{Output: "file", Kind: wirewatch.KindDigest, Now: now})
	if err := NewJSONLines(path).Send(context.Background(), d, &progressLog{failAccept: boom}); !errors.Is(err, boom) {
		t.Errorf("Send = %v, want the progress error", err)
	}
}
