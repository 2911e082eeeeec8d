package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// names returns the names of states.
func names(states []FeedState) []string {
	out := []string{}
	for _, s := range states {
		out = append(out, s.Name)
	}
	return out
}

func TestFeedsToAnnounce(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	now := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, st := range []FeedState{
		{Name: "ok", Result: wirewatch.ResultOK},
		{Name: "failing-1h", Result: wirewatch.ResultError, Failures: 2, FailingSince: now.Add(-time.Hour)},
		{Name: "failing-2d", Result: wirewatch.ResultError, Failures: 9, FailingSince: now.Add(-2 * day)},
		{Name: "failing-exactly-1d", Result: wirewatch.ResultError, Failures: 5, FailingSince: now.Add(-day)},
	} {
		if err := s.SaveFeedState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string, wantDead, wantRecovered []string) {
		t.Helper()
		dead, recovered, err := s.FeedsToAnnounce(ctx, now, day)
		if err != nil {
			t.Fatalf("%s: FeedsToAnnounce: %v", step, err)
		}
		if got := names(dead); !slices.Equal(got, wantDead) {
			t.Errorf("%s: dead = %v, want %v", step, got, wantDead)
		}
		if got := names(recovered); !slices.Equal(got, wantRecovered) {
			t.Errorf("%s: recovered = %v, want %v", step, got, wantRecovered)
		}
	}
	check("start", []string{"failing-2d", "failing-exactly-1d"}, []string{})

	if ok, err := s.MarkDeadAnnounced(ctx, "failing-2d", now); err != nil || !ok {
		t.Fatalf("MarkDeadAnnounced(failing-2d) = %v, %v; want true", ok, err)
	}
	if ok, err := s.MarkDeadAnnounced(ctx, "ok", now); err != nil || ok {
		t.Errorf("MarkDeadAnnounced(ok) = %v, %v; want false: it works", ok, err)
	}
	check("after announcing one", []string{"failing-exactly-1d"}, []string{})

	// A poll that fails again keeps the announcement: SaveFeedState does
	// not write it.
	st, _ := s.FeedState(ctx, "failing-2d")
	if !st.DeadAnnounced.Equal(now) {
		t.Errorf("DeadAnnounced = %v, want %v", st.DeadAnnounced, now)
	}
	st.Failures++
	if err := s.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	check("after another failure", []string{"failing-exactly-1d"}, []string{})

	// It works again: its recovery is due, once.
	st.Failures, st.FailingSince, st.Result, st.LastError = 0, time.Time{}, wirewatch.ResultNotModified, ""
	if err := s.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	check("after recovery", []string{"failing-exactly-1d"}, []string{"failing-2d"})
	if ok, err := s.MarkRecoveryAnnounced(ctx, "failing-2d"); err != nil || !ok {
		t.Fatalf("MarkRecoveryAnnounced = %v, %v; want true", ok, err)
	}
	check("after announcing the recovery", []string{"failing-exactly-1d"}, []string{})
}

func TestResumeFeed(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	now := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	stopped := FeedState{Name: "gone", Result: wirewatch.ResultError, LastError: "404 not found", Failures: 300,
		FailingSince: now.Add(-31 * 24 * time.Hour), Stopped: now, NextPoll: now.Add(6 * time.Hour)}
	if err := s.SaveFeedState(ctx, stopped); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkDeadAnnounced(ctx, "gone", now); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.ResumeFeed(ctx, "gone"); err != nil || !ok {
		t.Fatalf("ResumeFeed(gone) = %v, %v; want true", ok, err)
	}
	got, _ := s.FeedState(ctx, "gone")
	want := FeedState{Name: "gone", Result: wirewatch.ResultError, LastError: "404 not found", DeadAnnounced: now}
	if got != want {
		t.Errorf("after ResumeFeed: %+v, want %+v", got, want)
	}
	// Resumed but not working yet: no recovery to announce.
	if _, recovered, _ := s.FeedsToAnnounce(ctx, now, time.Hour); len(recovered) != 0 {
		t.Errorf("recovered after ResumeFeed = %v, want none until a fetch works", names(recovered))
	}
	if ok, err := s.ResumeFeed(ctx, "gone"); err != nil || ok {
		t.Errorf("ResumeFeed of a feed not stopped = %v, %v; want false, nil", ok, err)
	}
	if _, err := s.ResumeFeed(ctx, "never-seen"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ResumeFeed(never-seen) = %v, want ErrNotFound", err)
	}
}

func TestMigrationDatesFailingFeeds(t *testing.T) {
	sqliteOnly(t, "migrates a SQLite file from an old version")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := openPool(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, migrations[:2]); err != nil {
		t.Fatal(err)
	}
	last := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	if _, err := db.Exec(`INSERT INTO feeds (name, result, failures, last_fetch) VALUES ('bad', 'error', 4, ?), ('good', 'ok', 0, ?)`,
		toNanos(last), toNanos(last)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openAt(t, path)
	for name, want := range map[string]time.Time{"bad": last, "good": {}} {
		st, err := s.FeedState(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if !st.FailingSince.Equal(want) || !st.Stopped.IsZero() || !st.DeadAnnounced.IsZero() {
			t.Errorf("%s after migration: FailingSince %v, Stopped %v, DeadAnnounced %v; want %v, zero, zero",
				name, st.FailingSince, st.Stopped, st.DeadAnnounced, want)
		}
	}
}

func TestArticleCache(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	fetched := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	good := Article{URL: "https://news.example.org/a/1", Fetched: fetched, Title: "Заголовок", Text: "Первый абзац.\n\nВторой абзац.", Language: "ru"}
	bad := Article{URL: "https://news.example.org/a/2", Fetched: fetched.Add(-48 * time.Hour), Err: "fetch: 404 Not Found"}
	for _, a := range []Article{good, bad} {
		if err := s.CacheArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CacheArticle(ctx, Article{}); err == nil {
		t.Error("CacheArticle without a url = nil error, want one")
	}
	s.Close()
	s = openAt(t, path)
	for _, want := range []Article{good, bad} {
		got, ok, err := s.CachedArticle(ctx, want.URL)
		if err != nil || !ok || got != want {
			t.Errorf("CachedArticle(%q) = %+v, %v, %v; want %+v", want.URL, got, ok, err, want)
		}
	}
	if _, ok, err := s.CachedArticle(ctx, "https://news.example.org/a/3"); ok || err != nil {
		t.Errorf("CachedArticle(unknown) = %v, %v; want false, nil", ok, err)
	}
	// Replacing keeps one row.
	good.Text, good.Fetched = "Новый текст.", fetched.Add(time.Hour)
	if err := s.CacheArticle(ctx, good); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.CachedArticle(ctx, good.URL); got != good {
		t.Errorf("after replacing: %+v, want %+v", got, good)
	}
	if n, err := s.PruneArticles(ctx, fetched.Add(-24*time.Hour)); err != nil || n != 1 {
		t.Errorf("PruneArticles = %d, %v; want 1", n, err)
	}
	if _, ok, _ := s.CachedArticle(ctx, bad.URL); ok {
		t.Error("the old article is still cached after PruneArticles")
	}
}
