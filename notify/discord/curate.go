package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// Custom ids of the curation components: the menu under a message that
// shows several stories, and the buttons of the private answer to a pick,
// "ww:mute:MESSAGE:POSITION" and "ww:fp:MESSAGE:POSITION".
const (
	pickID     = "ww:pick"
	muteID     = "ww:mute"
	reportID   = "ww:fp"
	maxPicks   = 25 // options of a select menu
	curateWait = 10 * time.Second
	// hintLifetime is how long a hint answering a reaction stays in the
	// channel before the bot deletes it.
	hintLifetime = 30 * time.Second
)

// messages renders a digest for the bot's channels: as Messages, and,
// with curation on, a menu under each message that shows several stories
// to pick one to mute or report.
func (b *Bot) messages(d *wirewatch.Digest) []Message {
	msgs := Messages(d)
	if !b.opts.Reactions.Enabled {
		return msgs
	}
	for i := range msgs {
		if menu := pickMenu(msgs[i].stories); menu != nil {
			msgs[i].Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}}}
		}
	}
	return msgs
}

// pickMenu is the menu listing a message's stories, when it shows more
// than one; the first 25 can be picked.
func pickMenu(stories []*wirewatch.Item) *discordgo.SelectMenu {
	if len(stories) < 2 {
		return nil
	}
	var opts []discordgo.SelectMenuOption
	for i, it := range stories[:min(len(stories), maxPicks)] {
		opts = append(opts, discordgo.SelectMenuOption{
			Label:       truncate(text.OneLine(displayTitle(it)), maxChoiceRunes),
			Value:       strconv.Itoa(i + 1),
			Description: truncate(text.OneLine(it.Feed)+" · "+languageCode(it.Language()), maxChoiceRunes),
		})
	}
	return &discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: pickID,
		Placeholder: "Mute a story's event, or report a wrong match…", Options: opts}
}

// selfID returns the bot's user id: from the gateway's READY, else asked
// of Discord once.
func (b *Bot) selfID(ctx context.Context) (string, error) {
	b.selfMu.Lock()
	defer b.selfMu.Unlock()
	if b.self != "" {
		return b.self, nil
	}
	b.session.State.RLock()
	if u := b.session.State.User; u != nil {
		b.self = u.ID
	}
	b.session.State.RUnlock()
	if b.self != "" {
		return b.self, nil
	}
	raw, err := b.call(ctx, http.MethodGet, discordgo.EndpointUser("@me"), nil)
	if err != nil {
		return "", fmt.Errorf("discord: who am I: %w", err)
	}
	var u discordgo.User
	if err := json.Unmarshal(raw, &u); err != nil || u.ID == "" {
		return "", fmt.Errorf("discord: who am I: no user in the answer")
	}
	b.self = u.ID
	return b.self, nil
}

// reactionAction returns what a reaction asks for, or "".
func (b *Bot) reactionAction(e discordgo.Emoji) wirewatch.CurationAction {
	switch {
	case emojiIs(e, b.opts.Reactions.Mute):
		return wirewatch.CurationMute
	case emojiIs(e, b.opts.Reactions.FalsePositive):
		return wirewatch.CurationFalsePositive
	}
	return ""
}

// emojiIs reports whether a reaction's emoji is the configured one: a
// Unicode emoji (variation selectors aside) or a server emoji name:id.
func emojiIs(e discordgo.Emoji, want string) bool {
	if want == "" {
		return false
	}
	if strings.Contains(want, ":") {
		// A server emoji is known by its id; its name may change.
		t := strings.Trim(want, "<>")
		return e.ID != "" && e.ID == t[strings.LastIndex(t, ":")+1:]
	}
	plain := func(s string) string { return strings.ReplaceAll(s, "\uFE0F", "") }
	return e.ID == "" && plain(e.Name) == plain(want)
}

// emojiPath writes an emoji as reaction routes take it.
func emojiPath(e discordgo.Emoji) string {
	if e.ID != "" {
		return url.PathEscape(e.Name + ":" + e.ID)
	}
	return url.PathEscape(e.Name)
}

// onReaction handles a reaction: on a message that showed one story, the
// mute or report reaction curates that story. The bot confirms by adding
// the same reaction, and answers a mute with what it did; a reaction it cannot act on gets a short hint that it
// deletes after a while.
func (b *Bot) onReaction(_ *discordgo.Session, r *discordgo.MessageReactionAdd) {
	if r == nil || r.MessageReaction == nil || r.GuildID == "" || !b.opts.Reactions.Enabled || !b.startWork() {
		return
	}
	defer b.wg.Done()
	defer func() {
		if p := recover(); p != nil {
			b.log.Error("discord reaction handler panicked", slog.Any("panic", p))
		}
	}()
	action := b.reactionAction(r.Emoji)
	if action == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, curateWait)
	defer cancel()
	if self, err := b.selfID(ctx); err != nil || r.UserID == self {
		return
	}
	log := b.log.With(slog.String("guild_id", r.GuildID), slog.String("channel_id", r.ChannelID),
		slog.String("message_id", r.MessageID), slog.String("user_id", r.UserID), slog.String("action", string(action)))
	n, err := b.backend.StoriesShown(ctx, r.MessageID)
	if err != nil {
		log.Warn("discord reaction not handled", slog.Any("error", err))
		return
	}
	switch {
	case n == 0:
		return // not a message wirewatch posted
	case n > 1:
		log.Info("discord reaction on a message of several stories")
		b.hint(r, fmt.Sprintf("This message shows %d stories, so a reaction cannot say which one: pick it in the menu under the message.", n))
		return
	}
	if action == wirewatch.CurationMute {
		var roles []string
		if r.Member != nil {
			roles = r.Member.Roles
		}
		perms, err := b.memberPermissions(ctx, r.GuildID, r.ChannelID, r.UserID, roles)
		if err != nil {
			log.Warn("discord reaction: permissions not read", slog.Any("error", err))
			return
		}
		if !canManageChannel(perms) {
			log.Info("discord mute refused: no Manage Channels")
			b.hint(r, "Muting an event here takes the Manage Channels permission.")
			return
		}
	}
	said, err := b.backend.Curate(ctx, wirewatch.Curation{Action: action, Guild: r.GuildID, Channel: r.ChannelID,
		User: r.UserID, Message: r.MessageID, Position: 1})
	if err != nil {
		log.Warn("discord curation failed", slog.Any("error", err))
		b.hint(r, "Could not do that: "+err.Error())
		return
	}
	log.Info("discord curation", slog.String("result", said))
	if action == wirewatch.CurationMute {
		// Say for how long, and what was dropped.
		b.hint(r, said)
	}
	endpoint := discordgo.EndpointMessageReaction(r.ChannelID, r.MessageID, emojiPath(r.Emoji), "@me")
	if _, err := b.call(ctx, http.MethodPut, endpoint, nil); err != nil {
		log.Warn("discord curation not acknowledged", slog.Any("error", err))
	}
}

// hint answers a reaction in the channel, mentioning only its author, and
// deletes the answer after the bot's hint lifetime.
func (b *Bot) hint(r *discordgo.MessageReactionAdd, msg string) {
	ctx, cancel := context.WithTimeout(b.ctx, curateWait)
	defer cancel()
	body := map[string]any{
		"content":           "<@" + r.UserID + "> " + escapeText(msg, budgetContent-40),
		"allowed_mentions":  map[string]any{"parse": []string{}, "users": []string{r.UserID}},
		"message_reference": map[string]any{"message_id": r.MessageID, "fail_if_not_exists": false},
	}
	raw, err := b.call(ctx, http.MethodPost, discordgo.EndpointChannelMessages(r.ChannelID), body)
	if err != nil {
		b.log.Warn("discord hint not posted", slog.String("channel_id", r.ChannelID), slog.Any("error", err))
		return
	}
	id := messageID(raw)
	if id == "" || !b.startWork() {
		return
	}
	go func() {
		defer b.wg.Done()
		t := time.NewTimer(b.hintLifetime)
		defer t.Stop()
		select {
		case <-b.ctx.Done():
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(b.ctx, curateWait)
		defer cancel()
		if _, err := b.call(ctx, http.MethodDelete, discordgo.EndpointChannelMessage(r.ChannelID, id), nil); err != nil {
			b.log.Warn("discord hint not deleted", slog.String("channel_id", r.ChannelID), slog.Any("error", err))
		}
	}()
}

// component answers a click on a curation component: a story picked in
// the menu under a message gets a private answer with two buttons, and a
// button carries out its action there.
func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) {
	data := i.MessageComponentData()
	log := b.log.With(slog.String("custom_id", data.CustomID), slog.String("guild_id", i.GuildID),
		slog.String("channel_id", i.ChannelID), slog.String("user_id", userID(i)))
	var err error
	switch {
	case !b.opts.Reactions.Enabled:
		err = b.reply(ctx, i, true, "Curation from Discord is turned off here (discord.reactions).")
	case data.CustomID == pickID && i.Message != nil && len(data.Values) == 1:
		err = b.pick(ctx, i, data.Values[0])
	case strings.HasPrefix(data.CustomID, muteID+":") || strings.HasPrefix(data.CustomID, reportID+":"):
		err = b.curateButton(ctx, i, data.CustomID)
	default:
		err = b.reply(ctx, i, true, "This control is not wirewatch's, or no longer works.")
	}
	if err != nil {
		log.Warn("discord component response failed", slog.Any("error", err))
	}
}

// pick answers a story picked in a message's menu, privately, with the
// story's title and what can be done about it.
func (b *Bot) pick(ctx context.Context, i *discordgo.Interaction, value string) error {
	pos, err := strconv.Atoi(value)
	if err != nil || pos < 1 {
		return b.reply(ctx, i, true, "That is not a story of this message.")
	}
	title := "story " + value
	for _, row := range i.Message.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if sm, ok := c.(*discordgo.SelectMenu); ok && sm.CustomID == pickID {
				for _, o := range sm.Options {
					if o.Value == value {
						title = o.Label
					}
				}
			}
		}
	}
	ref := i.Message.ID + ":" + strconv.Itoa(pos)
	return b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: truncate("**"+escapeText(title, maxChoiceRunes)+"**\nMute its event in this channel, or report it as a wrong match for the topic's editor?", budgetContent),
			Flags:   discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Mute its event here", Style: discordgo.SecondaryButton, CustomID: muteID + ":" + ref,
					Emoji: &discordgo.ComponentEmoji{Name: "🔕"}},
				discordgo.Button{Label: "Wrong match", Style: discordgo.DangerButton, CustomID: reportID + ":" + ref,
					Emoji: &discordgo.ComponentEmoji{Name: "❌"}},
			}}},
		},
	})
}

// curateButton carries out a button of a pick's answer and replaces the
// answer with what it did.
func (b *Bot) curateButton(ctx context.Context, i *discordgo.Interaction, id string) error {
	parts := strings.Split(id, ":")
	pos, err := strconv.Atoi(parts[len(parts)-1])
	if len(parts) != 4 || err != nil || !IsSnowflake(parts[2]) {
		return b.update(ctx, i, "This control is not wirewatch's, or no longer works.")
	}
	action := wirewatch.CurationFalsePositive
	if parts[0]+":"+parts[1] == muteID {
		action = wirewatch.CurationMute
		if !canManage(i) {
			return b.update(ctx, i, "Muting an event here takes the Manage Channels permission.")
		}
	}
	bctx, cancel := context.WithTimeout(ctx, backendTimeout)
	defer cancel()
	said, err := b.backend.Curate(bctx, wirewatch.Curation{Action: action, Guild: i.GuildID, Channel: i.ChannelID,
		User: userID(i), Message: parts[2], Position: pos})
	if err != nil {
		return b.update(ctx, i, "Could not do that: "+err.Error())
	}
	return b.update(ctx, i, said)
}

// update replaces the message a component is on with text and no
// components.
func (b *Bot) update(ctx context.Context, i *discordgo.Interaction, msg string) error {
	return b.respond(ctx, i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{
			Content: truncate(escapeText(msg, budgetContent), budgetContent), AllowedMentions: noMentions(),
			Components: []discordgo.MessageComponent{},
		},
	})
}
