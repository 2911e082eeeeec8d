// Command loadtest measures one poll of many local feeds through the real
// wirewatch pipeline: it serves N generated feeds from an HTTP server on
// 127.0.0.1, wires the App as the wirewatch command does (SQLite store in
// a temporary folder, fetcher, default language detector, topics with
// built-in packs), polls every feed twice and prints, for each poll, wall
// time, user and system CPU time, peak memory, stories stored and feed
// results.
//
// Every feed answers 200 to the first poll. On the second, the
// even-numbered half answer 304 Not Modified to the conditional request
// and the other half bring new stories. The run is bounded: loopback only,
// fixed counts, at most two polls, and a timeout.
//
//	go run ./internal/cmd/loadtest -feeds 1000 -items 20
//	go run ./internal/cmd/loadtest -feeds 10000 -cold -memprofile heap.out
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
	"runtime/pprof"
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
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run parses the flags, runs the load test in a temporary folder that it
// removes afterwards, and prints the report to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts Options
	fs.IntVar(&opts.Feeds, "feeds", 1000, "number of feeds served and polled (1-10000)")
	fs.IntVar(&opts.Items, "items", 20, "stories per feed (1-200)")
	fs.IntVar(&opts.Fresh, "fresh", 5, "new stories in each changed feed on the second poll (0-items)")
	fs.IntVar(&opts.Concurrency, "concurrency", 0, "poll.concurrency; 0 keeps the configuration default")
	fs.IntVar(&opts.PerHost, "per-host", 0, "poll.per_host; 0 keeps the configuration default (every feed here is on one host)")
	fs.BoolVar(&opts.ColdOnly, "cold", false, "stop after the first poll, when every feed is new")
	events := fs.Bool("events", true, "sort stories into events, as wirewatch does")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the polls to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile taken after the first poll to this file")
	timeout := fs.Duration("timeout", 10*time.Minute, "stop after this long")
	logLevel := fs.String("log-level", "warn", "log level of the pipeline: debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts.NoEvents = !*events
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	dir, err := os.MkdirTemp("", "wirewatch-loadtest-")
	if err != nil {
		return fmt.Errorf("temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	opts.Dir = dir

	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return fmt.Errorf("-memprofile: %w", err)
		}
		defer f.Close()
		opts.HeapProfile = f
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("-cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("-cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	rep, err := Run(ctx, opts)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	return nil
}
