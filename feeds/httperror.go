package feeds

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrTooLarge is returned, wrapped with the limit, when a feed body (after
// decompression) is larger than Options.MaxBodyBytes.
var ErrTooLarge = errors.New("feed body exceeds size limit")

// maxRetryAfter caps what a server may ask us to wait, so that a hostile or
// broken Retry-After cannot silence a feed for years.
const maxRetryAfter = 24 * time.Hour

// HTTPError is an answer other than 2xx or 304.
type HTTPError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// RetryAfter is the server's Retry-After, in either form, or zero.
	RetryAfter time.Duration
	// URL is the requested URL with secrets redacted (see RedactURL).
	URL string
}

// Error describes the failure without revealing secrets in the URL.
func (e *HTTPError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "fetch %s: http %d", e.URL, e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" " + strings.ToLower(t))
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Temporary reports whether the failure is worth retrying later: 408, 425,
// 429 and every 5xx. Other 4xx answers are permanent until the
// configuration changes.
func (e *HTTPError) Temporary() bool {
	switch e.StatusCode {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests:
		return true
	}
	return e.StatusCode >= 500 && e.StatusCode <= 599
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an
// HTTP-date. It returns zero when the header is absent or unreadable, and
// caps the result at maxRetryAfter.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	if d < 0 {
		return 0
	}
	return min(d, maxRetryAfter)
}
