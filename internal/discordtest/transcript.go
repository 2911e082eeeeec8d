package discordtest

import (
	"encoding/json"
	"regexp"
	"slices"
	"time"
)

// Message is one message as a channel shows it, with what was sent along
// with it (allowed_mentions, nonce, flags) so tests can assert on it.
type Message struct {
	ID        string `json:"id"`
	ChannelID string `json:"channel_id"`
	GuildID   string `json:"guild_id,omitempty"`
	Author    User   `json:"author"`
	// WebhookID is set on messages posted through a webhook or as an
	// interaction response.
	WebhookID string  `json:"webhook_id,omitempty"`
	Content   string  `json:"content"`
	Embeds    []Embed `json:"embeds"`
	// AllowedMentions is what the sender passed; nil means it sent none,
	// in which case Discord parses every mention.
	AllowedMentions *AllowedMentions `json:"allowed_mentions"`
	// Nonce is the nonce the sender passed, as its JSON text
	// (a quoted string or an integer), or "".
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
	Flags        int    `json:"flags"`
	TTS          bool   `json:"tts"`
	// Type is Discord's message type: 0 default, 20 chat input command.
	Type            int             `json:"type"`
	Timestamp       time.Time       `json:"timestamp"`
	EditedTimestamp *time.Time      `json:"edited_timestamp"`
	Components      json.RawMessage `json:"components,omitempty"`
	// InteractionID is the interaction this message answers, if any.
	InteractionID string `json:"interaction_id,omitempty"`
	// Reactions are the emoji people (and the bot) reacted with.
	Reactions []MessageReaction `json:"reactions,omitempty"`
	// Attachments are the files the message carries.
	Attachments []Attachment `json:"attachments,omitempty"`
}

// User is a Discord user as it appears as a message author.
type User struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Bot      bool   `json:"bot,omitempty"`
}

// Embed is a rich embed.
type Embed struct {
	Type        string       `json:"type,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Timestamp   string       `json:"timestamp,omitempty"`
	Color       int          `json:"color,omitempty"`
	Footer      *EmbedFooter `json:"footer,omitempty"`
	Image       *EmbedMedia  `json:"image,omitempty"`
	Thumbnail   *EmbedMedia  `json:"thumbnail,omitempty"`
	Author      *EmbedAuthor `json:"author,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
}

// EmbedFooter is an embed's footer.
type EmbedFooter struct {
	Text    string `json:"text"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedMedia is an embed's image or thumbnail.
type EmbedMedia struct {
	URL string `json:"url"`
}

// EmbedAuthor is an embed's author line.
type EmbedAuthor struct {
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	IconURL string `json:"icon_url,omitempty"`
}

// EmbedField is one name/value field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// AllowedMentions is the allowed_mentions object of a message.
type AllowedMentions struct {
	// Parse lists the mention types parsed from the content:
	// "everyone", "users", "roles". Null or empty parses none.
	Parse       []string `json:"parse"`
	Roles       []string `json:"roles,omitempty"`
	Users       []string `json:"users,omitempty"`
	RepliedUser bool     `json:"replied_user,omitempty"`
}

func (am *AllowedMentions) parses(kind string) bool {
	return am != nil && slices.Contains(am.Parse, kind)
}

var (
	everyoneRE = regexp.MustCompile(`@(everyone|here)`)
	userRE     = regexp.MustCompile(`<@!?(\d+)>`)
	roleRE     = regexp.MustCompile(`<@&(\d+)>`)
)

// CouldPing reports whether the message could notify anyone: its content
// or embeds contain @everyone, @here, <@id> or <@&id> and its
// allowed_mentions does not forbid that mention. Without allowed_mentions
// Discord parses every mention. Discord itself does not ping from embed
// text; CouldPing counts it anyway so that a message is only called safe
// when no part of it could ping.
func (m Message) CouldPing() bool {
	texts := []string{m.Content}
	for _, e := range m.Embeds {
		texts = append(texts, e.Title, e.Description)
		if e.Footer != nil {
			texts = append(texts, e.Footer.Text)
		}
		if e.Author != nil {
			texts = append(texts, e.Author.Name)
		}
		for _, f := range e.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	}
	am := m.AllowedMentions
	for _, t := range texts {
		if everyoneRE.MatchString(t) && (am == nil || am.parses("everyone")) {
			return true
		}
		for _, sub := range userRE.FindAllStringSubmatch(t, -1) {
			if am == nil || am.parses("users") || slices.Contains(am.Users, sub[1]) {
				return true
			}
		}
		for _, sub := range roleRE.FindAllStringSubmatch(t, -1) {
			if am == nil || am.parses("roles") || slices.Contains(am.Roles, sub[1]) {
				return true
			}
		}
	}
	return false
}

// Transcript returns the messages the channel shows, oldest first.
// Deleted messages are gone; edited ones show their latest text.
// Ephemeral interaction responses are included with FlagEphemeral set, and
// a deferred response shows with FlagLoading until it is edited.
func (s *Server) Transcript(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[channelID]
	if ch == nil {
		return nil
	}
	out := make([]Message, 0, len(ch.messages))
	for _, m := range ch.messages {
		out = append(out, m.clone())
	}
	return out
}

func (m *Message) clone() Message {
	c := *m
	c.Embeds = slices.Clone(m.Embeds)
	c.Attachments = slices.Clone(m.Attachments)
	c.Reactions = nil
	for _, r := range m.Reactions {
		c.Reactions = append(c.Reactions, MessageReaction{Emoji: r.Emoji, Users: slices.Clone(r.Users)})
	}
	if m.AllowedMentions != nil {
		am := *m.AllowedMentions
		c.AllowedMentions = &am
	}
	return c
}
