// Package discord delivers wirewatch digests and alerts to Discord and runs
// the Discord bot: slash commands over the gateway, channel messages over
// REST, and webhook posting for users without a bot. It is the only package
// that talks to Discord. Every message stays within Discord's limits, can
// never ping anyone but a topic's configured role, and carries a nonce so a
// retried message is not posted twice.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

// Options configure a Bot or a Webhook.
type Options struct {
	// Token is the bot token, with or without the "Bot " prefix. It is
	// never logged nor put in an error.
	Token string
	// APIBase overrides Discord's address, as "http://127.0.0.1:PORT";
	// empty means real Discord. It exists for testing against a fake.
	APIBase string
	// GuildID registers the slash commands in this guild (instant) instead
	// of globally.
	GuildID string
	// SendDeadline bounds the delivery of one message, rate-limit waits and
	// retries included; zero means DefaultSendDeadline.
	SendDeadline time.Duration
	// DefaultTimeZone is the IANA zone /subscribe uses when none is given;
	// empty means UTC.
	DefaultTimeZone string
	// Reactions turns on curation from Discord.
	Reactions ReactionOptions
	// Logger receives the package's logs; nil discards them.
	Logger *slog.Logger
	// OnRateLimited, when set, is told of every 429 Discord answers, with
	// its scope ("user", "global", "shared"), for metrics.
	OnRateLimited func(scope string)
}

// ReactionOptions configure curation from Discord: a reaction on a
// message that shows one story, or the menu under a message that shows
// several, mutes the story's event in the channel (for members with
// Manage Channels) or reports it as matched wrongly (for anyone). Only
// when Enabled does the bot ask the gateway for reaction events.
type ReactionOptions struct {
	Enabled bool
	// Mute and FalsePositive are the reactions: Unicode emoji, or server
	// emoji written name:id.
	Mute, FalsePositive string
}

// withDefaults returns the options with defaults filled in.
func (o Options) withDefaults() Options {
	if o.SendDeadline <= 0 {
		o.SendDeadline = DefaultSendDeadline
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Backend is what the bot needs from the application.
type Backend interface {
	// Topics lists the configured topics.
	Topics() []wirewatch.TopicInfo
	// TopicCounts returns each topic's matches since a time.
	TopicCounts(ctx context.Context, since time.Time) (map[string]int, error)
	// Subscribe validates and stores a subscription; its error text is
	// safe to show to the user.
	Subscribe(ctx context.Context, sub wirewatch.Subscription) (created bool, err error)
	// Unsubscribe removes a channel's subscription to a topic.
	Unsubscribe(ctx context.Context, channel, topic string) (bool, error)
	// Subscriptions lists a channel's subscriptions.
	Subscriptions(ctx context.Context, channel string) ([]wirewatch.Subscription, error)
	// DigestNow delivers the channel's pending digest now, through
	// Bot.Send, and returns the number of stories delivered.
	DigestNow(ctx context.Context, channel string) (int, error)
	// Status reports feed health and delivery figures.
	// Status reports feed health and the delivery trouble of one
	// server's subscriptions.
	Status(ctx context.Context, guild string) (wirewatch.Status, error)
	// Preview returns the last matches of a topic as a digest would show
	// them; with leftOut, the stories of the topic that the channel's
	// capped digests counted in "and N more" without showing them.
	Preview(ctx context.Context, channel, topic string, limit int, leftOut bool) (*wirewatch.Digest, error)
	// FeedNames lists the configured feeds, for filters.
	FeedNames() []string
	// Languages lists the languages stories can be in, for filters.
	Languages() []wirewatch.LanguageInfo
	// StoriesShown returns how many stories a message showed; 0 for a
	// message wirewatch did not post.
	StoriesShown(ctx context.Context, message string) (int, error)
	// Curate carries out a person's judgement on a story a message
	// showed and says what it did; its error text is safe to show.
	Curate(ctx context.Context, c wirewatch.Curation) (string, error)
	// Trend returns a topic's stories of the last days by language and
	// their chart as a PNG image; its error text is safe to show.
	Trend(ctx context.Context, topic string) (wirewatch.Trend, []byte, error)
}

// Bot is a Discord bot: it answers slash commands and posts digests to
// channels. It is safe for concurrent use.
type Bot struct {
	opts    Options
	backend Backend
	log     *slog.Logger
	session *discordgo.Session
	tr      *transport
	send    sender
	// global paces every REST request the bot makes.
	global *pacer

	// perms keeps guilds and channels read for permission checks.
	perms permsCache
	// self is the bot's own user id, once known.
	selfMu sync.Mutex
	self   string
	// hintLifetime is how long a hint answering a reaction stays.
	hintLifetime time.Duration

	ctx    context.Context // cancelled by Close; bounds background work
	cancel context.CancelFunc
	wg     sync.WaitGroup // background work started by interactions
	workMu sync.Mutex     // orders wg.Add against Close's cancel and Wait
	seen   seenInteractions

	mu       sync.Mutex
	open     bool
	removers []func()
}

// NewBot returns a bot for the token in opts that serves b. It does not
// connect; Open does.
func NewBot(opts Options, b Backend) (*Bot, error) {
	opts = opts.withDefaults()
	token := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(opts.Token), "Bot "))
	if token == "" {
		return nil, errors.New("discord: bot token is empty")
	}
	if b == nil {
		return nil, errors.New("discord: backend is nil")
	}
	if opts.GuildID != "" && !IsSnowflake(opts.GuildID) {
		return nil, fmt.Errorf("discord: guild id %q is not a snowflake", opts.GuildID)
	}
	tr, err := newTransport(opts.APIBase)
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", safeError(err))
	}
	s.Client = &http.Client{Timeout: 30 * time.Second, Transport: tr}
	s.LogLevel = discordgo.LogError - 1 // discordgo logs to the standard logger; events are logged here instead
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.Identify.Intents = discordgo.IntentsGuilds
	if opts.Reactions.Enabled {
		// Reaction events come only with this intent, asked for only when
		// curation is on.
		s.Identify.Intents |= discordgo.IntentsGuildMessageReactions
	}
	s.StateEnabled = false

	ctx, cancel := context.WithCancel(context.Background())
	bot := &Bot{
		opts:    opts,
		backend: b,
		log:     opts.Logger,
		session: s,
		tr:      tr,
		send:    sender{deadline: opts.SendDeadline, log: opts.Logger, rateLimited: opts.OnRateLimited},
		global:  newPacer(globalRate),

		hintLifetime: hintLifetime,
		ctx:          ctx,
		cancel:       cancel,
	}
	return bot, nil
}

// Open connects to the gateway, registers the slash commands (a bulk
// overwrite, in the guild when Options.GuildID is set) and starts answering
// interactions. discordgo reconnects and resumes the gateway by itself;
// deliveries do not use the gateway, so a reconnect never repeats one.
func (b *Bot) Open(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.open {
		return errors.New("discord: bot already open")
	}
	b.removers = append(b.removers,
		b.session.AddHandler(b.onInteraction),
		b.session.AddHandler(b.onReaction),
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) {
			b.log.Info("discord gateway connected")
		}),
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			b.log.Warn("discord gateway disconnected")
		}),
		b.session.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			b.log.Info("discord gateway resumed")
		}),
	)
	done := make(chan error, 1)
	go func() { done <- b.session.Open() }()
	select {
	case err := <-done:
		if err != nil {
			b.removeHandlers()
			return fmt.Errorf("discord: open gateway: %w", safeError(err))
		}
	case <-ctx.Done():
		go func() {
			if <-done == nil {
				_ = b.session.Close()
			}
		}()
		b.removeHandlers()
		return fmt.Errorf("discord: open gateway: %w", ctx.Err())
	}
	b.open = true

	appID := ""
	b.session.State.RLock()
	if r := b.session.State.Ready; r.Application != nil && r.Application.ID != "" {
		appID = r.Application.ID
	} else if r.User != nil {
		appID = r.User.ID
	}
	b.session.State.RUnlock()
	if appID == "" {
		b.abortOpen()
		return errors.New("discord: gateway READY named no application")
	}

	ctx, rec := withRecorder(ctx)
	cmds, err := b.session.ApplicationCommandBulkOverwrite(appID, b.opts.GuildID, commands(),
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		b.abortOpen()
		return fmt.Errorf("discord: register commands: %w", toAPIError(err, rec))
	}
	b.log.Info("discord bot open", slog.Int("commands", len(cmds)), slog.String("guild_id", b.opts.GuildID))
	return nil
}

// Close stops answering interactions, waits briefly for work in progress
// and disconnects the gateway.
func (b *Bot) Close() error {
	b.workMu.Lock()
	b.cancel()
	b.workMu.Unlock()
	waited := make(chan struct{})
	go func() { b.wg.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		b.log.Warn("discord bot closed with interaction work still running")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.removeHandlers()
	var err error
	if b.open {
		b.open = false
		if cerr := b.session.Close(); cerr != nil {
			err = fmt.Errorf("discord: close gateway: %w", safeError(cerr))
		}
	}
	b.tr.closeIdle()
	return err
}

// Disconnect closes the gateway connection and stops answering
// interactions, but keeps the bot for posting and for a later Open: for
// a replica that stopped leading, while the new leader runs the gateway.
func (b *Bot) Disconnect() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.removeHandlers()
	if !b.open {
		return nil
	}
	b.open = false
	if err := b.session.Close(); err != nil {
		return fmt.Errorf("discord: close gateway: %w", safeError(err))
	}
	return nil
}

// abortOpen undoes a half-done Open; b.mu must be held.
func (b *Bot) abortOpen() {
	b.removeHandlers()
	b.open = false
	if err := b.session.Close(); err != nil {
		b.log.Warn("discord close after failed open", slog.Any("error", safeError(err)))
	}
}

// removeHandlers detaches the event handlers; b.mu must be held.
func (b *Bot) removeHandlers() {
	for _, r := range b.removers {
		r()
	}
	b.removers = nil
}

// Channel returns the output that posts to one channel through the bot.
func (b *Bot) Channel(channelID string) *Channel { return &Channel{bot: b, id: channelID} }

// Channel posts digests to one Discord channel through the bot. It uses
// REST only, so it works before the bot is open and while the gateway
// reconnects. Sends to different channels do not wait on each other.
type Channel struct {
	bot *Bot
	id  string
}

// String names the channel.
func (c *Channel) String() string { return "discord channel " + c.id }

// Send posts a digest to the channel, message by message in order, keeping
// notify.Sender's contract: a channel that is gone or forbidden is a
// *notify.PermanentError. Each message carries a nonce with enforce_nonce,
// so that a retry after an unseen success is not posted twice.
func (c *Channel) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	if !IsSnowflake(c.id) {
		return &notify.PermanentError{Err: fmt.Errorf("discord: channel id %q is not a snowflake", c.id)}
	}
	msgs := c.bot.messages(d)
	if len(msgs) == 0 {
		return nil
	}
	start := time.Now()
	err := c.bot.send.deliver(ctx, msgs, func(ctx context.Context, m Message) (string, error) {
		return c.bot.postChannel(ctx, c.id, m)
	}, p)
	c.bot.log.Info("discord digest sent", slog.String("channel_id", c.id), slog.String("output", d.Output),
		slog.Int("messages", len(msgs)), slog.Int("stories", d.Len()), slog.Duration("took", time.Since(start)),
		slog.Bool("ok", err == nil))
	return err
}

// postChannel makes one attempt at posting m to a channel and returns the
// posted message's id.
func (b *Bot) postChannel(ctx context.Context, channelID string, m Message) (string, error) {
	endpoint := discordgo.EndpointChannelMessages(channelID)
	if err := b.waitBucket(ctx, endpoint); err != nil {
		return "", err
	}
	if err := b.global.wait(ctx); err != nil {
		return "", err
	}
	ctx, rec := withRecorder(ctx)
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0)}
	var raw []byte
	var err error
	if len(m.files) > 0 {
		ct, body, merr := m.multipart()
		if merr != nil {
			return "", fmt.Errorf("discord: encode message: %w", merr)
		}
		raw, err = b.session.RequestRaw(http.MethodPost, endpoint, ct, body, endpoint, 0, opts...)
	} else {
		raw, err = b.session.RequestWithBucketID(http.MethodPost, endpoint, m.wire(), endpoint, opts...)
	}
	if err != nil {
		return "", toAPIError(err, rec)
	}
	return messageID(raw), nil
}

// waitBucket waits, within ctx, until discordgo's rate-limit bucket for
// endpoint has room, so that discordgo's own wait (which ignores contexts)
// is never long. A wait past the deadline comes back as a 429.
func (b *Bot) waitBucket(ctx context.Context, endpoint string) error {
	rl := b.session.Ratelimiter
	bucket := rl.GetBucket(endpoint)
	bucket.Lock()
	wait := rl.GetWaitTime(bucket, 1)
	bucket.Unlock()
	return waitForRoom(ctx, wait)
}

// toAPIError turns a discordgo error into an *APIError where it carries a
// response, and removes tokens from any other error.
func toAPIError(err error, rec *recorder) error {
	if err == nil {
		return nil
	}
	var rle *discordgo.RateLimitError
	if errors.As(err, &rle) && rle.RateLimit != nil && rle.TooManyRequests != nil {
		return &APIError{Status: http.StatusTooManyRequests, Message: rle.Message, RetryAfter: rle.RetryAfter, Scope: "user"}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		ae := &APIError{Status: re.Response.StatusCode}
		if re.Message != nil {
			ae.Code, ae.Message = re.Message.Code, re.Message.Message
		}
		if ae.Status == http.StatusTooManyRequests {
			ae.RetryAfter = retryAfter(re.Response.Header)
			ae.Scope = scopeOf(re.Response.Header)
		}
		return ae
	}
	if rec != nil {
		if status, h := rec.get(); status >= 400 {
			ae := &APIError{Status: status, Message: "unreadable response"}
			if status == http.StatusTooManyRequests {
				ae.RetryAfter = retryAfter(h)
				ae.Scope = scopeOf(h)
			}
			return ae
		}
	}
	return safeError(err)
}
