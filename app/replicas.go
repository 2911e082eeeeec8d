package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/store"
)

// Replicas of `run` may share one PostgreSQL store (store.Replicated).
// Each feed is then leased to the replica that polls it until its poll
// window ends; each delivery is claimed by the replica that sends it, for
// claimTTL, renewed while it works; and one replica, the leader, sends the
// scheduled digests and runs the Discord gateway. On SQLite the one
// process does everything and nothing is leased or claimed.
const (
	// claimTTL is how long a delivery claim lasts unless renewed: a dead
	// replica's deliveries are taken over after at most this long.
	claimTTL = 30 * time.Second
	// renewEvery is how often a replica renews its claims.
	renewEvery = claimTTL / 3
	// leadEvery is how often a replica checks its leadership, or tries to
	// take it.
	leadEvery = 5 * time.Second
	// maxLeaseSlack bounds how much sooner than the end of its window a
	// feed's lease ends, for replicas whose clocks or ticks differ a little.
	maxLeaseSlack = time.Minute
)

// replica is what a process sharing its store keeps about its part.
type replica struct {
	// name identifies this process in leases and claims: host and pid.
	name string
	// onLead and onLost are called when this process becomes the leader
	// and when it stops being one.
	onLead func(context.Context)
	onLost func()

	mu   sync.Mutex
	lead *store.Lead
}

// replicaName names this process for leases and claims.
func replicaName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// leading reports whether this process sends scheduled digests: always
// on SQLite, only the leader's on a shared store.
func (a *App) leading() bool {
	if !a.store.Replicated() {
		return true
	}
	a.rep.mu.Lock()
	defer a.rep.mu.Unlock()
	return a.rep.lead != nil
}

// checkLeadership takes the leadership when nobody has it, or checks that
// this process still has it, calling the hooks on each change.
func (a *App) checkLeadership(ctx context.Context) {
	a.rep.mu.Lock()
	lead := a.rep.lead
	a.rep.mu.Unlock()
	if lead != nil {
		cctx, cancel := context.WithTimeout(ctx, leadEvery)
		err := lead.Check(cctx)
		cancel()
		if err == nil || ctx.Err() != nil {
			return
		}
		a.log.Error("leadership lost: scheduled digests and the Discord gateway stop here until this replica leads again", slog.Any("error", err))
		a.loseLeadership()
		return
	}
	lead, err := a.store.Lead(ctx)
	if errors.Is(err, store.ErrNotLeader) || ctx.Err() != nil {
		return
	}
	if err != nil {
		a.log.Error("leadership not taken", slog.Any("error", err))
		return
	}
	a.rep.mu.Lock()
	a.rep.lead = lead
	a.rep.mu.Unlock()
	if a.store.Replicated() {
		a.log.Info("this replica leads: it sends scheduled digests and runs the Discord gateway", slog.String("replica", a.rep.name))
	}
	if a.rep.onLead != nil {
		a.rep.onLead(ctx)
	}
}

// loseLeadership gives the leadership up and calls the hook.
func (a *App) loseLeadership() {
	a.rep.mu.Lock()
	lead := a.rep.lead
	a.rep.lead = nil
	a.rep.mu.Unlock()
	if lead == nil {
		return
	}
	lead.Release()
	if a.rep.onLost != nil {
		a.rep.onLost()
	}
}

// leaseFeed reports whether this process may poll feed f now: always on
// SQLite; on a shared store, when it leased f until the end of its poll
// window (a little before its schedule fires next), which no other
// replica holds.
func (a *App) leaseFeed(ctx context.Context, f config.Feed) (bool, error) {
	if !a.store.Replicated() {
		return true, nil
	}
	now := a.now()
	got, err := a.store.LeaseFeeds(ctx, []string{f.Name}, a.rep.name, now, leaseEnd(f, now))
	return len(got) == 1, err
}

// leaseEnd is when the lease of a feed polled at now ends: a little
// before its schedule fires next, so that the replica first to tick then
// takes it.
func leaseEnd(f config.Feed, now time.Time) time.Time {
	next := f.Sched.Next(now)
	if next.IsZero() || !next.After(now) {
		return now.Add(time.Minute)
	}
	slack := min(next.Sub(now)/10, maxLeaseSlack)
	return next.Add(-slack)
}

// releaseFeed gives back the lease of a feed whose poll did not happen.
func (a *App) releaseFeed(ctx context.Context, name string) {
	if !a.store.Replicated() {
		return
	}
	if err := a.store.ReleaseFeeds(ctx, []string{name}, a.rep.name); err != nil {
		a.log.Warn("feed lease not released; it ends with its window", slog.String("feed", name), slog.Any("error", err))
	}
}

// pending returns the rows of one output and kind to deliver now: on a
// shared store, those this process claimed. done releases the claims on
// the rows still pending when the delivery ends.
func (a *App) pending(ctx context.Context, output string, kind wirewatch.Kind) (rows []store.Pending, done func(), err error) {
	if !a.store.Replicated() {
		rows, err = a.store.Pending(ctx, output, kind, maxPerDelivery)
		return rows, func() {}, err
	}
	now := a.now()
	rows, err = a.store.ClaimPending(ctx, output, kind, maxPerDelivery, a.rep.name, now, now.Add(claimTTL))
	if err != nil || len(rows) == 0 {
		return nil, func() {}, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return rows, func() {
		if err := a.store.ReleaseClaims(context.WithoutCancel(ctx), ids, a.rep.name); err != nil {
			a.log.Warn("delivery claims not released; they expire", slog.String("output", output), slog.Any("error", err))
		}
	}, nil
}

// keepReplica renews this process's claims and checks its leadership
// until ctx ends, then gives the leadership up.
func (a *App) keepReplica(ctx context.Context) {
	defer a.loseLeadership()
	a.checkLeadership(ctx)
	renew := time.NewTicker(renewEvery)
	defer renew.Stop()
	lead := time.NewTicker(leadEvery)
	defer lead.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-lead.C:
			a.checkLeadership(ctx)
		case <-renew.C:
			if !a.store.Replicated() {
				continue
			}
			if err := a.store.ExtendClaims(ctx, a.rep.name, a.now().Add(claimTTL)); err != nil && ctx.Err() == nil {
				a.log.Warn("delivery claims not renewed", slog.Any("error", err))
			}
		}
	}
}
