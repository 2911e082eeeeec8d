package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/cputime"
)

// BenchmarkAddItems stores 50-item batches of realistic stories (Cyrillic
// title and ~400-character summary, a full analysis, two matches), each
// owed to a digest and an alert.
func BenchmarkAddItems(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
	const batch = 50
	route := routeTo(Delivery{"stdout", wirewatch.KindDigest}, Delivery{"discord", wirewatch.KindAlert})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		items := testItems("feed", fmt.Sprintf("b%d-", i), batch)
		b.StartTimer()
		added, err := s.AddItems(ctx, items, route)
		if err != nil {
			b.Fatal(err)
		}
		if len(added) != batch {
			b.Fatalf("added %d, want %d", len(added), batch)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkPendingMarkDelivered reads 200 pending rows with their stories and
// marks them delivered, as one digest delivery does.
func BenchmarkPendingMarkDelivered(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
	const rows = 200
	route := routeTo(Delivery{"stdout", wirewatch.KindDigest})
	at := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j := range rows / 50 {
			if _, err := s.AddItems(ctx, testItems("feed", fmt.Sprintf("b%d-%d-", i, j), 50), route); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		ps, err := s.Pending(ctx, "stdout", wirewatch.KindDigest, 0)
		if err != nil {
			b.Fatal(err)
		}
		if len(ps) != rows {
			b.Fatalf("pending %d, want %d", len(ps), rows)
		}
		if err := s.MarkDelivered(ctx, rowIDs(ps), at, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKnown asks which of a 50-story feed page are already stored, in a
// database of 5,000 stories.
func BenchmarkKnown(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
	for j := range 100 {
		if _, err := s.AddItems(ctx, testItems("feed", fmt.Sprintf("s%d-", j), 50), nil); err != nil {
			b.Fatal(err)
		}
	}
	page := ids(testItems("feed", "s7-", 50))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		known, err := s.Known(ctx, "feed", page)
		if err != nil {
			b.Fatal(err)
		}
		if len(known) != 50 {
			b.Fatalf("known %d, want 50", len(known))
		}
	}
}

// BenchmarkColdPoll stores what a poll stores for 4 feeds of 50 new
// stories each, as a cold poll does: the known-ids lookup of each feed,
// then, in one transaction, the stories (a full analysis, two matches,
// nine in ten without noise), one outbox row each, their events, the ids
// listed and the feeds' states. It reports CPU microseconds per story
// (getrusage).
func BenchmarkColdPoll(b *testing.B) {
	ctx := context.Background()
	s, _ := openTemp(b)
	const feeds, perFeed = 4, 50
	route := routeTo(Delivery{"jsonl", wirewatch.KindDigest})
	at := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	stories := 0
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		polls := make([]PolledFeed, feeds)
		for f := range polls {
			name := fmt.Sprintf("feed-%d", f)
			items := testItems(name, fmt.Sprintf("p%d-", i), perFeed)
			for j, it := range items {
				if j%10 != 0 {
					// Nine stories in ten have no noise in their title or
					// summary, as in the corpus.
					it.Analysis.CleanTitle, it.Analysis.CleanText = it.Title, it.Summary
				}
			}
			var members []EventMember
			for j, it := range items {
				members = append(members, EventMember{Feed: name, ID: it.ID, Event: fmt.Sprintf("ev-%d-%d", i, j%20), Joined: at,
					Score: 0.5, WithFeed: "feed-0", WithID: items[0].ID, Why: "names: Москва", WhyJSON: []byte(`{"names":["Москва"]}`)})
			}
			polls[f] = PolledFeed{State: FeedState{Name: name, URL: "https://news.example.org/" + name, Result: wirewatch.ResultOK, LastFetch: at},
				Items: items, Listed: ids(items), Parsed: at, Events: members}
		}
		b.StartTimer()
		began := cputime.Used(b)
		for _, p := range polls {
			known, err := s.Known(ctx, p.State.Name, p.Listed)
			if err != nil || len(known) != 0 {
				b.Fatalf("Known: %d known, error %v", len(known), err)
			}
		}
		added, err := s.SavePolls(ctx, polls, route)
		cpu += cputime.Used(b) - began
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range added {
			if len(a) != perFeed {
				b.Fatalf("added %d, want %d", len(a), perFeed)
			}
			stories += len(a)
		}
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(stories), "cpu-us/story")
}
