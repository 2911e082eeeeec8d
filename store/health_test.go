package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// fillDisk makes the database full, as a full disk would: no write that
// needs a new page succeeds (SQLITE_FULL), updates in place still do.
func fillDisk(tb testing.TB, s *Store) {
	tb.Helper()
	pages := count(tb, s, "PRAGMA page_count")
	if _, err := s.w.DB.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		tb.Fatal(err)
	}
}

func TestStoreErrorsAreReported(t *testing.T) {
	sqliteOnly(t, "a full disk is simulated with SQLite's max_page_count")
	s, path := openTemp(t)
	ctx := context.Background()
	polled := time.Now().Add(-time.Hour)
	for _, name := range []string{"due", "later"} {
		next := polled.Add(10 * time.Minute)
		if name == "later" {
			next = time.Now().Add(time.Hour)
		}
		if err := s.SaveFeedState(ctx, FeedState{Name: name, LastFetch: polled, Result: wirewatch.ResultOK, NextPoll: next}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check of a healthy store = %v", err)
	}

	fillDisk(t, s)
	_, err := s.AddItems(ctx, testItems("due", "big", 50), nil)
	if !IsStorageError(err) {
		t.Fatalf("AddItems on a full database = %v, want a storage error", err)
	}
	// Small writes in place and small commits may still succeed; the
	// store stays failing until it can store again.
	if err := s.SaveFeedState(ctx, FeedState{Name: "later", LastFetch: time.Now(), Result: wirewatch.ResultOK, NextPoll: time.Now().Add(time.Hour)}); err != nil {
		t.Logf("SaveFeedState on a full database: %v", err)
	}
	we := s.WriteError()
	if we == nil || !strings.Contains(we.Msg, "full") {
		t.Fatalf("WriteError after a full disk = %v, want the SQLITE_FULL error", we)
	}
	if err := s.Check(ctx); err == nil || !strings.Contains(err.Error(), "writes failing since") {
		t.Errorf("Check = %v, want writes failing", err)
	}

	// Another process (status) sees it through the lock file, and the due
	// feed is not ok.
	other := openAt(t, path, Shared())
	oe := other.WriteError()
	if oe == nil || oe.Reporter.PID != os.Getpid() || oe.Since.Sub(we.Since).Abs() > time.Second {
		t.Fatalf("WriteError through a Shared open = %+v, want the writer's error and pid", oe)
	}
	fs, err := other.FeedStatuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]wirewatch.FeedStatus{}
	for _, f := range fs {
		got[f.Name] = f
	}
	if f := got["due"]; f.Result != wirewatch.ResultError || !strings.Contains(f.LastError, "stories not stored") {
		t.Errorf("due feed while the disk is full = %s %q, want error: stories not stored", f.Result, f.LastError)
	}
	if f := got["later"]; f.Result != wirewatch.ResultOK {
		t.Errorf("feed saved since, or not due = %s %q, want ok", f.Result, f.LastError)
	}

	// Commits that fit do not clear it: a poll that stores all it has to
	// does.
	if err := s.MarkSeen(ctx, "later", nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	if s.WriteError() == nil {
		t.Error("a small commit cleared the storage error")
	}
	if _, err := s.w.DB.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	s.SetPollResult(nil)
	if err := s.Check(ctx); err != nil {
		t.Errorf("Check after a poll stored everything = %v, want nil", err)
	}
	if e := other.WriteError(); e != nil {
		t.Errorf("lock file record after recovery = %v, want none", e)
	}
	if _, err := s.AddItems(ctx, testItems("due", "big", 50), nil); err != nil {
		t.Errorf("AddItems after recovery = %v", err)
	}
}

func TestIsStorageError(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.w.Exec("INSERT INTO outbox (item, output, kind, created) VALUES (1, 'o', 'nonsense', 0)")
	if err == nil || IsStorageError(err) {
		t.Errorf("IsStorageError(constraint error %v) = true, want false", err)
	}
	if IsStorageError(context.Canceled) || IsStorageError(errors.New("x")) {
		t.Error("IsStorageError of a non-SQLite error = true")
	}
	if e := s.WriteError(); e != nil {
		t.Errorf("a constraint error set WriteError = %v", e)
	}
}

func TestFailedCounts(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.AddItems(ctx, testItems("f", "a", 3), routeTo(Delivery{"hook", wirewatch.KindDigest}, Delivery{"ops", wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Pending(ctx, "hook", "", 0)
	if err := s.MarkFailed(ctx, rowIDs(p[:2]), "404", true); err != nil {
		t.Fatal(err)
	}
	got, err := s.FailedCounts(ctx)
	if err != nil || len(got) != 1 || got["hook"] != 2 {
		t.Errorf("FailedCounts = %v, %v; want hook: 2", got, err)
	}
}

// TestStoreErrorOutlivesTheProcess: the next process to take the lock
// inherits a storage error left in the record, until a poll stores.
func TestStoreErrorOutlivesTheProcess(t *testing.T) {
	sqliteOnly(t, "a full disk is simulated with SQLite's max_page_count")
	s, path := openTemp(t)
	fillDisk(t, s)
	_, err := s.AddItems(context.Background(), testItems("f", "big", 50), nil)
	s.SetPollResult(err)
	if s.WriteError() == nil {
		t.Fatal("SetPollResult(storage error) left no WriteError")
	}
	s.Close()
	next := openAt(t, path, Command("once"))
	e := next.WriteError()
	if e == nil || !strings.Contains(e.Msg, "full") {
		t.Fatalf("WriteError after reopening = %v, want the error left by the last process", e)
	}
	next.SetPollResult(nil)
	if e := next.WriteError(); e != nil {
		t.Errorf("WriteError after a poll stored = %v, want nil", e)
	}
	if h, _ := ReadHolder(path); h.StoreError != "" || h.Command != "once" {
		t.Errorf("record = %+v, want once with no store error", h)
	}
}
