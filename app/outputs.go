package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/schedule"
	"github.com/wirewatch/wirewatch/store"
)

// Builder makes the sender of each output: the one place that knows the
// output types (package outputs). The program and its tests use the same.
type Builder interface {
	// Output returns the sender of a configured output.
	Output(oc config.Output) (notify.Sender, error)
	// Channel returns the sender that posts to a Discord channel (or
	// thread), for subscriptions.
	Channel(id string) (notify.Sender, error)
	// Forum returns the sender that posts to a Discord forum channel, one
	// post per topic and day (days as in loc), for subscriptions.
	Forum(id string, loc *time.Location) (notify.Sender, error)
}

// output is one destination with what it wants and when.
type output struct {
	name   string
	sender notify.Sender
	// topics the output wants; nil means every topic.
	topics []string
	// allStories also takes stories that match no topic.
	allStories bool
	alerts     bool
	sched      schedule.Schedule
	// channel is the Discord channel id, for subscriptions and channel
	// outputs; "" otherwise.
	channel string
	// maxPerGroup caps the stories a digest shows per group, the rest
	// counted in "and N more"; 0 shows every story.
	maxPerGroup int
	// fold shows copies of one story from several feeds once.
	fold bool
	// filter keeps only the stories it allows.
	filter wirewatch.Filter
	// mention is a role id every delivery mentions; "" leaves alerts
	// to mention their topic's role.
	mention string
}

// wants returns the deliveries the output wants for a story: a digest
// row, and an alert row when the story matched an alert topic the output
// wants. An instant output delivers every row at once, so an alert story
// gets only its alert row there, which pings the topic's role.
func (o *output) wants(it *wirewatch.Item, noTopics bool) []store.Delivery {
	if !o.filter.Allows(it) {
		return nil
	}
	matched, alert := false, false
	for _, m := range it.Matches {
		if o.topics == nil || slices.Contains(o.topics, m.Topic) {
			matched = true
			alert = alert || m.Alert
		}
	}
	alert = alert && o.alerts
	var ds []store.Delivery
	if (matched || o.allStories || noTopics) && !(alert && o.sched.Instant()) {
		ds = append(ds, store.Delivery{Output: o.name, Kind: wirewatch.KindDigest})
	}
	if alert {
		ds = append(ds, store.Delivery{Output: o.name, Kind: wirewatch.KindAlert})
	}
	return ds
}

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
	subs, err := a.store.Subscriptions(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("load subscriptions: %w", err)
	}
	// Outputs that cannot be built are warned about by Deliver.
	outs, broken := a.buildOutputs(cfg, subs)
	a.mu.Lock()
	if a.outputsGen == gen {
		a.outputs = outs
		a.broken = broken
	}
	a.mu.Unlock()
	return outs, nil
}

// buildOutputs builds every output: the configuration's, then one per
// subscription, each sender made by the builder. Those that cannot be
// built are returned apart, with why, so that one bad output never stops
// the others.
func (a *App) buildOutputs(cfg *config.Config, subs []wirewatch.Subscription) (map[string]*output, map[string]error) {
	outs := map[string]*output{}
	broken := map[string]error{}
	for _, oc := range cfg.Outputs {
		sender, err := a.build.Output(oc)
		if err != nil {
			broken[oc.Name] = err
			continue
		}
		o := &output{name: oc.Name, sender: sender, topics: oc.Topics, allStories: oc.AllStories,
			alerts: oc.AlertsEnabled(), sched: oc.Sched, channel: cmp.Or(oc.Channel, oc.Forum),
			filter: oc.Filter(), mention: oc.Mention}
		if len(oc.Topics) == 0 {
			o.topics = nil
		}
		// A file takes every story, each copy on a line of its own; people
		// reading a channel or a terminal get capped, folded digests.
		if oc.Type != config.OutputJSONL {
			o.maxPerGroup, o.fold = cfg.Digest.MaxPerGroup, true
		}
		outs[o.name] = o
	}
	for _, sub := range subs {
		name := subscriptionOutput(sub.Channel, sub.Topic)
		o, err := a.subscriptionOutput(cfg, sub)
		if err != nil {
			broken[name] = err
			continue
		}
		outs[name] = o
	}
	return outs, broken
}

// subscriptionOutput builds the output of a channel's subscription.
func (a *App) subscriptionOutput(cfg *config.Config, sub wirewatch.Subscription) (*output, error) {
	loc, err := schedule.Zone(cmp.Or(sub.TimeZone, cfg.Discord.TimeZone))
	if err != nil {
		return nil, fmt.Errorf("subscription of channel %s to %s: %w", sub.Channel, sub.Topic, err)
	}
	sched, err := schedule.Parse(cmp.Or(sub.Schedule, wirewatch.DefaultSubscriptionSchedule), loc)
	if err != nil {
		return nil, fmt.Errorf("subscription of channel %s to %s: %w", sub.Channel, sub.Topic, err)
	}
	var sender notify.Sender
	if sub.Forum {
		sender, err = a.build.Forum(sub.Channel, loc)
	} else {
		sender, err = a.build.Channel(sub.Channel)
	}
	if err != nil {
		return nil, fmt.Errorf("subscription of channel %s to %s: %w", sub.Channel, sub.Topic, err)
	}
	return &output{name: subscriptionOutput(sub.Channel, sub.Topic), sender: sender, topics: []string{sub.Topic},
		alerts: true, sched: sched, channel: sub.Channel, maxPerGroup: cfg.Digest.MaxPerGroup, fold: true,
		filter: sub.Filter, mention: sub.Mention}, nil
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

// sortedNames returns the output names in a stable order.
func sortedNames(outs map[string]*output) []string {
	names := make([]string, 0, len(outs))
	for n := range outs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
