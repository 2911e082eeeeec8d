package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch/internal/text"
)

// noticer is an output that can tell its readers about wirewatch itself,
// such as a feed that stopped working: the Discord channels and webhooks.
// text is plain; the output escapes it as its medium needs.
type noticer interface {
	Notice(ctx context.Context, text string) error
}

// announceFeeds tells the channels that receive stories about each feed
// that died (failing for poll.dead_after) or came back, once: each
// channel hears it once, however many of its subscriptions the feed
// serves. Terminals and files are told by the logs instead.
func (a *App) announceFeeds(ctx context.Context, outs map[string]*output) {
	notices, err := a.FeedNotices(ctx)
	if err != nil {
		a.log.Error("feed notices not read", slog.Any("error", err))
		return
	}
	if len(notices) == 0 {
		return
	}
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		a.log.Error("feed notices not sent", slog.Any("error", err))
		return
	}
	// One target per channel (a webhook is a channel of its own).
	targets := map[string]noticer{}
	for _, name := range sortedNames(outs) {
		o := outs[name]
		n, ok := o.sender.(noticer)
		if _, off := disabled[name]; !ok || off {
			continue
		}
		key := name
		if o.channel != "" {
			key = "channel " + o.channel
		}
		if _, seen := targets[key]; !seen {
			targets[key] = n
		}
	}
	for _, fn := range notices {
		msg := feedNoticeText(fn, a.now())
		for key, t := range targets {
			if err := t.Notice(ctx, msg); err != nil {
				a.log.Warn("feed notice not delivered", slog.String("to", key), slog.String("feed", fn.Feed), slog.Any("error", err))
			}
		}
		if err := a.MarkFeedNoticed(context.WithoutCancel(ctx), fn); err != nil {
			a.log.Error("feed notice not recorded", slog.String("feed", fn.Feed), slog.Any("error", err))
		}
		a.log.Info("feed notice", slog.String("feed", fn.Feed), slog.Bool("dead", fn.Dead), slog.Int("channels", len(targets)))
	}
}

// feedNoticeText words a notice for people, without the feed's address.
func feedNoticeText(n FeedNotice, now time.Time) string {
	if !n.Dead {
		return fmt.Sprintf("The feed %s works again: its stories are coming in.", n.Feed)
	}
	s := fmt.Sprintf("The feed %s has been failing for %s (%d failed %s). Its stories are missing until it works again.",
		n.Feed, since(now, n.Since), n.Failures, text.Plural(n.Failures, "fetch", "fetches"))
	if n.Stopped {
		s += " It is no longer polled; the operator can resume it with `wirewatch retry -feed`."
	}
	return s
}

// since says how long ago t was, in hours or days.
func since(now, t time.Time) string {
	d := now.Sub(t)
	if d < 48*time.Hour {
		h := int(d.Hours())
		return fmt.Sprintf("%d %s", h, text.Plural(h, "hour", "hours"))
	}
	days := int(d.Hours() / 24)
	return fmt.Sprintf("%d days", days)
}
