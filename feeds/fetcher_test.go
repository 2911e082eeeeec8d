package feeds

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const smallRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local wire</title><language>en-GB</language>
<item><guid>w-1</guid><title>Quake hits coast</title><link>https://news.example/a?utm_source=rss&amp;id=1</link></item>
</channel></rss>`

func newTestFetcher(tb testing.TB, opts Options) *Fetcher {
	tb.Helper()
	if opts.Logger == nil {
		opts.Logger = discardLogger()
	}
	return NewFetcher(opts)
}

// hangingHandler never answers until the client goes away.
func hangingHandler(w http.ResponseWriter, r *http.Request) {
	<-r.Context().Done()
}

func TestFetchOK(t *testing.T) {
	var gotUA, gotAE, gotExtra string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAE, gotExtra = r.UserAgent(), r.Header.Get("Accept-Encoding"), r.Header.Get("X-Extra")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 28 Feb 2026 10:00:00 GMT")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, smallRSS)
	}))
	defer srv.Close()
	f := newTestFetcher(t, Options{})
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/feed", Headers: map[string]string{"X-Extra": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.NotModified || resp.ETag != `"v1"` || resp.LastModified != "Sat, 28 Feb 2026 10:00:00 GMT" {
		t.Errorf("got %+v", resp)
	}
	if string(resp.Body) != smallRSS {
		t.Errorf("body: got %q, want %q", resp.Body, smallRSS)
	}
	if resp.FinalURL != srv.URL+"/feed" {
		t.Errorf("FinalURL: got %v, want %v", resp.FinalURL, srv.URL+"/feed")
	}
	if !strings.HasPrefix(gotUA, "wirewatch/") || !strings.Contains(gotUA, "+https://github.com/wirewatch/wirewatch") {
		t.Errorf("User-Agent: got %q", gotUA)
	}
	if gotAE != "gzip, deflate" || gotExtra != "1" {
		t.Errorf("headers: got Accept-Encoding %q, X-Extra %q", gotAE, gotExtra)
	}

	// A per-feed User-Agent wins.
	if _, err := f.Fetch(context.Background(), Request{URL: srv.URL, Headers: map[string]string{"User-Agent": "feedbot/2"}}); err != nil {
		t.Fatal(err)
	}
	if gotUA != "feedbot/2" {
		t.Errorf("per-feed User-Agent: got %v, want %v", gotUA, "feedbot/2")
	}
}

func TestFetchConditional(t *testing.T) {
	const etag, lastMod = `"abc"`, "Sat, 28 Feb 2026 10:00:00 GMT"
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, smallRSS)
	}))
	defer srv.Close()
	f := newTestFetcher(t, Options{})
	first, err := f.Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.Fetch(context.Background(), Request{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.StatusCode != 304 || second.Body != nil {
		t.Errorf("second fetch: got NotModified %v status %v body %d bytes, want a 304", second.NotModified, second.StatusCode, len(second.Body))
	}
	if second.ETag != etag || second.LastModified != lastMod {
		t.Errorf("validators kept: got %q %q, want %q %q", second.ETag, second.LastModified, etag, lastMod)
	}
	if hits.Load() != 2 {
		t.Errorf("hits: got %v, want 2", hits.Load())
	}
}

func TestFetchHTTPErrors(t *testing.T) {
	date := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantMin    time.Duration
		wantMax    time.Duration
		temporary  bool
	}{
		{"429 seconds", 429, "120", 120 * time.Second, 120 * time.Second, true},
		{"503 http-date", 503, date, 80 * time.Second, 90 * time.Second, true},
		{"503 without", 503, "", 0, 0, true},
		{"429 garbage", 429, "soon", 0, 0, true},
		{"429 huge", 429, "999999999", maxRetryAfter, maxRetryAfter, true},
		{"404", 404, "", 0, 0, false},
		{"410", 410, "", 0, 0, false},
		{"500", 500, "", 0, 0, true},
		{"408", 408, "", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			_, err := newTestFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
			var he *HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("got %v, want *HTTPError", err)
			}
			if he.StatusCode != tt.status {
				t.Errorf("StatusCode: got %v, want %v", he.StatusCode, tt.status)
			}
			if he.RetryAfter < tt.wantMin || he.RetryAfter > tt.wantMax {
				t.Errorf("RetryAfter: got %v, want in [%v, %v]", he.RetryAfter, tt.wantMin, tt.wantMax)
			}
			if he.Temporary() != tt.temporary {
				t.Errorf("Temporary: got %v, want %v", he.Temporary(), tt.temporary)
			}
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(hangingHandler))
	defer srv.Close()

	t.Run("options timeout", func(t *testing.T) {
		start := time.Now()
		_, err := newTestFetcher(t, Options{Timeout: 200 * time.Millisecond}).Fetch(context.Background(), Request{URL: srv.URL})
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("got %v, want a timeout", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v, want about 200ms", d)
		}
	})
	t.Run("context deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := newTestFetcher(t, Options{}).Fetch(ctx, Request{URL: srv.URL})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v, want about 200ms", d)
		}
	})
}

func gzipBytes(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestFetchSizeAndCompression(t *testing.T) {
	const limit = 1 << 20
	big := bytes.Repeat([]byte("a"), 2<<20)
	bomb := gzipBytes(t, make([]byte, 16<<20)) // 16 MiB of zeros, ~16 KiB compressed
	var zbuf bytes.Buffer
	zw := zlib.NewWriter(&zbuf)
	zw.Write([]byte(smallRSS))
	zw.Close()

	tests := []struct {
		name     string
		encoding string
		body     []byte
		chunked  bool
		wantErr  error
		wantBody string
	}{
		{"oversized with length", "", big, false, ErrTooLarge, ""},
		{"oversized chunked", "", big, true, ErrTooLarge, ""},
		{"gzip bomb", "gzip", bomb, false, ErrTooLarge, ""},
		{"gzip", "gzip", gzipBytes(t, []byte(smallRSS)), false, nil, smallRSS},
		{"deflate", "deflate", zbuf.Bytes(), false, nil, smallRSS},
		{"gzip without header", "", gzipBytes(t, []byte(smallRSS)), false, nil, smallRSS},
		{"bomb without header", "", bomb, false, ErrTooLarge, ""},
		{"exactly the limit", "", bytes.Repeat([]byte("b"), limit), false, nil, strings.Repeat("b", limit)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				if tt.chunked {
					w.Write(tt.body[:1000])
					w.(http.Flusher).Flush()
					w.Write(tt.body[1000:])
					return
				}
				w.Header().Set("Content-Length", fmt.Sprint(len(tt.body)))
				w.Write(tt.body)
			}))
			defer srv.Close()
			start := time.Now()
			resp, err := newTestFetcher(t, Options{MaxBodyBytes: limit}).Fetch(context.Background(), Request{URL: srv.URL})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), fmt.Sprint(limit)) {
					t.Errorf("error %q does not name the limit", err)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("took %v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tt.wantBody {
				t.Errorf("body: got %d bytes, want %d", len(resp.Body), len(tt.wantBody))
			}
		})
	}
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) })
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.String(), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n == 0 {
			fmt.Fprint(w, smallRSS)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := newTestFetcher(t, Options{MaxRedirects: 3})

	for _, path := range []string{"/a", "/self?token=s3cr3t"} {
		_, err := f.Fetch(context.Background(), Request{URL: srv.URL + path})
		if err == nil || !strings.Contains(err.Error(), "redirect loop") {
			t.Errorf("%s: got %v, want a redirect loop error", path, err)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("%s: secret in %q", path, err)
		}
	}
	if _, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/chain/5"}); err == nil || !strings.Contains(err.Error(), "stopped after 3 redirects") {
		t.Errorf("long chain: got %v, want stopped after 3 redirects", err)
	}
	resp, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/chain/3"})
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/chain/0"; resp.FinalURL != want {
		t.Errorf("FinalURL: got %v, want %v", resp.FinalURL, want)
	}
}

func TestFetchHTMLPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Welcome</p></body></html>")
	}))
	defer srv.Close()
	resp, err := newTestFetcher(t, Options{}).Fetch(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(resp.Body, resp.ContentType, ParseOptions{Now: testNow})
	if !errors.Is(err, ErrNotAFeed) || err.Error() != "not a feed: looks like an HTML page" {
		t.Errorf("got %v, want not a feed: looks like an HTML page", err)
	}
}

func TestFetchLocal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wire feed.xml")
	if err := os.WriteFile(path, []byte(smallRSS), 0o644); err != nil {
		t.Fatal(err)
	}
	gzPath := filepath.Join(dir, "wire.xml.gz")
	if err := os.WriteFile(gzPath, gzipBytes(t, []byte(smallRSS)), 0o644); err != nil {
		t.Fatal(err)
	}
	bigPath := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(bigPath, bytes.Repeat([]byte("x"), 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	f := newTestFetcher(t, Options{MaxBodyBytes: 1024})
	fileURL := "file://" + filepath.ToSlash(path)
	for _, u := range []string{path, fileURL, "file://localhost" + filepath.ToSlash(path), gzPath} {
		resp, err := f.Fetch(context.Background(), Request{URL: u})
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if string(resp.Body) != smallRSS || resp.StatusCode != 200 || resp.ETag == "" {
			t.Errorf("%s: got status %v, ETag %q, body %q", u, resp.StatusCode, resp.ETag, resp.Body)
		}
		if u == path {
			again, err := f.Fetch(context.Background(), Request{URL: u, ETag: resp.ETag})
			if err != nil {
				t.Fatal(err)
			}
			if !again.NotModified {
				t.Errorf("unchanged file: got NotModified false, want true")
			}
		}
	}
	if _, err := f.Fetch(context.Background(), Request{URL: bigPath}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big file: got %v, want ErrTooLarge", err)
	}
	if _, err := f.Fetch(context.Background(), Request{URL: filepath.Join(dir, "missing.xml")}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want not exist", err)
	}
	if _, err := f.Fetch(context.Background(), Request{URL: "ftp://example.org/feed"}); err == nil || !strings.Contains(err.Error(), `unsupported scheme "ftp"`) {
		t.Errorf("ftp: got %v", err)
	}
}

func newConcurrencyServer(tb testing.TB, cur, peak *atomic.Int32) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(40 * time.Millisecond)
		cur.Add(-1)
		fmt.Fprint(w, smallRSS)
	}))
	tb.Cleanup(srv.Close)
	return srv
}

func TestFetchConcurrencyLimits(t *testing.T) {
	t.Run("per host", func(t *testing.T) {
		var cur, peak atomic.Int32
		srv := newConcurrencyServer(t, &cur, &peak)
		f := newTestFetcher(t, Options{MaxPerHost: 2, MaxConcurrent: 8})
		fetchAll(t, f, []string{srv.URL}, 10)
		if got := peak.Load(); got != 2 {
			t.Errorf("peak in flight to one host: got %v, want 2", got)
		}
	})
	t.Run("global", func(t *testing.T) {
		var cur, peak atomic.Int32
		// Different ports are different hosts.
		a := newConcurrencyServer(t, &cur, &peak)
		b := newConcurrencyServer(t, &cur, &peak)
		c := newConcurrencyServer(t, &cur, &peak)
		f := newTestFetcher(t, Options{MaxPerHost: 2, MaxConcurrent: 3})
		fetchAll(t, f, []string{a.URL, b.URL, c.URL}, 6)
		if got := peak.Load(); got != 3 {
			t.Errorf("peak in flight overall: got %v, want 3", got)
		}
	})
	t.Run("waiting honours the context", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(hangingHandler))
		defer srv.Close()
		f := newTestFetcher(t, Options{MaxConcurrent: 1})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go f.Fetch(ctx, Request{URL: srv.URL}) // holds the only slot
		time.Sleep(50 * time.Millisecond)
		waitCtx, waitCancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer waitCancel()
		start := time.Now()
		_, err := f.Fetch(waitCtx, Request{URL: "http://127.0.0.1:1/other"})
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for a slot") {
			t.Errorf("got %v, want a deadline while waiting for a slot", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
	})
}

// fetchAll fetches each URL n times at once and fails on any error.
func fetchAll(tb testing.TB, f *Fetcher, urls []string, n int) {
	tb.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n*len(urls))
	for _, u := range urls {
		for range n {
			wg.Go(func() {
				if _, err := f.Fetch(context.Background(), Request{URL: u}); err != nil {
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Error(err)
	}
}

func TestFetchLeaksNoSecret(t *testing.T) {
	const secret = "s3cr3t-T0KEN"
	mux := http.NewServeMux()
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.String(), http.StatusFound) })
	mux.HandleFunc("/hang", hangingHandler)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 4096)) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html><body>x</body></html>") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newTestFetcher(t, Options{Timeout: 300 * time.Millisecond, MaxBodyBytes: 1024, Logger: logger})
	urls := []string{
		"http://user:" + secret + "@" + host + "/500",
		"http://" + host + "/500?token=" + secret,
		"http://" + host + "/loop?key=" + secret,
		"http://" + host + "/hang?api_key=" + secret,
		"http://" + host + "/big?token=" + secret,
		"http://" + secret + "@127.0.0.1:1/refused",
		"http://127.0.0.1:1/refused?sig=" + secret,
		"http://" + host + "/x?token=" + secret + "#" + secret,
		"gopher://" + host + "/?token=" + secret,
		"http://[::1" + "/?token=" + secret, // does not parse
	}
	for _, u := range urls {
		_, err := f.Fetch(context.Background(), Request{URL: u})
		if err == nil {
			// Only the 404 of /x may succeed... it must not.
			t.Errorf("%s: got no error", RedactURL(u))
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("secret in error: %v", err)
		}
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("secret in logs:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "xxxxx") {
		t.Errorf("logs show no redacted URL:\n%s", logs.String())
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://news.example/rss", "https://news.example/rss"},
		{"https://bob:pw@news.example/rss?token=abc&lang=en#frag", "https://xxxxx@news.example/rss?token=xxxxx&lang=xxxxx"},
		{"http://news.example/rss?flag", "http://news.example/rss?flag=xxxxx"},
		{"/var/feeds/a.xml", "/var/feeds/a.xml"},
		{"http://[::1/?token=abc", "http://[::1/?xxxxx"},
		{"http://u:p@[::1/x", "http://xxxxx@[::1/x"},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures   int
		retryAfter time.Duration
		want       time.Duration
	}{
		{0, 0, 0},
		{0, time.Minute, time.Minute},
		{1, 0, time.Minute},
		{2, 0, 2 * time.Minute},
		{3, 0, 4 * time.Minute},
		{9, 0, 256 * time.Minute},
		{10, 0, 6 * time.Hour},
		{1000, 0, 6 * time.Hour},
		{1, 10 * time.Minute, 10 * time.Minute},
		{10, 12 * time.Hour, 12 * time.Hour},
		{-3, 0, 0},
	}
	for _, tt := range tests {
		if got := Backoff(tt.failures, tt.retryAfter); got != tt.want {
			t.Errorf("Backoff(%d, %v) = %v, want %v", tt.failures, tt.retryAfter, got, tt.want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{"30", 30 * time.Second},
		{"Sun, 01 Mar 2026 12:05:00 GMT", 5 * time.Minute},
		{"Sun, 01 Mar 2026 11:00:00 GMT", 0},
		{"Sunday, 01-Mar-26 12:00:10 GMT", 10 * time.Second},
		{"tomorrow", 0},
		{"100000000", maxRetryAfter},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestRedirectKeepsFeedHeadersOnTheirHost: a feed's own headers (an API
// key) are not sent on to another host the feed redirects to.
func TestRedirectKeepsFeedHeadersOnTheirHost(t *testing.T) {
	var got atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("X-Api-Key") + "|" + r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<rss version="2.0"><channel><title>t</title></channel></rss>`)
	}))
	defer other.Close()
	// The same server under another host name.
	elsewhere := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	first := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere+"/feed", http.StatusFound)
	}))
	defer first.Close()
	f := NewFetcher(Options{UserAgent: "wirewatch-test"})
	if _, err := f.Fetch(context.Background(), Request{URL: first.URL, Headers: map[string]string{"X-Api-Key": "SECRETKEY"}}); err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if v, _ := got.Load().(string); v != "|wirewatch-test" {
		t.Errorf("the other host received %q, want no API key and the user agent", v)
	}
}
