package store

import (
	"context"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestPrune(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	items := testItems("wire", "old", 3)
	for _, it := range items {
		it.FirstSeen = old
	}
	if _, err := s.AddItems(ctx, items, routeTo(Delivery{Output: "discord", Kind: wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	pend, err := s.Pending(ctx, "discord", wirewatch.KindDigest, 0)
	if err != nil {
		t.Fatal(err)
	}
	// old0 delivered, old1 failed, old2 still pending.
	if err := s.MarkDelivered(ctx, []int64{pend[0].ID}, old, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, []int64{pend[1].ID}, "403", true); err != nil {
		t.Fatal(err)
	}
	fresh := testItems("wire", "new", 1)
	fresh[0].FirstSeen = old.Add(60 * 24 * time.Hour)
	if _, err := s.AddItems(ctx, fresh, nil); err != nil {
		t.Fatal(err)
	}

	n, err := s.Prune(ctx, old.Add(30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("Prune slimmed %d stories, want 1 (old0: delivered; old1 failed and old2 pending stay whole; new0 is recent)", n)
	}
	if got := count(t, s, "SELECT count(*) FROM items WHERE summary = '' AND analysis IS NULL"); got != 1 {
		t.Errorf("slimmed stories = %d, want 1", got)
	}
	if got := count(t, s, "SELECT count(*) FROM outbox WHERE status = 'delivered'"); got != 0 {
		t.Errorf("delivered outbox rows left = %d, want 0", got)
	}
	if got, _ := s.Pending(ctx, "discord", wirewatch.KindDigest, 0); len(got) != 1 || got[0].Item.Summary == "" {
		t.Errorf("the pending story lost its summary or its row: %+v", got)
	}
	// A pruned story is still known: it is never stored or delivered again.
	known, err := s.Known(ctx, "wire", []string{"old0"})
	if err != nil || !known["old0"] {
		t.Errorf("Known(old0) = %v, %v; want true after pruning", known, err)
	}
	again := testItems("wire", "old", 1)
	added, err := s.AddItems(ctx, again, routeTo(Delivery{Output: "discord", Kind: wirewatch.KindDigest}))
	if err != nil || len(added) != 0 {
		t.Errorf("re-adding a pruned story stored %d, %v; want 0", len(added), err)
	}
	if counts, _ := s.TopicCounts(ctx, old.Add(-time.Hour)); counts["storms"] != 4 {
		t.Errorf("topic counts after pruning = %v, want storms: 4", counts)
	}
}
