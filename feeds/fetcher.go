package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// Defaults for zero Options fields.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultMaxBodyBytes  = 10 << 20
	DefaultMaxConcurrent = 8
	DefaultMaxPerHost    = 2
	DefaultMaxRedirects  = 5
)

// Options configures a Fetcher. Zero values get defaults.
type Options struct {
	// Timeout bounds a whole request, body included; default 30s.
	Timeout time.Duration
	// MaxBodyBytes caps the (decompressed) body; default 10 MiB. A larger
	// body is an ErrTooLarge error, never a truncated parse.
	MaxBodyBytes int64
	// UserAgent defaults to
	// "wirewatch/<version> (+https://github.com/wirewatch/wirewatch)".
	UserAgent string
	// MaxConcurrent bounds fetches in flight overall; default 8.
	MaxConcurrent int
	// MaxPerHost bounds fetches in flight to one host; default 2.
	MaxPerHost int
	// MaxRedirects is how many redirects one fetch follows; default 5.
	MaxRedirects int
	// Logger receives one debug line per fetch; nil discards.
	Logger *slog.Logger
}

// Fetcher fetches feed bodies over HTTP(S) or from local files. It is safe
// for concurrent use; share one per program so that its concurrency limits
// hold.
type Fetcher struct {
	opts   Options
	client *http.Client
	// public is client for PublicOnly requests: it connects only to
	// public addresses.
	public  *http.Client
	limits  *limiter
	log     *slog.Logger
	nowFunc func() time.Time
}

// Request is one conditional fetch.
type Request struct {
	// URL is http://, https://, file:// or a plain local path.
	URL string
	// Headers are extra request headers, e.g. a per-feed User-Agent.
	Headers map[string]string
	// ETag and LastModified come from the previous response, for a
	// conditional GET.
	ETag         string
	LastModified string
	// PublicOnly refuses to connect to addresses that are not on the
	// public internet (loopback, private, link-local...), redirects
	// included; the error wraps ErrNotPublic. For URLs that feed text
	// chose, such as article links, which must not reach the network
	// wirewatch runs in.
	PublicOnly bool
}

// Response is a fetched body, or a 304.
type Response struct {
	// NotModified is true for a 304 (or an unchanged local file); Body is
	// then nil.
	NotModified bool
	StatusCode  int
	// ETag and LastModified are the validators to send next time; on a 304
	// without them, the request's are kept.
	ETag         string
	LastModified string
	// ContentType is the Content-Type header, as sent.
	ContentType string
	// Body is the decompressed body.
	Body []byte
	// FinalURL is the URL after redirects (not redacted: it is data, not a
	// message).
	FinalURL string
}

// NewFetcher returns a Fetcher configured by opts.
func NewFetcher(opts Options) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "wirewatch/" + moduleVersion() + " (+https://github.com/wirewatch/wirewatch)"
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = DefaultMaxConcurrent
	}
	if opts.MaxPerHost <= 0 {
		opts.MaxPerHost = DefaultMaxPerHost
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	f := &Fetcher{
		opts:    opts,
		limits:  newLimiter(opts.MaxConcurrent, opts.MaxPerHost),
		log:     opts.Logger,
		nowFunc: time.Now,
	}
	dialer := &net.Dialer{
		Timeout:   min(opts.Timeout, 30*time.Second),
		KeepAlive: 30 * time.Second,
	}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opts.MaxPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(opts.Timeout, 10*time.Second),
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
		// Compression is undone here, so that the size cap applies to the
		// decompressed body.
		DisableCompression: true,
	}
	f.client = &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: f.checkRedirect,
	}
	publicTransport := transport.Clone()
	publicTransport.DialContext = publicDial(dialer)
	f.public = &http.Client{
		Transport:     publicTransport,
		Timeout:       opts.Timeout,
		CheckRedirect: f.checkRedirect,
	}
	return f
}

// moduleVersion is the version the binary was built at, or "dev".
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return v
		}
	}
	return "dev"
}

// checkRedirect stops redirect loops and long chains with errors that
// name no secret.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	for _, prev := range via {
		if prev.URL.String() == next {
			return fmt.Errorf("redirect loop: %s was already visited", RedactURL(next))
		}
	}
	if len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", f.opts.MaxRedirects)
	}
	// A feed's own headers (often an API key) go only to the host they
	// were configured for, and never over a downgrade to plain http.
	first := via[0].URL
	if req.URL.Host != first.Host || (first.Scheme == "https" && req.URL.Scheme != "https") {
		for name := range req.Header {
			if !safeAcrossHosts[http.CanonicalHeaderKey(name)] {
				req.Header.Del(name)
			}
		}
	}
	return nil
}

// safeAcrossHosts are the request headers kept when a feed redirects to
// another host: the fetcher's own, none configured per feed.
var safeAcrossHosts = map[string]bool{
	"User-Agent": true, "Accept": true, "Accept-Encoding": true,
	"If-None-Match": true, "If-Modified-Since": true,
}

// Fetch gets req.URL. It first waits for a global and a per-host slot (or
// for ctx to end), then makes a conditional GET bounded by Options.Timeout.
// A 304 gives a Response with NotModified set; other answers outside 2xx
// are *HTTPError. Errors never contain the URL's userinfo or query values.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Response, error) {
	start := f.nowFunc()
	u, local, err := parseFeedURL(req.URL)
	if err != nil {
		return nil, err
	}
	if local && req.PublicOnly {
		return nil, fmt.Errorf("fetch %s: a local file: %w", RedactURL(req.URL), ErrNotPublic)
	}
	host := ""
	if !local {
		host = strings.ToLower(u.Host)
	}
	release, err := f.limits.acquire(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: waiting for a slot: %w", RedactURL(req.URL), err)
	}
	defer release()

	var resp *Response
	if local {
		resp, err = f.fetchFile(u, req)
	} else {
		resp, err = f.fetchHTTP(ctx, u, req)
	}
	log := f.log.With(slog.String("url", RedactURL(req.URL)), slog.Duration("duration", f.nowFunc().Sub(start)))
	if err != nil {
		log.Debug("fetch failed", slog.Any("error", err))
		return nil, err
	}
	log.Debug("fetched", slog.Int("status", resp.StatusCode), slog.Bool("not_modified", resp.NotModified), slog.Int("bytes", len(resp.Body)))
	return resp, nil
}

// parseFeedURL accepts http(s) and file URLs and plain paths; local tells
// which.
func parseFeedURL(raw string) (u *url.URL, local bool, err error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, false, errors.New("fetch: empty feed url")
	}
	if !strings.Contains(raw, "://") && !strings.HasPrefix(raw, "file:") {
		return &url.URL{Scheme: "file", Path: raw}, true, nil
	}
	u, err = url.Parse(raw)
	if err != nil {
		return nil, false, fmt.Errorf("fetch %s: invalid url", RedactURL(raw))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return nil, false, fmt.Errorf("fetch %s: url has no host", RedactURL(raw))
		}
		return u, false, nil
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, false, fmt.Errorf("fetch %s: file url names a remote host", RedactURL(raw))
		}
		if u.Path == "" {
			u.Path = u.Opaque
		}
		return u, true, nil
	default:
		return nil, false, fmt.Errorf("fetch %s: unsupported scheme %q", RedactURL(raw), u.Scheme)
	}
}

func (f *Fetcher) fetchHTTP(ctx context.Context, u *url.URL, req Request) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", RedactURL(req.URL), redactErr(err))
	}
	hreq.Header.Set("User-Agent", f.opts.UserAgent)
	hreq.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
	hreq.Header.Set("Accept-Encoding", "gzip, deflate")
	for k, v := range req.Headers {
		hreq.Header.Set(k, v)
	}
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	client := f.client
	if req.PublicOnly {
		client = f.public
	}
	hresp, err := client.Do(hreq)
	if err != nil {
		return nil, redactErr(err)
	}
	defer hresp.Body.Close()

	resp := &Response{
		StatusCode:   hresp.StatusCode,
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
		ContentType:  hresp.Header.Get("Content-Type"),
		FinalURL:     hresp.Request.URL.String(),
	}
	switch {
	case hresp.StatusCode == http.StatusNotModified:
		resp.NotModified = true
		if resp.ETag == "" {
			resp.ETag = req.ETag
		}
		if resp.LastModified == "" {
			resp.LastModified = req.LastModified
		}
		return resp, nil
	case hresp.StatusCode < 200 || hresp.StatusCode > 299:
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, hresp.Body, 64<<10)
		return nil, &HTTPError{
			StatusCode: hresp.StatusCode,
			RetryAfter: parseRetryAfter(hresp.Header.Get("Retry-After"), f.nowFunc()),
			URL:        RedactURL(req.URL),
		}
	}

	limit := f.opts.MaxBodyBytes
	if hresp.ContentLength > limit && hresp.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("fetch %s: %w", RedactURL(req.URL), tooLarge(limit))
	}
	body, err := decodeContent(hresp.Body, hresp.Header.Get("Content-Encoding"))
	if err == nil {
		resp.Body, err = readLimited(body, limit)
	}
	if err == nil {
		resp.Body, err = gunzipIfCompressed(resp.Body, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", RedactURL(req.URL), redactErr(err))
	}
	return resp, nil
}

// redactErr removes secrets from the URL inside a *url.Error.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = RedactURL(ue.URL)
	}
	return err
}

// isTooLarge reports whether err is (or wraps) ErrTooLarge.
func isTooLarge(err error) bool { return errors.Is(err, ErrTooLarge) }
