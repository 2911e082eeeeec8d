package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/store"
)

// program is everything a running wirewatch owns; Close releases it.
type program struct {
	app   *app.App
	store *store.Store
	bot   *discord.Bot
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

// Close closes the bot and the store.
func (p *program) Close() error {
	var errs []error
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

// open wires the program: store, fetcher, detector, the Discord bot when a
// token is configured (connected to the gateway when gateway is set), and
// the pipeline.
func open(ctx context.Context, cfgPath string, cfg *config.Config, log *slog.Logger, stdout io.Writer, gateway bool) (*program, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	p := &program{store: st}
	det, err := app.NewDetector(cfg, log)
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("language detection: %w", err)
	}
	opts := app.Options{
		Config:     cfg,
		ConfigPath: cfgPath,
		Store:      st,
		Fetcher:    app.NewFetcher(cfg, userAgent(), log),
		Detector:   det,
		Logger:     log,
		Stdout:     stdout,
	}
	tok := cfg.Discord.Token.Reveal()
	if tok != "" {
		opts.Channel = func(id string) app.Sender { return channelSender{p, id} }
	}
	p.app, err = app.New(opts)
	if err != nil {
		p.Close()
		return nil, err
	}
	if tok != "" {
		p.bot, err = discord.NewBot(discord.Options{Token: tok, APIBase: cfg.Discord.APIBase, GuildID: cfg.Discord.GuildID, DefaultTimeZone: cfg.Discord.TimeZone, Logger: log}, p.app)
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("discord: %w", err)
		}
		if gateway {
			p.connectBot(ctx, log)
		}
	}
	return p, nil
}

// channelSender posts digests to one Discord channel through the bot.
type channelSender struct {
	p       *program
	channel string
}

// Send posts the digest to the channel.
func (c channelSender) Send(ctx context.Context, d *wirewatch.Digest) error {
	return c.p.bot.Send(ctx, c.channel, d)
}

// openStore opens the configured database, or the default one.
func openStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	path := cfg.Store
	if path == "" {
		path = store.DefaultPath()
	}
	return store.Open(ctx, path)
}
