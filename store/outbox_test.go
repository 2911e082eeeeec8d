package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestOutboxFlow(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	// Alerts for stories matching an alert topic go to discord; everything
	// goes to stdout's digest.
	route := func(it *wirewatch.Item) []Delivery {
		ds := []Delivery{{"stdout", wirewatch.KindDigest}}
		for _, m := range it.Matches {
			if m.Alert {
				ds = append(ds, Delivery{"discord", wirewatch.KindAlert}, Delivery{"discord", wirewatch.KindAlert})
			}
		}
		return ds
	}
	items := testItems("f", "a", 4)
	items[1].Matches, items[3].Matches = nil, nil
	if _, err := s.AddItems(ctx, items, route); err != nil {
		t.Fatal(err)
	}
	counts, err := s.PendingCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"stdout": 4, "discord": 2}; !reflect.DeepEqual(counts, want) {
		t.Errorf("PendingCounts = %v, want %v", counts, want)
	}

	pendingIDs := func(output string, kind wirewatch.Kind, limit int) []string {
		t.Helper()
		ps, err := s.Pending(ctx, output, kind, limit)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.Item.ID
		}
		return out
	}
	for _, c := range []struct {
		output string
		kind   wirewatch.Kind
		limit  int
		want   []string
	}{
		{"stdout", wirewatch.KindDigest, 0, []string{"a0", "a1", "a2", "a3"}},
		{"stdout", wirewatch.KindDigest, 2, []string{"a0", "a1"}},
		{"stdout", wirewatch.KindAlert, 0, []string{}},
		{"discord", wirewatch.KindAlert, 0, []string{"a0", "a2"}},
		{"discord", "", 0, []string{"a0", "a2"}},
		{"nobody", "", 0, []string{}},
	} {
		if got := pendingIDs(c.output, c.kind, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("Pending(%q, %q, %d) = %v, want %v", c.output, c.kind, c.limit, got, c.want)
		}
	}

	alerts, _ := s.Pending(ctx, "discord", wirewatch.KindAlert, 0)
	if p := alerts[0]; p.Output != "discord" || p.Kind != wirewatch.KindAlert || p.Attempts != 0 || p.Created.IsZero() ||
		p.Created.Location() != time.UTC || !reflect.DeepEqual(p.Item.Analysis, items[0].Analysis) {
		t.Errorf("Pending row = %+v, want a fresh discord alert for a0 with its analysis", p)
	}

	// An attempt is counted; a transient failure keeps the row pending.
	if err := s.MarkAttempt(ctx, rowIDs(alerts[:1])); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rowIDs(alerts[:1]), "502 bad gateway", false); err != nil {
		t.Fatal(err)
	}
	alerts, _ = s.Pending(ctx, "discord", wirewatch.KindAlert, 0)
	if len(alerts) != 2 || alerts[0].Attempts != 1 || alerts[0].LastError != "502 bad gateway" {
		t.Errorf("after a transient failure: %+v, want 2 pending, first with 1 attempt and its error", alerts)
	}
	// A permanent failure moves it out of pending into failed.
	if err := s.MarkAttempt(ctx, rowIDs(alerts[:1])); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rowIDs(alerts[:1]), "404 unknown webhook", true); err != nil {
		t.Fatal(err)
	}
	if got := pendingIDs("discord", wirewatch.KindAlert, 0); !slices.Equal(got, []string{"a2"}) {
		t.Errorf("pending after a permanent failure = %v, want [a2]", got)
	}
	failed, err := s.Failed(ctx, "discord")
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || failed[0].Item.ID != "a0" || failed[0].Attempts != 2 || failed[0].LastError != "404 unknown webhook" {
		t.Errorf("Failed(discord) = %+v, want a0 with 2 attempts and the 404", failed)
	}
	if all, _ := s.Failed(ctx, ""); len(all) != 1 {
		t.Errorf("Failed(\"\") = %d rows, want 1", len(all))
	}
	if other, _ := s.Failed(ctx, "stdout"); len(other) != 0 {
		t.Errorf("Failed(stdout) = %d rows, want 0", len(other))
	}
	// Marking a failed row again changes nothing.
	if err := s.MarkFailed(ctx, rowIDs(failed), "again", true); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkAttempt(ctx, rowIDs(failed)); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Failed(ctx, "discord"); again[0].Attempts != 2 {
		t.Errorf("attempts after marking a failed row = %d, want 2", again[0].Attempts)
	}
	// Retry puts it back.
	if n, err := s.Retry(ctx, rowIDs(failed)); err != nil || n != 1 {
		t.Errorf("Retry = %d, %v, want 1, nil", n, err)
	}
	if got := pendingIDs("discord", wirewatch.KindAlert, 0); !slices.Equal(got, []string{"a0", "a2"}) {
		t.Errorf("pending after Retry = %v, want [a0 a2]", got)
	}

	// Delivery removes rows from pending, idempotently.
	digest, _ := s.Pending(ctx, "stdout", wirewatch.KindDigest, 3)
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for range 2 {
		if err := s.MarkDelivered(ctx, rowIDs(digest), at, ""); err != nil {
			t.Fatal(err)
		}
	}
	if got := pendingIDs("stdout", wirewatch.KindDigest, 0); !slices.Equal(got, []string{"a3"}) {
		t.Errorf("pending after delivery = %v, want [a3]", got)
	}
	if got := count(t, s, "SELECT count(*) FROM outbox WHERE status = 'delivered' AND delivered = ?", at.UnixNano()); got != 3 {
		t.Errorf("rows delivered at %v = %d, want 3", at, got)
	}
	// Delivered rows cannot fail any more.
	if err := s.MarkFailed(ctx, rowIDs(digest), "late", true); err != nil {
		t.Fatal(err)
	}
	if failed, _ := s.Failed(ctx, "stdout"); len(failed) != 0 {
		t.Errorf("delivered rows marked failed: %+v", failed)
	}
	counts, _ = s.PendingCounts(ctx)
	if want := map[string]int{"stdout": 1, "discord": 2}; !reflect.DeepEqual(counts, want) {
		t.Errorf("PendingCounts at the end = %v, want %v", counts, want)
	}
	for _, empty := range []func() error{
		func() error { return s.MarkDelivered(ctx, nil, at, "") },
		func() error { return s.MarkFailed(ctx, nil, "x", true) },
		func() error { return s.MarkAttempt(ctx, nil) },
	} {
		if err := empty(); err != nil {
			t.Errorf("marking no rows = %v, want nil", err)
		}
	}
}

func TestCrashBetweenDeliveryAndMark(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddItems(ctx, testItems("f", "a", 3), routeTo(Delivery{"out", wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	ps, err := s.Pending(ctx, "out", wirewatch.KindDigest, 0)
	if err != nil || len(ps) != 3 {
		t.Fatalf("Pending = %d, %v, want 3", len(ps), err)
	}
	// The output sent them, then the process died before MarkDelivered.
	s.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.Pending(ctx, "out", wirewatch.KindDigest, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rowIDs(again), rowIDs(ps)) {
		t.Fatalf("pending after restart = %v, want the same rows %v", rowIDs(again), rowIDs(ps))
	}
	if err := s.MarkDelivered(ctx, rowIDs(again), time.Now(), ""); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openAt(t, path)
	if left, _ := s.Pending(ctx, "out", "", 0); len(left) != 0 {
		t.Errorf("pending after marking and restart = %d, want 0", len(left))
	}
}

// TestConcurrentUse runs producers adding overlapping batches, one
// deliverer per output draining the outbox and a reader at once; every story
// must be stored once and delivered, in the end, exactly once per output.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	const producers, batches, batch = 4, 10, 10
	outputs := []string{"stdout", "discord"}
	route := routeTo(Delivery{"stdout", wirewatch.KindDigest}, Delivery{"discord", wirewatch.KindAlert})

	var mu sync.Mutex
	added := map[string]int{}
	delivered := map[string]int{} // output + "/" + item id
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, producers+len(outputs)+1)

	var prod sync.WaitGroup
	for p := range producers {
		prod.Go(func() {
			for b := range batches {
				// Producers p and p+1 share half their ids.
				items := append(testItems("f", fmt.Sprintf("p%d-b%d-", p, b), batch/2),
					testItems("f", fmt.Sprintf("p%d-b%d-", (p+1)%producers, b), batch)[batch/2:]...)
				if _, err := s.Known(ctx, "f", ids(items)); err != nil {
					errs <- err
					return
				}
				got, err := s.AddItems(ctx, items, route)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				for _, it := range got {
					added[it.ID]++
				}
				mu.Unlock()
			}
		})
	}
	drain := func(output string) error {
		ps, err := s.Pending(ctx, output, "", 7)
		if err != nil {
			return err
		}
		if err := s.MarkDelivered(ctx, rowIDs(ps), time.Now(), ""); err != nil {
			return err
		}
		mu.Lock()
		for _, p := range ps {
			delivered[output+"/"+p.Item.ID]++
		}
		mu.Unlock()
		return nil
	}
	for _, output := range outputs {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if err := drain(output); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := s.PendingCounts(ctx); err != nil {
				errs <- err
				return
			}
			if _, err := s.ItemsSince(ctx, time.Time{}, 20); err != nil {
				errs <- err
				return
			}
		}
	})
	prod.Wait()
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, output := range outputs {
		for {
			before := len(delivered)
			if err := drain(output); err != nil {
				t.Fatal(err)
			}
			if len(delivered) == before {
				break
			}
		}
	}

	// Producer p adds ids p-b-0..4 and (p+1)-b-5..9, so together they
	// cover every p-b-i once.
	const want = producers * batches * batch
	if stored := count(t, s, "SELECT count(*) FROM items"); stored != want {
		t.Errorf("stored items = %d, want %d", stored, want)
	}
	if len(added) != want {
		t.Errorf("distinct items reported added = %d, want %d", len(added), want)
	}
	for id, n := range added {
		if n != 1 {
			t.Errorf("item %s reported added %d times", id, n)
		}
	}
	if len(delivered) != 2*want {
		t.Errorf("distinct deliveries = %d, want %d", len(delivered), 2*want)
	}
	for k, n := range delivered {
		if n != 1 {
			t.Errorf("%s delivered %d times", k, n)
		}
	}
	if left := count(t, s, "SELECT count(*) FROM outbox WHERE status != 'delivered'"); left != 0 {
		t.Errorf("undelivered rows at the end = %d, want 0", left)
	}
}

// TestTwoProcesses opens the same file twice, as a wirewatch process and
// a Shared one beside it (retry beside run) would, and writes from both at
// once.
func TestTwoProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a, b := openAt(t, path), openAt(t, path, Shared())
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for i, s := range []*Store{a, b} {
		wg.Go(func() {
			for n := range 20 {
				if _, err := s.AddItems(ctx, testItems("f", fmt.Sprintf("s%d-%d-", i, n), 5),
					routeTo(Delivery{"out", wirewatch.KindDigest})); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n, err := b.CountItemsSince(ctx, time.Time{}); err != nil || n != 200 {
		t.Errorf("items seen by the second store = %d, %v, want 200", n, err)
	}
	counts, _ := a.PendingCounts(ctx)
	if counts["out"] != 200 {
		t.Errorf("pending seen by the first store = %v, want out: 200", counts)
	}
}

// TestMigrationKeepsTheOutbox: a database of the first schema, with rows
// in every state, opens under the current one with its outbox intact, and
// the new "counted" state and message ids work.
func TestMigrationKeepsTheOutbox(t *testing.T) {
	sqliteOnly(t, "migrates a SQLite file from an old version")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := openPool(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO items (seq, feed, id, first_seen) VALUES (1, 'f', 'a', 1), (2, 'f', 'b', 1), (3, 'f', 'c', 1)`,
		`INSERT INTO outbox (item, output, kind, status, attempts, created, delivered, last_error) VALUES
			(1, 'o', 'digest', 'pending', 2, 1, 0, 'timeout'),
			(2, 'o', 'digest', 'delivered', 1, 1, 5, ''),
			(3, 'o', 'alert', 'failed', 20, 1, 0, 'http 400')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s := openAt(t, path)
	pend, err := s.Pending(ctx, "o", "", 0)
	if err != nil || len(pend) != 1 || pend[0].Item.ID != "a" || pend[0].Attempts != 2 || pend[0].LastError != "timeout" {
		t.Fatalf("pending after the migration = %+v (%v), want a with its attempts and error", pend, err)
	}
	failed, err := s.Failed(ctx, "o")
	if err != nil || len(failed) != 1 || failed[0].Item.ID != "c" || failed[0].Kind != wirewatch.KindAlert {
		t.Fatalf("failed after the migration = %+v (%v), want the alert c", failed, err)
	}
	if got := count(t, s, `SELECT count(*) FROM outbox WHERE status = 'delivered' AND delivered = 5`); got != 1 {
		t.Errorf("delivered rows after the migration = %d, want 1", got)
	}
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	if err := s.MarkCounted(ctx, []int64{pend[0].ID}, at, "700000000000000009"); err != nil {
		t.Fatal(err)
	}
	counted, err := s.Counted(ctx, "o", time.Time{}, 0)
	if err != nil || len(counted) != 1 || counted[0].Item.ID != "a" || !counted[0].Done.Equal(at) {
		t.Errorf("Counted = %+v (%v), want a counted at %v", counted, err, at)
	}
	if got := count(t, s, `SELECT count(*) FROM outbox WHERE message = '700000000000000009'`); got != 1 {
		t.Errorf("rows with the message id = %d, want 1", got)
	}
}
