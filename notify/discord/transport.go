package discord

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// transport sends Discord requests to an API base other than Discord's
// (the fake, in tests) by rewriting scheme and host, and records the status
// and headers of each response for the request's recorder, if any. It
// leaves discordgo's endpoint variables alone.
type transport struct {
	base   http.RoundTripper
	target *url.URL // nil for real Discord
}

// newTransport returns a transport for apiBase ("" for real Discord).
func newTransport(apiBase string) (*transport, error) {
	t := &transport{base: http.DefaultTransport.(*http.Transport).Clone()}
	if apiBase == "" {
		return t, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord: api base %q: want scheme://host[:port]", apiBase)
	}
	t.target = &url.URL{Scheme: u.Scheme, Host: u.Host}
	return t, nil
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.target != nil {
		req = req.Clone(req.Context())
		req.URL.Scheme = t.target.Scheme
		req.URL.Host = t.target.Host
		req.Host = ""
	}
	resp, err := t.base.RoundTrip(req)
	if rec, ok := req.Context().Value(recorderKey{}).(*recorder); ok && resp != nil {
		rec.set(resp.StatusCode, resp.Header)
	}
	return resp, err
}

// closeIdle closes idle connections of the underlying transport.
func (t *transport) closeIdle() {
	if tr, ok := t.base.(*http.Transport); ok {
		tr.CloseIdleConnections()
	}
}

// recorderKey is the context key of a *recorder.
type recorderKey struct{}

// recorder keeps the status and headers of the last response to a request,
// which discordgo does not return for 502s and unreadable 429s.
type recorder struct {
	mu     sync.Mutex
	status int
	header http.Header
}

// withRecorder returns ctx carrying a new recorder.
func withRecorder(ctx context.Context) (context.Context, *recorder) {
	rec := &recorder{}
	return context.WithValue(ctx, recorderKey{}, rec), rec
}

func (r *recorder) set(status int, h http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.header = status, h.Clone()
}

// get returns the last status and headers.
func (r *recorder) get() (int, http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status, r.header
}

// retryAfter reads a 429's wait from the Retry-After header (seconds), else
// from X-RateLimit-Reset-After.
func retryAfter(h http.Header) time.Duration {
	for _, k := range []string{"Retry-After", "X-RateLimit-Reset-After"} {
		if v := h.Get(k); v != "" {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 {
				return seconds(f)
			}
		}
	}
	return 0
}

// maxWait caps a wait Discord asks for; a larger or broken value would
// overflow a time.Duration.
const maxWait = time.Hour

// seconds converts a number of seconds Discord sent to a duration in
// [0, maxWait]; NaN gives 0.
func seconds(f float64) time.Duration {
	switch {
	case f != f || f <= 0:
		return 0
	case f >= maxWait.Seconds():
		return maxWait
	}
	return time.Duration(f * float64(time.Second))
}
