package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/wirewatch/wirewatch"
)

// DefaultSendDeadline bounds the delivery of one message when
// Options.SendDeadline is zero.
const DefaultSendDeadline = 2 * time.Minute

// Backoff between retries of a message after a 5xx or a network error.
const (
	minBackoff = 250 * time.Millisecond
	maxBackoff = 15 * time.Second
)

// postFunc makes one attempt at posting a message. Discord's error
// responses come back as *APIError.
type postFunc func(ctx context.Context, m Message) error

// sender delivers messages one after the other, retrying each within its
// deadline.
type sender struct {
	deadline time.Duration
	log      *slog.Logger
}

// deliver posts msgs in order. When a message other than the first fails it
// returns a *PartialError naming the stories already delivered.
func (s sender) deliver(ctx context.Context, msgs []Message, post postFunc) error {
	var delivered []*wirewatch.Item
	for i, m := range msgs {
		if err := s.sendOne(ctx, m, post); err != nil {
			s.log.Warn("discord message failed",
				slog.Int("message", i+1), slog.Int("messages", len(msgs)), slog.Any("error", err))
			if i == 0 {
				return err
			}
			return &PartialError{Delivered: delivered, Err: err}
		}
		delivered = append(delivered, m.Items...)
	}
	return nil
}

// sendOne posts one message, retrying 429s and 5xx with backoff until the
// deadline. 401, 403 and 404 fail at once with a *PermanentError, and so
// does a rate limit that outlasts the deadline.
func (s sender) sendOne(parent context.Context, m Message, post postFunc) error {
	own := time.Now().Add(s.deadline)
	ctx, cancel := context.WithDeadline(parent, own)
	defer cancel()
	deadline, _ := ctx.Deadline()
	backoff := minBackoff
	for attempt := 1; ; attempt++ {
		err := post(ctx, m)
		if err == nil {
			return nil
		}
		if perr := parent.Err(); perr != nil {
			return fmt.Errorf("discord: send cancelled after %d attempts: %w", attempt, perr)
		}
		wait, retry, perm := classify(err)
		if perm != nil {
			return perm
		}
		if !retry {
			return fmt.Errorf("discord: send rejected: %w", err)
		}
		if wait <= 0 {
			wait = backoff
			backoff = min(backoff*2, maxBackoff)
		}
		if time.Now().Add(wait).After(deadline) {
			if deadline.Before(own) {
				// The caller's context ends first: not Discord's fault.
				return fmt.Errorf("discord: send stopped by its context after %d attempts: %w (last error: %w)",
					attempt, context.DeadlineExceeded, err)
			}
			var ae *APIError
			if errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests {
				return &PermanentError{Status: ae.Status, Code: ae.Code,
					Err: fmt.Errorf("rate limited past the send deadline of %s after %d attempts: %w", s.deadline, attempt, err)}
			}
			return fmt.Errorf("discord: gave up after %d attempts within %s: %w", attempt, s.deadline, err)
		}
		s.log.Info("discord message retry", slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.Any("error", err))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			if parent.Err() != nil {
				return fmt.Errorf("discord: send cancelled after %d attempts: %w", attempt, parent.Err())
			}
			return fmt.Errorf("discord: gave up after %d attempts within %s: %w", attempt, s.deadline, err)
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
		return &APIError{Status: http.StatusTooManyRequests, Message: "rate limit bucket exhausted", RetryAfter: wait}
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
