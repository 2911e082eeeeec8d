package discordtest

import (
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Rate limits the fake enforces. Discord publishes only the global limit;
// per-route numbers are the ones Discord is observed to send in its
// X-RateLimit-* headers.
// See https://discord.com/developers/docs/topics/rate-limits.
const (
	GlobalLimit  = 50
	GlobalWindow = time.Second

	ChannelMessageLimit  = 5
	ChannelMessageWindow = 5 * time.Second

	MessageEditLimit  = 5
	MessageEditWindow = 5 * time.Second

	MessageDeleteLimit  = 5
	MessageDeleteWindow = time.Second

	WebhookLimit  = 5
	WebhookWindow = 2 * time.Second

	// WebhookChannelLimit is the shared limit on webhook posts to one
	// channel, across all of the channel's webhooks.
	WebhookChannelLimit  = 30
	WebhookChannelWindow = 60 * time.Second

	// ReactionLimit bounds reactions the bot adds in one channel.
	ReactionLimit  = 1
	ReactionWindow = 250 * time.Millisecond

	// DefaultRouteLimit applies to routes with no tighter limit.
	DefaultRouteLimit  = 50
	DefaultRouteWindow = time.Second
)

// rateSpec describes one kind of bucket.
type rateSpec struct {
	name  string
	limit int
	per   time.Duration
	scope string
}

var (
	specChannelMessages = rateSpec{"channel-messages", ChannelMessageLimit, ChannelMessageWindow, "user"}
	specMessageEdit     = rateSpec{"message-edit", MessageEditLimit, MessageEditWindow, "user"}
	specMessageDelete   = rateSpec{"message-delete", MessageDeleteLimit, MessageDeleteWindow, "user"}
	specWebhook         = rateSpec{"webhook", WebhookLimit, WebhookWindow, "user"}
	specWebhookChannel  = rateSpec{"webhook-channel", WebhookChannelLimit, WebhookChannelWindow, "shared"}
	specReaction        = rateSpec{"reaction", ReactionLimit, ReactionWindow, "user"}
	specDefault         = rateSpec{"default", DefaultRouteLimit, DefaultRouteWindow, "user"}
)

// bucket is a fixed window that opens at its first request.
type bucket struct {
	spec  rateSpec
	hash  string
	count int
	reset time.Time
}

// take counts one request, reporting whether it is allowed.
func (b *bucket) take(now time.Time) bool {
	if !now.Before(b.reset) {
		b.count = 0
		b.reset = now.Add(b.spec.per)
	}
	if b.count >= b.spec.limit {
		return false
	}
	b.count++
	return true
}

func bucketHash(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	return fmt.Sprintf("%016x", h.Sum64())
}

// seconds formats d as seconds with millisecond precision, rounded up.
func seconds(d time.Duration) float64 {
	if d < 0 {
		d = 0
	}
	return math.Ceil(float64(d)/float64(time.Millisecond)) / 1000
}

// setBucketHeaders writes the X-RateLimit-* headers of b.
func setBucketHeaders(h http.Header, b *bucket, now time.Time) {
	left := b.reset.Sub(now)
	h.Set("X-RateLimit-Limit", strconv.Itoa(b.spec.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(b.spec.limit-b.count))
	h.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(b.reset.UnixMilli())/1000, 'f', 3, 64))
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(seconds(left), 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", b.hash)
}

// rateLimited writes Discord's 429 answer.
func rateLimited(w http.ResponseWriter, retryAfter time.Duration, global bool, scope string) {
	ra := seconds(retryAfter)
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(ra))))
	w.Header().Set("X-RateLimit-Scope", scope)
	if global {
		w.Header().Set("X-RateLimit-Global", "true")
	}
	writeJSON(w, http.StatusTooManyRequests, map[string]any{
		"message":     "You are being rate limited.",
		"retry_after": ra,
		"global":      global,
		"code":        0,
	})
}

// bucketLocked returns the bucket spec/major, creating it on first use.
func (s *Server) bucketLocked(spec rateSpec, major string) *bucket {
	key := spec.name + "/" + major
	b := s.buckets[key]
	if b == nil {
		b = &bucket{spec: spec, hash: bucketHash(spec.name)}
		s.buckets[key] = b
	}
	return b
}

// takeBucket counts a request against the bucket spec/major. It writes the
// bucket headers, and on refusal the 429, and reports whether to go on.
func (s *Server) takeBucket(w http.ResponseWriter, spec rateSpec, major string) (*bucket, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.bucketLocked(spec, major)
	now := s.now()
	ok := b.take(now)
	setBucketHeaders(w.Header(), b, now)
	if !ok {
		rateLimited(w, b.reset.Sub(now), false, spec.scope)
	}
	return b, ok
}

// takeGlobal counts a bot request against the global limit.
func (s *Server) takeGlobal(w http.ResponseWriter) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.global.spec.limit == 0 {
		s.global.spec = rateSpec{"global", GlobalLimit, GlobalWindow, "global"}
	}
	now := s.now()
	if s.global.take(now) {
		return true
	}
	rateLimited(w, s.global.reset.Sub(now), true, "global")
	return false
}

// takeShared counts a request against a shared bucket such as the
// per-channel webhook limit. It writes headers only when it refuses.
func (s *Server) takeShared(w http.ResponseWriter, spec rateSpec, major string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.bucketLocked(spec, major)
	now := s.now()
	if b.take(now) {
		return true
	}
	rateLimited(w, b.reset.Sub(now), false, spec.scope)
	return false
}
