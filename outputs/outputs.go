// Package outputs builds the destinations wirewatch delivers to: it turns
// each configured output, and each Discord channel a subscription names,
// into a notify.Sender. It is the one place that knows every output type;
// a new destination (Slack, Telegram) is a package beside notify/discord
// and one case here.
package outputs

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/schedule"
)

// Builder makes senders. The zero value builds stdout, JSON-lines and
// webhook outputs; Bot adds Discord channels.
type Builder struct {
	// Stdout is where stdout outputs write; nil means nothing is written.
	Stdout io.Writer
	// Bot posts to Discord channels; nil when no bot token is configured.
	Bot *discord.Bot
	// APIBase points webhooks at another Discord API, for testing with a
	// fake Discord; "" is real Discord.
	APIBase string
	// Logger receives the outputs' logs; nil discards them.
	Logger *slog.Logger
	// OnRateLimited, when set, hears of every 429 Discord answers a
	// webhook, with its scope, for metrics.
	OnRateLimited func(scope string)
}

// ErrNoBot is returned (wrapped) for a channel output when wirewatch runs
// without a bot token.
var ErrNoBot = errors.New("posting to a Discord channel needs the bot token when wirewatch starts")

// Output returns the sender of a configured output.
func (b Builder) Output(oc config.Output) (notify.Sender, error) {
	switch oc.Type {
	case config.OutputStdout:
		w := b.Stdout
		if w == nil {
			w = io.Discard
		}
		return notify.NewText(w), nil
	case config.OutputJSONL:
		return notify.NewJSONLines(oc.Path), nil
	case config.OutputDiscord:
		if oc.Channel != "" {
			return b.Channel(oc.Channel)
		}
		if oc.Forum != "" {
			loc, err := schedule.Zone(oc.TimeZone)
			if err != nil {
				return nil, fmt.Errorf("output %s: %w", oc.Name, err)
			}
			return b.Forum(oc.Forum, loc)
		}
		w, err := discord.NewWebhook(oc.Webhook.Reveal(), discord.Options{APIBase: b.APIBase, Logger: b.logger(), OnRateLimited: b.OnRateLimited})
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", oc.Name, err)
		}
		return w, nil
	default:
		return nil, fmt.Errorf("output %s: unknown output type %q", oc.Name, oc.Type)
	}
}

// Channel returns the sender that posts to a Discord channel through the
// bot, for channel outputs and subscriptions.
func (b Builder) Channel(id string) (notify.Sender, error) {
	if b.Bot == nil {
		return nil, fmt.Errorf("channel %s: %w", id, ErrNoBot)
	}
	return b.Bot.Channel(id), nil
}

// Forum returns the sender that posts to a Discord forum channel through
// the bot, a post per topic and day (days as in loc), for forum outputs
// and subscriptions.
func (b Builder) Forum(id string, loc *time.Location) (notify.Sender, error) {
	if b.Bot == nil {
		return nil, fmt.Errorf("forum %s: %w", id, ErrNoBot)
	}
	return b.Bot.Forum(id, loc), nil
}

func (b Builder) logger() *slog.Logger {
	if b.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return b.Logger
}
