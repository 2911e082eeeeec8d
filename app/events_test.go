package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// demoFeeds is a configuration of the demo's bundled feeds, by name.
func demoFeeds(names ...string) string {
	files := map[string]string{"wire": "wire-en.xml", "press": "press-en.xml", "lenta": "lenta-ru.xml",
		"yonhap": "yonhap-ko.xml", "xinhua": "xinhua-zh.json"}
	y := "poll: {max_age: 0}\nfeeds:\n"
	for _, n := range names {
		abs, _ := filepath.Abs(filepath.Join("..", "examples", "feeds", files[n]))
		y += fmt.Sprintf("  - {name: %s, url: %q}\n", n, abs)
	}
	return y + "outputs: [{type: jsonl, name: rec, path: /dev/null, all_stories: true}]\n"
}

// newEventsApp opens the database and an App with a concept tagger.
func newEventsApp(t *testing.T, yaml, db string, now time.Time) (*App, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Config: parseConfig(t, yaml), Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.DiscardHandler),
		Tagger: tagger, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

// TestPollAssignsEventsAcrossRestarts polls four of the demo's feeds,
// stops, and polls the fifth a day later in a new process: its story joins
// the event the others began, with its reason, from the store.
func TestPollAssignsEventsAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ww.db")
	day1 := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	a, st := newEventsApp(t, demoFeeds("wire", "press", "lenta", "xinhua"), db, day1)
	if _, err := a.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	ev, err := st.EventOf(ctx, "wire", "wire-en-1001")
	if err != nil || ev == "" {
		t.Fatalf("EventOf(wire launch) = %q, %v, want an event", ev, err)
	}
	sum, err := st.EventSummary(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Outlets != 4 || !slices.Equal(sum.Languages, []string{"en", "ru", "zh"}) {
		t.Errorf("after day 1: %+v, want 4 outlets in en, ru, zh", sum)
	}
	st.Close()

	b, st2 := newEventsApp(t, demoFeeds("wire", "press", "lenta", "xinhua", "yonhap"), db, day1.Add(20*time.Hour))
	defer st2.Close()
	if _, err := b.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	members, err := st2.EventMembers(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	var feedsIn []string
	for _, m := range members {
		feedsIn = append(feedsIn, m.Feed)
		if m.Feed == "yonhap" && (m.Why == "" || m.Score <= 0 || m.Item.Gloss == "") {
			t.Errorf("yonhap joined without reason, score or gloss: %+v", m.EventMember)
		}
		if m.Item.Language() == "en" && m.Item.Gloss != "" {
			t.Errorf("%s/%s in English has gloss %q, want none", m.Feed, m.ID, m.Item.Gloss)
		}
	}
	if !slices.Contains(feedsIn, "yonhap") || len(members) != 5 {
		t.Errorf("members of %s = %v, want the five outlets with yonhap", ev, feedsIn)
	}
	sum, _ = st2.EventSummary(ctx, ev)
	if sum.Outlets != 5 || len(sum.Languages) != 4 {
		t.Errorf("after day 2: %+v, want 5 outlets in 4 languages", sum)
	}
}
