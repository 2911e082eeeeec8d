package article_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/korean"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/store"
)

// site serves article pages on 127.0.0.1 and counts the requests for
// each path.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	ua   string
}

func newSite(tb testing.TB) *site {
	tb.Helper()
	en, err := os.ReadFile(filepath.Join("testdata", "missile-en.html"))
	if err != nil {
		tb.Fatal(err)
	}
	koUTF8, err := os.ReadFile(filepath.Join("testdata", "missile-ko.html"))
	if err != nil {
		tb.Fatal(err)
	}
	ko, err := korean.EUCKR.NewEncoder().Bytes(koUTF8)
	if err != nil {
		tb.Fatal(err)
	}
	s := &site{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.ua = r.Header.Get("User-Agent")
		s.mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/en/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(en)
		case r.URL.Path == "/ko/1":
			w.Header().Set("Content-Type", "text/html") // the charset is in the page
			w.Write(ko)
		case r.URL.Path == "/report.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7 not a page"))
		case r.URL.Path == "/huge":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><p>" + strings.Repeat("word ", 100_000) + "</p></body></html>"))
		case r.URL.Path == "/moved":
			http.Redirect(w, r, "/en/moved-here", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	tb.Cleanup(s.Close)
	return s
}

// count returns the requests made for path.
func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// teaser returns a story whose feed text is one line, linking to link.
func teaser(link string) *wirewatch.Item {
	return &wirewatch.Item{ID: link, Feed: "wire", Link: link, Title: "North Korea fires missile", Summary: "Seoul says a missile was fired."}
}

// clock is a settable clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// newFetcher returns an article fetcher over a real page fetcher (with a
// 64 KiB body cap) and a real store.
func newFetcher(tb testing.TB, opts article.Options) (*article.Fetcher, *store.Store, *clock) {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "ww.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	clk := &clock{now: time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)}
	opts.Now = clk.Now
	opts.Logger = slog.New(slog.DiscardHandler)
	pages := feeds.NewFetcher(feeds.Options{MaxBodyBytes: 64 << 10, Timeout: 5 * time.Second})
	return article.New(pages, st, opts), st, clk
}

func TestFill(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	other := newSite(t) // another host, on a private address
	f, st, _ := newFetcher(t, article.Options{})
	long := teaser(s.URL + "/en/long")
	long.Summary = strings.Repeat("A summary long enough to be the story itself, not a teaser. ", 5)
	items := []*wirewatch.Item{
		teaser(s.URL + "/en/1"),
		teaser(s.URL + "/ko/1"),
		teaser(s.URL + "/missing"),
		teaser(s.URL + "/report.pdf"),
		teaser(s.URL + "/huge"),
		teaser(s.URL + "/moved"),
		teaser(other.URL + "/en/elsewhere"),
		long,
	}
	before := map[*wirewatch.Item]string{}
	for _, it := range items {
		before[it] = it.Summary
	}
	stats := f.NewPoll(ctx).Fill(ctx, article.Source{FeedURL: s.URL + "/feed.xml", UserAgent: "wirewatch-test/1"}, article.Auto, items)
	want := article.Stats{Wanted: 7, Fetched: 3, Failed: 4}
	if stats != want {
		t.Errorf("Fill stats = %+v, want %+v", stats, want)
	}

	en := items[0]
	for _, term := range []string{"Hwasong-19", "solid-fuel missiles are harder to detect"} {
		if !strings.Contains(en.Summary, term) {
			t.Errorf("English story text lacks %q: %.200q", term, en.Summary)
		}
	}
	for _, chrome := range []string{"Stock markets close higher", "Privacy policy", "We use cookies", "Subscribe"} {
		if strings.Contains(en.Summary, chrome) {
			t.Errorf("English story text holds the page's chrome %q", chrome)
		}
	}
	if en.DeclaredLanguage != "en" {
		t.Errorf("English story DeclaredLanguage = %q, want the page's en", en.DeclaredLanguage)
	}
	ko := items[1]
	if !strings.Contains(ko.Summary, "대륙간탄도미사일 화성-19형") || strings.Contains(ko.Summary, "주식시장") {
		t.Errorf("Korean story text = %.200q, want the EUC-KR article decoded without its chrome", ko.Summary)
	}
	if ko.DeclaredLanguage != "ko" {
		t.Errorf("Korean story DeclaredLanguage = %q, want ko", ko.DeclaredLanguage)
	}
	if !strings.Contains(items[5].Summary, "Hwasong-19") {
		t.Errorf("redirected story text = %.100q, want the article", items[5].Summary)
	}
	// Failures, the other host and a story that is no teaser keep their
	// feed text.
	for _, it := range []*wirewatch.Item{items[2], items[3], items[4], items[6], long} {
		if it.Summary != before[it] {
			t.Errorf("%s: Summary = %.80q, want the feed text kept", it.Link, it.Summary)
		}
	}
	if n := other.count("/en/elsewhere"); n != 0 {
		t.Errorf("the page on another private host was requested %d times, want 0", n)
	}
	if s.count("/en/long") != 0 {
		t.Errorf("the page of a story that is no teaser was fetched")
	}
	if s.ua != "wirewatch-test/1" {
		t.Errorf("User-Agent = %q, want the feed's", s.ua)
	}

	// The cache records each outcome, with its reason.
	for link, wantErr := range map[string]string{
		s.URL + "/en/1":             "",
		s.URL + "/missing":          "404",
		s.URL + "/report.pdf":       "not an HTML page (application/pdf)",
		s.URL + "/huge":             "size limit",
		other.URL + "/en/elsewhere": "address is not public",
	} {
		a, ok, err := st.CachedArticle(ctx, link)
		if err != nil || !ok {
			t.Errorf("CachedArticle(%s) = %v, %v; want it cached", link, ok, err)
			continue
		}
		if wantErr == "" && (a.Err != "" || a.Text == "") || wantErr != "" && !strings.Contains(a.Err, wantErr) {
			t.Errorf("cached %s: Err = %q, text %d bytes; want error containing %q", link, a.Err, len(a.Text), wantErr)
		}
	}
}

func TestFillCacheAndRetry(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	f, _, clk := newFetcher(t, article.Options{RetryFailed: time.Hour, KeepFor: 48 * time.Hour})
	src := article.Source{FeedURL: s.URL + "/feed.xml"}
	fill := func() article.Stats {
		return f.NewPoll(ctx).Fill(ctx, src, article.On, []*wirewatch.Item{teaser(s.URL + "/en/1"), teaser(s.URL + "/missing")})
	}
	fill()
	// The same story in another feed, or in the next poll: from the cache;
	// the failed page is left alone.
	if got, want := fill(), (article.Stats{Wanted: 2, Cached: 1, Failed: 1}); got != want {
		t.Errorf("second Fill = %+v, want %+v", got, want)
	}
	if s.count("/en/1") != 1 || s.count("/missing") != 1 {
		t.Errorf("requests = %d and %d, want 1 each", s.count("/en/1"), s.count("/missing"))
	}
	clk.advance(2 * time.Hour)
	if got, want := fill(), (article.Stats{Wanted: 2, Cached: 1, Failed: 1}); got != want {
		t.Errorf("Fill after RetryFailed = %+v, want %+v", got, want)
	}
	if s.count("/missing") != 2 {
		t.Errorf("the failed page was requested %d times after RetryFailed, want 2", s.count("/missing"))
	}
	// Past KeepFor the article is fetched again (and the old one pruned).
	clk.advance(48 * time.Hour)
	if got, want := fill(), (article.Stats{Wanted: 2, Fetched: 1, Failed: 1}); got != want {
		t.Errorf("Fill after KeepFor = %+v, want %+v", got, want)
	}
}

func TestFillBudget(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	other := newSite(t)
	f, _, _ := newFetcher(t, article.Options{MaxPerHost: 2, MaxPerPoll: 3})
	var items, others []*wirewatch.Item
	for i := range 4 {
		items = append(items, teaser(fmt.Sprintf("%s/en/%d", s.URL, i)))
		others = append(others, teaser(fmt.Sprintf("%s/en/%d", other.URL, i)))
	}
	poll := f.NewPoll(ctx)
	if got, want := poll.Fill(ctx, article.Source{FeedURL: s.URL}, article.On, items), (article.Stats{Wanted: 4, Fetched: 2, Skipped: 2}); got != want {
		t.Errorf("Fill of one host = %+v, want %+v (2 per host)", got, want)
	}
	if got, want := poll.Fill(ctx, article.Source{FeedURL: other.URL}, article.On, others), (article.Stats{Wanted: 4, Fetched: 1, Skipped: 3}); got != want {
		t.Errorf("Fill of another host = %+v, want %+v (3 per poll)", got, want)
	}
	if poll.Skipped() != 5 {
		t.Errorf("Skipped = %d, want 5", poll.Skipped())
	}
	// A new poll has a new budget: the two stories skipped get their
	// articles, the two fetched come from the cache.
	if got, want := f.NewPoll(ctx).Fill(ctx, article.Source{FeedURL: s.URL}, article.On, items), (article.Stats{Wanted: 4, Fetched: 2, Cached: 2}); got != want {
		t.Errorf("Fill in the next poll = %+v, want %+v", got, want)
	}
}

func TestFillCancelled(t *testing.T) {
	s := newSite(t)
	f, st, _ := newFetcher(t, article.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items := []*wirewatch.Item{teaser(s.URL + "/en/1"), teaser(s.URL + "/en/2")}
	got := f.NewPoll(context.Background()).Fill(ctx, article.Source{FeedURL: s.URL}, article.On, items)
	if want := (article.Stats{Wanted: 2, Skipped: 2}); got != want {
		t.Errorf("Fill with a cancelled context = %+v, want %+v", got, want)
	}
	for _, it := range items {
		if it.Summary != "Seoul says a missile was fired." {
			t.Errorf("%s: Summary = %.60q, want the teaser kept", it.Link, it.Summary)
		}
		if _, ok, _ := st.CachedArticle(context.Background(), it.Link); ok {
			t.Errorf("%s: cached as failed after a cancelled poll; it must be tried again", it.Link)
		}
	}
}
