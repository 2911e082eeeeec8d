// Package config loads wirewatch's YAML configuration: strict decoding
// (unknown keys are errors), defaults, ${ENV} expansion, *_file secrets, and
// validation whose every error names the file, the line and the field path,
// as in `config.yaml:14: feeds[2].url: unsupported scheme "ftp"`.
//
// Leaf packages never import config: the application copies these settings
// into each package's own options.
package config

import (
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/schedule"
	"github.com/wirewatch/wirewatch/topics"
)

// Config is the whole configuration file.
type Config struct {
	// Store is the SQLite database path ("" means store.DefaultPath()), or
	// a postgres:// URL for a PostgreSQL database that replicas share.
	Store string `yaml:"store"`
	// Retention is how long stories keep their full text after they were
	// delivered ("90d"); older ones keep only what deduplication and topic
	// counts need. 0 keeps everything.
	Retention Duration `yaml:"retention"`
	// Languages lists the ISO 639-1 codes language detection chooses from;
	// empty means the detector's default set, ["all"] every language.
	Languages []string `yaml:"languages"`
	// Detection tunes language detection.
	Detection Detection `yaml:"detection"`
	// Poll sets the default poll schedule and fetch limits.
	Poll Poll `yaml:"poll"`
	// Digest sets the default digest schedule and layout.
	Digest Digest `yaml:"digest"`
	// Events tunes the clustering of stories into events.
	Events Events `yaml:"events"`
	// Translate configures optional machine translation of headlines.
	Translate Translate `yaml:"translate"`
	// Spikes configures spike alerts.
	Spikes Spikes `yaml:"spikes"`
	// Alerts configures how an event's alert is edited as it grows.
	Alerts Alerts `yaml:"alerts"`
	// Feeds are the feeds to poll.
	Feeds []Feed `yaml:"feeds"`
	// Topics are the watch-topics stories are matched against.
	Topics []Topic `yaml:"topics"`
	// Outputs are where digests and alerts go.
	Outputs []Output `yaml:"outputs"`
	// Discord configures the Discord bot.
	Discord Discord `yaml:"discord"`
	// HTTP configures the HTTP server for metrics, health and the status
	// page; off unless HTTP.Listen is set.
	HTTP HTTP `yaml:"http"`

	// Matcher is the compiled form of Topics.
	Matcher *topics.Matcher `yaml:"-"`

	// File is the path the configuration was read from.
	File string `yaml:"-"`
	// Warnings are problems that do not stop wirewatch from running, each
	// naming its place like an error does.
	Warnings []string `yaml:"-"`
}

// Detection tunes language detection.
type Detection struct {
	// Accuracy is "low" (fast, small) or "high" (more memory, better on
	// very short texts).
	Accuracy string `yaml:"accuracy"`
	// MinConfidence is the confidence under which a story's language is
	// "und"; 0 means the detector's default.
	MinConfidence float64 `yaml:"min_confidence"`
}

// Poll sets how feeds are fetched.
type Poll struct {
	// Schedule is a cron spec (five fields, or @every 10m, @hourly...).
	Schedule string `yaml:"schedule"`
	// TimeZone is the IANA zone the schedule is read in; default UTC.
	TimeZone string `yaml:"time_zone"`
	// Timeout bounds one fetch.
	Timeout time.Duration `yaml:"timeout"`
	// MaxBody caps a feed's (decompressed) body, e.g. "10MiB".
	MaxBody Size `yaml:"max_body"`
	// Concurrency bounds fetches in flight; PerHost bounds them per host.
	Concurrency int `yaml:"concurrency"`
	PerHost     int `yaml:"per_host"`
	// UserAgent is sent with every request unless a feed sets its own.
	UserAgent string `yaml:"user_agent"`
	// DeadAfter is how long a feed must fail before it counts as dead and
	// its death is announced; default 24h.
	DeadAfter Duration `yaml:"dead_after"`
	// MaxItems caps the stories read from one feed in one poll, newest
	// first; the rest are left out and logged.
	MaxItems int `yaml:"max_items"`
	// MaxAge keeps stories older than this (by their own date) out of
	// deliveries: they are stored, never delivered, so that a first run
	// over old feeds floods nobody; default 48h, 0 delivers any age.
	MaxAge Duration `yaml:"max_age"`

	// Sched is Schedule parsed in TimeZone.
	Sched schedule.Schedule `yaml:"-"`
}

// HTTP configures the HTTP server: /metrics (Prometheus), /healthz,
// /readyz and a read-only status page at /.
type HTTP struct {
	// Listen is the host:port to serve on, such as "127.0.0.1:9464";
	// empty means no server.
	Listen string `yaml:"listen"`
}

// Digest sets how digests are assembled and when they are delivered.
type Digest struct {
	// Schedule is a cron spec for delivering digests.
	Schedule string `yaml:"schedule"`
	// TimeZone is the IANA zone the schedule is read in; default UTC.
	TimeZone string `yaml:"time_zone"`
	// MaxPerGroup caps stories per group; the rest read "and N more".
	MaxPerGroup int `yaml:"max_per_group"`
	// Languages are the readers' languages (ISO 639-1), most wanted
	// first: an event's lead story is in one of them where one exists,
	// and stories in other languages carry an English gloss. Default
	// [en].
	Languages []string `yaml:"languages"`

	// Sched is Schedule parsed in TimeZone.
	Sched schedule.Schedule `yaml:"-"`
}

// Feed is one feed to poll.
type Feed struct {
	// URL is http(s)://, file:// or a local path.
	URL string `yaml:"url"`
	// Name identifies the feed in the store and in digests; defaults to
	// the URL's host and path.
	Name string `yaml:"name"`
	// Language is an ISO 639-1 hint that overrides the feed's declaration.
	Language string `yaml:"language"`
	// Schedule overrides the poll schedule for this feed; after loading
	// it holds the schedule in force, the poll schedule by default.
	Schedule string `yaml:"schedule"`
	// Headers are sent with every request for this feed.
	Headers map[string]string `yaml:"headers"`
	// UserAgent overrides poll.user_agent for this feed.
	UserAgent string `yaml:"user_agent"`
	// Tags label the feed; OPML export writes them as categories.
	Tags []string `yaml:"tags"`
	// FetchArticle fetches each new story's page and matches topics on
	// its article text: true, false (the default) or auto (only stories
	// whose feed text is shorter than article.TeaserRunes).
	FetchArticle article.Mode `yaml:"fetch_article"`

	// Sched is Schedule parsed in the poll's time zone.
	Sched schedule.Schedule `yaml:"-"`
}

// Topic is one watch-topic, as written in YAML.
type Topic struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Include lists built-in packs, any of which matching is enough; it
	// may be written as one name (include: sanctions) or a list.
	Include PackList `yaml:"include"`
	// Require lists built-in packs that must match as well.
	Require PackList `yaml:"require"`
	// Scope is where hits count: lead (the default with packs) or all.
	Scope     string   `yaml:"scope"`
	Any       []Term   `yaml:"any"`
	All       [][]Term `yaml:"all"`
	None      []Term   `yaml:"none"`
	Query     string   `yaml:"query"`
	Languages []string `yaml:"languages"`
	Alert     bool     `yaml:"alert"`
	MinScore  float64  `yaml:"min_score"`
	// Mention is a Discord role id that the topic's alerts mention.
	Mention string `yaml:"mention"`
}

// PackList is a list of built-in pack ids, written as one name or as a
// list of names.
type PackList []string

// Term is a watch-term: a plain string, or a mapping with options.
type Term struct {
	Text   string  `yaml:"text"`
	Case   bool    `yaml:"case"`
	Weight float64 `yaml:"weight"`
}

// OutputType is the kind of destination an output delivers to.
type OutputType string

// The output types.
const (
	// OutputStdout writes readable digests to standard output.
	OutputStdout OutputType = "stdout"
	// OutputJSONL appends one JSON object per story to a file.
	OutputJSONL OutputType = "jsonl"
	// OutputDiscord posts to a Discord channel (through the bot) or a
	// webhook.
	OutputDiscord OutputType = "discord"
)

// Output is one destination for digests and alerts.
type Output struct {
	// Type is where the output delivers.
	Type OutputType `yaml:"type"`
	// Name identifies the output in the store and in logs; defaults to
	// the type (and channel for Discord).
	Name string `yaml:"name"`
	// Topics limits the output to these topic ids; empty means every topic.
	Topics []string `yaml:"topics"`
	// AllStories also sends stories that match no topic.
	AllStories bool `yaml:"all_stories"`
	// Schedule overrides the digest schedule: a cron spec, "hourly",
	// "daily HH:MM" or "instant". After loading, Schedule and TimeZone
	// hold what is in force, the digest's by default.
	Schedule string `yaml:"schedule"`
	// TimeZone is the IANA zone the schedule is read in.
	TimeZone string `yaml:"time_zone"`
	// Alerts sends alert topics' matches at once (default true).
	Alerts *bool `yaml:"alerts"`
	// Path is the JSON-lines file, for type jsonl.
	Path string `yaml:"path"`
	// Channel is a Discord channel (or thread) id the bot posts to, for
	// type discord.
	Channel string `yaml:"channel"`
	// Forum is a Discord forum channel id the bot posts to, for type
	// discord: one post per topic and day, later stories as replies.
	Forum string `yaml:"forum"`
	// Webhook is a Discord webhook URL (a secret), for type discord;
	// WebhookFile reads it from a file.
	Webhook     Secret `yaml:"webhook"`
	WebhookFile string `yaml:"webhook_file"`

	// Languages keeps only stories in these languages (ISO 639-1 codes);
	// empty keeps every language.
	Languages []string `yaml:"languages"`
	// Feeds keeps only stories of these feeds, by name or glob ("*" any
	// run of characters, "?" one); empty keeps every feed.
	Feeds []string `yaml:"feeds"`
	// Mention is a Discord role id that every delivery mentions, for type
	// discord: a digest's first message and each alert.
	Mention string `yaml:"mention"`
	// MinOutlets keeps only stories whose event is carried by at least
	// this many outlets (feeds); a story is queued once its event reaches
	// it. 0 keeps every story.
	MinOutlets int `yaml:"min_outlets"`
	// Backfill is how far back the output reaches into stored stories the
	// first time wirewatch runs with it: none (the default), 24h or 7d.
	Backfill wirewatch.Backfill `yaml:"backfill"`

	// Sched is Schedule parsed in TimeZone.
	Sched schedule.Schedule `yaml:"-"`
}

// Filter returns what the output's languages and feeds keep.
func (o *Output) Filter() wirewatch.Filter {
	return wirewatch.Filter{Languages: o.Languages, Feeds: o.Feeds, MinOutlets: o.MinOutlets}
}

// Discord configures the Discord bot.
type Discord struct {
	// Token is the bot token (a secret); TokenFile reads it from a file.
	// DISCORD_TOKEN in the environment is used when both are empty.
	Token     Secret `yaml:"token"`
	TokenFile string `yaml:"token_file"`
	// GuildID registers slash commands in one guild, where updates are
	// instant, instead of globally.
	GuildID string `yaml:"guild_id"`
	// APIBase points the bot at another Discord API, for testing with a
	// fake Discord on 127.0.0.1. Leave empty in production.
	APIBase string `yaml:"api_base"`
	// TimeZone is the default time zone of subscriptions; UTC after
	// loading when none is set.
	TimeZone string `yaml:"time_zone"`
	// MaxSubscriptions bounds the subscriptions of one Discord server.
	MaxSubscriptions int `yaml:"max_subscriptions"`
	// Reactions lets people curate from Discord: mute an event, report a
	// wrong match.
	Reactions Reactions `yaml:"reactions"`
}

// Reactions configures curation from Discord. When enabled, the bot asks
// the gateway for reaction events (the GUILD_MESSAGE_REACTIONS intent),
// which it does not otherwise.
type Reactions struct {
	// Enabled turns curation on.
	Enabled bool `yaml:"enabled"`
	// Mute is the reaction that mutes a story's event in the channel, for
	// members with Manage Channels: a Unicode emoji, or a server emoji as
	// name:id.
	Mute string `yaml:"mute"`
	// FalsePositive is the reaction that reports a story as matched
	// wrongly, for anyone.
	FalsePositive string `yaml:"false_positive"`
}

// AlertsEnabled reports whether the output takes alerts.
func (o *Output) AlertsEnabled() bool { return o.Alerts == nil || *o.Alerts }

// Secret is a string that never prints: String and marshalling redact it.
type Secret string

// String returns a redacted placeholder, or "" for an empty secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "<secret>"
}

// MarshalYAML redacts the secret.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }

// MarshalJSON redacts the secret.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.String() + `"`), nil }

// Reveal returns the secret's value, for the one place that uses it.
func (s Secret) Reveal() string { return string(s) }
