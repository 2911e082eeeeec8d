package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
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
