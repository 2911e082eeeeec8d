package discordtest

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Gateway intents the fake dispatches by.
// See https://discord.com/developers/docs/events/gateway#gateway-intents.
const (
	IntentGuilds                = 1 << 0
	IntentGuildMessageReactions = 1 << 10
)

// MaxReactions is how many different emoji a message may carry.
// See https://discord.com/developers/docs/topics/opcodes-and-status-codes#json (30010).
const MaxReactions = 20

// Errors React returns (wrapped).
var (
	ErrUnknownMessage = errors.New("unknown message")
	ErrArchived       = errors.New("thread is archived")
	ErrMaxReactions   = errors.New("maximum number of reactions reached")
)

// Reaction is a member reacting to a message.
type Reaction struct {
	GuildID, ChannelID, MessageID, UserID string
	// Emoji is a Unicode emoji, or a server emoji written name:id.
	Emoji string
}

// MessageReaction is one emoji on a message and who reacted with it.
type MessageReaction struct {
	Emoji string   `json:"emoji"`
	Users []string `json:"users"`
}

// emojiJSON renders an emoji as reaction events and messages carry it.
func emojiJSON(e string) map[string]any {
	if name, id, ok := strings.Cut(e, ":"); ok {
		return map[string]any{"id": id, "name": name, "animated": false}
	}
	return map[string]any{"id": nil, "name": e}
}

// React adds a member's reaction to a message, as the member clicking it
// in Discord, and dispatches MESSAGE_REACTION_ADD, with the member and
// their roles, to the sessions that asked for the
// GUILD_MESSAGE_REACTIONS intent. Reacting again with the same emoji
// does nothing.
func (s *Server) React(r Reaction) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	payload, err := s.reactLocked(r)
	if err != nil || payload == nil {
		return err
	}
	s.dispatchIntentLocked("MESSAGE_REACTION_ADD", payload, IntentGuildMessageReactions)
	return nil
}

// Unreact removes a member's reaction and dispatches
// MESSAGE_REACTION_REMOVE, which carries no member.
func (s *Server) Unreact(r Reaction) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, m, err := s.reactionTargetLocked(r)
	if err != nil {
		return err
	}
	if !removeReaction(m, r.Emoji, r.UserID) {
		return nil
	}
	s.dispatchIntentLocked("MESSAGE_REACTION_REMOVE", map[string]any{
		"user_id": r.UserID, "channel_id": ch.id, "message_id": m.ID, "guild_id": ch.guildID,
		"emoji": emojiJSON(r.Emoji), "burst": false, "type": 0,
	}, IntentGuildMessageReactions)
	return nil
}

func (s *Server) reactionTargetLocked(r Reaction) (*channel, *Message, error) {
	ch := s.channels[r.ChannelID]
	if ch == nil || ch.guildID != r.GuildID {
		return nil, nil, fmt.Errorf("react in channel %q of guild %q: %w", r.ChannelID, r.GuildID, ErrUnknownChannel)
	}
	_, m := findMessage(ch, r.MessageID)
	if m == nil || m.Flags&FlagEphemeral != 0 {
		return nil, nil, fmt.Errorf("react to message %q: %w", r.MessageID, ErrUnknownMessage)
	}
	if ch.thread != nil && ch.thread.archived {
		return nil, nil, fmt.Errorf("react in thread %q: %w", ch.id, ErrArchived)
	}
	return ch, m, nil
}

// reactLocked adds the reaction and returns the event to dispatch, or nil
// when the member had already reacted so.
func (s *Server) reactLocked(r Reaction) (map[string]any, error) {
	ch, m, err := s.reactionTargetLocked(r)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(m.Reactions, func(x MessageReaction) bool { return x.Emoji == r.Emoji })
	switch {
	case i >= 0 && slices.Contains(m.Reactions[i].Users, r.UserID):
		return nil, nil
	case i >= 0:
		m.Reactions[i].Users = append(m.Reactions[i].Users, r.UserID)
	case len(m.Reactions) >= MaxReactions:
		return nil, fmt.Errorf("react to message %q: %w", m.ID, ErrMaxReactions)
	default:
		m.Reactions = append(m.Reactions, MessageReaction{Emoji: r.Emoji, Users: []string{r.UserID}})
	}
	return map[string]any{
		"user_id": r.UserID, "channel_id": ch.id, "message_id": m.ID, "guild_id": ch.guildID,
		"member": s.memberLocked(ch.guildID, r.UserID), "emoji": emojiJSON(r.Emoji),
		"message_author_id": m.Author.ID, "burst": false, "burst_colors": []any{}, "type": 0,
	}, nil
}

func removeReaction(m *Message, emoji, user string) bool {
	i := slices.IndexFunc(m.Reactions, func(x MessageReaction) bool { return x.Emoji == emoji })
	if i < 0 || !slices.Contains(m.Reactions[i].Users, user) {
		return false
	}
	m.Reactions[i].Users = slices.DeleteFunc(m.Reactions[i].Users, func(u string) bool { return u == user })
	if len(m.Reactions[i].Users) == 0 {
		m.Reactions = slices.Delete(m.Reactions, i, i+1)
	}
	return true
}

// memberLocked renders a guild member as events carry it, with the roles
// AddMember gave.
func (s *Server) memberLocked(guildID, userID string) map[string]any {
	roles := []string{}
	joined := s.now()
	if g := s.guilds[guildID]; g != nil {
		if rs, ok := g.members[userID]; ok {
			roles = append(roles, rs...)
		}
		joined = g.joinedAt
	}
	return map[string]any{
		"user":      map[string]any{"id": userID, "username": "user" + userID, "discriminator": "0", "global_name": nil, "avatar": nil},
		"roles":     roles,
		"joined_at": joined.UTC().Format(time.RFC3339),
		"nick":      nil, "deaf": false, "mute": false, "flags": 0, "pending": false,
	}
}

// dispatchIntentLocked dispatches an event to the live sessions that
// asked for intent.
func (s *Server) dispatchIntentLocked(t string, d any, intent int64) {
	for _, ss := range s.liveSessionsLocked() {
		if ss.intents&intent != 0 {
			ss.dispatchLocked(s, t, d)
		}
	}
}

// handleAddOwnReaction answers PUT
// /channels/{channel}/messages/{message}/reactions/{emoji}/@me.
func (s *Server) handleAddOwnReaction(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.botChannelLocked(w, r.PathValue("channel"))
	if ch == nil {
		return
	}
	emoji := r.PathValue("emoji")
	if emoji == "" {
		writeError(w, http.StatusBadRequest, CodeUnknownEmoji, "Unknown Emoji")
		return
	}
	payload, err := s.reactLocked(Reaction{GuildID: ch.guildID, ChannelID: ch.id, MessageID: r.PathValue("message"), UserID: s.bot.ID, Emoji: emoji})
	switch {
	case errors.Is(err, ErrUnknownMessage):
		unknownMessage(w)
		return
	case errors.Is(err, ErrArchived):
		writeError(w, http.StatusBadRequest, CodeArchivedThread, "Thread is archived")
		return
	case errors.Is(err, ErrMaxReactions):
		writeError(w, http.StatusBadRequest, CodeMaxReactions, "Maximum number of reactions reached (20)")
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, CodeGeneral, err.Error())
		return
	}
	if payload != nil {
		s.dispatchIntentLocked("MESSAGE_REACTION_ADD", payload, IntentGuildMessageReactions)
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleDeleteOwnReaction answers DELETE
// /channels/{channel}/messages/{message}/reactions/{emoji}/@me.
func (s *Server) handleDeleteOwnReaction(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, _, m := s.botMessageLocked(w, r)
	if m == nil {
		return
	}
	if removeReaction(m, r.PathValue("emoji"), s.bot.ID) {
		s.dispatchIntentLocked("MESSAGE_REACTION_REMOVE", map[string]any{
			"user_id": s.bot.ID, "channel_id": ch.id, "message_id": m.ID, "guild_id": ch.guildID,
			"emoji": emojiJSON(r.PathValue("emoji")), "burst": false, "type": 0,
		}, IntentGuildMessageReactions)
	}
	w.WriteHeader(http.StatusNoContent)
}
