package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/schedule"
	"github.com/wirewatch/wirewatch/store"
)

// validate checks every setting, filling in derived defaults.
func (l *loader) validate(c *Config) {
	switch {
	case store.IsPostgres(c.Store):
		// A PostgreSQL URL, shared by replicas; kept as written.
		if u, err := url.Parse(c.Store); err != nil || u.Host == "" {
			l.errorf("store", "invalid PostgreSQL URL: want postgres://user@host:5432/database")
		}
	case c.Store != "":
		c.Store = l.relative(c.Store)
	}
	l.validateLanguages(c)
	switch c.Detection.Accuracy {
	case "low", "high":
	default:
		l.errorf("detection.accuracy", "must be low or high, not %q", c.Detection.Accuracy)
	}
	if c.Detection.MinConfidence < 0 || c.Detection.MinConfidence > 1 {
		l.errorf("detection.min_confidence", "must be between 0 and 1")
	}
	// Time zones and schedules are resolved here, once: a feed inherits the
	// poll schedule and zone, an output the digest's.
	pollZone := l.zone("poll.time_zone", c.Poll.TimeZone)
	c.Poll.Sched = l.schedule("poll.schedule", c.Poll.Schedule, pollZone, false)
	if c.Poll.Timeout <= 0 {
		l.errorf("poll.timeout", "must be positive, e.g. 30s")
	}
	if c.Poll.MaxBody <= 0 {
		l.errorf("poll.max_body", "must be positive, e.g. 10MiB")
	}
	if c.Poll.Concurrency < 1 {
		l.errorf("poll.concurrency", "must be at least 1")
	}
	if c.Poll.PerHost < 1 {
		l.errorf("poll.per_host", "must be at least 1")
	}
	if c.Poll.DeadAfter <= 0 {
		l.errorf("poll.dead_after", "must be positive, e.g. 24h or 2d")
	}
	if c.Poll.MaxItems < 1 {
		l.errorf("poll.max_items", "must be at least 1 (default %d)", DefaultMaxItems)
	}
	digestZone := l.zone("digest.time_zone", c.Digest.TimeZone)
	c.Digest.Sched = l.schedule("digest.schedule", c.Digest.Schedule, digestZone, false)
	if c.Digest.MaxPerGroup < 1 {
		l.errorf("digest.max_per_group", "must be at least 1")
	}
	l.validateEvents(c)
	l.validateSpikes(c)
	l.validateAlerts(c)
	l.validateFeeds(c, pollZone)
	l.validateTopics(c)
	l.validateDiscord(c)
	if len(c.Outputs) == 0 {
		// With no outputs, every story goes to stdout in digests.
		c.Outputs = []Output{{Type: OutputStdout, Name: "stdout", AllStories: true}}
	}
	l.validateOutputs(c, digestZone)
	l.validateHTTP(c)
}

// validateHTTP checks http.listen: a host (or nothing, for every
// interface) and a port.
func (l *loader) validateHTTP(c *Config) {
	if c.HTTP.Listen == "" {
		return
	}
	host, port, err := net.SplitHostPort(c.HTTP.Listen)
	if err != nil {
		l.errorf("http.listen", "want host:port such as 127.0.0.1:9464, not %q", c.HTTP.Listen)
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		l.errorf("http.listen", "invalid port %q", port)
	}
	if strings.ContainsAny(host, "/ ") {
		l.errorf("http.listen", "invalid host %q", host)
	}
}

func (l *loader) validateLanguages(c *Config) {
	if len(c.Languages) == 1 && c.Languages[0] != "all" {
		l.errorf("languages", "list at least two languages to choose from, or all")
		return
	}
	for i, code := range c.Languages {
		if code == "all" {
			if len(c.Languages) > 1 {
				l.errorf(fmt.Sprintf("languages[%d]", i), `"all" cannot be combined with other codes`)
			}
			continue
		}
		if err := detect.CheckLanguage(code); err != nil {
			l.errorf(fmt.Sprintf("languages[%d]", i), "%v", err)
		}
	}
}

// zone checks a time zone setting and returns the zone; an empty one is
// UTC, and so is an invalid one, whose error is recorded.
func (l *loader) zone(path, tz string) *time.Location {
	loc, err := schedule.Zone(tz)
	if err != nil {
		l.errorf(path, "%v", err)
		return time.UTC
	}
	return loc
}

// schedule parses a schedule read in loc; instant is allowed only where
// delivery, not polling, is scheduled. An invalid one is recorded and
// comes back zero.
func (l *loader) schedule(path, spec string, loc *time.Location, instantOK bool) schedule.Schedule {
	s, err := schedule.Parse(spec, loc)
	if err != nil {
		l.errorf(path, "%v", err)
		return schedule.Schedule{}
	}
	if s.Instant() && !instantOK {
		l.errorf(path, `"instant" is not a polling schedule; use a cron spec such as */5 * * * *`)
		return schedule.Schedule{}
	}
	return s
}

func (l *loader) validateFeeds(c *Config, pollZone *time.Location) {
	names := map[string]int{}
	for i := range c.Feeds {
		f := &c.Feeds[i]
		p := fmt.Sprintf("feeds[%d]", i)
		if strings.TrimSpace(f.URL) == "" {
			l.errorf(p+".url", "missing: every feed needs a url")
			continue
		}
		u, err := url.Parse(f.URL)
		switch {
		case err != nil:
			l.errorf(p+".url", "invalid URL: %v", trimURLError(err))
		case u.Scheme == "http" || u.Scheme == "https":
			if u.Host == "" {
				l.errorf(p+".url", "missing host")
			}
		case u.Scheme == "file":
		case u.Scheme == "" || len(u.Scheme) == 1: // a path, or a Windows drive letter
			f.URL = l.relative(f.URL)
		default:
			l.errorf(p+".url", "unsupported scheme %q", u.Scheme)
		}
		if f.Name == "" {
			f.Name = defaultFeedName(f.URL)
		}
		if j, dup := names[f.Name]; dup {
			l.errorf(p+".name", "duplicate feed name %q (also feeds[%d])", f.Name, j)
		}
		names[f.Name] = i
		if f.Language != "" {
			if err := detect.CheckLanguage(f.Language); err != nil {
				l.errorf(p+".language", "%v", err)
			}
		}
		// A feed's schedule defaults to the poll schedule, read in the
		// poll's time zone.
		if f.Schedule == "" {
			f.Schedule, f.Sched = c.Poll.Schedule, c.Poll.Sched
		} else {
			f.Sched = l.schedule(p+".schedule", f.Schedule, pollZone, false)
		}
		l.validateTags(p, f)
		if m, err := article.ParseMode(string(f.FetchArticle)); err != nil {
			l.errorf(p+".fetch_article", "%v", err)
		} else {
			f.FetchArticle = m
		}
	}
}

// validateTags checks a feed's tags: each is a label of its own, as OPML
// categories are.
func (l *loader) validateTags(p string, f *Feed) {
	seen := map[string]bool{}
	for i, tag := range f.Tags {
		tp := fmt.Sprintf("%s.tags[%d]", p, i)
		t := strings.TrimSpace(tag)
		switch {
		case t == "":
			l.errorf(tp, "empty tag")
		case strings.ContainsAny(t, ",\n"):
			l.errorf(tp, "%q holds a comma or a line break; write each tag as its own list item", tag)
		case seen[strings.ToLower(t)]:
			l.errorf(tp, "duplicate tag %q", tag)
		}
		seen[strings.ToLower(t)] = true
		f.Tags[i] = t
	}
}

func trimURLError(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// defaultFeedName derives a readable name from a feed URL or path.
func defaultFeedName(raw string) string {
	u, err := url.Parse(raw)
	if err == nil && u.Host != "" {
		return strings.TrimSuffix(u.Host+u.EscapedPath(), "/")
	}
	return strings.TrimSuffix(filepath.Base(raw), filepath.Ext(raw))
}

// relative resolves a path written in the file: ~/ is the home folder,
// and a relative path is read from the file's folder.
func (l *loader) relative(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok || p == "~" {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(l.file), p)
}

func (l *loader) validateDiscord(c *Config) {
	d := &c.Discord
	switch {
	case d.Token != "" && d.TokenFile != "":
		l.errorf("discord.token_file", "set token or token_file, not both")
	case d.TokenFile != "":
		d.Token = Secret(l.readSecret("discord.token_file", d.TokenFile))
	case d.Token == "":
		if v, ok := l.lookup("DISCORD_TOKEN"); ok {
			d.Token = Secret(strings.TrimSpace(v))
		}
	}
	if d.APIBase != "" {
		u, err := url.Parse(d.APIBase)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.errorf("discord.api_base", "must be an http(s) URL such as http://127.0.0.1:8080")
		}
	}
	if d.TimeZone == "" {
		d.TimeZone = "UTC"
	}
	if d.MaxSubscriptions < 1 {
		l.errorf("discord.max_subscriptions", "must be at least 1")
	}
	mute, fp := d.Reactions.Mute, d.Reactions.FalsePositive
	if err := checkEmoji(mute); err != nil {
		l.errorf("discord.reactions.mute", "%v", err)
	}
	if err := checkEmoji(fp); err != nil {
		l.errorf("discord.reactions.false_positive", "%v", err)
	}
	if mute != "" && mute == fp {
		l.errorf("discord.reactions.false_positive", "%q is also the mute reaction; choose two different emoji", fp)
	}
	l.zone("discord.time_zone", d.TimeZone)
}

// readSecret reads a secret from a file, trimming the final newline.
func (l *loader) readSecret(path, file string) string {
	b, err := os.ReadFile(l.relative(file))
	if err != nil {
		l.errorf(path, "cannot read secret file: %v", unwrapPathError(err))
		return ""
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		l.errorf(path, "secret file %s is empty", file)
	}
	return s
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s %s: %w", pe.Op, pe.Path, pe.Err)
	}
	return err
}

func (l *loader) validateOutputs(c *Config, digestZone *time.Location) {
	names := map[string]int{}
	topicIDs := map[string]bool{}
	for _, t := range c.Topics {
		topicIDs[t.ID] = true
	}
	for i := range c.Outputs {
		o := &c.Outputs[i]
		p := fmt.Sprintf("outputs[%d]", i)
		switch o.Type {
		case OutputStdout:
		case OutputJSONL:
			if o.Path == "" {
				l.errorf(p+".path", "missing: a jsonl output needs a path")
			} else {
				o.Path = l.relative(o.Path)
			}
		case OutputDiscord:
			l.validateDiscordOutput(c, o, p)
		case "":
			l.errorf(p+".type", "missing: one of stdout, jsonl, discord")
		default:
			l.errorf(p+".type", "unknown output type %q: want stdout, jsonl or discord", o.Type)
		}
		if o.Name == "" {
			o.Name = string(o.Type)
			if o.Channel != "" {
				o.Name = "discord-" + o.Channel
			} else if o.Forum != "" {
				o.Name = "discord-forum-" + o.Forum
			} else if o.Type == OutputDiscord {
				o.Name = fmt.Sprintf("discord-%d", i)
			}
		}
		if j, dup := names[o.Name]; dup {
			l.errorf(p+".name", "duplicate output name %q (also outputs[%d]); give each output a name", o.Name, j)
		}
		names[o.Name] = i
		unknown := false
		for j, id := range o.Topics {
			if !topicIDs[id] {
				l.errorf(fmt.Sprintf("%s.topics[%d]", p, j), "unknown topic %q", id)
				unknown = true
			}
		}
		if !unknown {
			for _, prob := range c.CheckFilter(o.Filter(), o.Topics) {
				l.errorf(p+"."+prob.Field, "%s", prob.Msg)
			}
		}
		if b, err := wirewatch.ParseBackfill(string(o.Backfill)); err != nil {
			l.errorf(p+".backfill", "%v", err)
		} else {
			o.Backfill = b
		}
		if o.Mention != "" {
			if o.Type != OutputDiscord {
				l.errorf(p+".mention", "only a discord output mentions a role")
			} else if err := CheckMention(o.Mention); err != nil {
				l.errorf(p+".mention", "%v", err)
			}
		}
		// An output's schedule and zone default to the digest's.
		zone := digestZone
		if o.TimeZone == "" {
			o.TimeZone = c.Digest.TimeZone
		} else {
			zone = l.zone(p+".time_zone", o.TimeZone)
		}
		if o.Schedule == "" {
			o.Schedule = c.Digest.Schedule
		}
		o.Sched = l.schedule(p+".schedule", o.Schedule, zone, true)
	}
}

func (l *loader) validateDiscordOutput(c *Config, o *Output, p string) {
	hasWebhook := o.Webhook != "" || o.WebhookFile != ""
	switch {
	case o.Webhook != "" && o.WebhookFile != "":
		l.errorf(p+".webhook_file", "set webhook or webhook_file, not both")
		return
	case o.Channel != "" && hasWebhook:
		l.errorf(p+".channel", "set channel (bot) or webhook, not both")
		return
	case o.Forum != "" && (hasWebhook || o.Channel != ""):
		l.errorf(p+".forum", "set one of channel, forum (bot) or webhook")
		return
	case o.Channel == "" && o.Forum == "" && !hasWebhook:
		l.errorf(p, "a discord output needs a channel or forum id (bot) or a webhook")
		return
	}
	if o.Forum != "" {
		if !discord.IsSnowflake(o.Forum) {
			l.errorf(p+".forum", "must be a Discord forum channel id (digits), not %q", o.Forum)
		}
		if c.Discord.Token == "" {
			l.errorf(p+".forum", "posting to a forum needs the bot token: set DISCORD_TOKEN, discord.token or discord.token_file")
		}
		return
	}
	if o.WebhookFile != "" {
		o.Webhook = Secret(l.readSecret(p+".webhook_file", o.WebhookFile))
		if o.Webhook == "" {
			return
		}
	}
	if o.Webhook != "" {
		id, err := discord.CheckWebhookURL(o.Webhook.Reveal(), c.Discord.APIBase)
		field := ".webhook"
		if o.WebhookFile != "" {
			field = ".webhook_file"
		}
		if err != nil {
			l.errorf(p+field, "%s", strings.TrimPrefix(err.Error(), "discord: "))
		} else if o.Name == "" {
			o.Name = "discord-webhook-" + id
		}
	}
	if o.Channel != "" && !discord.IsSnowflake(o.Channel) {
		l.errorf(p+".channel", "must be a Discord channel id (digits), not %q", o.Channel)
	}
	if o.Channel != "" && c.Discord.Token == "" {
		l.errorf(p+".channel", "posting to a channel needs the bot token: set DISCORD_TOKEN, discord.token or discord.token_file")
	}
}
