// Command soak runs the real wirewatch binary for a long while against
// thousands of local feeds and a fake Discord that misbehaves, kills it
// with SIGKILL at random points and restarts it, and counts what reached
// Discord: stories lost, stories shown twice, and the program's peak
// memory and file descriptors. It is a benchmark, not a test.
//
// The feeds (served on 127.0.0.1, stories from the loadtest's feedgen)
// change over time: at every tick some of them gain a story; a few answer
// slowly, a few fail half of the time, a few always. A known share of the
// stories carries a marker word that the program's one topic matches, so
// every output should show each of them once. The fake Discord
// (internal/discordtest, enforcing Discord's rate limits) makes trouble at
// random: global and per-route 429 storms with Retry-After, posts whose
// connection is reset before they are handled, and gateway sockets dropped
// or closed. Random choices follow -seed; the report prints it.
//
// At the end the feeds stop changing, the troubles stop, and the last run
// gets up to -drain to deliver what it owes. A story shown again after a
// kill, because Discord accepted the message that carried it just before
// the kill and the program had no time to mark it, is at-least-once
// delivery working and is counted apart from other duplicates.
//
//	go run ./internal/cmd/soak                     # about a minute
//	go run ./internal/cmd/soak -feeds 10000 -duration 20m -kill-every 2m -tick 1m -poll 1m
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// run parses the flags, soaks wirewatch in a temporary folder (kept with
// -keep) and prints the report to stdout and progress to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := Options{Progress: stderr}
	fs.IntVar(&opts.Feeds, "feeds", 200, "feeds served and subscribed (1-10000)")
	fs.DurationVar(&opts.Duration, "duration", 40*time.Second, "how long feeds change and troubles happen (the drain comes after)")
	fs.DurationVar(&opts.KillEvery, "kill-every", 12*time.Second, "mean time between kill -9s (each run lasts 0.5-1.5 times it); 0 never kills")
	fs.DurationVar(&opts.TroubleEvery, "trouble-every", 0, "mean time between 429 storms, dropped posts and dropped gateways; 0 means a third of -kill-every, or 10s")
	fs.DurationVar(&opts.Tick, "tick", 5*time.Second, "how often feeds gain stories")
	fs.DurationVar(&opts.Poll, "poll", 5*time.Second, "wirewatch's poll schedule (poll.schedule @every)")
	fs.DurationVar(&opts.Drain, "drain", 2*time.Minute, "longest wait, after -duration, for the last run to deliver what it owes")
	fs.Uint64Var(&opts.Seed, "seed", 0, "seed of every random choice; 0 picks one from the clock")
	fs.IntVar(&opts.Initial, "initial", 2, "stories in each feed at the start")
	fs.IntVar(&opts.Window, "window", 5, "newest stories each feed lists")
	fs.Float64Var(&opts.NewPerTick, "new", 0.1, "chance that a feed gains a story at each tick")
	fs.Float64Var(&opts.Share, "share", 0.1, "share of stories the topic matches")
	fs.IntVar(&opts.Webhooks, "webhooks", 2, "webhook outputs")
	fs.IntVar(&opts.Bots, "bots", 2, "channels the bot posts to")
	fs.StringVar(&opts.Bin, "bin", "", "wirewatch binary to soak; empty builds ./cmd/wirewatch")
	keep := fs.Bool("keep", false, "keep the folder with the database, configuration and logs, and print its path")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if opts.TroubleEvery == 0 {
		opts.TroubleEvery = 10 * time.Second
		if opts.KillEvery > 0 {
			opts.TroubleEvery = opts.KillEvery / 3
		}
	}
	if opts.Seed == 0 {
		opts.Seed = uint64(time.Now().UnixNano())
	}
	dir, err := os.MkdirTemp("", "wirewatch-soak-")
	if err != nil {
		return fmt.Errorf("temporary folder: %w", err)
	}
	if *keep {
		fmt.Fprintln(stderr, "files kept in", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	opts.Dir = dir
	rep, err := Run(ctx, opts)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	return nil
}
