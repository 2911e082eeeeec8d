package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// An event gets one alert per output. Later stories of the event are not
// alerted again: their alert rows are done with the message of the
// event's alert (counted, not shown), and that message is edited as the
// event grows past alerts.edit_outlets or alerts.edit_languages.

// oncePerEvent splits the pending alert rows of an output: the rows to
// send (one per event), the rows held back (more stories of an event
// being alerted in this batch: done once its alert has landed), and it
// marks done at once the rows of events the output already alerted. It
// returns the rows to send and whether any were held back.
func (a *App) oncePerEvent(ctx context.Context, o *output, pend []store.Pending) ([]store.Pending, bool, error) {
	var (
		send []store.Pending
		held bool
		now  = a.now()
		seen = map[string]bool{}
	)
	for _, p := range pend {
		ev := p.Item.Event
		if ev == "" {
			send = append(send, p)
			continue
		}
		ea, ok, err := a.store.EventAlertOf(ctx, o.name, ev)
		if err != nil {
			return nil, false, err
		}
		if ok {
			if err := a.store.MarkCounted(ctx, []int64{p.ID}, now, ea.Message); err != nil {
				return nil, false, err
			}
			a.log.Debug("alert of an event already alerted: its alert will say how it grew", slog.String("output", o.name),
				slog.String("event", ev), slog.String("story", p.Item.ID))
			continue
		}
		if seen[ev] {
			held = true
			continue
		}
		seen[ev] = true
		send = append(send, p)
	}
	return send, held, nil
}

// recordAlerts notes, for an alert message that landed, the event of each
// story it shows with the event's reach, so that later stories of the
// event edit it instead of being alerted again.
func (a *App) recordAlerts(ctx context.Context, output, message string, shown []*wirewatch.Item) {
	done := map[string]bool{}
	for _, it := range shown {
		if it.Event == "" || done[it.Event] {
			continue
		}
		done[it.Event] = true
		ev, err := a.store.EventSummary(ctx, it.Event)
		if err != nil {
			a.log.Warn("alert of an event not recorded", slog.String("output", output), slog.String("event", it.Event), slog.Any("error", err))
			continue
		}
		if _, err := a.store.AddEventAlert(ctx, store.EventAlert{Output: output, Event: it.Event, Message: message,
			Outlets: ev.Outlets, Languages: len(ev.Languages), Updated: a.now()}); err != nil {
			a.log.Warn("alert of an event not recorded", slog.String("output", output), slog.String("event", it.Event), slog.Any("error", err))
		}
	}
}

// growAlerts edits the alerts whose events grew past the thresholds since
// they were posted or last edited, once per poll: "now carried by 9
// outlets in 5 languages". An alert that can no longer be edited (its
// message deleted) is forgotten.
func (a *App) growAlerts(ctx context.Context, outs map[string]*output) {
	cfg := a.Config()
	if !a.afterPoll(&a.alertsGrown) {
		return
	}
	window := 2 * time.Duration(cfg.Events.Window)
	eas, err := a.store.EventAlerts(ctx, "", a.now().Add(-window))
	if err != nil {
		a.log.Warn("alerts of events not read", slog.Any("error", err))
		return
	}
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		a.log.Warn("alerts of events not read", slog.Any("error", err))
		return
	}
	for _, ea := range eas {
		o := outs[ea.Output]
		if o == nil {
			continue
		}
		ed, ok := o.sender.(notify.Editor)
		if _, off := disabled[o.name]; !ok || off {
			continue
		}
		ev, err := a.store.EventSummary(ctx, ea.Event)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				err = a.store.ForgetEventAlert(ctx, ea.Output, ea.Event)
			}
			if err != nil {
				a.log.Warn("event of an alert not read", slog.String("event", ea.Event), slog.Any("error", err))
			}
			continue
		}
		if ev.Outlets < ea.Outlets+cfg.Alerts.EditOutlets && len(ev.Languages) < ea.Languages+cfg.Alerts.EditLanguages {
			continue
		}
		a.editAlert(ctx, o, ed, ea, ev)
	}
}

// editAlert edits one alert to say its event's reach.
func (a *App) editAlert(ctx context.Context, o *output, ed notify.Editor, ea store.EventAlert, ev store.Event) {
	log := a.log.With(slog.String("output", o.name), slog.String("event", ea.Event), slog.String("message", ea.Message))
	shown, err := a.store.MessageStories(ctx, ea.Message)
	if err != nil {
		log.Warn("alert not edited", slog.Any("error", err))
		return
	}
	var items []*wirewatch.Item
	title := ""
	for _, sh := range shown {
		if sh.Output == o.name && sh.Position > 0 && !sh.Copy {
			items = append(items, sh.Item)
			if title == "" {
				if ev, err := a.store.EventOf(ctx, sh.Item.Feed, sh.Item.ID); err == nil && ev == ea.Event {
					title = sh.Item.DisplayTitle()
				}
			}
		}
	}
	forget := func(why string, err error) {
		if ferr := a.store.ForgetEventAlert(ctx, ea.Output, ea.Event); ferr != nil {
			log.Warn("alert not forgotten", slog.Any("error", ferr))
		}
		log.Info(why, slog.Any("error", err))
	}
	if len(items) == 0 {
		forget("alert no longer editable: its stories were pruned", nil)
		return
	}
	reach := wirewatch.Reach{Outlets: ev.Outlets, Languages: ev.Languages}
	if len(items) > 1 {
		reach.Title = title
	}
	err = ed.EditAlert(ctx, ea.Message, a.digestFor(o, wirewatch.KindAlert, items), reach)
	var perm *notify.PermanentError
	var rej *notify.RejectedError
	switch {
	case errors.As(err, &perm), errors.As(err, &rej):
		forget("alert no longer editable", err)
		return
	case err != nil:
		log.Warn("alert not edited; tried again after the next poll", slog.Any("error", err))
		a.mu.Lock()
		a.alertsGrown = time.Time{}
		a.mu.Unlock()
		return
	}
	ea.Outlets, ea.Languages, ea.Updated = ev.Outlets, len(ev.Languages), a.now()
	if err := a.store.UpdateEventAlert(ctx, ea); err != nil {
		log.Warn("edit of alert not recorded", slog.Any("error", err))
	}
	log.Info("alert edited: its event grew", slog.Int("outlets", ev.Outlets), slog.Int("languages", len(ev.Languages)))
}
