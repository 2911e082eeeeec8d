package discord

import (
	"context"

	"github.com/wirewatch/wirewatch/notify"
)

// Notice posts a short notice to the channel: news about wirewatch
// itself, such as a feed that stopped working. text is plain text: it is
// escaped like feed text, and it mentions nobody.
func (c *Channel) Notice(ctx context.Context, text string) error {
	m := noticeMessage(c.String(), text)
	_, err := c.bot.send.sendOne(ctx, m, func(ctx context.Context, m Message) (string, error) {
		return c.bot.postChannel(ctx, c.id, m)
	})
	return err
}

// Notice posts a short notice through the webhook, like Channel.Notice.
func (w *Webhook) Notice(ctx context.Context, text string) error {
	_, err := w.send.sendOne(ctx, noticeMessage(w.String(), text), w.post)
	return err
}

// noticeMessage is a plain message holding text, escaped and within the
// content limit, that pings nobody, with a nonce of its own.
func noticeMessage(dest, text string) Message {
	content := "**wirewatch** · " + escapeText(text, budgetContent-20)
	return Message{Content: content, AllowedMentions: noMentions(), Nonce: nonce(dest, []string{"notice", text}), Part: notify.Part{}}
}
