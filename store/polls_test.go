package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestSavePolls(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	// Two days on, so that the story stored now is due to be marked seen.
	t0 := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second)
	if _, err := s.AddItems(ctx, testItems("f", "old", 1), nil); err != nil {
		t.Fatal(err)
	}
	fItems := append(testItems("f", "a", 3), testItem("f", "old0"), testItem("f", "a0"))
	polls := []PolledFeed{
		{State: FeedState{Name: "f", URL: "https://f.example/rss", ETag: `"v1"`, LastFetch: t0, Result: wirewatch.ResultOK, NextPoll: t0.Add(time.Hour)},
			Items: fItems, Listed: append(ids(fItems), "gone"), Parsed: t0,
			Events: []EventMember{{Feed: "f", ID: "a0", Event: "ev1", Joined: t0}, {Feed: "f", ID: "old0", Event: "ev2", Joined: t0}}},
		{State: FeedState{Name: "g", LastFetch: t0, Result: wirewatch.ResultNotModified}},
		{State: FeedState{Name: "h", LastFetch: t0, Result: wirewatch.ResultError, LastError: "HTTP 503", Failures: 2, New: 7}},
	}
	added, err := s.SavePolls(ctx, polls, routeTo(Delivery{"out", wirewatch.KindDigest}, Delivery{"alerts", wirewatch.KindAlert}))
	if err != nil {
		t.Fatalf("SavePolls: %v", err)
	}
	if got, want := [][]string{ids(added[0]), ids(added[1]), ids(added[2])}, [][]string{{"a0", "a1", "a2"}, {}, {}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("SavePolls added %q, want %q", got, want)
	}
	for _, it := range added[0] {
		if it.FirstSeen.IsZero() || !it.Published.Equal(fItems[0].Published) {
			t.Errorf("added %s: first seen %v, published %v; want a first-seen time and the story's date", it.ID, it.FirstSeen, it.Published)
		}
	}
	for id, want := range map[string]string{"a0": "ev1", "a1": "", "old0": ""} {
		if got, err := s.EventOf(ctx, "f", id); err != nil || got != want {
			t.Errorf("EventOf(f, %s) = %q, %v; want %q (events of stories stored before are left alone)", id, got, err, want)
		}
	}
	if got := count(t, s, "SELECT count(*) FROM outbox"); got != 6 {
		t.Errorf("outbox rows = %d, want 6 (3 new stories, 2 outputs)", got)
	}
	if got := count(t, s, "SELECT count(*) FROM item_topics WHERE feed = 'f'"); got != 8 {
		t.Errorf("topic rows = %d, want 8 (4 stories, 2 topics)", got)
	}
	if got := count(t, s, "SELECT count(*) FROM items WHERE feed = 'f' AND last_seen = ?", t0.UnixNano()); got != 4 {
		t.Errorf("stories marked seen = %d, want 4 (every one listed)", got)
	}
	if got := count(t, s, "SELECT count(*) FROM feeds WHERE name = 'f' AND last_parsed = ?", t0.UnixNano()); got != 1 {
		t.Errorf("feed f's last parse not recorded")
	}
	if got := count(t, s, "SELECT count(*) FROM feeds WHERE last_parsed != 0"); got != 1 {
		t.Errorf("feeds with a last parse = %d, want 1: feeds not parsed record none", got)
	}
	for _, want := range []FeedState{
		{Name: "f", URL: "https://f.example/rss", ETag: `"v1"`, LastFetch: t0, Result: wirewatch.ResultOK, New: 3, NextPoll: t0.Add(time.Hour)},
		{Name: "g", LastFetch: t0, Result: wirewatch.ResultNotModified},
		{Name: "h", LastFetch: t0, Result: wirewatch.ResultError, LastError: "HTTP 503", Failures: 2},
	} {
		got, err := s.FeedState(ctx, want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("FeedState(%q) = %+v, want %+v", want.Name, got, want)
		}
	}
}

func TestSavePollsAllOrNothing(t *testing.T) {
	s, _ := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	route := func(*wirewatch.Item) []Delivery {
		if n++; n == 4 {
			cancel()
		}
		return []Delivery{{"out", wirewatch.KindDigest}}
	}
	polls := []PolledFeed{
		{State: FeedState{Name: "f", Result: wirewatch.ResultOK}, Items: testItems("f", "a", 3), Listed: []string{"a0"}, Parsed: time.Now()},
		{State: FeedState{Name: "g", Result: wirewatch.ResultOK}, Items: testItems("g", "b", 3)},
	}
	if _, err := s.SavePolls(ctx, polls, route); !errors.Is(err, context.Canceled) {
		t.Fatalf("SavePolls error = %v, want %v", err, context.Canceled)
	}
	for _, table := range []string{"items", "outbox", "item_topics", "feeds"} {
		if got := count(t, s, "SELECT count(*) FROM "+table); got != 0 {
			t.Errorf("%s rows after a failed SavePolls = %d, want 0", table, got)
		}
	}
	if _, err := s.SavePolls(context.Background(), []PolledFeed{{State: FeedState{Name: "f"}, Items: []*wirewatch.Item{{Feed: "f"}}}}, nil); err == nil {
		t.Errorf("SavePolls of a story without id = nil error, want one")
	}
	if _, err := s.SavePolls(context.Background(), []PolledFeed{{}}, nil); err == nil {
		t.Errorf("SavePolls of a feed without name = nil error, want one")
	}
}

// BenchmarkSavePolls stores 50 stories of one feed per op, each queued
// for 2 outputs, with the ids listed and the feed's state: one poll's
// writes in one transaction, with the statements prepared once.
func BenchmarkSavePolls(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	route := routeTo(Delivery{"a", wirewatch.KindDigest}, Delivery{"b", wirewatch.KindDigest})
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		items := testItems("f", fmt.Sprintf("b%d-", n), 50)
		p := PolledFeed{State: FeedState{Name: "f", Result: wirewatch.ResultOK}, Items: items, Listed: ids(items), Parsed: time.Now()}
		if _, err := s.SavePolls(ctx, []PolledFeed{p}, route); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*50)/b.Elapsed().Seconds(), "stories/s")
}
