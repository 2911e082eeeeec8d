// Command fakediscord runs the fake Discord on an address until SIGINT or
// SIGTERM, so an end-to-end test can point the real wirewatch binary at it.
//
// On start it prints, one "key=value" per line: url, gateway, application_id,
// token, guild_id, channel_id, webhook_url. Tests drive it through
// /_fake/transcript/{channel}, /_fake/interact and the other /_fake/
// endpoints (see the fakediscord package).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fakediscord:", err)
		os.Exit(2)
	}
}

// run starts the fake as the flags say, prints its coordinates to stdout
// and serves until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakediscord", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	appID := fs.String("app-id", "800000000000000001", "application (bot user) id")
	token := fs.String("token", "fake-token", "bot token the fake accepts (without \"Bot \")")
	guildID := fs.String("guild", "900000000000000001", "id of the guild to create")
	channelID := fs.String("channel", "900000000000000002", "id of the text channel to create")
	heartbeat := fs.Duration("heartbeat", discordtest.DefaultHeartbeatInterval, "gateway heartbeat interval")
	verbose := fs.Bool("v", false, "log requests and gateway events to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	srv, err := start(discordtest.Options{Logger: logger, ApplicationID: *appID, BotToken: *token, HeartbeatInterval: *heartbeat, Addr: *addr})
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.AddGuild(*guildID, "Fake Guild")
	srv.AddChannel(*guildID, *channelID, "general")
	hook, _ := srv.AddWebhook(*channelID)

	fmt.Fprintf(stdout, "url=%s\n", srv.URL())
	fmt.Fprintf(stdout, "gateway=%s\n", srv.GatewayURL())
	fmt.Fprintf(stdout, "application_id=%s\n", srv.ApplicationID())
	fmt.Fprintf(stdout, "token=%s\n", *token)
	fmt.Fprintf(stdout, "guild_id=%s\n", *guildID)
	fmt.Fprintf(stdout, "channel_id=%s\n", *channelID)
	fmt.Fprintf(stdout, "webhook_url=%s\n", srv.WebhookURL(hook))
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync()
	}
	<-ctx.Done()
	logger.Info("shutting down")
	return nil
}

// start runs discordtest.New, turning its listen panic into an error.
func start(opts discordtest.Options) (srv *discordtest.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(fmt.Sprint(r))
		}
	}()
	return discordtest.New(opts), nil
}
