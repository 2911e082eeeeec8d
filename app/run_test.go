package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunAlertsDoNotWaitForSlowFeeds: while one feed hangs, a story that
// matches an alert topic on another feed is delivered at once; Run stops
// cleanly when its context ends.
func TestRunAlertsDoNotWaitForSlowFeeds(t *testing.T) {
	fast := &growingFeed{}
	fast.add("1", "ICBM launch")
	fastSrv := httptest.NewServer(fast)
	defer fastSrv.Close()
	release := make(chan struct{})
	slowSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		http.Error(w, "late", http.StatusServiceUnavailable)
	}))
	defer slowSrv.Close()
	defer close(release)
	cfg := parseConfig(t, fmt.Sprintf(`
poll:
  schedule: "@every 1h"
feeds:
  - url: %s
    name: fast
  - url: %s
    name: slow
topics:
  - id: icbm
    any: [ICBM*]
    alert: true
outputs:
  - type: stdout
    name: rec
    schedule: daily 08:00
`, fastSrv.URL, slowSrv.URL))
	rec := &recorder{}
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), rec)
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	deadline := time.Now().Add(10 * time.Second)
	for len(rec.ids()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := rec.ids(); len(got) != 1 || got[0] != "alert:1" {
		t.Errorf("while the slow feed hangs, delivered %v, want [alert:1]", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

func TestOncePrunesPastRetention(t *testing.T) {
	feed := &growingFeed{}
	feed.add("1", "ICBM launch")
	srv := httptest.NewServer(feed)
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf("retention: 1d\nfeeds:\n  - url: %s\n    name: wire\noutputs:\n  - type: stdout\n    name: rec\n", srv.URL))
	rec := &recorder{}
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), rec)
	defer st.Close()
	ctx := context.Background()
	a.Once(ctx, false)
	// Two days later the delivered story keeps its title but not its text.
	a.now = func() time.Time { return time.Now().Add(48 * time.Hour) }
	if n, err := a.Prune(ctx); err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want 1 story slimmed", n, err)
	}
	items, err := st.ItemsSince(ctx, time.Time{}, 0)
	if err != nil || len(items) != 1 || items[0].Title != "ICBM launch" || items[0].Summary != "" {
		t.Errorf("after pruning: %+v, %v; want the title kept and the summary gone", items, err)
	}
}

// TestRunStartPollNotDoubled: when the poll at start outlasts the poll
// schedule, the scheduled poll that fires meanwhile is skipped instead of
// fetching the same feed beside it.
func TestRunStartPollNotDoubled(t *testing.T) {
	var inFlight, most atomic.Int32
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		requests.Add(1)
		select {
		case <-time.After(1500 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>w</title><item><title>ICBM launch</title><guid>1</guid></item></channel></rss>`)
	}))
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf(`
poll:
  schedule: "@every 1s"
feeds:
  - url: %s
    name: slow
outputs:
  - type: stdout
    name: rec
`, srv.URL))
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), &recorder{})
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	time.Sleep(3500 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
	if got := most.Load(); got != 1 {
		t.Errorf("the feed had %d requests in flight at once, want 1", got)
	}
	if got := requests.Load(); got < 2 {
		t.Errorf("%d requests, want the poll at start and a scheduled one", got)
	}
}
