// Package discover finds the feeds of a web site from one of its pages,
// as feed readers do when given a site's address instead of a feed's: a
// URL that is itself a feed is taken as it is; a page's
// <link rel="alternate"> feeds are tried next; when none of them works,
// the paths where sites commonly publish feeds (/feed, /rss, /atom.xml,
// /index.xml...) are tried at the site's root and beside the page. Every
// candidate is fetched and parsed, so that only feeds that work are
// offered, with their titles, languages and item counts.
//
// Every request goes through the feed fetcher given, whose limits on
// size, time, redirects and requests per host apply; only http(s) URLs
// are accepted.
package discover

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
)

// acceptPage is the Accept header of discovery requests: a page or a
// feed.
const acceptPage = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"

// CommonPaths are the paths tried when a page declares no feed that
// works, relative to the site's root and to the page's folder.
var CommonPaths = []string{
	"feed", "feed/", "rss", "rss/", "atom.xml", "feed.xml", "index.xml",
	"rss.xml", "index.rss", "feed.atom", "atom", "feed.json",
}

// maxCandidates bounds the feeds one discovery tries.
const maxCandidates = 32

// parallel is how many candidates are fetched at once (the fetcher's
// per-host bound applies too).
const parallel = 4

// Source says how a candidate was found.
type Source string

// The sources of candidates.
const (
	// SourceGiven is the URL given, which is a feed.
	SourceGiven Source = "given"
	// SourceLink is a feed the page declares.
	SourceLink Source = "link"
	// SourcePath is a common path that holds a feed.
	SourcePath Source = "path"
)

// Fetcher fetches URLs; *feeds.Fetcher is one.
type Fetcher interface {
	Fetch(ctx context.Context, req feeds.Request) (*feeds.Response, error)
}

// Candidate is a feed found, that was fetched and parsed.
type Candidate struct {
	// URL is the feed's address, as declared or tried.
	URL string `json:"url"`
	// Title is the feed's own title, else the title its link gave.
	Title string `json:"title"`
	// Language is the feed's declared language (ISO 639-1), or "".
	Language string `json:"language,omitempty"`
	// Items is how many stories the feed holds now.
	Items int `json:"items"`
	// Source says how it was found.
	Source Source `json:"source"`
	// Comments is set for feeds of comments rather than stories.
	Comments bool `json:"comments,omitempty"`
}

// Result is what one discovery found.
type Result struct {
	// Page is the URL fetched, after redirects.
	Page string
	// Candidates are the feeds that work, best first: the URL given when
	// it is a feed, then the page's own feeds in its order, comment feeds
	// last; then common paths.
	Candidates []Candidate
	// Tried counts the URLs fetched besides the page.
	Tried int
}

// Options tunes Find.
type Options struct {
	// UserAgent is sent with each request, when set.
	UserAgent string
	// Logger receives a debug line per candidate rejected; nil discards.
	Logger *slog.Logger
	// Now is the clock for parsing; nil means time.Now.
	Now func() time.Time
}

// ErrScheme is returned, wrapped, for URLs that are not http(s).
var ErrScheme = errors.New("only http and https URLs can be discovered")

// Find discovers the feeds of the page at raw. An address without a
// scheme ("example.org/news") is taken as https. An error means the page
// itself could not be fetched; a page without feeds gives no candidates.
func Find(ctx context.Context, f Fetcher, raw string, opts Options) (*Result, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	pageURL, err := checkURL(raw)
	if err != nil {
		return nil, err
	}
	d := &finder{f: f, opts: opts}
	resp, err := f.Fetch(ctx, d.request(pageURL))
	if err != nil {
		return nil, err
	}
	res := &Result{Page: resp.FinalURL}
	if res.Page == "" {
		res.Page = pageURL
	}
	if parsed, err := feeds.Parse(resp.Body, resp.ContentType, feeds.ParseOptions{Feed: pageURL, BaseURL: res.Page, Now: opts.Now()}); err == nil {
		res.Candidates = []Candidate{candidate(pageURL, "", SourceGiven, parsed)}
		return res, nil
	}
	page := feeds.ReadPage(resp.Body, resp.ContentType, res.Page)
	var tries []try
	for _, a := range page.Alternates {
		tries = append(tries, try{url: a.URL, title: a.Title, source: SourceLink})
	}
	found := d.tryAll(ctx, limit(tries), res)
	if !slices.ContainsFunc(found, func(c Candidate) bool { return !c.Comments }) {
		found = append(found, d.tryAll(ctx, limit(commonPaths(res.Page, found)), res)...)
	}
	// Stories first, comments last, each in the order found.
	slices.SortStableFunc(found, func(a, b Candidate) int {
		switch {
		case a.Comments == b.Comments:
			return 0
		case a.Comments:
			return 1
		}
		return -1
	})
	res.Candidates = found
	return res, ctx.Err()
}

// checkURL returns raw as an absolute http(s) URL.
func checkURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("discover: empty URL")
	}
	if !strings.Contains(raw, "://") && !strings.Contains(raw, ":") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("discover %s: not a URL", feeds.RedactURL(raw))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return "", fmt.Errorf("discover %s: %w, not %q", feeds.RedactURL(raw), ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return "", fmt.Errorf("discover %s: the URL has no host", feeds.RedactURL(raw))
	}
	return u.String(), nil
}

// finder carries one discovery.
type finder struct {
	f    Fetcher
	opts Options
}

// try is a URL to try as a feed.
type try struct {
	url, title string
	source     Source
}

// limit caps the URLs one discovery tries.
func limit(t []try) []try { return t[:min(len(t), maxCandidates)] }

// request is a GET of u with the discovery headers.
func (d *finder) request(u string) feeds.Request {
	req := feeds.Request{URL: u, Headers: map[string]string{"Accept": acceptPage}}
	if d.opts.UserAgent != "" {
		req.Headers["User-Agent"] = d.opts.UserAgent
	}
	return req
}

// tryAll fetches and parses the URLs, a few at a time, and returns those
// that are feeds, in the order given, without two that end at the same
// address.
func (d *finder) tryAll(ctx context.Context, tries []try, res *Result) []Candidate {
	out := make([]*Candidate, len(tries))
	final := make([]string, len(tries))
	var wg sync.WaitGroup
	slots := make(chan struct{}, parallel)
	for i, t := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
				defer func() { <-slots }()
			case <-ctx.Done():
				return
			}
			out[i], final[i] = d.tryOne(ctx, t)
		}()
	}
	wg.Wait()
	res.Tried += len(tries)
	var found []Candidate
	seen := map[string]bool{}
	for i, c := range out {
		if c == nil || seen[final[i]] {
			continue
		}
		seen[final[i]] = true
		found = append(found, *c)
	}
	return found
}

// tryOne fetches and parses one URL; it returns nil when it is not a
// feed, with the key of the address it ended at.
func (d *finder) tryOne(ctx context.Context, t try) (*Candidate, string) {
	log := d.opts.Logger.With(slog.String("url", feeds.RedactURL(t.url)))
	resp, err := d.f.Fetch(ctx, d.request(t.url))
	if err != nil {
		log.Debug("candidate not fetched", slog.Any("error", err))
		return nil, ""
	}
	final := cmp.Or(resp.FinalURL, t.url)
	parsed, err := feeds.Parse(resp.Body, resp.ContentType, feeds.ParseOptions{Feed: t.url, BaseURL: final, Now: d.opts.Now()})
	if err != nil {
		log.Debug("candidate is not a feed", slog.Any("error", err))
		return nil, ""
	}
	c := candidate(t.url, t.title, t.source, parsed)
	return &c, strings.TrimSuffix(feeds.CanonicalLink(final, ""), "/")
}

// candidate describes a parsed feed.
func candidate(u, linkTitle string, src Source, f *feeds.Feed) Candidate {
	title := cmp.Or(f.Title, linkTitle)
	return Candidate{
		URL: u, Title: title, Language: f.Language, Items: len(f.Items), Source: src,
		Comments: isComments(linkTitle) || isComments(f.Title) || isComments(u),
	}
}

// commentWords mark feeds of comments, in the languages sites use.
var commentWords = []string{"comment", "kommentar", "komentar", "comentario", "commentaire", "коммент", "评论", "評論", "コメント", "댓글"}

// isComments reports whether a title or URL names a comments feed.
func isComments(s string) bool {
	s = strings.ToLower(s)
	for _, w := range commentWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// commonPaths returns the common feed paths at the root of page's site
// and beside page, without URLs already found.
func commonPaths(page string, found []Candidate) []try {
	u, err := url.Parse(page)
	if err != nil {
		return nil
	}
	root := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
	bases := []*url.URL{root}
	if dir := u.ResolveReference(&url.URL{Path: "./"}); dir.Path != "/" {
		dir.RawQuery, dir.Fragment = "", ""
		bases = append(bases, dir)
	}
	have := map[string]bool{}
	for _, c := range found {
		have[c.URL] = true
	}
	var out []try
	for _, b := range bases {
		for _, p := range CommonPaths {
			s := b.ResolveReference(&url.URL{Path: p}).String()
			if !have[s] {
				have[s] = true
				out = append(out, try{url: s, source: SourcePath})
			}
		}
	}
	return out
}
