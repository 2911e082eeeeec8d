package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/store"
)

// maxBackfill caps the stories one backfill queues: the newest of its
// window.
const maxBackfill = 1000

// startedKey is the key under which the store remembers that a configured
// output was seen, so that its backfill runs once.
func startedKey(output string) string { return "outputs/started/" + output }

// tooOld reports whether a story is older than poll.max_age by its own
// date: it is stored, never delivered.
func tooOld(cfg *config.Config, it *wirewatch.Item, now time.Time) bool {
	maxAge := time.Duration(cfg.Poll.MaxAge)
	return maxAge > 0 && !it.Published.IsZero() && it.Published.Before(now.Add(-maxAge))
}

// backlogTopics returns the topics whose stories an output may want, for
// the store's backlog: nil when it may want any story.
func (o *output) backlogTopics(noTopics bool) []string {
	if o.allStories || noTopics || o.topics == nil {
		return nil
	}
	return o.topics
}

// backfill queues, for an output that did not exist when they were
// stored, the stories it would have been given: as a digest, the matching
// stories first seen and published within b's window before from; and,
// with later, as a poll would have queued them, the stories stored after
// the sequence number afterSeq, which a poll running while the output was
// made stored without it. It returns how many stories it queued.
func (a *App) backfill(ctx context.Context, o *output, b wirewatch.Backfill, from time.Time, later bool, afterSeq int64) (int, error) {
	cfg := a.Config()
	noTopics := len(cfg.Topics) == 0
	now := a.now()
	muted := a.muted()
	outlets := map[string]int{}
	// carried reports whether a story may go to the output: not muted
	// there, and its event carried by enough outlets for min_outlets.
	carried := func(it *wirewatch.Item) bool {
		if it.Event == "" && (o.filter.MinOutlets > 1 || len(muted[muteKey(o)]) > 0) {
			// The backlog's stories come without their events.
			it.Event, _ = a.store.EventOf(ctx, it.Feed, it.ID)
		}
		if muted.has(o, it.Event) {
			return false
		}
		if o.filter.MinOutlets <= 1 {
			return true
		}
		if it.Event == "" {
			return false
		}
		n, ok := outlets[it.Event]
		if !ok {
			if ev, err := a.store.EventSummary(ctx, it.Event); err == nil {
				n = ev.Outlets
			}
			outlets[it.Event] = n
		}
		return n >= o.filter.MinOutlets
	}
	var rows []store.Queued
	if w := b.Window(); w > 0 {
		items, err := a.store.Backlog(ctx, store.Backlog{Topics: o.backlogTopics(noTopics), Since: from.Add(-w), Limit: maxBackfill})
		if err != nil {
			return 0, err
		}
		for _, it := range items {
			if carried(it) && len(o.wants(it, noTopics)) > 0 {
				rows = append(rows, store.Queued{Feed: it.Feed, ID: it.ID, Delivery: store.Delivery{Output: o.name, Kind: wirewatch.KindDigest}})
			}
		}
	}
	if later {
		items, err := a.store.Backlog(ctx, store.Backlog{Topics: o.backlogTopics(noTopics), Later: true, AfterSeq: afterSeq, Limit: maxBackfill})
		if err != nil {
			return 0, err
		}
		for _, it := range items {
			if tooOld(cfg, it, now) || !carried(it) {
				continue
			}
			for _, d := range o.wants(it, noTopics) {
				rows = append(rows, store.Queued{Feed: it.Feed, ID: it.ID, Delivery: d})
			}
		}
	}
	n, err := a.store.Enqueue(ctx, rows, now)
	if err != nil {
		return 0, fmt.Errorf("backfill of %s: %w", o.name, err)
	}
	if n > 0 {
		a.log.Info("stored stories queued for a new output", slog.String("output", o.name),
			slog.String("backfill", string(b)), slog.Int("stories", n))
	}
	return n, nil
}

// backfillConfigured runs the backfill of each configured output seen for
// the first time, once: outputs.backfill.
func (a *App) backfillConfigured(ctx context.Context, cfg *config.Config, outs map[string]*output) error {
	for _, oc := range cfg.Outputs {
		o := outs[oc.Name]
		if o == nil {
			continue
		}
		a.mu.RLock()
		seen := a.backfilled[oc.Name]
		a.mu.RUnlock()
		if seen {
			continue
		}
		_, ok, err := a.store.Get(ctx, startedKey(oc.Name))
		if err != nil {
			return err
		}
		if !ok {
			if _, err := a.backfill(ctx, o, oc.Backfill, a.now(), false, 0); err != nil {
				return err
			}
			if err := a.store.Put(ctx, startedKey(oc.Name), []byte(a.now().UTC().Format(time.RFC3339))); err != nil {
				return err
			}
		}
		a.mu.Lock()
		if a.backfilled == nil {
			a.backfilled = map[string]bool{}
		}
		a.backfilled[oc.Name] = true
		a.mu.Unlock()
	}
	return nil
}

// catchUp queues for the outputs made while a poll ran (subscriptions)
// what the poll stored after the sequence number seq without them.
func (a *App) catchUp(ctx context.Context, before map[string]*output, seq int64) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		a.log.Warn("new outputs not caught up", slog.Any("error", err))
		return
	}
	for _, name := range sortedNames(outs) {
		if _, ok := before[name]; ok {
			continue
		}
		if _, err := a.backfill(ctx, outs[name], wirewatch.BackfillNone, a.now(), true, seq); err != nil {
			a.log.Warn("new output not caught up", slog.String("output", name), slog.Any("error", err))
		}
	}
}
