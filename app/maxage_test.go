package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// maxAgeApp returns an App over feed files, with the clock at now, a
// recorder for the output "rec" (the icbm and sanctions topics) and a
// JSON-lines file that takes every story.
func maxAgeApp(t *testing.T, now time.Time, feedList, extra string) (*App, *store.Store, *recorder, string) {
	t.Helper()
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "out.jsonl")
	cfg := parseConfig(t, fmt.Sprintf(`
feeds:
%s
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*, intercontinental ballistic missile*]
  - id: sanctions
    name: Sanctions
    any: [sanction*]
outputs:
  - type: stdout
    name: rec
  - type: jsonl
    path: %s
    all_stories: true
%s`, feedList, jsonl, extra))
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	rec := &recorder{}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": rec}}, Logger: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return a, st, rec, jsonl
}

// jsonlStories reads the published date of each story in a JSON-lines
// output, by id.
func jsonlStories(t *testing.T, path string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var line notify.Record
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.Story == nil {
			t.Fatalf("%s: %q: %v", path, sc.Text(), err)
		}
		out[line.Story.Feed+"/"+line.Story.ID] = line.Story.Published
	}
	return out
}

// TestFirstRunOverYearOldFeed: the first run over a feed that lists a
// year of stories delivers only those of the last poll.max_age (48h by
// default); the older ones are stored, so that they are never delivered
// later either.
func TestFirstRunOverYearOldFeed(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	feed, _ := filepath.Abs(filepath.Join("testdata", "yearold.xml"))
	a, st, rec, jsonl := maxAgeApp(t, now, fmt.Sprintf("  - url: %s\n    name: archive\n", feed), "")
	for run := 1; run <= 2; run++ {
		prep, drep, err := a.Once(context.Background(), false)
		if err != nil || drep.Incomplete() {
			t.Fatalf("run %d: Once = %+v, %v", run, drep, err)
		}
		if run == 1 && prep.New != 6 {
			t.Errorf("run 1 stored %d stories, want all 6", prep.New)
		}
	}
	want := []string{"digest:korea-20261130-un", "digest:korea-20261201-icbm"}
	if got := rec.ids(); !slices.Equal(got, want) {
		t.Errorf("delivered %v, want only the stories of the last 48h %v", got, want)
	}
	var ids []string
	for id := range jsonlStories(t, jsonl) {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if want := []string{"archive/korea-20261130-un", "archive/korea-20261201-icbm"}; !slices.Equal(ids, want) {
		t.Errorf("the file output got %v, want %v", ids, want)
	}
	known, err := st.Known(context.Background(), "archive", []string{"korea-20251128-parade", "korea-20251016-rates"})
	if err != nil || !known["korea-20251128-parade"] || !known["korea-20251016-rates"] {
		t.Errorf("old stories known = %v, %v; want them stored", known, err)
	}
}

// TestMaxAgeZeroDeliversAnyAge: poll.max_age: 0 delivers stories of any
// age, as before it existed.
func TestMaxAgeZeroDeliversAnyAge(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	feed, _ := filepath.Abs(filepath.Join("testdata", "yearold.xml"))
	a, _, rec, _ := maxAgeApp(t, now, fmt.Sprintf("  - url: %s\n    name: archive\n", feed), "poll:\n  max_age: 0\n")
	if _, _, err := a.Once(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if got := len(rec.ids()); got != 5 {
		t.Errorf("delivered %d stories (%v), want the 5 that match a topic", got, rec.ids())
	}
}

// TestFirstRunOverCorpusDeliversNothingOld: the first run over the real
// feeds of the corpus, captured months or years ago, delivers no story
// dated before poll.max_age.
func TestFirstRunOverCorpusDeliversNothingOld(t *testing.T) {
	dir := os.Getenv("WIREWATCH_CORPUS")
	if dir == "" {
		t.Skip("WIREWATCH_CORPUS is not set: skipping the run over the corpus's real feeds")
	}
	files, err := filepath.Glob(filepath.Join(dir, "feeds", "*", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus feeds under %s: %v", dir, err)
	}
	var list strings.Builder
	for i, f := range files {
		fmt.Fprintf(&list, "  - url: %s\n    name: corpus-%d\n", f, i)
	}
	now := time.Now()
	a, st, _, jsonl := maxAgeApp(t, now, list.String(), "")
	prep, _, err := a.Once(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.CountItemsSince(context.Background(), time.Time{})
	if err != nil || stored == 0 {
		t.Fatalf("stored %d stories, %v; want the corpus's stories stored", stored, err)
	}
	cutoff := now.Add(-48 * time.Hour)
	delivered := jsonlStories(t, jsonl)
	for id, published := range delivered {
		if published.Before(cutoff) {
			t.Errorf("delivered %s, published %v: older than poll.max_age", id, published)
		}
	}
	t.Logf("%d feeds, %d stories stored, %d delivered (undated ones count as new)", len(files), prep.New, len(delivered))
}
