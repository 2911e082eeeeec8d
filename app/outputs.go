package app

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/schedule"
	"github.com/wirewatch/wirewatch/store"
)

// output is one destination with what it wants and when.
type output struct {
	name   string
	sender Sender
	// topics the output wants; nil means every topic.
	topics []string
	// allStories also takes stories that match no topic.
	allStories bool
	alerts     bool
	sched      schedule.Schedule
	// channel is the Discord channel id, for subscriptions and channel
	// outputs; "" otherwise.
	channel string
	// capped outputs show at most digest.max_per_group stories a group and
	// "and N more"; files take every story.
	capped bool
}

// wants returns the deliveries the output wants for a story.
func (o *output) wants(it *wirewatch.Item, noTopics bool) []store.Delivery {
	var ds []store.Delivery
	matched, alert := false, false
	for _, m := range it.Matches {
		if o.topics == nil || slices.Contains(o.topics, m.Topic) {
			matched = true
			alert = alert || m.Alert
		}
	}
	if matched || o.allStories || noTopics {
		ds = append(ds, store.Delivery{Output: o.name, Kind: wirewatch.KindDigest})
	}
	if alert && o.alerts && !o.sched.Instant() {
		ds = append(ds, store.Delivery{Output: o.name, Kind: wirewatch.KindAlert})
	}
	return ds
}

// textSender adapts the local outputs, which need no context.
type textSender struct {
	send func(*wirewatch.Digest) error
}

func (t textSender) Send(_ context.Context, d *wirewatch.Digest) error { return t.send(d) }

// currentOutputs returns the outputs by name: those of the configuration
// and one per Discord subscription. The set is rebuilt after a reload and
// whenever subscriptions change.
func (a *App) currentOutputs(ctx context.Context) (map[string]*output, error) {
	a.mu.RLock()
	outs, cfg, gen := a.outputs, a.cfg, a.outputsGen
	a.mu.RUnlock()
	if outs != nil {
		return outs, nil
	}
	outs, broken := a.buildOutputs(cfg)
	for name, err := range broken {
		a.log.Error("output cannot be used; the others go on", slog.String("output", name), slog.Any("error", err))
	}
	subs, err := a.store.Subscriptions(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("load subscriptions: %w", err)
	}
	for _, sub := range subs {
		if a.channel == nil {
			break
		}
		tz := sub.TimeZone
		if tz == "" {
			tz = cfg.Discord.TimeZone
		}
		sched, err := schedule.Parse(sub.Schedule, tz)
		if err != nil {
			a.log.Warn("subscription has an invalid schedule; using hourly", slog.String("channel", sub.Channel), slog.String("topic", sub.Topic), slog.Any("error", err))
			sched, _ = schedule.Parse("hourly", tz)
		}
		name := subscriptionOutput(sub.Channel, sub.Topic)
		outs[name] = &output{name: name, sender: a.channel(sub.Channel), topics: []string{sub.Topic}, alerts: true, sched: sched, channel: sub.Channel, capped: true}
	}
	a.mu.Lock()
	if a.outputsGen == gen {
		a.outputs = outs
		a.broken = broken
	}
	a.mu.Unlock()
	return outs, nil
}

// buildOutputs builds the configuration's outputs; those that cannot be
// built are returned apart, so that one bad output never stops the others.
func (a *App) buildOutputs(cfg *config.Config) (map[string]*output, map[string]error) {
	outs := map[string]*output{}
	broken := map[string]error{}
	defTZ := cfg.Digest.TimeZone
	for _, oc := range cfg.Outputs {
		o, err := a.configOutput(cfg, oc)
		if err != nil {
			broken[oc.Name] = err
			continue
		}
		outs[o.name] = o
	}
	if len(cfg.Outputs) == 0 && a.extra == nil {
		sched, _ := schedule.Parse(cfg.Digest.Schedule, defTZ)
		outs["stdout"] = &output{name: "stdout", sender: textSender{notify.NewText(a.stdout).Send}, allStories: true, alerts: true, sched: sched, capped: true}
	}
	for name, s := range a.extra {
		sched, _ := schedule.Parse(cfg.Digest.Schedule, defTZ)
		if o, ok := outs[name]; ok {
			o.sender = s
			continue
		}
		outs[name] = &output{name: name, sender: s, allStories: true, alerts: true, sched: sched, capped: true}
	}
	return outs, broken
}

// subscriptionOutput names the output of a channel's subscription.
func subscriptionOutput(channel, topic string) string {
	return "discord:" + channel + ":" + topic
}

// invalidateOutputs makes the next use rebuild the output set; a rebuild
// already under way does not keep its stale result.
func (a *App) invalidateOutputs() {
	a.mu.Lock()
	a.outputs = nil
	a.outputsGen++
	a.mu.Unlock()
}

func (a *App) configOutput(cfg *config.Config, oc config.Output) (*output, error) {
	tz := oc.TimeZone
	if tz == "" {
		tz = cfg.Digest.TimeZone
	}
	spec := oc.Schedule
	if spec == "" {
		spec = cfg.Digest.Schedule
	}
	sched, err := schedule.Parse(spec, tz)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", oc.Name, err)
	}
	o := &output{name: oc.Name, topics: oc.Topics, allStories: oc.AllStories, alerts: oc.AlertsEnabled(), sched: sched, capped: oc.Type != config.OutputJSONL}
	if len(oc.Topics) == 0 {
		o.topics = nil
	}
	if s, ok := a.extra[oc.Name]; ok {
		o.sender = s
		return o, nil
	}
	switch oc.Type {
	case config.OutputStdout:
		o.sender = textSender{notify.NewText(a.stdout).Send}
	case config.OutputJSONL:
		o.sender = textSender{notify.NewJSONLines(oc.Path).Send}
	case config.OutputDiscord:
		if oc.Channel != "" {
			if a.channel == nil {
				return nil, fmt.Errorf("output %s: posting to a Discord channel needs the bot token when wirewatch starts", oc.Name)
			}
			o.sender = a.channel(oc.Channel)
			o.channel = oc.Channel
		} else {
			s, err := newWebhookSender(oc.Webhook.Reveal(), cfg, a.log)
			if err != nil {
				return nil, fmt.Errorf("output %s: %w", oc.Name, err)
			}
			o.sender = s
		}
	}
	return o, nil
}

// sortedNames returns the output names in a stable order.
func sortedNames(outs map[string]*output) []string {
	names := make([]string, 0, len(outs))
	for n := range outs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
