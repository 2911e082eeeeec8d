package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// manyFeedsApp serves n feeds of two stories each on 127.0.0.1, feed i
// failing with 500 when fail(i), and wires an App polling them with one
// JSON-lines output taking every story. seen is called with the number of
// goroutines at each request.
func manyFeedsApp(t *testing.T, n int, fail func(int) bool, seen func(goroutines int)) (*App, *store.Store) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen(runtime.NumGoroutine())
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/f%d.xml", &i); err != nil || fail(i) {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>F%d</title>
<item><title>Storm closes port %d</title><guid>f%d-a</guid><description>The port closed as the storm hit the coast.</description></item>
<item><title>Port reopens %d</title><guid>f%d-b</guid><description>Ships sailed again on Tuesday.</description></item>
</channel></rss>`, i, i, i, i, i)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	var y strings.Builder
	y.WriteString("feeds:\n")
	for i := range n {
		fmt.Fprintf(&y, "  - url: %s/f%d.xml\n    name: f%d\n", srv.URL, i, i)
	}
	fmt.Fprintf(&y, "outputs:\n  - type: jsonl\n    path: %s\n    all_stories: true\n", filepath.Join(dir, "out.jsonl"))
	cfg, err := config.Parse(filepath.Join(dir, "config.yaml"), []byte(y.String()), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.DiscardHandler)
	a, err := New(Options{Config: cfg, Store: st, Fetcher: NewFetcher(cfg, "", log), Outputs: outputs.Builder{Logger: log}, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

// A poll of many feeds keeps a bounded number of them in hand, whatever
// their number: its memory does not grow with the feeds configured. Every
// feed's stories, outbox rows and state are stored, failed ones as failed.
func TestPollManyFeedsBounded(t *testing.T) {
	const n = 600
	var mu sync.Mutex
	most := 0
	fail := func(i int) bool { return i%7 == 3 }
	a, st := manyFeedsApp(t, n, fail, func(g int) {
		mu.Lock()
		most = max(most, g)
		mu.Unlock()
	})
	ctx := context.Background()
	before := runtime.NumGoroutine()
	rep, err := a.Poll(ctx, nil, false)
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	failed := 0
	for i := range n {
		if fail(i) {
			failed++
		}
	}
	if want := 2 * (n - failed); rep.New != want || rep.Failed != failed || len(rep.Feeds) != n {
		t.Errorf("Poll stored %d stories, %d feeds failed, %d reported; want %d, %d, %d", rep.New, rep.Failed, len(rep.Feeds), want, failed, n)
	}
	// The workers, the writer, and the HTTP client's and server's
	// connections; not one per feed.
	if limit := n / 2; most-before > limit {
		t.Errorf("%d more goroutines while polling %d feeds, want at most %d: feeds are taken a few at a time", most-before, n, limit)
	}
	counts, err := st.PendingCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pending := 0
	for _, c := range counts {
		pending += c
	}
	if pending != rep.New {
		t.Errorf("%d outbox rows pending, want one per story stored (%d)", pending, rep.New)
	}
	for _, i := range []int{0, 3, n - 1} {
		fs, err := st.FeedState(ctx, fmt.Sprintf("f%d", i))
		if err != nil {
			t.Fatal(err)
		}
		want := wirewatch.ResultOK
		wantNew := 2
		if fail(i) {
			want, wantNew = wirewatch.ResultError, 0
		}
		if fs.Result != want || fs.New != wantNew || (fs.Failures > 0) != fail(i) {
			t.Errorf("feed f%d state: result %q, new %d, failures %d; want %q, %d, failing %v", i, fs.Result, fs.New, fs.Failures, want, wantNew, fail(i))
		}
	}
	// A second poll finds nothing new and backs off from the failed feeds.
	rep, err = a.Poll(ctx, nil, false)
	if err != nil || rep.New != 0 {
		t.Fatalf("second Poll = %d new, %v; want 0, nil", rep.New, err)
	}
	backoff := 0
	for _, r := range rep.Feeds {
		if r.Result == wirewatch.ResultBackoff {
			backoff++
		}
	}
	if backoff != failed {
		t.Errorf("second poll: %d feeds backing off, want %d", backoff, failed)
	}
}
