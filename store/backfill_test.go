package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// TestBacklogAndEnqueue: Backlog selects stories by window (first seen and
// published), by sequence and by topic; Enqueue queues them once, never
// beside a row the output already has.
func TestBacklogAndEnqueue(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	add := func(id string, firstSeen, published time.Time, topic string) {
		t.Helper()
		it := testItem("wire", id)
		it.FirstSeen, it.Published = firstSeen, published
		it.Matches = []wirewatch.Match{{Topic: topic, Hits: []wirewatch.Hit{{Term: topic, Field: "title"}}}}
		if _, err := s.AddItems(ctx, []*wirewatch.Item{it}, func(*wirewatch.Item) []Delivery {
			if id == "delivered" {
				return []Delivery{{Output: "new", Kind: wirewatch.KindDigest}}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	add("year-old", now.Add(-2*time.Hour), now.Add(-365*24*time.Hour), "icbm") // old story, seen lately
	add("week", now.Add(-6*24*time.Hour), now.Add(-6*24*time.Hour), "icbm")
	add("day", now.Add(-3*time.Hour), now.Add(-3*time.Hour), "icbm")
	add("other-topic", now.Add(-3*time.Hour), now.Add(-3*time.Hour), "sanctions")
	seq, err := s.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	add("delivered", now.Add(-time.Hour), now.Add(-time.Hour), "icbm")
	add("later", now.Add(-30*time.Hour), now.Add(-400*24*time.Hour), "icbm")

	for _, tc := range []struct {
		name string
		b    Backlog
		want []string
	}{
		{"nothing asked", Backlog{Topics: []string{"icbm"}}, nil},
		{"24h of icbm", Backlog{Topics: []string{"icbm"}, Since: now.Add(-24 * time.Hour)}, []string{"day", "delivered"}},
		{"7d of every topic", Backlog{Since: now.Add(-7 * 24 * time.Hour)}, []string{"week", "day", "other-topic", "delivered"}},
		{"7d, newest 2", Backlog{Since: now.Add(-7 * 24 * time.Hour), Limit: 2}, []string{"other-topic", "delivered"}},
		{"stored later", Backlog{Topics: []string{"icbm"}, Later: true, AfterSeq: seq}, []string{"delivered", "later"}},
		{"stored later, from nothing", Backlog{Topics: []string{"sanctions"}, Later: true}, []string{"other-topic"}},
	} {
		items, err := s.Backlog(ctx, tc.b)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, it := range items {
			got = append(got, it.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Backlog(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}

	q := func(id string) Queued {
		return Queued{Feed: "wire", ID: id, Delivery: Delivery{Output: "new", Kind: wirewatch.KindDigest}}
	}
	n, err := s.Enqueue(ctx, []Queued{q("day"), q("delivered"), q("day"), q("gone")}, now)
	if err != nil || n != 1 {
		t.Fatalf("Enqueue = %d, %v; want 1 row (day: once; delivered has its row; gone is not stored)", n, err)
	}
	pend, err := s.Pending(ctx, "new", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pend {
		got = append(got, p.Item.ID)
	}
	if want := []string{"delivered", "day"}; !slices.Equal(got, want) {
		t.Errorf("pending = %v, want %v", got, want)
	}
}
