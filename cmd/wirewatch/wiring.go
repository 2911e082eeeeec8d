package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/metrics"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
	"github.com/wirewatch/wirewatch/translate"
	"github.com/wirewatch/wirewatch/web"
)

// program is everything a running wirewatch owns; Close releases it.
type program struct {
	app   *app.App
	store *store.Store
	bot   *discord.Bot
	// metrics records the pipeline's metrics, and web serves them, when
	// http.listen is set; both nil otherwise.
	metrics *metrics.Recorder
	web     *web.Server
	// stopBot ends the bot's connection attempts; botDone waits for them.
	stopBot context.CancelFunc
	botDone sync.WaitGroup
}

// Bounds on connecting the bot to the gateway.
const (
	gatewayOpenTimeout = 30 * time.Second
	gatewayRetryFirst  = 5 * time.Second
	gatewayRetryMax    = 5 * time.Minute
)

// connectBot connects the bot to Discord's gateway in the background,
// retrying with backoff until it succeeds or ctx ends, so that feeds are
// polled and webhooks served even while Discord cannot be reached.
func (p *program) connectBot(ctx context.Context, log *slog.Logger) {
	ctx, p.stopBot = context.WithCancel(ctx)
	p.botDone.Add(1)
	go func() {
		defer p.botDone.Done()
		wait := gatewayRetryFirst
		for {
			octx, cancel := context.WithTimeout(ctx, gatewayOpenTimeout)
			err := p.bot.Open(octx)
			cancel()
			if err == nil {
				log.Info("discord bot connected")
				return
			}
			if ctx.Err() != nil {
				return
			}
			log.Error("discord bot not connected; retrying, feeds are polled meanwhile", slog.Any("error", err), slog.Duration("retry_in", wait))
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
			wait = min(2*wait, gatewayRetryMax)
		}
	}()
}

// disconnectBot stops the bot's connection attempts and disconnects its
// gateway, keeping it for posting: this replica stopped leading.
func (p *program) disconnectBot(log *slog.Logger) {
	if p.stopBot != nil {
		p.stopBot()
		p.botDone.Wait()
	}
	if p.bot != nil {
		if err := p.bot.Disconnect(); err != nil {
			log.Warn("discord gateway not disconnected cleanly", slog.Any("error", err))
		}
	}
}

// Close stops the HTTP server, then closes the bot and the store.
func (p *program) Close() error {
	errs := []error{p.stopHTTP()}
	if p.stopBot != nil {
		p.stopBot()
		p.botDone.Wait()
	}
	if p.bot != nil {
		errs = append(errs, p.bot.Close())
	}
	if p.store != nil {
		errs = append(errs, p.store.Close())
	}
	return errors.Join(errs...)
}

// userAgent is what wirewatch sends unless poll.user_agent says otherwise.
func userAgent() string {
	return "wirewatch/" + version + " (+https://github.com/wirewatch/wirewatch)"
}

// open wires the program: store (opened with storeOpts), fetcher,
// detector, the output builder, the metrics when the HTTP server is
// configured, the pipeline, and the Discord bot when a token is configured
// (connected to the gateway when gateway is set). It is the program's
// composition root: every part is built here and handed to the parts that
// use it.
func open(ctx context.Context, cfgPath string, cfg *config.Config, log *slog.Logger, stdout io.Writer, gateway bool, storeOpts ...store.Option) (*program, error) {
	st, err := openStore(ctx, cfg, storeOpts...)
	if err != nil {
		return nil, err
	}
	p := &program{store: st, metrics: newMetrics(cfg, st, log)}
	det, err := app.NewDetector(cfg, log)
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("language detection: %w", err)
	}
	var translator app.Translator
	tagger, err := topics.NewTagger()
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("concept tagger: %w", err)
	}
	build := &outputs.Builder{Stdout: stdout, APIBase: cfg.Discord.APIBase, Logger: log}
	var rateLimited func(scope string)
	if p.metrics != nil {
		rateLimited = p.metrics.RateLimited
		build.OnRateLimited = rateLimited
	}
	if t := cfg.Translate; t.URL != "" {
		// Translation is optional: its server is asked at poll time, and
		// when it fails the stories keep their gloss.
		tc, err := translate.New(translate.Options{URL: t.URL, APIKey: t.APIKey.Reveal(), Target: t.Target, Timeout: time.Duration(t.Timeout)})
		if err != nil {
			p.Close()
			return nil, err
		}
		translator = tc
	}
	opts := app.Options{
		Config:     cfg,
		ConfigPath: cfgPath,
		Store:      st,
		Fetcher:    app.NewFetcher(cfg, userAgent(), log),
		Detector:   det,
		Tagger:     tagger,
		Translator: translator,
		Outputs:    build,
		Logger:     log,
	}
	if p.metrics != nil {
		opts.Metrics = p.metrics
	}
	// Replicas sharing a PostgreSQL store run one Discord gateway: the
	// leader's.
	replicated := gateway && st.Replicated()
	if replicated {
		opts.OnLead = func(ctx context.Context) {
			if p.bot != nil {
				p.connectBot(ctx, log)
			}
		}
		opts.OnLeadLost = func() { p.disconnectBot(log) }
	}
	p.app, err = app.New(opts)
	if err != nil {
		p.Close()
		return nil, err
	}
	if tok := cfg.Discord.Token.Reveal(); tok != "" {
		// The bot serves the pipeline's slash commands and posts its
		// channel outputs; it is in the builder before anything is
		// delivered.
		r := cfg.Discord.Reactions
		p.bot, err = discord.NewBot(discord.Options{Token: tok, APIBase: cfg.Discord.APIBase, GuildID: cfg.Discord.GuildID,
			DefaultTimeZone: cfg.Discord.TimeZone, Logger: log, OnRateLimited: rateLimited,
			Reactions: discord.ReactionOptions{Enabled: r.Enabled, Mute: r.Mute, FalsePositive: r.FalsePositive}}, p.app)
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("discord: %w", err)
		}
		build.Bot = p.bot
		if gateway && !replicated {
			p.connectBot(ctx, log)
		}
	}
	return p, nil
}

// openStore opens the configured database, or the default one.
func openStore(ctx context.Context, cfg *config.Config, opts ...store.Option) (*store.Store, error) {
	path := cfg.Store
	if path == "" {
		path = store.DefaultPath()
	}
	return store.Open(ctx, path, opts...)
}

// The pipeline serves the bot's slash commands.
var _ discord.Backend = (*app.App)(nil)
