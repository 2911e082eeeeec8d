package discord

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// chartFile is the name a chart is uploaded under; embeds show it as
// attachment://trend.png.
const chartFile = "trend.png"

// maxUploadBytes is the largest file Discord takes on a server without
// boosts. See https://discord.com/developers/docs/reference#uploading-files.
const maxUploadBytes = 10 << 20

// upload is a file a message carries, sent as multipart/form-data.
type upload struct {
	name, contentType string
	data              []byte
}

// files returns the message's uploads as discordgo files.
func (m Message) discordFiles() []*discordgo.File {
	var out []*discordgo.File
	for _, u := range m.files {
		out = append(out, &discordgo.File{Name: u.name, ContentType: u.contentType, Reader: bytes.NewReader(u.data)})
	}
	return out
}

// multipart returns the message as a multipart/form-data body: its JSON
// as payload_json and its files as files[n].
func (m Message) multipart() (contentType string, body []byte, err error) {
	return discordgo.MultipartBodyWithJSON(m.wire(), m.discordFiles())
}

// Spike posts a spike alert to the channel: the topic's stories and
// outlets of the last hour against its usual rate, with the chart of its
// last 7 days by language. It mentions the spike's role and nobody else.
// Failures come in notify's kinds.
func (c *Channel) Spike(ctx context.Context, s *wirewatch.Spike) error {
	_, err := c.bot.send.sendOne(ctx, spikeMessage(c.String(), s), func(ctx context.Context, m Message) (string, error) {
		return c.bot.postChannel(ctx, c.id, m)
	})
	return err
}

// Spike posts a spike alert through the webhook, like Channel.Spike.
func (w *Webhook) Spike(ctx context.Context, s *wirewatch.Spike) error {
	_, err := w.send.sendOne(ctx, spikeMessage(w.String(), s), w.post)
	return err
}

// spikeMessage renders a spike alert for a destination.
func spikeMessage(dest string, s *wirewatch.Spike) Message {
	name := escapeText(cmp.Or(s.Name, s.Topic), groupTitleRunes)
	content := "**Spike** · " + name
	am := noMentions()
	if IsSnowflake(s.Mention) {
		content = "<@&" + s.Mention + "> " + content
		am.Roles = []string{s.Mention}
	}
	desc := fmt.Sprintf("%d %s from %d %s in the last hour; usually about %s from %s in this hour.",
		s.Stories, text.Plural(s.Stories, "story", "stories"), s.Outlets, text.Plural(s.Outlets, "outlet", "outlets"),
		about(s.UsualStories, "story", "stories"), about(s.UsualOutlets, "outlet", "outlets"))
	if len(s.Languages) > 0 {
		codes := make([]string, len(s.Languages))
		for i, l := range s.Languages {
			codes[i] = languageCode(l)
		}
		desc += "\nLanguages: " + strings.Join(codes, ", ")
	}
	e := &discordgo.MessageEmbed{
		Title:       truncate(name+": stories coming in fast", maxEmbedTitleRunes-10),
		Description: truncate(desc, budgetDescription),
		Color:       colorAlert,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Chart: the topic's stories of the last 7 days by language"},
	}
	if !s.At.IsZero() {
		e.Timestamp = s.At.UTC().Format(time.RFC3339)
	}
	m := Message{Content: truncate(content, budgetContent), Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: am,
		Nonce: nonce(dest, []string{"spike", s.Topic, s.At.UTC().Format(time.RFC3339)})}
	if len(s.Chart) > 0 && len(s.Chart) <= maxUploadBytes {
		e.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + chartFile}
		m.files = []upload{{name: chartFile, contentType: http.DetectContentType(s.Chart), data: s.Chart}}
	} else {
		e.Footer = nil
	}
	return m
}

// about writes a usual count for people: "2.5 stories", "fewer than one
// story".
func about(n float64, one, many string) string {
	switch {
	case n < 0.95:
		return "fewer than one " + one
	case n < 1.05:
		return "one " + one
	case n < 10:
		return fmt.Sprintf("%.1f %s", n, many)
	}
	return fmt.Sprintf("%.0f %s", n, many)
}
