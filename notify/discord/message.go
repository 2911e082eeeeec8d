package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

// Message is one Discord message rendered from a digest, ready to post to a
// channel or a webhook.
type Message struct {
	// Content is the plain text above the embeds; it may be empty.
	Content string
	// Embeds hold the stories, at most ten.
	Embeds []*discordgo.MessageEmbed
	// AllowedMentions always has an empty Parse list; Roles names the one
	// role an alert may mention.
	AllowedMentions *discordgo.MessageAllowedMentions
	// Nonce identifies the message to Discord so that a retry of the same
	// message is not posted twice.
	Nonce string
	// Part is what the message carries: the stories it shows, with their
	// copies, and those it counts in "and N more".
	Part notify.Part
	// Components are the message's buttons and menus, if any.
	Components []discordgo.MessageComponent

	// stories are the stories the message shows, without their copies,
	// in order: story n is at position n+1.
	stories []*wirewatch.Item
	// post names the forum post the message belongs in, for forums.
	post string
	// files are uploaded with the message, as multipart/form-data.
	files []upload
}

// MessageSend returns the message as discordgo's channel message. discordgo
// v0.29.0 has no nonce field, so Send posts its own wire form instead.
func (m Message) MessageSend() *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Content:         m.Content,
		Embeds:          m.Embeds,
		AllowedMentions: m.allowedMentions(),
	}
}

// WebhookParams returns the message as discordgo's webhook execution
// parameters.
func (m Message) WebhookParams() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{
		Content:         m.Content,
		Embeds:          m.Embeds,
		AllowedMentions: m.allowedMentions(),
	}
}

// allowedMentions returns the message's allowed mentions, never nil and
// never with a nil Parse list, so that "parse":[] is always sent.
func (m Message) allowedMentions() *discordgo.MessageAllowedMentions {
	am := discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	if m.AllowedMentions != nil {
		am.Roles = m.AllowedMentions.Roles
	}
	return &am
}

// wireMessage is the JSON body of a create-message or execute-webhook
// request, with the nonce fields discordgo lacks.
type wireMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
}

// wire returns the request body for the message.
func (m Message) wire() wireMessage {
	return wireMessage{
		Content:         m.Content,
		Embeds:          m.Embeds,
		AllowedMentions: m.allowedMentions(),
		Nonce:           m.Nonce,
		EnforceNonce:    m.Nonce != "",
		Components:      m.Components,
	}
}
