package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/store"
)

// LastPoll returns when the last poll finished; zero before the first.
func (a *App) LastPoll() time.Time {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.lastPoll
}

// Ready reports why the pipeline is not ready, or nil when it is: the
// store answers and can store, and a poll finished within twice its
// schedule (no later than the second time the most frequent feed schedule
// fires after it, plus poll.timeout for that poll to run).
func (a *App) Ready(ctx context.Context) error {
	if err := a.store.Check(ctx); err != nil {
		return err
	}
	last := a.LastPoll()
	if last.IsZero() {
		return errors.New("no poll has finished yet")
	}
	if deadline, ok := a.pollDeadline(last); ok && a.now().After(deadline) {
		return fmt.Errorf("the last poll finished at %s, and another was due to finish by %s",
			last.UTC().Format(time.RFC3339), deadline.UTC().Format(time.RFC3339))
	}
	return nil
}

// pollDeadline is when a poll after last should have finished: the
// earliest second firing, after last, of any feed's schedule, plus the
// poll timeout. It is false when no feed is configured.
func (a *App) pollDeadline(last time.Time) (time.Time, bool) {
	cfg := a.Config()
	var deadline time.Time
	for _, f := range cfg.Feeds {
		if f.Sched.IsZero() || f.Sched.Instant() {
			continue
		}
		if d := f.Sched.Next(f.Sched.Next(last)); deadline.IsZero() || d.Before(deadline) {
			deadline = d
		}
	}
	if deadline.IsZero() {
		return time.Time{}, false
	}
	return deadline.Add(cfg.Poll.Timeout), true
}

// recordStoreHealth tells the store how the poll's writes went: a storage
// error marks it failing; a poll that stored a feed's stories and state
// (a feed whose result is ok) with no storage error clears that. A poll
// that stored nothing (every feed unchanged or backing off) proves
// nothing and changes nothing.
func (a *App) recordStoreHealth(rep PollReport) {
	stored := false
	for _, f := range rep.Feeds {
		if f.Err != nil && store.IsStorageError(f.Err) {
			a.store.SetPollResult(f.Err)
			return
		}
		stored = stored || f.Result == wirewatch.ResultOK
	}
	if stored {
		a.store.SetPollResult(nil)
	}
}
