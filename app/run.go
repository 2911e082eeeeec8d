package app

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/schedule"
)

// dispatchEvery is how often due digests are looked for.
const dispatchEvery = "@every 30s"

// pruneEvery is how often stories past their retention are slimmed.
const pruneEvery = "@every 6h"

// shutdownGrace bounds how long Run waits for work in flight at shutdown.
const shutdownGrace = 30 * time.Second

// Run polls and delivers on schedule until ctx is done: it polls once at
// start, then each feed on its schedule, delivers alerts after each poll
// and digests when each output's schedule is due. On shutdown it lets work
// in flight finish (or leaves it safely for next time) and returns nil.
func (a *App) Run(ctx context.Context) error {
	r := schedule.NewRunner(a.log)
	dispatch, err := schedule.Parse(dispatchEvery, nil)
	if err != nil {
		return err
	}
	deliver := func(ctx context.Context) {
		// Reload here too, so that edits are seen even with no feeds to poll.
		if a.Reload() {
			if err := a.setPollJobs(r, a.Config()); err != nil {
				a.log.Error("poll schedules not updated", slog.Any("error", err))
			}
		}
		a.deliverLogged(ctx, false)
	}
	if err := r.Set("deliver", dispatch, deliver); err != nil {
		return err
	}
	if err := a.setPollJobs(r, a.Config()); err != nil {
		return err
	}
	prune, err := schedule.Parse(pruneEvery, nil)
	if err != nil {
		return err
	}
	if err := r.Set("prune", prune, func(ctx context.Context) {
		if _, err := a.Prune(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("pruning old stories failed", slog.Any("error", err))
		}
	}); err != nil {
		return err
	}
	// Alerts and instant outputs go out as soon as a feed brings new
	// stories, not only after the whole poll.
	fresh := make(chan struct{}, 1)
	a.mu.Lock()
	a.fresh = fresh
	a.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-fresh:
				a.deliverLogged(ctx, false)
			}
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.keepReplica(ctx)
	}()
	// The poll at start covers every feed; a poll job that fires while it
	// runs (it can outlast a short schedule on a cold start) is skipped
	// rather than fetching and analysing the same feeds beside it.
	a.startPoll.Store(true)
	r.Start(ctx)
	a.pollAndAlert(ctx, r, nil)
	a.startPoll.Store(false)
	a.deliverLogged(ctx, false)
	a.logNextDigests(ctx)
	<-ctx.Done()
	a.log.Info("shutting down: finishing work in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = r.Stop(sctx)
	wg.Wait()
	a.mu.Lock()
	a.fresh = nil
	a.mu.Unlock()
	return err
}

// pollAndAlert polls, re-arms the poll jobs when the configuration
// changed, and delivers alerts (and instant outputs) at once.
func (a *App) pollAndAlert(ctx context.Context, r *schedule.Runner, names []string) {
	before := a.Config()
	if _, err := a.Poll(ctx, names, false); err != nil && ctx.Err() == nil {
		a.log.Error("poll failed", slog.Any("error", err))
	}
	if cfg := a.Config(); cfg != before {
		if err := a.setPollJobs(r, cfg); err != nil {
			a.log.Error("poll schedules not updated", slog.Any("error", err))
		}
	}
	a.deliverLogged(ctx, false)
}

func (a *App) deliverLogged(ctx context.Context, force bool) {
	if ctx.Err() != nil {
		return
	}
	if _, err := a.Deliver(ctx, force); err != nil && ctx.Err() == nil {
		a.log.Error("delivery pass failed", slog.Any("error", err))
	}
}

// setPollJobs arms one poll job per distinct feed schedule.
func (a *App) setPollJobs(r *schedule.Runner, cfg *config.Config) error {
	type job struct {
		sched schedule.Schedule
		feeds []string
	}
	jobs := map[string]*job{}
	for _, f := range cfg.Feeds {
		key := f.Sched.String()
		if jobs[key] == nil {
			jobs[key] = &job{sched: f.Sched}
		}
		jobs[key].feeds = append(jobs[key].feeds, f.Name)
	}
	for _, name := range r.Names() {
		if key, ok := strings.CutPrefix(name, "poll "); ok {
			if _, keep := jobs[key]; !keep {
				r.Remove(name)
			}
		}
	}
	for key, j := range jobs {
		poll := func(ctx context.Context) {
			if a.startPoll.Load() {
				a.log.Info("scheduled poll skipped: the poll at start still runs", slog.String("schedule", key))
				return
			}
			a.pollAndAlert(ctx, r, j.feeds)
		}
		if err := r.Set("poll "+key, j.sched, poll); err != nil {
			return err
		}
	}
	return nil
}

// Once polls every feed once, delivers alerts and the digests that are
// due, and returns: the mode for external schedulers. An output that never
// had a digest is due at once; force delivers every digest now.
func (a *App) Once(ctx context.Context, force bool) (PollReport, DeliveryReport, error) {
	a.mu.Lock()
	a.dueWhenNever = true
	a.mu.Unlock()
	// On a shared store, once sends scheduled digests only while no run
	// replica leads.
	a.checkLeadership(ctx)
	defer a.loseLeadership()
	prep, err := a.Poll(ctx, nil, false)
	if err != nil {
		return prep, DeliveryReport{}, err
	}
	drep, err := a.Deliver(ctx, force)
	if err != nil {
		return prep, drep, err
	}
	_, err = a.Prune(ctx)
	return prep, drep, err
}

// logNextDigests tells, once at start, when each output's next digest is
// due, so that a quiet terminal is not mistaken for a broken one.
func (a *App) logNextDigests(ctx context.Context) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return
	}
	for _, name := range sortedNames(outs) {
		o := outs[name]
		last, err := a.store.LastDigest(ctx, name)
		if err != nil {
			return
		}
		if last.IsZero() {
			last = a.started
		}
		next := "with each new story"
		if !o.sched.Instant() {
			next = o.sched.Next(last).Format("2006-01-02 15:04 MST")
		}
		a.log.Info("next digest", slog.String("output", name), slog.String("schedule", o.sched.String()), slog.String("at", next))
	}
}
