package article

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/store"
)

// Defaults for zero Options fields.
const (
	DefaultMaxPerPoll  = 200
	DefaultMaxPerHost  = 50
	DefaultParallel    = 4
	DefaultKeepFor     = 7 * 24 * time.Hour
	DefaultRetryFailed = 6 * time.Hour
)

// acceptHTML is the Accept header of article requests.
const acceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// PageFetcher fetches pages; *feeds.Fetcher is one, and its limits (size,
// time, redirects, concurrency per host) apply to every article.
type PageFetcher interface {
	Fetch(ctx context.Context, req feeds.Request) (*feeds.Response, error)
}

// Cache keeps fetched articles by URL; *store.Store is one.
type Cache interface {
	CachedArticle(ctx context.Context, url string) (store.Article, bool, error)
	CacheArticle(ctx context.Context, a store.Article) error
	PruneArticles(ctx context.Context, before time.Time) (int, error)
}

// Options configures a Fetcher. Zero values get defaults.
type Options struct {
	// MaxPerPoll bounds the pages fetched in one poll, over every feed;
	// default 200. Stories past it keep their feed text.
	MaxPerPoll int
	// MaxPerHost bounds the pages fetched from one host in one poll;
	// default 50.
	MaxPerHost int
	// Parallel is how many of one feed's articles are fetched at once;
	// default 4 (the page fetcher's per-host bound applies too).
	Parallel int
	// KeepFor is how long a fetched article is reused from the cache;
	// default 7 days.
	KeepFor time.Duration
	// RetryFailed is how long a page that gave no article is left alone
	// before it is tried again; default 6 hours.
	RetryFailed time.Duration
	// Logger receives a line per poll and per failed page; nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Fetcher fetches the articles of teaser stories: the page at each
// story's link, through the page fetcher, its readable text extracted,
// cached by URL. It is safe for concurrent use.
type Fetcher struct {
	pages PageFetcher
	cache Cache
	opts  Options
	log   *slog.Logger
}

// New returns a Fetcher that fetches through pages and caches in cache.
func New(pages PageFetcher, cache Cache, opts Options) *Fetcher {
	if opts.MaxPerPoll <= 0 {
		opts.MaxPerPoll = DefaultMaxPerPoll
	}
	if opts.MaxPerHost <= 0 {
		opts.MaxPerHost = DefaultMaxPerHost
	}
	if opts.Parallel <= 0 {
		opts.Parallel = DefaultParallel
	}
	if opts.KeepFor <= 0 {
		opts.KeepFor = DefaultKeepFor
	}
	if opts.RetryFailed <= 0 {
		opts.RetryFailed = DefaultRetryFailed
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Fetcher{pages: pages, cache: cache, opts: opts, log: opts.Logger}
}

// Poll is one poll's budget of article fetches. Its methods are safe for
// concurrent use by the poll's feeds.
type Poll struct {
	f       *Fetcher
	mu      sync.Mutex
	total   int
	perHost map[string]int
	// skipped counts stories left with their feed text because the
	// budget was spent.
	skipped int
}

// NewPoll starts a poll's budget and drops cached articles older than
// Options.KeepFor.
func (f *Fetcher) NewPoll(ctx context.Context) *Poll {
	if n, err := f.cache.PruneArticles(ctx, f.opts.Now().Add(-f.opts.KeepFor)); err != nil {
		f.log.Warn("article cache not pruned", slog.Any("error", err))
	} else if n > 0 {
		f.log.Debug("article cache pruned", slog.Int("articles", n))
	}
	return &Poll{f: f, perHost: map[string]int{}}
}

// Skipped returns how many stories kept their feed text because the
// poll's budget was spent.
func (p *Poll) Skipped() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.skipped
}

// take reserves one fetch from host, if the budget allows it.
func (p *Poll) take(host string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.total >= p.f.opts.MaxPerPoll || p.perHost[host] >= p.f.opts.MaxPerHost {
		p.skipped++
		return false
	}
	p.total++
	p.perHost[host]++
	return true
}

// Source says where a feed is and how to ask for its articles.
type Source struct {
	// FeedURL is the feed's own URL: articles on its host may be on a
	// private network, as the feed is; others must be public.
	FeedURL string
	// UserAgent is sent with each request, when set.
	UserAgent string
}

// Stats counts what Fill did.
type Stats struct {
	// Wanted is how many stories wanted their article.
	Wanted int
	// Fetched counts articles fetched now, Cached those reused from the
	// cache.
	Fetched, Cached int
	// Failed counts pages that gave no article (now, or recently enough
	// to be left alone); Skipped stories the budget did not reach.
	Failed, Skipped int
}

// Fill replaces the feed text of the stories that mode wants with their
// article's text, fetching each story's link (or reusing the cached
// article). A story whose page fails, or that the poll's budget does not
// reach, keeps its feed text. When the story's feed declares no language
// and the page does, the page's language becomes the declared one.
func (p *Poll) Fill(ctx context.Context, src Source, mode Mode, items []*wirewatch.Item) Stats {
	var (
		mu    sync.Mutex
		stats Stats
		wg    sync.WaitGroup
		slots = make(chan struct{}, p.f.opts.Parallel)
	)
	count := func(fn func(*Stats)) {
		mu.Lock()
		fn(&stats)
		mu.Unlock()
	}
	feedHost := hostOf(src.FeedURL)
	for _, it := range items {
		if !mode.Wants(it.Summary) || it.Link == "" {
			continue
		}
		count(func(s *Stats) { s.Wanted++ })
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			count(func(s *Stats) { s.Skipped++ })
			continue
		}
		wg.Add(1)
		go func(it *wirewatch.Item) {
			defer wg.Done()
			defer func() { <-slots }()
			a, outcome := p.article(ctx, it.Link, feedHost, src.UserAgent)
			count(func(s *Stats) {
				switch outcome {
				case fetched:
					s.Fetched++
				case cached:
					s.Cached++
				case failed:
					s.Failed++
				case skipped:
					s.Skipped++
				}
			})
			// An extraction shorter than the feed's own text found the
			// wrong part of the page.
			if (outcome != fetched && outcome != cached) || utf8.RuneCountInString(a.Text) <= utf8.RuneCountInString(it.Summary) {
				return
			}
			it.Summary = a.Text
			if it.DeclaredLanguage == "" && a.Language != "" {
				it.DeclaredLanguage = a.Language
			}
		}(it)
	}
	wg.Wait()
	return stats
}

// outcome is what became of one story's article.
type outcome int

const (
	fetched outcome = iota
	cached
	failed
	skipped
)

// article returns the article at link from the cache, or fetches it
// when the budget allows.
func (p *Poll) article(ctx context.Context, link, feedHost, userAgent string) (store.Article, outcome) {
	f := p.f
	log := f.log.With(slog.String("url", feeds.RedactURL(link)))
	now := f.opts.Now()
	c, ok, err := f.cache.CachedArticle(ctx, link)
	switch {
	case err != nil:
		log.Warn("article cache unreadable", slog.Any("error", err))
	case ok && c.Err == "" && now.Sub(c.Fetched) < f.opts.KeepFor:
		return c, cached
	case ok && c.Err != "" && now.Sub(c.Fetched) < f.opts.RetryFailed:
		return store.Article{}, failed
	}
	host := hostOf(link)
	if !p.take(host) {
		return store.Article{}, skipped
	}
	a := store.Article{URL: link, Fetched: now}
	ex, err := f.fetch(ctx, link, host == feedHost, userAgent)
	if err != nil {
		if ctx.Err() != nil {
			return store.Article{}, skipped
		}
		log.Info("article not fetched; the story keeps its feed text", slog.Any("error", err))
		a.Err = err.Error()
	} else {
		a.Title, a.Text, a.Language = ex.Title, ex.Text, ex.Language
	}
	if err := f.cache.CacheArticle(context.WithoutCancel(ctx), a); err != nil {
		log.Warn("article not cached", slog.Any("error", err))
	}
	if a.Err != "" {
		return store.Article{}, failed
	}
	return a, fetched
}

// fetch gets one page and extracts its article. Pages on the feed's own
// host may be on a private network; others must be public.
func (f *Fetcher) fetch(ctx context.Context, link string, sameHost bool, userAgent string) (Extracted, error) {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Extracted{}, fmt.Errorf("article %s: not an http(s) link", feeds.RedactURL(link))
	}
	req := feeds.Request{URL: link, Headers: map[string]string{"Accept": acceptHTML}, PublicOnly: !sameHost}
	if userAgent != "" {
		req.Headers["User-Agent"] = userAgent
	}
	resp, err := f.pages.Fetch(ctx, req)
	if err != nil {
		return Extracted{}, err
	}
	if resp.NotModified || len(resp.Body) == 0 {
		return Extracted{}, fmt.Errorf("article %s: empty answer", feeds.RedactURL(link))
	}
	if mt, _, err := mime.ParseMediaType(resp.ContentType); err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return Extracted{}, fmt.Errorf("article %s: not an HTML page (%s)", feeds.RedactURL(link), mt)
	}
	ex, err := Extract(resp.Body, resp.ContentType, resp.FinalURL)
	if err != nil {
		return Extracted{}, fmt.Errorf("article %s: %w", feeds.RedactURL(link), err)
	}
	return ex, nil
}

// hostOf returns the lower-case host[:port] of a URL, or "".
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
