package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
	"github.com/wirewatch/wirewatch/store"
)

// muteSpan is how long a mute lasts, in event windows: an event takes
// stories for a window after its last one, so two windows cover its
// tail.
const muteSpan = 2

// muteKey names where a mute applies: a channel, or (for a webhook, whose
// channel wirewatch does not know) one output.
func muteKey(o *output) string {
	if o.channel != "" {
		return o.channel
	}
	return "output:" + o.name
}

// mutes is the set of events muted per place (see muteKey).
type mutes map[string]map[string]bool

// has reports whether the event is muted where the output delivers.
func (m mutes) has(o *output, event string) bool {
	return event != "" && m[muteKey(o)][event]
}

// loadMutes reads the mutes in force, for a poll's routing.
func (a *App) loadMutes(ctx context.Context) (mutes, error) {
	ms, err := a.store.Mutes(ctx, "", a.now())
	if err != nil {
		return nil, err
	}
	out := mutes{}
	for _, m := range ms {
		if out[m.Channel] == nil {
			out[m.Channel] = map[string]bool{}
		}
		out[m.Channel][m.Event] = true
	}
	return out, nil
}

// muteEvent mutes the event of a story in the channel it was shown in:
// the pending stories of the event are dropped from every output that
// delivers there, and its later stories are never queued there. The mute
// lasts two event windows.
func (a *App) muteEvent(ctx context.Context, c wirewatch.Curation, lead *store.Shown, o *output) (string, error) {
	if o == nil {
		return "", errors.New("the output that showed this story is no longer configured")
	}
	event, err := a.store.EventOf(ctx, lead.Item.Feed, lead.Item.ID)
	if err != nil {
		return "", err
	}
	if event == "" {
		return "", errors.New("this story was not sorted into an event, so there is no event to mute")
	}
	now := a.now()
	expires := now.Add(muteSpan * time.Duration(a.Config().Events.Window))
	m := store.Mute{Channel: muteKey(o), Event: event, Guild: c.Guild, Title: text.Truncate(text.OneLine(lead.Item.DisplayTitle()), 200),
		By: c.User, Created: now, Expires: expires}
	if err := a.store.AddMute(ctx, m); err != nil {
		return "", err
	}
	if err := a.refreshMutes(ctx); err != nil {
		return "", err
	}
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return "", err
	}
	var where []string
	for _, name := range sortedNames(outs) {
		if muteKey(outs[name]) == m.Channel {
			where = append(where, name)
		}
	}
	dropped, err := a.store.DropEvent(ctx, event, where, now)
	if err != nil {
		return "", err
	}
	ev, err := a.store.EventSummary(ctx, event)
	if err != nil {
		return "", err
	}
	a.log.Info("event muted", slog.String("event", event), slog.String("where", m.Channel), slog.String("by", c.User),
		slog.Int("dropped", dropped), slog.Time("until", expires))
	return fmt.Sprintf("Muted the event of %q here (%d %s, %d %s): %d of its stories waiting here dropped, and its later stories will not be posted here until <t:%d:f>.",
		text.Truncate(m.Title, 120), ev.Outlets, text.Plural(ev.Outlets, "outlet", "outlets"),
		len(ev.Languages), text.Plural(len(ev.Languages), "language", "languages"),
		dropped, expires.Unix()), nil
}

// queueGrownEvents queues, for the outputs that want only events carried
// by enough outlets (min_outlets), the stories of each event of a batch
// that has reached their threshold: once an event reaches it, its
// stories are queued, the earlier ones included. Muted events and
// stories older than poll.max_age are left out.
func (a *App) queueGrownEvents(ctx context.Context, outs map[string]*output, added [][]*wirewatch.Item, muted mutes) {
	var want []*output
	for _, name := range sortedNames(outs) {
		if outs[name].filter.MinOutlets > 1 {
			want = append(want, outs[name])
		}
	}
	if len(want) == 0 {
		return
	}
	cfg := a.Config()
	noTopics := len(cfg.Topics) == 0
	now := a.now()
	events := map[string]bool{}
	for _, items := range added {
		for _, it := range items {
			if it.Event != "" {
				events[it.Event] = true
			}
		}
	}
	var rows []store.Queued
	for ev := range events {
		sum, err := a.store.EventSummary(ctx, ev)
		if err != nil {
			a.log.Warn("event not read for min_outlets", slog.String("event", ev), slog.Any("error", err))
			continue
		}
		var members []store.EventStory
		for _, o := range want {
			if sum.Outlets < o.filter.MinOutlets || muted.has(o, ev) {
				continue
			}
			if members == nil {
				if members, err = a.store.EventMembers(ctx, ev); err != nil {
					a.log.Warn("event not read for min_outlets", slog.String("event", ev), slog.Any("error", err))
					break
				}
			}
			for _, m := range members {
				if tooOld(cfg, m.Item, now) {
					continue
				}
				for _, d := range o.wants(m.Item, noTopics) {
					rows = append(rows, store.Queued{Feed: m.Item.Feed, ID: m.Item.ID, Delivery: d})
				}
			}
		}
	}
	n, err := a.store.Enqueue(ctx, rows, now)
	if err != nil {
		a.log.Error("stories of grown events not queued", slog.Any("error", err))
		return
	}
	if n > 0 {
		a.log.Debug("stories queued: their events reached min_outlets", slog.Int("stories", n))
	}
}

// refreshMutes reads the mutes in force for the poll's routing.
func (a *App) refreshMutes(ctx context.Context) error {
	m, err := a.loadMutes(ctx)
	if err != nil {
		return err
	}
	a.mu.Lock()
	a.mutes = m
	a.mu.Unlock()
	return nil
}

// muted returns the mutes the routing honours.
func (a *App) muted() mutes {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.mutes
}
