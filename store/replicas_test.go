package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// replicaStores returns n stores on one database, as n replicas have: n
// connections to one PostgreSQL schema; on SQLite, whose writer lock
// admits one process, the same store n times.
func replicaStores(t *testing.T, n int) []*Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	first := openAt(t, path)
	out := []*Store{first}
	for len(out) < n {
		if onPostgres {
			out = append(out, openAt(t, path))
		} else {
			out = append(out, first)
		}
	}
	return out
}

func TestLeaseFeedsOncePerWindow(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	end := now.Add(time.Hour)
	steps := []struct {
		name   string
		feeds  []string
		holder string
		at     time.Time
		want   []string
	}{
		{"first replica takes all", []string{"a", "b", "a"}, "r1", now, []string{"a", "b"}},
		{"second replica, same window", []string{"a", "b", "c"}, "r2", now.Add(time.Second), []string{"c"}},
		{"first replica again, same window", []string{"a"}, "r1", now.Add(time.Minute), nil},
		{"next window", []string{"b", "a"}, "r2", end, []string{"b", "a"}},
	}
	for _, st := range steps {
		got, err := s.LeaseFeeds(ctx, st.feeds, st.holder, st.at, st.at.Add(time.Hour))
		if err != nil {
			t.Fatalf("%s: LeaseFeeds = %v", st.name, err)
		}
		if !slices.Equal(got, st.want) {
			t.Errorf("%s: LeaseFeeds(%q, %s) = %q, want %q", st.name, st.feeds, st.holder, got, st.want)
		}
	}
	// A replica that did not poll gives its lease back.
	if err := s.ReleaseFeeds(ctx, []string{"a", "b"}, "r1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.LeaseFeeds(ctx, []string{"a"}, "r1", end, end.Add(time.Hour)); got != nil {
		t.Errorf("after another holder's release: LeaseFeeds = %q, want none (r2 holds it)", got)
	}
	if err := s.ReleaseFeeds(ctx, []string{"a"}, "r2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.LeaseFeeds(ctx, []string{"a"}, "r1", end, end.Add(time.Hour)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("after its holder's release: LeaseFeeds = %q, want [a]", got)
	}
}

func TestLeaseFeedsRacingReplicas(t *testing.T) {
	ctx := context.Background()
	stores := replicaStores(t, 3)
	var feeds []string
	for i := range 60 {
		feeds = append(feeds, fmt.Sprintf("feed-%02d", i))
	}
	now := time.Now()
	var mu sync.Mutex
	leased := map[string][]string{}
	var wg sync.WaitGroup
	for r, s := range stores {
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				holder := fmt.Sprintf("r%d", r)
				// Each worker asks in its own order, some feeds at a time.
				order := slices.Clone(feeds)
				if w%2 == 1 {
					slices.Reverse(order)
				}
				for chunk := range slices.Chunk(order, 7) {
					got, err := s.LeaseFeeds(ctx, chunk, holder, now, now.Add(time.Hour))
					if err != nil {
						t.Errorf("LeaseFeeds: %v", err)
						return
					}
					mu.Lock()
					for _, f := range got {
						leased[f] = append(leased[f], fmt.Sprintf("%s/%d", holder, w))
					}
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for _, f := range feeds {
		if got := leased[f]; len(got) != 1 {
			t.Errorf("feed %s leased %d times (%q), want once", f, len(got), got)
		}
	}
}

// outboxOf stores n stories for output o and returns their rows' ids.
func outboxOf(t *testing.T, s *Store, o string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := s.AddItems(ctx, testItems("f", "s", n), routeTo(Delivery{Output: o, Kind: wirewatch.KindAlert})); err != nil {
		t.Fatal(err)
	}
	p, err := s.Pending(ctx, o, "", 0)
	if err != nil || len(p) != n {
		t.Fatalf("Pending = %d rows, %v; want %d", len(p), err, n)
	}
	return rowIDs(p)
}

func TestClaimPending(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	ids := outboxOf(t, s, "o", 5)
	now := time.Now()
	ttl := time.Minute
	claim := func(holder string, at time.Time, limit int) []int64 {
		t.Helper()
		p, err := s.ClaimPending(ctx, "o", wirewatch.KindAlert, limit, holder, at, at.Add(ttl))
		if err != nil {
			t.Fatalf("ClaimPending(%s) = %v", holder, err)
		}
		for _, r := range p {
			if r.Item == nil || r.Item.ID == "" {
				t.Errorf("claimed row %d has no story", r.ID)
			}
		}
		return rowIDs(p)
	}
	if got := claim("r1", now, 2); !slices.Equal(got, ids[:2]) {
		t.Errorf("r1 claims %v, want %v", got, ids[:2])
	}
	if got := claim("r2", now, 0); !slices.Equal(got, ids[2:]) {
		t.Errorf("r2 claims %v, want the rest %v", got, ids[2:])
	}
	if got := claim("r3", now, 0); len(got) != 0 {
		t.Errorf("r3 claims %v while every row is claimed, want none", got)
	}
	if got, err := s.Claims(ctx, now); err != nil || got["r1"] != 2 || got["r2"] != 3 || len(got) != 2 {
		t.Errorf("Claims = %v, %v; want r1 2, r2 3", got, err)
	}
	// r1 tried its rows, then died: after the claim expires r3 takes them
	// with their attempts, so it retries them first.
	if err := s.MarkAttempt(ctx, ids[:2]); err != nil {
		t.Fatal(err)
	}
	// r2 is alive and renews its claims; it delivered one row.
	if err := s.ExtendClaims(ctx, "r2", now.Add(10*ttl)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivered(ctx, ids[2:3], now, "m1"); err != nil {
		t.Fatal(err)
	}
	later := now.Add(2 * ttl)
	p, err := s.ClaimPending(ctx, "o", wirewatch.KindAlert, 0, "r3", later, later.Add(ttl))
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(p); !slices.Equal(got, ids[:2]) {
		t.Errorf("after r1's claims expired r3 claims %v, want %v (r2's renewed claims stay r2's)", got, ids[:2])
	}
	for _, r := range p {
		if r.Attempts != 1 {
			t.Errorf("row %d taken over with %d attempts, want 1", r.ID, r.Attempts)
		}
	}
	// r2 stops early and releases what it did not deliver.
	if err := s.ReleaseClaims(ctx, ids, "r2"); err != nil {
		t.Fatal(err)
	}
	if got := claim("r1", later, 0); !slices.Equal(got, ids[3:]) {
		t.Errorf("after r2's release r1 claims %v, want %v", got, ids[3:])
	}
	// Other outputs and kinds are not claimed.
	if p, err := s.ClaimPending(ctx, "other", "", 0, "r1", later, later.Add(ttl)); err != nil || len(p) != 0 {
		t.Errorf("ClaimPending(other) = %d rows, %v; want none", len(p), err)
	}
}

func TestClaimPendingRacingReplicas(t *testing.T) {
	ctx := context.Background()
	stores := replicaStores(t, 3)
	ids := outboxOf(t, stores[0], "o", 120)
	now := time.Now()
	var mu sync.Mutex
	claimed := map[int64]int{}
	var wg sync.WaitGroup
	for r, s := range stores {
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				holder := fmt.Sprintf("r%d/%d", r, w)
				for {
					p, err := s.ClaimPending(ctx, "o", wirewatch.KindAlert, 9, holder, now, now.Add(time.Hour))
					if err != nil {
						t.Errorf("ClaimPending: %v", err)
						return
					}
					if len(p) == 0 {
						return
					}
					mu.Lock()
					for _, r := range p {
						claimed[r.ID]++
					}
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for _, id := range ids {
		if claimed[id] != 1 {
			t.Errorf("row %d claimed %d times, want once", id, claimed[id])
		}
	}
}

func TestLead(t *testing.T) {
	ctx := context.Background()
	stores := replicaStores(t, 2)
	first, err := stores[0].Lead(ctx)
	if err != nil {
		t.Fatalf("first Lead = %v", err)
	}
	if err := first.Check(ctx); err != nil {
		t.Errorf("leader's Check = %v", err)
	}
	if !onPostgres {
		return // the writer lock makes the one process the leader
	}
	if _, err := stores[1].Lead(ctx); !errors.Is(err, ErrNotLeader) {
		t.Fatalf("second Lead while the first leads = %v, want ErrNotLeader", err)
	}
	first.Release()
	second, err := stores[1].Lead(ctx)
	if err != nil {
		t.Fatalf("Lead after the leader released = %v", err)
	}
	// The leader's connection is cut: its leadership is lost, and another
	// replica can lead.
	var pid int
	if err := second.conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := stores[0].w.ExecContext(ctx, "SELECT pg_terminate_backend(?)", pid); err != nil {
		t.Fatal(err)
	}
	if err := second.Check(ctx); err == nil {
		t.Error("Check after the leader's connection was cut = nil, want leadership lost")
	}
	second.Release()
	// The server ends the cut connection's session, and its lock, soon
	// after pg_terminate_backend returns.
	var third *Lead
	for range 50 {
		if third, err = stores[0].Lead(ctx); !errors.Is(err, ErrNotLeader) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("Lead after the leader's connection was cut = %v", err)
	}
	third.Release()
}

func TestOpenCreatesItsSchema(t *testing.T) {
	if !onPostgres {
		t.Skip("PostgreSQL only: a SQLite file is created by Open anyway")
	}
	ctx := context.Background()
	name := fmt.Sprintf("ww_new_%d", time.Now().UnixNano())
	u, err := url.Parse(postgresTestURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	dsn := u.String()
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open with a new schema = %v", err)
	}
	defer func() {
		s.w.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE")
		s.Close()
	}()
	var schema string
	if err := s.r.QueryRowContext(ctx, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox' AND table_schema = current_schema()").Scan(&schema); err != nil || schema != name {
		t.Errorf("outbox created in schema %q (%v), want %q", schema, err, name)
	}
}

func TestCopySQLiteToPostgres(t *testing.T) {
	if !onPostgres {
		t.Skip("PostgreSQL only: copies a SQLite store into PostgreSQL")
	}
	ctx := context.Background()
	src, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	alert := Delivery{Output: "o", Kind: wirewatch.KindAlert}
	if _, err := src.AddItems(ctx, testItems("f", "s", 450), routeTo(alert)); err != nil {
		t.Fatal(err)
	}
	before, err := src.Pending(ctx, "o", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := src.MarkDelivered(ctx, rowIDs(before[:100]), time.Now(), "m1"); err != nil {
		t.Fatal(err)
	}
	if err := src.Put(ctx, "k", []byte{0, 1, 2, 255}); err != nil {
		t.Fatal(err)
	}

	dst, _ := openTemp(t)
	rep, err := Copy(ctx, src, dst)
	if err != nil {
		t.Fatalf("Copy = %v", err)
	}
	if rep.Tables["items"] != 450 || rep.Tables["outbox"] != 450 {
		t.Errorf("Copy report = %v, want 450 items and outbox rows", rep.Tables)
	}
	want, _ := src.Pending(ctx, "o", "", 0)
	got, err := dst.Pending(ctx, "o", "", 0)
	if err != nil || !slices.Equal(rowIDs(got), rowIDs(want)) {
		t.Errorf("pending after the copy: %d rows (%v), want the same %d rows", len(got), err, len(want))
	}
	if len(got) > 0 && (got[0].Item.Title != want[0].Item.Title || got[0].Item.Analysis == nil) {
		t.Errorf("copied story = %q, want %q with its analysis", got[0].Item.Title, want[0].Item.Title)
	}
	if v, ok, err := dst.Get(ctx, "k"); err != nil || !ok || !slices.Equal(v, []byte{0, 1, 2, 255}) {
		t.Errorf("Get(k) after the copy = %v, %v, %v", v, ok, err)
	}
	// New stories get ids after the copied ones.
	added, err := dst.AddItems(ctx, testItems("f", "new", 3), routeTo(alert))
	if err != nil || len(added) != 3 {
		t.Fatalf("AddItems after the copy = %d, %v", len(added), err)
	}
	if _, err := Copy(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Errorf("Copy into a store with stories = %v, want a refusal", err)
	}
}
