package discord

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// trendTimeout bounds the reading and drawing of a chart for /trend.
const trendTimeout = 30 * time.Second

// trend answers /trend topic:<id>: it defers the answer (drawing a chart
// may take longer than Discord's 3 seconds), then edits it with the
// topic's chart of the last 7 days by language, privately.
func (b *Bot) trend(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) error {
	topic := stringOption(data.Options, optTopic)
	return b.deferred(ctx, i, trendTimeout, func(ctx context.Context) *discordgo.WebhookEdit {
		tr, png, err := b.backend.Trend(ctx, topic)
		return trendEdit(topic, tr, png, err)
	})
}

// trendEdit is the answer to /trend: the chart in an embed, or why there
// is none.
func trendEdit(topic string, tr wirewatch.Trend, png []byte, err error) *discordgo.WebhookEdit {
	content := ""
	edit := &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}
	if err != nil {
		content = "Could not chart " + code(topic) + ": " + escapeText(err.Error(), 1500)
		return edit
	}
	total := tr.Total()
	desc := fmt.Sprintf("%d %s in the last 7 days", total, text.Plural(total, "story", "stories"))
	var langs []string
	for _, s := range tr.Series {
		n := 0
		for _, c := range s.Counts {
			n += c
		}
		langs = append(langs, fmt.Sprintf("%s %d", languageCode(s.Language), n))
	}
	if len(langs) > 0 {
		desc += ": " + strings.Join(langs, " · ")
	}
	name := tr.Name
	if name == "" {
		name = tr.Topic
	}
	e := &discordgo.MessageEmbed{Title: escapeText(name, groupTitleRunes) + ": last 7 days", Description: truncate(desc, budgetDescription), Color: colorDigest}
	if len(png) > 0 && len(png) <= maxUploadBytes {
		e.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + chartFile}
		edit.Files = []*discordgo.File{{Name: chartFile, ContentType: http.DetectContentType(png), Reader: strings.NewReader(string(png))}}
	}
	edit.Embeds = &[]*discordgo.MessageEmbed{e}
	return edit
}
