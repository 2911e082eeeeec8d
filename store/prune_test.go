package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

	rep, err := s.Prune(ctx, old.Add(30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Slimmed; n != 1 {
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

const day = 24 * time.Hour

// poll stores and marks seen what one parse of feed at at listed.
func poll(tb testing.TB, s *Store, feed string, ids []string, at time.Time) {
	tb.Helper()
	ctx := context.Background()
	var items []*wirewatch.Item
	for _, id := range ids {
		it := testItem(feed, id)
		it.FirstSeen = at
		items = append(items, it)
	}
	if _, err := s.AddItems(ctx, items, nil); err != nil {
		tb.Fatal(err)
	}
	if err := s.MarkSeen(ctx, feed, ids, at); err != nil {
		tb.Fatal(err)
	}
}

func fileSize(tb testing.TB, path string) int64 {
	tb.Helper()
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	return total
}

// TestPruneGuidChurn: a feed that gives its stories new guids on every
// poll keeps one retention period of rows, and the file stops growing.
func TestPruneGuidChurn(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const perPoll, retention = 25, 5 * day
	var sizeAt12 int64
	for d := range 30 {
		now := start.Add(time.Duration(d) * day)
		var ids []string
		for i := range perPoll {
			ids = append(ids, fmt.Sprintf("churn-%d-%d", d, i))
		}
		poll(t, s, "churn", ids, now)
		if _, err := s.Prune(ctx, now.Add(-retention)); err != nil {
			t.Fatal(err)
		}
		if d == 12 && !onPostgres {
			sizeAt12 = fileSize(t, path)
		}
	}
	// Rows last seen within retention plus the seen resolution stay.
	if got, limit := count(t, s, "SELECT count(*) FROM items"), perPoll*(5+2); got > limit {
		t.Errorf("after 30 days of churn %d stories are stored, want at most %d", got, limit)
	}
	if got := count(t, s, "SELECT count(*) FROM item_topics WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.feed = item_topics.feed AND i.id = item_topics.id)"); got != 0 {
		t.Errorf("%d topic index rows outlived their stories", got)
	}
	if onPostgres {
		return // the space is autovacuum's to reuse
	}
	if got := count(t, s, "PRAGMA freelist_count"); got != 0 {
		t.Errorf("free pages after pruning = %d, want 0 (given back)", got)
	}
	if size := fileSize(t, path); size > sizeAt12*5/4 {
		t.Errorf("database grew from %d bytes at day 12 to %d at day 30, want it bounded", sizeAt12, size)
	}
}

// TestPruneKeepsWhatTheFeedCanRepeat: stories the feed still lists, or
// listed at its last parse (a feed answering 304 since), keep their
// identity however old; stories owed to an output stay whole.
func TestPruneKeepsWhatTheFeedCanRepeat(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// "evergreen" is listed by every parse for 200 days; "dropped" only
	// for the first 10; "owed" is never listed again but still pending.
	owed := testItem("wire", "owed")
	owed.FirstSeen = start
	if _, err := s.AddItems(ctx, []*wirewatch.Item{owed}, routeTo(Delivery{Output: "discord", Kind: wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	for d := 0; d <= 200; d++ {
		ids := []string{"evergreen"}
		if d < 10 {
			ids = append(ids, "dropped")
		}
		poll(t, s, "wire", ids, start.Add(time.Duration(d)*day))
	}
	// A feed that answers 304 after day 5: its last parse is day 5.
	for d := 0; d <= 5; d++ {
		poll(t, s, "quiet", []string{"still-listed"}, start.Add(time.Duration(d)*day))
	}
	now := start.Add(200 * day)
	rep, err := s.Prune(ctx, now.Add(-30*day))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Deleted != 1 {
		t.Errorf("Prune deleted %d stories, want 1 (dropped)", rep.Deleted)
	}
	known, err := s.Known(ctx, "wire", []string{"evergreen", "dropped", "owed"})
	if err != nil {
		t.Fatal(err)
	}
	if !known["evergreen"] || known["dropped"] || !known["owed"] {
		t.Errorf("known after pruning = %v, want evergreen and owed only", known)
	}
	if k, _ := s.Known(ctx, "quiet", []string{"still-listed"}); !k["still-listed"] {
		t.Error("a story listed at the last parse of a feed answering 304 since was deleted")
	}
	if p, _ := s.Pending(ctx, "discord", wirewatch.KindDigest, 0); len(p) != 1 || p[0].Item.Summary == "" {
		t.Errorf("the pending story lost its row or its text: %+v", p)
	}
}

func TestMarkSeenWritesAtMostDaily(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	poll(t, s, "f", []string{"a"}, t0)
	seen := func() int64 {
		var n int64
		if err := s.w.QueryRow(`SELECT max(first_seen, last_seen) FROM items WHERE id = 'a'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, c := range []struct {
		at   time.Time
		want time.Time
	}{
		{t0.Add(time.Hour), t0},
		{t0.Add(23 * time.Hour), t0},
		{t0.Add(25 * time.Hour), t0.Add(25 * time.Hour)},
		{t0.Add(26 * time.Hour), t0.Add(25 * time.Hour)},
	} {
		if err := s.MarkSeen(ctx, "f", []string{"a", "unknown"}, c.at); err != nil {
			t.Fatal(err)
		}
		if got := seen(); got != c.want.UnixNano() {
			t.Errorf("after MarkSeen at %s: last seen %s, want %s", c.at, time.Unix(0, got).UTC(), c.want)
		}
	}
	var parsed int64
	s.w.QueryRow(`SELECT last_parsed FROM feeds WHERE name = 'f'`).Scan(&parsed)
	if want := t0.Add(26 * time.Hour).UnixNano(); parsed != want {
		t.Errorf("last_parsed = %d, want %d", parsed, want)
	}
}

func TestIncrementalVacuum(t *testing.T) {
	sqliteOnly(t, "incremental vacuum is SQLite's")
	ctx := context.Background()
	s, _ := openTemp(t)
	if got := count(t, s, "PRAGMA auto_vacuum"); got != 2 {
		t.Errorf("auto_vacuum of a new database = %d, want 2 (incremental)", got)
	}

	// A database written by a release before incremental vacuum is
	// converted, keeping its data.
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := openPool(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO items (feed, id, first_seen) VALUES ('f', 'a', 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	old := openAt(t, path)
	if got := count(t, old, "PRAGMA auto_vacuum"); got != 2 {
		t.Errorf("auto_vacuum after upgrading = %d, want 2", got)
	}
	if k, err := old.Known(ctx, "f", []string{"a"}); err != nil || !k["a"] {
		t.Errorf("Known after upgrading = %v, %v; want a", k, err)
	}
}

func TestPruneDeletesCountedRows(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	items := testItems("wire", "c", 2)
	for _, it := range items {
		it.FirstSeen = old
	}
	if _, err := s.AddItems(ctx, items, routeTo(Delivery{Output: "discord", Kind: wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	pend, err := s.Pending(ctx, "discord", wirewatch.KindDigest, 0)
	if err != nil || len(pend) != 2 {
		t.Fatalf("Pending = %d, %v", len(pend), err)
	}
	if err := s.MarkCounted(ctx, []int64{pend[0].ID}, old, "m1"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkCounted(ctx, []int64{pend[1].ID}, old.Add(60*day), "m2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(ctx, old.Add(30*day)); err != nil {
		t.Fatal(err)
	}
	if got := count(t, s, "SELECT count(*) FROM outbox WHERE status = 'counted'"); got != 1 {
		t.Errorf("counted rows after pruning = %d, want 1 (the recent one)", got)
	}
}
