package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// teaserSite serves a feed of one-line teasers and the article pages they
// link to, on 127.0.0.1; while down is set, the feed answers 503.
type teaserSite struct {
	*httptest.Server
	down     atomic.Bool
	articles atomic.Int32
}

func newTeaserSite(t testing.TB) *teaserSite {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("testdata", "article-hwasong.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := &teaserSite{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/teasers.xml":
			if s.down.Load() {
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Teasers</title><language>en</language>
<item><title>Launch reported off the east coast</title><link>%[1]s/story/1</link><guid>t-1</guid>
<description>The military reported a launch early on Saturday.</description></item>
<item><title>Page that is gone</title><link>%[1]s/story/gone</link><guid>t-2</guid>
<description>Another short teaser about a missile launch.</description></item>
</channel></rss>`, s.URL)
		case "/story/1":
			s.articles.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// feedsinApp builds an App with a real detector over a new store, its
// clock at *now.
func feedsinApp(t testing.TB, yaml string, now *time.Time, mu *sync.Mutex) (*App, *store.Store) {
	t.Helper()
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(yaml), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	det, err := detect.New(detect.Options{Languages: []string{"en", "ru", "ko"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{
		Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{Timeout: 5 * time.Second}), Detector: det,
		Logger: slog.New(slog.DiscardHandler), Outputs: outputs.Builder{},
		Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return *now },
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

func TestTeaserFeedMatchesOnArticle(t *testing.T) {
	ctx := context.Background()
	site := newTeaserSite(t)
	const topics = `
topics:
  - id: icbm
    name: ICBMs
    any: [Hwasong*, intercontinental ballistic missile*]
`
	for _, c := range []struct {
		mode      string
		wantMatch []string
	}{
		{"false", nil},
		{"auto", []string{"t-1"}},
		{"true", []string{"t-1"}},
	} {
		t.Run(c.mode, func(t *testing.T) {
			var mu sync.Mutex
			now := time.Now()
			a, st := feedsinApp(t, fmt.Sprintf("feeds:\n  - url: %s/teasers.xml\n    name: teasers\n    fetch_article: %s\n%s", site.URL, c.mode, topics), &now, &mu)
			if _, err := a.Poll(ctx, nil, false); err != nil {
				t.Fatal(err)
			}
			items, err := st.ItemsSince(ctx, time.Time{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			var matched []string
			for _, it := range items {
				if len(it.Matches) > 0 {
					matched = append(matched, it.ID)
				}
				if it.ID == "t-2" && it.Summary != "Another short teaser about a missile launch." {
					t.Errorf("story whose page is gone: Summary = %q, want its teaser", it.Summary)
				}
				if it.ID == "t-1" && c.mode != "false" {
					if it.Analysis == nil || it.Analysis.Language != "en" {
						t.Errorf("article story analysis = %+v, want English", it.Analysis)
					}
					for _, chrome := range []string{"Markets rally", "Privacy", "Cup final"} {
						if strings.Contains(it.Summary, chrome) || strings.Contains(it.DisplayText(), chrome) {
							t.Errorf("article story text holds the page's chrome %q", chrome)
						}
					}
				}
			}
			if !slices.Equal(matched, c.wantMatch) {
				t.Errorf("fetch_article: %s: matched %v, want %v", c.mode, matched, c.wantMatch)
			}
			if n := site.articles.Load(); (n == 0) != (c.mode == "false") {
				t.Errorf("fetch_article: %s: the article page was requested %d times so far", c.mode, n)
			}
		})
	}
}

func TestDeadFeedsStopAndAreNoticed(t *testing.T) {
	ctx := context.Background()
	site := newTeaserSite(t)
	var mu sync.Mutex
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	at := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	a, st := feedsinApp(t, fmt.Sprintf("poll:\n  dead_after: 24h\nfeeds:\n  - url: %s/teasers.xml\n    name: teasers\n", site.URL), &now, &mu)
	poll := func() FeedResult {
		t.Helper()
		rep, err := a.Poll(ctx, nil, true)
		if err != nil || len(rep.Feeds) != 1 {
			t.Fatalf("Poll = %+v, %v", rep, err)
		}
		return rep.Feeds[0]
	}
	notices := func() []string {
		t.Helper()
		ns, err := a.FeedNotices(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range ns {
			out = append(out, fmt.Sprintf("%s dead=%v stopped=%v", n.Feed, n.Dead, n.Stopped))
			if err := a.MarkFeedNoticed(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}

	site.down.Store(true)
	start := now
	poll()
	at(23 * time.Hour)
	poll()
	if got := notices(); got != nil {
		t.Errorf("notices after 23h of failures = %v, want none", got)
	}
	at(2 * time.Hour)
	poll()
	if got, want := notices(), []string{"teasers dead=true stopped=false"}; !slices.Equal(got, want) {
		t.Errorf("notices after 25h = %v, want %v", got, want)
	}
	if got := notices(); got != nil {
		t.Errorf("notices once announced = %v, want none", got)
	}
	fs, _ := st.FeedState(ctx, "teasers")
	if !fs.FailingSince.Equal(start) {
		t.Errorf("FailingSince = %v, want the first failure %v", fs.FailingSince, start)
	}

	// Thirty days of failures stop polling, even a forced poll.
	at(FeedStopAfter)
	if r := poll(); r.Result != wirewatch.ResultError {
		t.Errorf("poll at 30 days = %v, want the last error", r.Result)
	}
	site.down.Store(false)
	if r := poll(); r.Result != wirewatch.ResultStopped {
		t.Errorf("poll of a stopped feed = %v, want %v", r.Result, wirewatch.ResultStopped)
	}
	if got := notices(); got != nil {
		t.Errorf("notices while stopped = %v, want none: its death was announced", got)
	}

	// Resumed, it is polled; it works, and its recovery is announced once.
	if ok, err := st.ResumeFeed(ctx, "teasers"); err != nil || !ok {
		t.Fatalf("ResumeFeed = %v, %v", ok, err)
	}
	if r := poll(); r.Result != wirewatch.ResultOK || r.New != 2 {
		t.Errorf("poll after resume = %+v, want ok with 2 new stories", r)
	}
	if got, want := notices(), []string{"teasers dead=false stopped=false"}; !slices.Equal(got, want) {
		t.Errorf("notices after recovery = %v, want %v", got, want)
	}
	if got := notices(); got != nil {
		t.Errorf("notices after the recovery was announced = %v, want none", got)
	}
	fs, _ = st.FeedState(ctx, "teasers")
	if !fs.FailingSince.IsZero() || !fs.Stopped.IsZero() {
		t.Errorf("after recovery: FailingSince %v, Stopped %v; want both zero", fs.FailingSince, fs.Stopped)
	}
}
