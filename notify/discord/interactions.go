package discord

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// Discord wants the first response to an interaction within 3 s; backend
// calls get less so an answer always goes out in time. See
// https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction.
const (
	responseWindow = 3 * time.Second
	backendTimeout = 2 * time.Second
	// followupWindow bounds deferred work; interaction tokens last 15 min.
	followupWindow = 10 * time.Minute
	previewLimit   = 10
	countWindow    = 24 * time.Hour
)

// onInteraction answers one interaction from the gateway.
func (b *Bot) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil || !b.seen.add(ic.ID) || !b.startWork() {
		return
	}
	defer b.wg.Done()
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("discord interaction handler panicked", slog.Any("panic", r))
		}
	}()
	i := ic.Interaction
	ctx, cancel := context.WithTimeout(b.ctx, responseWindow)
	defer cancel()
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.autocomplete(ctx, i)
	case discordgo.InteractionApplicationCommand:
		b.command(ctx, i)
	case discordgo.InteractionMessageComponent:
		b.component(ctx, i)
	}
}

// seenInteractions remembers the ids of recent interactions, so that one
// delivered twice (an event replayed after a gateway resume) runs once.
type seenInteractions struct {
	mu   sync.Mutex
	ids  map[string]bool
	ring []string
	next int
}

// seenCapacity is how many interaction ids are remembered.
const seenCapacity = 512

// add records id and reports whether it was new.
func (s *seenInteractions) add(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = make(map[string]bool, seenCapacity)
		s.ring = make([]string, seenCapacity)
	}
	if s.ids[id] {
		return false
	}
	delete(s.ids, s.ring[s.next])
	s.ring[s.next] = id
	s.next = (s.next + 1) % seenCapacity
	s.ids[id] = true
	return true
}

// startWork registers background work unless the bot is closing.
func (b *Bot) startWork() bool {
	b.workMu.Lock()
	defer b.workMu.Unlock()
	if b.ctx.Err() != nil {
		return false
	}
	b.wg.Add(1)
	return true
}

// command runs a slash command.
func (b *Bot) command(ctx context.Context, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	log := b.log.With(slog.String("command", data.Name), slog.String("guild_id", i.GuildID),
		slog.String("channel_id", i.ChannelID), slog.String("user_id", userID(i)))
	log.Info("discord command")
	var err error
	switch data.Name {
	case cmdSubscribe, cmdUnsubscribe:
		if !canManage(i) {
			err = b.reply(ctx, i, true, "You need the Manage Channels permission to change this channel's subscriptions.")
			break
		}
		if data.Name == cmdSubscribe {
			err = b.subscribe(ctx, i, data)
		} else {
			err = b.unsubscribe(ctx, i, data)
		}
	case cmdSubscriptions:
		err = b.subscriptions(ctx, i, data)
	case cmdTopics:
		err = b.topics(ctx, i)
	case cmdDigest:
		err = b.digest(ctx, i)
	case cmdStatus:
		err = b.status(ctx, i)
	case cmdPreview:
		err = b.preview(ctx, i, data)
	case cmdTrend:
		err = b.trend(ctx, i, data)
	default:
		err = b.reply(ctx, i, true, "Unknown command.")
	}
	if err != nil {
		log.Warn("discord interaction response failed", slog.Any("error", err))
	}
}

// canManage reports whether the invoking member may change subscriptions.
func canManage(i *discordgo.Interaction) bool {
	return i.Member != nil && i.Member.Permissions&(manageChannels|discordgo.PermissionAdministrator) != 0
}

// userID returns the invoking user's id.
func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// stringOption returns a string option's value, or "".
func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionString {
			return strings.TrimSpace(o.StringValue())
		}
	}
	return ""
}

// intOption returns an integer option's value, or 0.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) int {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionInteger {
			if f, ok := o.Value.(float64); ok {
				return int(f)
			}
		}
	}
	return 0
}

func boolOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionBoolean {
			b, _ := o.Value.(bool)
			return b
		}
	}
	return false
}

func (b *Bot) subscribe(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	dest, forum, refusal := b.destination(ctx, i, data, true)
	if refusal != "" {
		return b.reply(ctx, i, true, refusal)
	}
	sub := wirewatch.Subscription{
		Guild:    i.GuildID,
		Channel:  dest,
		Topic:    stringOption(data.Options, optTopic),
		Schedule: stringOption(data.Options, optSchedule),
		TimeZone: stringOption(data.Options, optTimeZone),
		Filter: wirewatch.Filter{Languages: splitList(stringOption(data.Options, optLanguages)), Feeds: splitList(stringOption(data.Options, optFeeds)),
			MinOutlets: intOption(data.Options, optMinOutlet)},
		Mention:   idOption(data.Options, optMention, discordgo.ApplicationCommandOptionRole),
		Forum:     forum,
		CreatedBy: userID(i),
		Created:   time.Now().UTC(),
		Backfill:  wirewatch.Backfill(stringOption(data.Options, optBackfill)),
	}
	if sub.Schedule == "" {
		sub.Schedule = wirewatch.DefaultSubscriptionSchedule
	}
	if sub.TimeZone == "" {
		sub.TimeZone = b.opts.DefaultTimeZone
	}
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	created, err := b.backend.Subscribe(bctx, sub)
	if err != nil {
		return b.reply(ctx, i, true, "Could not subscribe: "+escapeText(err.Error(), 1500))
	}
	verb := "Updated the subscription of %s to"
	if created {
		verb = "Subscribed %s to"
	}
	where := "this channel"
	if dest != i.ChannelID {
		where = "<#" + dest + ">"
	}
	tz := cmp.Or(sub.TimeZone, "UTC")
	backfill := ""
	if created && sub.Backfill.Window() > 0 {
		backfill = " Its first digest also brings the matching stories of the last " + string(sub.Backfill) + "."
	}
	return b.reply(ctx, i, false, fmt.Sprintf(verb, where)+fmt.Sprintf(" %s (%s, %s)", code(sub.Topic),
		escapeText(sub.Schedule, 100), escapeText(tz, 64))+subscriptionExtras(sub)+"."+backfill)
}

// subscriptionLine describes a subscription: its topic, schedule, zone,
// filter, role and forum.
func subscriptionLine(s wirewatch.Subscription) string {
	tz := cmp.Or(s.TimeZone, "UTC")
	return fmt.Sprintf("%s · %s · %s", code(s.Topic), escapeText(s.Schedule, 100), escapeText(tz, 64)) + subscriptionExtras(s)
}

// subscriptionExtras describes a subscription's filter, role and forum.
func subscriptionExtras(s wirewatch.Subscription) string {
	line := ""
	if len(s.Filter.Languages) > 0 {
		line += " · languages " + code(strings.Join(s.Filter.Languages, ", "))
	}
	if len(s.Filter.Feeds) > 0 {
		line += " · feeds " + code(strings.Join(s.Filter.Feeds, ", "))
	}
	if s.Filter.MinOutlets > 1 {
		line += fmt.Sprintf(" · events carried by %d+ outlets", s.Filter.MinOutlets)
	}
	if IsSnowflake(s.Mention) {
		line += " · mentions <@&" + s.Mention + ">"
	}
	if s.Forum {
		line += " · a post per day in the forum"
	}
	return line
}

// destination returns the channel a command names (its channel option,
// else the channel it was used in) and whether it is a forum. A channel
// that is not one to post in, or (for changes) one where the member lacks
// Manage Channels, is refused with a reason for them.
func (b *Bot) destination(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, change bool) (id string, forum bool, refusal string) {
	id = idOption(data.Options, optChannel, discordgo.ApplicationCommandOptionChannel)
	if id == "" || id == i.ChannelID {
		// Commands cannot be used in a forum itself, only in its posts.
		return i.ChannelID, false, ""
	}
	var typ discordgo.ChannelType
	if data.Resolved != nil && data.Resolved.Channels[id] != nil {
		typ = data.Resolved.Channels[id].Type
	} else {
		c, err := b.channel(ctx, id)
		if err != nil {
			return "", false, "Could not read that channel: " + escapeText(err.Error(), 500)
		}
		typ = c.typ
	}
	if !slices.Contains(destinationTypes, typ) {
		return "", false, "Choose a text channel, a thread or a forum."
	}
	if change && i.Member != nil {
		perms, err := b.memberPermissions(ctx, i.GuildID, id, userID(i), i.Member.Roles)
		if err != nil {
			return "", false, "Could not check your permissions there: " + escapeText(err.Error(), 500)
		}
		if !canManageChannel(perms) {
			return "", false, "You need the Manage Channels permission in <#" + id + "> to change its subscriptions."
		}
	}
	return id, isForum(typ), ""
}

// idOption returns the id a channel, role or user option names, or "".
func idOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, typ discordgo.ApplicationCommandOptionType) string {
	for _, o := range opts {
		if o.Name == name && o.Type == typ {
			if s, ok := o.Value.(string); ok && IsSnowflake(s) {
				return s
			}
		}
	}
	return ""
}

// splitList splits a list typed as "ko, ja" or "ko ja" into its entries.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func (b *Bot) unsubscribe(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	dest, _, refusal := b.destination(ctx, i, data, true)
	if refusal != "" {
		return b.reply(ctx, i, true, refusal)
	}
	where := "This channel is"
	if dest != i.ChannelID {
		where = "<#" + dest + "> is"
	}
	topic := stringOption(data.Options, optTopic)
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	removed, err := b.backend.Unsubscribe(bctx, dest, topic)
	switch {
	case err != nil:
		return b.reply(ctx, i, true, "Could not unsubscribe: "+escapeText(err.Error(), 1500))
	case !removed:
		return b.reply(ctx, i, true, where+" not subscribed to "+code(topic)+".")
	}
	if dest != i.ChannelID {
		return b.reply(ctx, i, false, "Unsubscribed <#"+dest+"> from "+code(topic)+".")
	}
	return b.reply(ctx, i, false, "Unsubscribed this channel from "+code(topic)+".")
}

func (b *Bot) subscriptions(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	dest, _, refusal := b.destination(ctx, i, data, false)
	if refusal != "" {
		return b.reply(ctx, i, true, refusal)
	}
	channels := []string{dest}
	if c, err := b.channel(ctx, dest); err == nil && isThread(c.typ) && c.parent != "" {
		// In a thread or a forum post, the parent's subscriptions are
		// listed too: a forum's post here.
		channels = append(channels, c.parent)
	}
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	var lines []string
	for _, ch := range channels {
		subs, err := b.backend.Subscriptions(bctx, ch)
		if err != nil {
			return b.reply(ctx, i, true, "Could not list subscriptions: "+escapeText(err.Error(), 1500))
		}
		for _, s := range subs {
			line := subscriptionLine(s)
			if ch != dest {
				line = "<#" + ch + "> · " + line
			}
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return b.reply(ctx, i, true, "This channel has no subscriptions. Use /subscribe to add one.")
	}
	title := "Subscriptions of this channel"
	if dest != i.ChannelID {
		title = "Subscriptions of the chosen channel"
	}
	return b.replyEmbed(ctx, i, title, lines)
}

func (b *Bot) topics(ctx context.Context, i *discordgo.Interaction) error {
	topics := b.backend.Topics()
	if len(topics) == 0 {
		return b.reply(ctx, i, true, "No topics are configured.")
	}
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	counts, err := b.backend.TopicCounts(bctx, time.Now().Add(-countWindow))
	if err != nil {
		b.log.Warn("discord topic counts failed", slog.Any("error", err))
		counts = nil
	}
	lines := make([]string, 0, len(topics))
	for _, t := range topics {
		line := code(t.ID) + " · " + escapeText(t.Name, 100)
		if counts != nil {
			line += fmt.Sprintf(" · %d in 24 h", counts[t.ID])
		}
		if t.Alert {
			line += " · alerts"
		}
		lines = append(lines, line)
	}
	return b.replyEmbed(ctx, i, "Topics", lines)
}

func (b *Bot) status(ctx context.Context, i *discordgo.Interaction) error {
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	st, err := b.backend.Status(bctx, i.GuildID)
	if err != nil {
		return b.reply(ctx, i, true, "Could not read the status: "+escapeText(err.Error(), 1500))
	}
	failing := 0
	for _, f := range st.Feeds {
		if f.Result == wirewatch.ResultError || f.Failures > 0 {
			failing++
		}
	}
	lines := []string{
		fmt.Sprintf("Feeds: %d, failing: %d", len(st.Feeds), failing),
		fmt.Sprintf("Stories today: %d", st.ItemsToday),
		"Last poll: " + timestamp(st.LastPoll),
		fmt.Sprintf("Failed deliveries pending: %d", st.FailedDeliveries),
	}
	for _, f := range st.Feeds {
		if f.Result == wirewatch.ResultError || f.Failures > 0 {
			lines = append(lines, fmt.Sprintf("✗ %s · %d failures · %s", escapeText(f.Name, 80), f.Failures,
				escapeText(withoutAddresses(f.LastError), 200)))
		}
	}
	names := make([]string, 0, len(st.Disabled))
	for name := range st.Disabled {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lines = append(lines, "Disabled: "+escapeText(name, 80)+" · "+escapeText(st.Disabled[name], 200))
	}
	return b.replyEmbed(ctx, i, "wirewatch status", lines)
}

// addressPattern matches URLs and host:port pairs in an error.
var addressPattern = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://\S+|(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)`)

// withoutAddresses removes the addresses a fetch error names (the feed's
// host and path, a resolver's), which a server's members need not see.
func withoutAddresses(s string) string {
	return addressPattern.ReplaceAllString(s, "(address)")
}

func (b *Bot) preview(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	topic := stringOption(data.Options, optTopic)
	leftOut := boolOption(data.Options, optMore)
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	d, err := b.backend.Preview(bctx, i.ChannelID, topic, previewLimit, leftOut)
	if err != nil {
		return b.reply(ctx, i, true, "Could not preview "+code(topic)+": "+escapeText(err.Error(), 1500))
	}
	msgs := Messages(d)
	if len(msgs) == 0 {
		if leftOut {
			return b.reply(ctx, i, true, "This channel's digests left out no story of "+code(topic)+" lately.")
		}
		return b.reply(ctx, i, true, "No recent matches for "+code(topic)+".")
	}
	m := msgs[0]
	content := "Preview of " + code(topic)
	if leftOut {
		content = "Stories of " + code(topic) + ` this channel's digests counted in "and N more"`
	}
	if len(msgs) > 1 {
		content += fmt.Sprintf(" (first of %d messages)", len(msgs))
	}
	return b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: content, Embeds: m.Embeds, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
		},
	})
}

// digest defers the response, delivers the channel's digest in the
// background and then edits the deferred response with the result.
func (b *Bot) digest(ctx context.Context, i *discordgo.Interaction) error {
	// The digest may take long under rate limits; the answer is edited
	// while the interaction token is valid.
	return b.deferred(ctx, i, followupWindow-time.Minute, func(ctx context.Context) *discordgo.WebhookEdit {
		n, err := b.backend.DigestNow(ctx, i.ChannelID)
		var answer string
		switch {
		case err != nil:
			b.log.Warn("discord digest command failed", slog.String("channel_id", i.ChannelID), slog.Any("error", err))
			answer = "Could not deliver the digest: " + escapeText(err.Error(), 1500)
		case n == 0:
			answer = "Nothing new to deliver."
		default:
			answer = fmt.Sprintf("Delivered %d %s.", n, text.Plural(n, "story", "stories"))
		}
		answer = truncate(answer, budgetContent)
		return &discordgo.WebhookEdit{Content: &answer, AllowedMentions: noMentions()}
	})
}

// deferred answers an interaction at once with a private "thinking"
// response, then does work in the background, within timeout, and edits
// the response with what work returns.
func (b *Bot) deferred(ctx context.Context, i *discordgo.Interaction, timeout time.Duration, work func(context.Context) *discordgo.WebhookEdit) error {
	err := b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		return err
	}
	if !b.startWork() {
		return nil
	}
	go func() {
		defer b.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				b.log.Error("discord deferred command panicked", slog.Any("panic", r))
			}
		}()
		ctx, cancel := context.WithTimeout(b.ctx, timeout)
		defer cancel()
		edit := work(ctx)
		ectx, ecancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer ecancel()
		ectx, rec := withRecorder(ectx)
		if _, err := b.session.InteractionResponseEdit(i, edit, discordgo.WithContext(ectx), discordgo.WithRetryOnRatelimit(false)); err != nil {
			b.log.Warn("discord interaction edit failed", slog.Any("error", toAPIError(err, rec)))
		}
	}()
	return nil
}

// autocomplete answers an option being typed with at most 25 choices:
// topics whose id or name contains the typed text, or, for the lists of
// languages and feeds, the list typed so far completed with each entry
// that fits its last item.
func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	typed, focused := "", optTopic
	for _, o := range data.Options {
		if o.Focused {
			typed, focused = strings.TrimSpace(fmt.Sprint(o.Value)), o.Name
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	switch focused {
	case optLanguages:
		var items []listItem
		for _, l := range b.backend.Languages() {
			items = append(items, listItem{value: l.Code, label: l.Name})
		}
		choices = listChoices(typed, items, false)
	case optFeeds:
		var items []listItem
		for _, f := range b.backend.FeedNames() {
			items = append(items, listItem{value: f})
		}
		choices = listChoices(typed, items, true)
	default:
		choices = topicChoices(b.backend.Topics(), strings.ToLower(typed))
	}
	err := b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		b.log.Warn("discord autocomplete failed", slog.Any("error", err))
	}
}

// listItem is an entry a list option may hold: a value, and a label that
// says what it is.
type listItem struct{ value, label string }

// listChoices completes a comma-separated list being typed: the entries
// before the last comma stay, and the last is completed with each item
// whose value or label contains it, those starting with it first. With
// globs, a last entry holding * or ? is offered as it is, with the count
// of items it matches.
func listChoices(typed string, items []listItem, globs bool) []*discordgo.ApplicationCommandOptionChoice {
	done := splitList(typed)
	last := ""
	if typed != "" && !strings.HasSuffix(typed, ",") && !strings.HasSuffix(typed, " ") && len(done) > 0 {
		last, done = done[len(done)-1], done[:len(done)-1]
	}
	lower := strings.ToLower(last)
	add := func(out []*discordgo.ApplicationCommandOptionChoice, value, name string) []*discordgo.ApplicationCommandOptionChoice {
		value = strings.Join(append(slices.Clone(done), value), ",")
		if runeLen(value) > maxChoiceRunes {
			return out
		}
		return append(out, &discordgo.ApplicationCommandOptionChoice{Name: truncate(strings.ReplaceAll(value, ",", ", ")+name, maxChoiceRunes), Value: value})
	}
	out := []*discordgo.ApplicationCommandOptionChoice{}
	if globs && wirewatch.IsGlob(last) {
		n := 0
		for _, it := range items {
			if wirewatch.FeedMatches(last, it.value) {
				n++
			}
		}
		out = add(out, last, fmt.Sprintf(" (%d %s)", n, text.Plural(n, "feed", "feeds")))
	}
	var prefix, other []listItem
	for _, it := range items {
		v, l := strings.ToLower(it.value), strings.ToLower(it.label)
		switch {
		case slices.ContainsFunc(done, func(d string) bool { return strings.EqualFold(d, it.value) }):
		case strings.HasPrefix(v, lower) || strings.HasPrefix(l, lower):
			prefix = append(prefix, it)
		case strings.Contains(v, lower) || strings.Contains(l, lower):
			other = append(other, it)
		}
	}
	for _, it := range append(prefix, other...) {
		if len(out) >= maxChoices {
			break
		}
		name := ""
		if it.label != "" {
			name = " (" + it.label + ")"
		}
		out = add(out, it.value, name)
	}
	return out
}

// topicChoices returns the topics matching typed, ids first, at most 25.
func topicChoices(topics []wirewatch.TopicInfo, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var prefix, other []*discordgo.ApplicationCommandOptionChoice
	for _, t := range topics {
		if t.ID == "" || runeLen(t.ID) > maxChoiceRunes {
			continue
		}
		id, name := strings.ToLower(t.ID), strings.ToLower(t.Name)
		if typed != "" && !strings.Contains(id, typed) && !strings.Contains(name, typed) {
			continue
		}
		label := t.ID
		if t.Name != "" && t.Name != t.ID {
			label += " · " + t.Name
		}
		c := &discordgo.ApplicationCommandOptionChoice{Name: truncate(label, maxChoiceRunes), Value: t.ID}
		if strings.HasPrefix(id, typed) {
			prefix = append(prefix, c)
		} else {
			other = append(other, c)
		}
	}
	all := append(prefix, other...)
	if len(all) > maxChoices {
		all = all[:maxChoices]
	}
	if all == nil {
		all = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return all
}

// reply answers with a text message, ephemeral when asked.
func (b *Bot) reply(ctx context.Context, i *discordgo.Interaction, ephemeral bool, text string) error {
	data := &discordgo.InteractionResponseData{Content: truncate(text, budgetContent), AllowedMentions: noMentions()}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return b.respond(ctx, i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data})
}

// replyEmbed answers ephemerally with lines in one embed, cut to fit.
func (b *Bot) replyEmbed(ctx context.Context, i *discordgo.Interaction, title string, lines []string) error {
	var desc strings.Builder
	for n, l := range lines {
		if desc.Len() > 0 && runeLen(desc.String())+1+runeLen(l) > budgetDescription-40 {
			fmt.Fprintf(&desc, "\n*and %d more*", len(lines)-n)
			break
		}
		if desc.Len() > 0 {
			desc.WriteString("\n")
		}
		desc.WriteString(truncate(l, budgetDescription-40))
	}
	return b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{{Title: title, Description: desc.String(), Color: colorDigest}},
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	})
}

// respond sends the interaction's first response.
func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	ctx, rec := withRecorder(ctx)
	err := b.session.InteractionRespond(i, r, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return fmt.Errorf("discord: respond to interaction: %w", toAPIError(err, rec))
	}
	return nil
}

// code shows a user-typed id as inline code that cannot break out.
func code(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '`' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	s = truncate(s, maxChoiceRunes)
	if s == "" {
		return "(none)"
	}
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, "@", "@"+zwsp), "<", "<"+zwsp) + "`"
}

// timestamp shows a time as a Discord relative timestamp, or "never".
func timestamp(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return fmt.Sprintf("<t:%d:R>", t.Unix())
}
