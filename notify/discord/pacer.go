package discord

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// globalRate is how many REST requests a second the bot makes at most,
// across every channel: under Discord's global limit of 50 a second
// (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit),
// with a margin, so that thousands of subscriptions fan out without a
// storm of 429s.
const globalRate = 40

// pacer spaces requests at least interval apart, for every goroutine that
// shares it. It spaces them when they leave, not when they were promised a
// slot, so that a process stalled by a busy machine cannot send a burst of
// late requests together: Discord counts them as they arrive.
type pacer struct {
	interval time.Duration
	now      func() time.Time // read under mu, so departures are in order

	mu   sync.Mutex
	last time.Time // the last departure
}

func newPacer(perSecond int) *pacer {
	return &pacer{interval: time.Second / time.Duration(perSecond), now: time.Now}
}

// reserve records a departure now and returns 0 when the last one left an
// interval ago or more; otherwise it records nothing and returns how long
// to wait before asking again.
func (p *pacer) reserve() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if free := p.last.Add(p.interval); !p.last.IsZero() && free.After(now) {
		return free.Sub(now)
	}
	p.last = now
	return 0
}

// wait returns when the request may leave, within ctx. When the room comes
// only after ctx's deadline it returns at once with a 429, so that the
// caller's own retry policy decides.
func (p *pacer) wait(ctx context.Context) error {
	for {
		d := p.reserve()
		if d == 0 {
			return nil
		}
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(d).After(dl) {
			return &APIError{Status: http.StatusTooManyRequests, Message: "global request budget exhausted", RetryAfter: d, Scope: "local"}
		}
		if err := waitForRoom(ctx, d); err != nil {
			return err
		}
	}
}
