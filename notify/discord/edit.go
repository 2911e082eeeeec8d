package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
	"github.com/wirewatch/wirewatch/notify"
)

// editBody is the JSON body of a message edit: what the alert shows now.
// allowed_mentions stays as the alert had it; Discord does not ping again
// for a mention an edit keeps.
type editBody struct {
	Content         string                            `json:"content"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
}

// reachLine says how widely an event is carried: "now carried by 9
// outlets in 5 languages (en, ja, ko, ru, zh)".
func reachLine(r wirewatch.Reach) string {
	codes := make([]string, len(r.Languages))
	for i, l := range r.Languages {
		codes[i] = languageCode(l)
	}
	s := fmt.Sprintf("now carried by %d %s in %d %s", r.Outlets, text.Plural(r.Outlets, "outlet", "outlets"),
		len(r.Languages), text.Plural(len(r.Languages), "language", "languages"))
	if len(codes) > 0 {
		s += " (" + strings.Join(codes, ", ") + ")"
	}
	if r.Title != "" {
		s = escapeText(r.Title, storyTitleRunes/2) + ": " + s
	}
	return s
}

// editedAlert renders the alert of d, its first message, with the
// event's reach added to its text.
func editedAlert(d *wirewatch.Digest, reach wirewatch.Reach) (editBody, error) {
	msgs := alertMessages(d)
	if len(msgs) == 0 {
		return editBody{}, fmt.Errorf("discord: edit alert: nothing to show")
	}
	m := msgs[0]
	return editBody{
		Content:         truncate(m.Content+" · "+reachLine(reach), budgetContent),
		Embeds:          m.Embeds,
		AllowedMentions: m.allowedMentions(),
	}, nil
}

// EditAlert edits an alert the channel shows (PATCH
// /channels/{channel}/messages/{message}) to show d's alert with the
// event's reach; it keeps notify.Editor's contract.
func (c *Channel) EditAlert(ctx context.Context, messageID string, d *wirewatch.Digest, reach wirewatch.Reach) error {
	if !IsSnowflake(c.id) || !IsSnowflake(messageID) {
		return notMessage(messageID)
	}
	body, err := editedAlert(d, reach)
	if err != nil {
		return err
	}
	endpoint := discordgo.EndpointChannelMessage(c.id, messageID)
	_, err = c.bot.send.sendOne(ctx, Message{}, func(ctx context.Context, _ Message) (string, error) {
		if err := c.bot.waitBucket(ctx, endpoint); err != nil {
			return "", err
		}
		if err := c.bot.global.wait(ctx); err != nil {
			return "", err
		}
		ctx, rec := withRecorder(ctx)
		_, err := c.bot.session.RequestWithBucketID(http.MethodPatch, endpoint, body, endpoint,
			discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
		if err != nil {
			return "", toAPIError(err, rec)
		}
		return messageID, nil
	})
	return err
}

// EditAlert edits an alert the webhook posted (PATCH
// /webhooks/{id}/{token}/messages/{message}), like Channel.EditAlert.
func (w *Webhook) EditAlert(ctx context.Context, messageID string, d *wirewatch.Digest, reach wirewatch.Reach) error {
	if !IsSnowflake(messageID) {
		return notMessage(messageID)
	}
	body, err := editedAlert(d, reach)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("discord: encode edit: %w", err)
	}
	endpoint := strings.TrimSuffix(w.endpoint, "?wait=true") + "/messages/" + messageID
	_, err = w.send.sendOne(ctx, Message{}, func(ctx context.Context, _ Message) (string, error) {
		if err := w.pace(ctx); err != nil {
			return "", err
		}
		if _, err := w.request(ctx, http.MethodPatch, endpoint, "application/json", raw); err != nil {
			return "", err
		}
		return messageID, nil
	})
	return err
}

// notMessage is the failure of an edit of a message id that cannot be
// Discord's.
func notMessage(id string) error {
	return &notify.RejectedError{Err: fmt.Errorf("discord: no message %q to edit", id)}
}
