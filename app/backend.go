package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/schedule"
	"github.com/wirewatch/wirewatch/store"
)

// The methods below let the Discord bot serve slash commands (they meet
// discord.Backend).

// Topics returns the configured topics.
func (a *App) Topics() []wirewatch.TopicInfo {
	if m := a.Config().Matcher; m != nil {
		return m.Topics()
	}
	return nil
}

// TopicCounts returns stories per topic first seen since.
func (a *App) TopicCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	return a.store.TopicCounts(ctx, since)
}

// Subscribe subscribes a channel to a topic; its errors are meant for the
// person who asked.
func (a *App) Subscribe(ctx context.Context, sub wirewatch.Subscription) (bool, error) {
	id, ok := a.topicID(sub.Topic)
	if !ok {
		return false, fmt.Errorf("unknown topic %q: /topics lists them", sub.Topic)
	}
	sub.Topic = id
	if err := a.checkSubscription(&sub); err != nil {
		return false, err
	}
	sub.Schedule = cmp.Or(sub.Schedule, wirewatch.DefaultSubscriptionSchedule)
	sub.TimeZone = cmp.Or(sub.TimeZone, a.Config().Discord.TimeZone)
	loc, err := schedule.Zone(sub.TimeZone)
	if err != nil {
		return false, fmt.Errorf("%v: use an IANA name such as Europe/Berlin", err)
	}
	if _, err := schedule.Parse(sub.Schedule, loc); err != nil {
		return false, fmt.Errorf("%v: use instant, hourly, daily HH:MM or a cron spec", err)
	}
	if sub.Created.IsZero() {
		sub.Created = a.now()
	}
	backfill, err := wirewatch.ParseBackfill(string(sub.Backfill))
	if err != nil {
		return false, err
	}
	// Stories stored from here on by a poll that began without this
	// subscription are queued for it below.
	seq, err := a.store.LastSeq(ctx)
	if err != nil {
		return false, err
	}
	limit := a.Config().Discord.MaxSubscriptions
	created, err := a.store.Subscribe(ctx, sub, limit)
	if errors.Is(err, store.ErrSubscriptionLimit) {
		return false, fmt.Errorf("this server already has %d subscriptions, the most this wirewatch allows (discord.max_subscriptions): unsubscribe a channel from a topic first", limit)
	}
	if err != nil {
		return false, err
	}
	// Subscribing again is how a channel that was gone and is back (or a
	// bot that regained its permissions) asks for deliveries again.
	if _, err := a.store.EnableOutput(ctx, subscriptionOutput(sub.Channel, id)); err != nil {
		return created, err
	}
	a.invalidateOutputs()
	if created {
		// A long backfill goes on after the answer, which Discord wants
		// within seconds; the subscription exists either way.
		done := make(chan struct{})
		go func() {
			defer close(done)
			bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), backfillTimeout)
			defer cancel()
			if err := a.backfillSubscription(bctx, sub, backfill, seq); err != nil {
				a.log.Error("backfill of a new subscription failed", slog.String("channel", sub.Channel),
					slog.String("topic", sub.Topic), slog.Any("error", err))
			}
		}()
		select {
		case <-done:
		case <-ctx.Done():
		}
	}
	return created, nil
}

// backfillTimeout bounds the backfill of a new subscription.
const backfillTimeout = 2 * time.Minute

// backfillSubscription queues for a new subscription the stories of its
// backfill window and those stored since seq.
func (a *App) backfillSubscription(ctx context.Context, sub wirewatch.Subscription, b wirewatch.Backfill, seq int64) error {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return err
	}
	o := outs[subscriptionOutput(sub.Channel, sub.Topic)]
	if o == nil {
		return nil
	}
	_, err = a.backfill(ctx, o, b, sub.Created, true, seq)
	return err
}

// checkSubscription tidies a subscription's filter and refuses one that
// would let no story through, or a mention that is not a role, saying why.
func (a *App) checkSubscription(sub *wirewatch.Subscription) error {
	f := &sub.Filter
	f.Languages = distinct(f.Languages, func(s string) string { return strings.ToLower(strings.TrimSpace(s)) })
	f.Feeds = distinct(f.Feeds, strings.TrimSpace)
	var msgs []string
	for _, p := range a.Config().CheckFilter(*f, []string{sub.Topic}) {
		msgs = append(msgs, p.Msg)
	}
	if sub.Mention != "" {
		if err := config.CheckMention(sub.Mention); err != nil {
			msgs = append(msgs, "mention: "+err.Error())
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("this filter would let no story through: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// distinct returns the values of list, each tidied by tidy, once, in order.
func distinct(list []string, tidy func(string) string) []string {
	var out []string
	for _, v := range list {
		if v = tidy(v); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// FeedNames returns the configured feeds' names, for people choosing
// feeds to filter on.
func (a *App) FeedNames() []string {
	cfg := a.Config()
	names := make([]string, len(cfg.Feeds))
	for i, f := range cfg.Feeds {
		names[i] = f.Name
	}
	return names
}

// Languages returns the languages stories can be in: those language
// detection chooses from.
func (a *App) Languages() []wirewatch.LanguageInfo {
	codes := detect.ResolveLanguages(a.Config().Languages)
	out := make([]wirewatch.LanguageInfo, len(codes))
	for i, c := range codes {
		out[i] = wirewatch.LanguageInfo{Code: c, Name: detect.LanguageName(c)}
	}
	return out
}

// Unsubscribe removes a channel's subscription to a topic.
func (a *App) Unsubscribe(ctx context.Context, channel, topic string) (bool, error) {
	if id, ok := a.topicID(topic); ok {
		topic = id
	}
	ok, err := a.store.Unsubscribe(ctx, channel, topic)
	if err == nil && ok {
		a.invalidateOutputs()
	}
	return ok, err
}

// Subscriptions lists a channel's subscriptions.
func (a *App) Subscriptions(ctx context.Context, channel string) ([]wirewatch.Subscription, error) {
	return a.store.Subscriptions(ctx, channel)
}

// DigestNow delivers a channel's pending digest at once.
func (a *App) DigestNow(ctx context.Context, channel string) (int, error) {
	return a.deliverChannel(ctx, channel)
}

// Status reports feed health, and the delivery trouble of one Discord
// server's subscriptions: a server never sees another's outputs.
func (a *App) Status(ctx context.Context, guild string) (wirewatch.Status, error) {
	fs, err := a.store.FeedStatuses(ctx)
	if err != nil {
		return wirewatch.Status{}, err
	}
	now := a.now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	today, err := a.store.CountItemsSince(ctx, day)
	if err != nil {
		return wirewatch.Status{}, err
	}
	subs, err := a.store.Subscriptions(ctx, "")
	if err != nil {
		return wirewatch.Status{}, err
	}
	ours := map[string]bool{}
	for _, sub := range subs {
		if sub.Guild == guild {
			ours[subscriptionOutput(sub.Channel, sub.Topic)] = true
		}
	}
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		return wirewatch.Status{}, err
	}
	for name := range disabled {
		if !ours[name] {
			delete(disabled, name)
		}
	}
	failed, err := a.store.Failed(ctx, "")
	if err != nil {
		return wirewatch.Status{}, err
	}
	nFailed := 0
	for _, f := range failed {
		if ours[f.Output] {
			nFailed++
		}
	}
	a.mu.RLock()
	last := a.lastPoll
	a.mu.RUnlock()
	return wirewatch.Status{Feeds: fs, ItemsToday: today, LastPoll: last, FailedDeliveries: nFailed, Disabled: disabled}, nil
}

// Preview shows a topic's latest matches as a digest would; with leftOut,
// the topic's stories that the channel's capped digests counted in "and N
// more" in the last week.
func (a *App) Preview(ctx context.Context, channel, topic string, limit int, leftOut bool) (*wirewatch.Digest, error) {
	id, ok := a.topicID(topic)
	if !ok {
		return nil, fmt.Errorf("unknown topic %q: /topics lists them", topic)
	}
	var items []*wirewatch.Item
	if leftOut {
		var err error
		if items, err = a.leftOut(ctx, channel, id, limit); err != nil {
			return nil, err
		}
	} else {
		var err error
		if items, err = a.store.RecentMatches(ctx, id, limit); err != nil {
			return nil, err
		}
	}
	return digest.Build(items, digest.Options{Output: "preview", Kind: wirewatch.KindDigest, Topics: []string{id},
		Order: a.Topics(), MaxPerGroup: limit, Fold: true, Now: a.now()}), nil
}

// leftOutSince is how far back /preview looks for stories left out.
const leftOutSince = 7 * 24 * time.Hour

// leftOut returns the stories of a topic that the channel's outputs
// counted without showing, newest first, at most limit.
func (a *App) leftOut(ctx context.Context, channel, topic string, limit int) ([]*wirewatch.Item, error) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return nil, err
	}
	var items []*wirewatch.Item
	for _, name := range sortedNames(outs) {
		if outs[name].channel != channel {
			continue
		}
		rows, err := a.store.Counted(ctx, name, a.now().Add(-leftOutSince), 0)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if slices.ContainsFunc(r.Item.Matches, func(m wirewatch.Match) bool { return m.Topic == topic }) {
				items = append(items, r.Item)
			}
		}
	}
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	return items, nil
}

// topicID returns the configured id of a topic named in any case.
func (a *App) topicID(name string) (string, bool) {
	for _, t := range a.Topics() {
		if strings.EqualFold(t.ID, name) {
			return t.ID, true
		}
	}
	return "", false
}
