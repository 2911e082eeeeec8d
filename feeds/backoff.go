package feeds

import "time"

// Backoff bounds.
const (
	backoffBase = time.Minute
	backoffMax  = 6 * time.Hour
)

// Backoff returns how long to wait before fetching a feed again after
// failures consecutive failures: one minute after the first, doubling with
// each further failure up to six hours, and never less than retryAfter
// (the server's Retry-After). It has no jitter, so it is predictable; zero
// or fewer failures give retryAfter alone.
func Backoff(failures int, retryAfter time.Duration) time.Duration {
	var d time.Duration
	switch {
	case failures <= 0:
		d = 0
	case failures > 20: // 2^20 minutes is far past the cap; avoid overflow.
		d = backoffMax
	default:
		d = backoffBase << (failures - 1)
		if d > backoffMax {
			d = backoffMax
		}
	}
	if retryAfter > d {
		return retryAfter
	}
	return d
}
