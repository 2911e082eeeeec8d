package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
)

// Slash command names.
const (
	cmdSubscribe     = "subscribe"
	cmdUnsubscribe   = "unsubscribe"
	cmdSubscriptions = "subscriptions"
	cmdTopics        = "topics"
	cmdDigest        = "digest"
	cmdStatus        = "status"
	cmdPreview       = "preview"
	cmdTrend         = "trend"
)

// Option names.
const (
	optTopic     = "topic"
	optSchedule  = "schedule"
	optTimeZone  = "timezone"
	optMore      = "more"
	optLanguages = "languages"
	optFeeds     = "feeds"
	optMention   = "mention"
	optChannel   = "channel"
	optBackfill  = "backfill"
	optMinOutlet = "min_outlets"
)

// destinationTypes are the channels a subscription may post to: text and
// announcement channels, threads, and forums.
var destinationTypes = []discordgo.ChannelType{
	discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildNewsThread,
	discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread, discordgo.ChannelTypeGuildForum,
}

// manageChannels is the permission needed to change a channel's
// subscriptions; administrators have it implicitly.
const manageChannels = discordgo.PermissionManageChannels

// commands returns the slash commands the bot registers. See
// https://discord.com/developers/docs/interactions/application-commands.
func commands() []*discordgo.ApplicationCommand {
	perm := int64(manageChannels)
	noDM := false
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	topic := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optTopic, Description: desc,
			Required: true, Autocomplete: true, MaxLength: maxChoiceRunes,
		}
	}
	destination := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionChannel, Name: optChannel, Description: desc, ChannelTypes: destinationTypes,
		}
	}
	cmd := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Type: discordgo.ChatApplicationCommand, Name: name, Description: desc,
			DMPermission: &noDM, Contexts: guildOnly, Options: opts,
		}
	}
	subscribe := cmd(cmdSubscribe, "Subscribe this channel to a topic's digests",
		topic("Topic id"),
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optSchedule,
			Description: "hourly, daily 08:00, instant or a cron spec (default " + wirewatch.DefaultSubscriptionSchedule + ")", MaxLength: 100,
		},
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optTimeZone,
			Description: "IANA time zone for the schedule, e.g. Europe/Paris (default UTC)", MaxLength: 64,
		},
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optLanguages, Autocomplete: true, MaxLength: maxChoiceRunes,
			Description: "Only stories in these languages: codes separated by commas, e.g. ko,ja",
		},
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optFeeds, Autocomplete: true, MaxLength: maxChoiceRunes,
			Description: "Only stories of these feeds: names or globs separated by commas, e.g. yonhap-*,nhk",
		},
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionRole, Name: optMention,
			Description: "A role that each delivery here mentions",
		},
		destination("Where to post: a channel, a thread or a forum (default: here)"),
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionInteger, Name: optMinOutlet, MinValue: &minOutlets, MaxValue: wirewatch.MaxMinOutlets,
			Description: "Only stories whose event is carried by at least this many outlets",
		},
		&discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optBackfill, Choices: backfillChoices(),
			Description: "A new subscription also gets the matching stories of the last 24h or 7d (default none)",
		},
	)
	subscribe.DefaultMemberPermissions = &perm
	unsubscribe := cmd(cmdUnsubscribe, "Unsubscribe this channel from a topic", topic("Topic id"),
		destination("The channel, thread or forum to unsubscribe (default: here)"))
	unsubscribe.DefaultMemberPermissions = &perm
	return []*discordgo.ApplicationCommand{
		subscribe,
		unsubscribe,
		cmd(cmdSubscriptions, "List this channel's subscriptions", destination("The channel, thread or forum to list (default: here)")),
		cmd(cmdTopics, "List topics with their matches in the last 24 hours"),
		cmd(cmdDigest, "Deliver this channel's pending digest now"),
		cmd(cmdStatus, "Show feed health and delivery status"),
		cmd(cmdPreview, "Preview a topic's latest matches", topic("Topic id"),
			&discordgo.ApplicationCommandOption{
				Type: discordgo.ApplicationCommandOptionBoolean, Name: optMore,
				Description: `Instead, the stories this channel's digests counted in "and N more"`,
			}),
		cmd(cmdTrend, "Chart a topic's stories of the last 7 days by language", topic("Topic id")),
	}
}

// minOutlets is the least min_outlets /subscribe takes.
var minOutlets = 1.0

// backfillChoices offers the backfills a new subscription may choose.
func backfillChoices() []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, b := range wirewatch.Backfills {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: string(b), Value: string(b)})
	}
	return out
}
