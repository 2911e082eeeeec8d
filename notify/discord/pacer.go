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

// pacer spaces requests evenly, at most one every interval, for every
// goroutine that shares it.
type pacer struct {
	interval time.Duration

	mu   sync.Mutex
	next time.Time // the earliest time the next request may go
}

func newPacer(perSecond int) *pacer {
	return &pacer{interval: time.Second / time.Duration(perSecond)}
}

// wait reserves the next free slot and waits for it within ctx. A slot
// past ctx's deadline is not reserved and comes back at once as a 429, so
// that the caller's own retry policy decides.
func (p *pacer) wait(ctx context.Context) error {
	p.mu.Lock()
	now := time.Now()
	slot := p.next
	if slot.Before(now) {
		slot = now
	}
	if dl, ok := ctx.Deadline(); ok && slot.After(dl) {
		p.mu.Unlock()
		return &APIError{Status: http.StatusTooManyRequests, Message: "global request budget exhausted", RetryAfter: slot.Sub(now), Scope: "local"}
	}
	p.next = slot.Add(p.interval)
	p.mu.Unlock()
	return waitForRoom(ctx, slot.Sub(now))
}
