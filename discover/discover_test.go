package discover

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
)

// rss renders an RSS feed titled title in lang with n items.
func rss(title, lang string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><language>%s</language>`, title, lang)
	for i := range n {
		fmt.Fprintf(&b, `<item><guid>%d</guid><title>Story %d</title></item>`, i, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// site is a web site on 127.0.0.1: routes maps paths to content types
// and bodies; unknown paths redirect to the home page, as many sites do.
func site(t *testing.T, routes map[string][2]string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		route, ok := routes[r.URL.Path]
		if !ok {
			if r.URL.Path == "/" {
				http.NotFound(w, r)
				return
			}
			http.Redirect(w, r, "/", http.StatusFound)
			return
		}
		if route[0] == "redirect" {
			http.Redirect(w, r, route[1], http.StatusMovedPermanently)
			return
		}
		if route[0] == "status" {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Header().Set("Content-Type", route[0])
		fmt.Fprint(w, route[1])
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func find(t *testing.T, f Fetcher, u string) *Result {
	t.Helper()
	res, err := Find(context.Background(), f, u, Options{UserAgent: "wirewatch-test"})
	if err != nil {
		t.Fatalf("Find(%s): %v", u, err)
	}
	return res
}

func TestFindLinkedFeeds(t *testing.T) {
	home := `<!doctype html><html lang="ja"><head><title>ニュース</title>
<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="主要ニュース" href="/rss/top.xml">
<link rel="alternate" type="application/rss+xml" title="Gone" href="/old.xml">
<link rel="alternate" type="application/atom+xml" title="Not really a feed" href="/page.html">
<link rel="alternate" type="application/feed+json" href="feed.json">
</head><body><p>本文</p></body></html>`
	srv, _ := site(t, map[string][2]string{
		"/":               {"text/html; charset=utf-8", home},
		"/rss/top.xml":    {"application/rss+xml", rss("NHK 主要ニュース", "ja", 7)},
		"/comments/feed/": {"application/rss+xml", rss("Comments on ニュース", "ja", 30)},
		"/old.xml":        {"status", ""},
		"/page.html":      {"text/html", "<html><body>hello</body></html>"},
		"/feed.json":      {"application/feed+json", `{"version":"https://jsonfeed.org/version/1.1","title":"JSON ニュース","language":"ja-JP","items":[{"id":"1","title":"a","content_text":"x"},{"id":"2","title":"b","content_text":"y"}]}`},
	})
	res := find(t, feeds.NewFetcher(feeds.Options{}), srv.URL+"/")
	want := []Candidate{
		{URL: srv.URL + "/rss/top.xml", Title: "NHK 主要ニュース", Language: "ja", Items: 7, Source: SourceLink},
		{URL: srv.URL + "/feed.json", Title: "JSON ニュース", Language: "ja", Items: 2, Source: SourceLink},
		{URL: srv.URL + "/comments/feed/", Title: "Comments on ニュース", Language: "ja", Items: 30, Source: SourceLink, Comments: true},
	}
	if !reflect.DeepEqual(res.Candidates, want) {
		t.Errorf("Candidates =\n%+v\nwant\n%+v", res.Candidates, want)
	}
	if res.Tried != 5 {
		t.Errorf("Tried = %d, want the 5 declared feeds and no common path", res.Tried)
	}
}

func TestFindCommonPaths(t *testing.T) {
	srv, _ := site(t, map[string][2]string{
		"/":                 {"text/html", "<html><head><title>Blog</title></head><body>no feed links</body></html>"},
		"/blog/post-1.html": {"text/html", "<html><head><title>Post</title></head><body>a post</body></html>"},
		"/feed":             {"redirect", "/feed/"},
		"/feed/":            {"application/rss+xml", rss("Site feed", "en", 3)},
		"/blog/atom.xml":    {"application/atom+xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Blog</title><id>x</id><updated>2026-01-01T00:00:00Z</updated><entry><id>1</id><title>Un</title><updated>2026-01-01T00:00:00Z</updated></entry></feed>`},
	})
	res := find(t, feeds.NewFetcher(feeds.Options{}), srv.URL+"/blog/post-1.html")
	want := []Candidate{
		{URL: srv.URL + "/feed", Title: "Site feed", Language: "en", Items: 3, Source: SourcePath},
		{URL: srv.URL + "/blog/atom.xml", Title: "Blog", Language: "fr", Items: 1, Source: SourcePath},
	}
	if !reflect.DeepEqual(res.Candidates, want) {
		t.Errorf("Candidates =\n%+v\nwant\n%+v", res.Candidates, want)
	}
	if want := 2 * len(CommonPaths); res.Tried != want {
		t.Errorf("Tried = %d, want %d (common paths at the root and beside the page)", res.Tried, want)
	}
}

func TestFindGivenFeed(t *testing.T) {
	srv, hits := site(t, map[string][2]string{"/rss": {"text/xml", rss("Wire", "en", 4)}})
	res := find(t, feeds.NewFetcher(feeds.Options{}), srv.URL+"/rss")
	want := []Candidate{{URL: srv.URL + "/rss", Title: "Wire", Language: "en", Items: 4, Source: SourceGiven}}
	if !reflect.DeepEqual(res.Candidates, want) || hits.Load() != 1 {
		t.Errorf("Candidates = %+v after %d requests, want %+v after 1", res.Candidates, hits.Load(), want)
	}
}

func TestFindNothing(t *testing.T) {
	srv, _ := site(t, map[string][2]string{"/": {"text/html", "<html><body>nothing here</body></html>"}})
	res := find(t, feeds.NewFetcher(feeds.Options{}), srv.URL)
	if len(res.Candidates) != 0 {
		t.Errorf("Candidates = %+v, want none", res.Candidates)
	}
}

func TestFindRefusesSchemes(t *testing.T) {
	f := feeds.NewFetcher(feeds.Options{})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/feed.xml", "javascript:alert(1)", "mailto:news@example.org"} {
		if _, err := Find(context.Background(), f, u, Options{}); !errors.Is(err, ErrScheme) {
			t.Errorf("Find(%q) = %v, want ErrScheme", u, err)
		}
	}
	if got, err := checkURL("example.org/news"); err != nil || got != "https://example.org/news" {
		t.Errorf("checkURL(example.org/news) = %q, %v; want https://example.org/news", got, err)
	}
}

func TestFindFollowsFetcherLimits(t *testing.T) {
	big := "<html><body>" + strings.Repeat("<p>padding</p>", 10000) + "</body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big)
		case "/slow":
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		default: // a redirect chain longer than the fetcher follows
			n := 0
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
		}
	}))
	defer srv.Close()
	f := feeds.NewFetcher(feeds.Options{MaxBodyBytes: 64 << 10, Timeout: 300 * time.Millisecond, MaxRedirects: 3})
	isTimeout := func(err error) bool {
		var ne interface{ Timeout() bool }
		return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
	}
	for path, want := range map[string]func(error) bool{
		"/big":   func(err error) bool { return errors.Is(err, feeds.ErrTooLarge) },
		"/slow":  isTimeout,
		"/hop/0": func(err error) bool { return strings.Contains(err.Error(), "stopped after 3 redirects") },
	} {
		_, err := Find(context.Background(), f, srv.URL+path, Options{})
		if err == nil || !want(err) {
			t.Errorf("Find(%s) = %v, want the fetcher's limit to stop it", path, err)
		}
	}
}
