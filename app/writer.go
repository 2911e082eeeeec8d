package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/store"
)

// Bounds on what the writer stores in one transaction.
const (
	// maxWriteFeeds bounds the feeds of one transaction.
	maxWriteFeeds = 64
	// maxWriteStories bounds its stories: the writer starts a transaction
	// once it holds this many, and a commit makes them deliverable.
	maxWriteStories = 1000
)

// writePolls stores the polls found brings, until it is closed: each as
// soon as the writer is free, with those that arrived meanwhile in the
// same transaction. It records each feed's result.
func (a *App) writePolls(ctx context.Context, cfg *config.Config, outs map[string]*output, found <-chan *feedPoll, record func(FeedResult)) {
	for p := range found {
		batch, stories := []*feedPoll{p}, len(p.fresh)
	more:
		for len(batch) < maxWriteFeeds && stories < maxWriteStories {
			select {
			case q, ok := <-found:
				if !ok {
					break more
				}
				batch, stories = append(batch, q), stories+len(q.fresh)
			default:
				break more
			}
		}
		for _, r := range a.savePolls(ctx, cfg, outs, batch) {
			record(r)
		}
	}
}

// savePolls stores what the polls of batch found in one transaction: new
// stories with an outbox row for each output that wants them and their
// events, the stories each feed listed, and each feed's state. When the transaction
// fails, each feed is tried on its own, and a feed whose stories cannot
// be stored is stored as failed. Shutting down, the feeds' states are
// left as they were. It returns each feed's result.
func (a *App) savePolls(ctx context.Context, cfg *config.Config, outs map[string]*output, batch []*feedPoll) []FeedResult {
	polls := make([]store.PolledFeed, len(batch))
	nows := make(map[string]time.Time, len(batch))
	for i, p := range batch {
		polls[i] = settle(p)
		nows[p.f.Name] = p.now
	}
	names := sortedNames(outs)
	noTopics := len(cfg.Topics) == 0
	muted := a.muted()
	added, err := a.store.SavePolls(ctx, polls, func(it *wirewatch.Item) []store.Delivery {
		if tooOld(cfg, it, nows[it.Feed]) {
			// Stored, so that it is known, but older than poll.max_age:
			// delivered to nobody.
			return nil
		}
		var ds []store.Delivery
		for _, name := range names {
			o := outs[name]
			if muted.has(o, it.Event) || o.filter.MinOutlets > 1 {
				// A muted event is not queued there; an output that wants
				// events of several outlets gets its stories once their
				// event has them (queueGrownEvents).
				continue
			}
			ds = append(ds, o.wants(it, noTopics)...)
		}
		return ds
	})
	results := make([]FeedResult, 0, len(batch))
	switch {
	case err != nil && ctx.Err() != nil:
		for _, p := range batch {
			results = append(results, FeedResult{Feed: p.f.Name, Result: wirewatch.ResultError, Err: err})
		}
		return results
	case err != nil && len(batch) > 1:
		for _, p := range batch {
			results = append(results, a.savePolls(ctx, cfg, outs, []*feedPoll{p})...)
		}
		return results
	case err != nil:
		p := batch[0]
		if p.err == nil {
			// Its stories could not be stored: the feed failed.
			p.err = err
			return a.savePolls(ctx, cfg, outs, batch)
		}
		p.log.Error("feed state not saved", slog.Any("error", err))
		return append(results, FeedResult{Feed: p.f.Name, Result: wirewatch.ResultError, Err: p.err})
	}
	a.queueGrownEvents(ctx, outs, added, muted)
	for i, p := range batch {
		st := polls[i].State
		if p.err != nil {
			p.log.Warn("feed failed", slog.Any("error", p.err), slog.Int("failures", st.Failures), slog.Time("next_poll", st.NextPoll))
			results = append(results, FeedResult{Feed: p.f.Name, Result: wirewatch.ResultError, Err: p.err})
			continue
		}
		a.metrics.Stored(added[i])
		if len(added[i]) > 0 {
			a.signalFresh()
		}
		p.log.Debug("feed polled", slog.String("result", string(st.Result)), slog.Int("new", len(added[i])))
		results = append(results, FeedResult{Feed: p.f.Name, Result: st.Result, New: len(added[i])})
	}
	return results
}

// settle returns what p's poll leaves to store: on success its new
// stories, the stories it listed and its state with the new validators;
// on failure its state with the failure counted and its next try backed
// off. p itself is left as it is, so that it can be settled again.
func settle(p *feedPoll) store.PolledFeed {
	st := *p.st
	if p.err != nil {
		var he *feeds.HTTPError
		retryAfter := time.Duration(0)
		if errors.As(p.err, &he) {
			retryAfter = he.RetryAfter
		}
		noteFailure(&st, p.now, p.log)
		st.Failures++
		st.Result = wirewatch.ResultError
		st.LastError = p.err.Error()
		st.NextPoll = p.now.Add(feeds.Backoff(st.Failures, retryAfter))
		return store.PolledFeed{State: st}
	}
	noteSuccess(&st)
	st.Failures = 0
	st.LastError = ""
	st.NextPoll = p.f.Sched.Next(p.now)
	if p.resp.NotModified {
		st.Result = wirewatch.ResultNotModified
		return store.PolledFeed{State: st}
	}
	st.ETag, st.LastModified = p.resp.ETag, p.resp.LastModified
	st.Result = wirewatch.ResultOK
	return store.PolledFeed{State: st, Items: p.fresh, Listed: p.ids, Parsed: p.now, Events: p.members}
}
