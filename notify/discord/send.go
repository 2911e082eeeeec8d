package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/wirewatch/wirewatch/notify"
)

// DefaultSendDeadline bounds the delivery of one message when
// Options.SendDeadline is zero.
const DefaultSendDeadline = 2 * time.Minute

// Backoff between retries of a message after a 5xx or a network error.
const (
	minBackoff = 250 * time.Millisecond
	maxBackoff = 15 * time.Second
)

// postFunc makes one attempt at posting a message and returns the id
// Discord gave it. Discord's error responses come back as *APIError.
type postFunc func(ctx context.Context, m Message) (id string, err error)

// sender delivers messages one after the other, retrying each within its
// deadline.
type sender struct {
	deadline time.Duration
	log      *slog.Logger
	// rateLimited, when set, hears of every 429 Discord answered, with its
	// scope.
	rateLimited func(scope string)
}

// deliver posts msgs in order and tells p about each as it goes, keeping
// notify's contract: a message Discord refuses on its own merits (400) is
// a *notify.RejectedError and the next one is sent; a destination that is
// gone or forbidden stops the delivery with a *notify.PermanentError; any
// other failure stops it as retryable. A delivery that stopped after
// accepted messages wraps its cause in a *notify.PartialError. Rejections
// and the cause are joined.
func (s sender) deliver(ctx context.Context, msgs []Message, post postFunc, p notify.Progress) error {
	var (
		rejected  []error
		delivered int
	)
	stop := func(err error) error {
		if delivered > 0 {
			err = &notify.PartialError{Delivered: delivered, Err: err}
		}
		return errors.Join(append(rejected, err)...)
	}
	for i, m := range msgs {
		if err := p.Sending(ctx, m.Part); err != nil {
			return stop(err)
		}
		id, err := s.sendOne(ctx, m, post)
		if err != nil {
			s.log.Warn("discord message failed",
				slog.Int("message", i+1), slog.Int("messages", len(msgs)), slog.Any("error", err))
			var rej *notify.RejectedError
			if errors.As(err, &rej) {
				rej.Part = m.Part
				rejected = append(rejected, rej)
				continue
			}
			return stop(err)
		}
		if err := p.Accepted(ctx, m.Part, id); err != nil {
			return stop(err)
		}
		delivered += m.Part.Len()
	}
	return errors.Join(rejected...)
}

// sendOne posts one message, retrying 429s, 5xx and network errors with
// backoff until the deadline. A refused message comes back at once as a
// *notify.RejectedError, a gone or forbidden destination as a
// *notify.PermanentError.
func (s sender) sendOne(parent context.Context, m Message, post postFunc) (string, error) {
	own := time.Now().Add(s.deadline)
	ctx, cancel := context.WithDeadline(parent, own)
	defer cancel()
	deadline, _ := ctx.Deadline()
	backoff := minBackoff
	for attempt := 1; ; attempt++ {
		id, err := post(ctx, m)
		if err == nil {
			return id, nil
		}
		if perr := parent.Err(); perr != nil {
			return "", fmt.Errorf("discord: send cancelled after %d attempts: %w", attempt, perr)
		}
		var ae *APIError
		if errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests && ae.Scope != "local" && s.rateLimited != nil {
			s.rateLimited(ae.Scope)
		}
		wait, final := classify(err)
		if final != nil {
			return "", final
		}
		if wait <= 0 {
			wait = backoff
			backoff = min(backoff*2, maxBackoff)
		}
		if time.Now().Add(wait).After(deadline) {
			if deadline.Before(own) {
				// The caller's context ends first: not Discord's fault.
				return "", fmt.Errorf("discord: send stopped by its context after %d attempts: %w (last error: %w)",
					attempt, context.DeadlineExceeded, err)
			}
			return "", fmt.Errorf("discord: gave up after %d attempts within %s: %w", attempt, s.deadline, err)
		}
		s.log.Info("discord message retry", slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.Any("error", err))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			if parent.Err() != nil {
				return "", fmt.Errorf("discord: send cancelled after %d attempts: %w", attempt, parent.Err())
			}
			return "", fmt.Errorf("discord: gave up after %d attempts within %s: %w", attempt, s.deadline, err)
		case <-t.C:
		}
	}
}

// waitForRoom waits out a rate-limit bucket's wait within ctx. A wait that
// would end past ctx's deadline comes back at once as a 429.
func waitForRoom(ctx context.Context, wait time.Duration) error {
	if wait <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
		return &APIError{Status: http.StatusTooManyRequests, Message: "rate limit bucket exhausted", RetryAfter: wait, Scope: "local"}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
