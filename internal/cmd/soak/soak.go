package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Bounds on a soak's size.
const (
	maxFeeds = 10000
	maxDests = 8
)

// Options describe one soak.
type Options struct {
	// Feeds is the number of feeds served and subscribed.
	Feeds int
	// Duration is how long feeds change and troubles happen; the drain
	// comes after it.
	Duration time.Duration
	// KillEvery is the mean time between kills: each run lasts a random
	// 0.5 to 1.5 times it. Zero never kills.
	KillEvery time.Duration
	// TroubleEvery is the mean time between troubles made by the fake
	// Discord (429 storms, dropped sockets). Zero makes none.
	TroubleEvery time.Duration
	// Tick is how often feeds gain stories, and Poll the program's poll
	// schedule.
	Tick, Poll time.Duration
	// Drain bounds the wait, after Duration, for the last run to deliver
	// what it owes.
	Drain time.Duration
	// Seed seeds every random choice.
	Seed uint64
	// Initial is the stories each feed holds at the start, Window the
	// newest stories it lists.
	Initial, Window int
	// NewPerTick is the chance that a feed gains a story at a tick, and
	// Share the share of stories the topic matches.
	NewPerTick, Share float64
	// Webhooks and Bots are the outputs: webhook outputs and channels the
	// bot posts to, each with a channel of its own.
	Webhooks, Bots int
	// Bin is a wirewatch binary to use; "" builds one.
	Bin string
	// Dir holds the binary, configuration, database and logs.
	Dir string
	// Progress receives a line of progress now and then; nil discards it.
	Progress io.Writer
}

func (o Options) check() error {
	switch {
	case o.Feeds < 1 || o.Feeds > maxFeeds:
		return fmt.Errorf("feeds: %d is not between 1 and %d", o.Feeds, maxFeeds)
	case o.Duration <= 0 || o.Tick <= 0 || o.Poll < time.Second || o.Drain <= 0:
		return errors.New("duration, tick and drain must be positive, poll at least 1s")
	case o.KillEvery < 0 || o.TroubleEvery < 0:
		return errors.New("kill-every and trouble-every cannot be negative")
	case o.Initial < 1 || o.Window < 1:
		return errors.New("initial and window must be at least 1")
	case o.NewPerTick < 0 || o.NewPerTick > 1 || o.Share <= 0 || o.Share > 1:
		return errors.New("new-per-tick must be within 0-1 and share within (0, 1]")
	case o.Webhooks < 0 || o.Bots < 0 || o.Webhooks+o.Bots < 1 || o.Webhooks+o.Bots > maxDests:
		return fmt.Errorf("webhooks + bots: want 1 to %d outputs", maxDests)
	case o.Dir == "":
		return errors.New("no folder for the program's files")
	}
	return nil
}

// Report is what a soak measured.
type Report struct {
	Options Options
	// Stories counts the stories the feeds held, Served those served at
	// least once, and Expected those served that the topic matches.
	Stories, Served, Expected int
	// Dests is what each output received.
	Dests []destTally
	// Runs are the program's runs, in order.
	Runs []runRecord
	// Troubles are the troubles the fake Discord made.
	Troubles []chaosEvent
	// Requests sums up the fake Discord's request log.
	Requests requestCounts
	// FeedRequests, FeedOK, Feed304 and FeedFailed count the feed
	// server's answers.
	FeedRequests, FeedOK, Feed304, FeedFailed int64
	// Drained says whether the last run delivered all it owed within
	// Options.Drain, and DrainTook how long it took.
	Drained   bool
	DrainTook time.Duration
	// Status is the output of `wirewatch status` at the end.
	Status string
	// Wall is the whole soak's duration.
	Wall time.Duration
}

// Run soaks the wirewatch program as opts say.
func Run(ctx context.Context, opts Options) (*Report, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	begin := time.Now()
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5eed))
	bin := opts.Bin
	if bin == "" {
		fmt.Fprintln(progress, "building wirewatch")
		var err error
		if bin, err = buildBinary(ctx, opts.Dir); err != nil {
			return nil, err
		}
	}

	start := time.Now()
	feeds, err := newFeedServer(opts, start)
	if err != nil {
		return nil, err
	}
	defer feeds.Close()
	fd := newFakeDiscord(opts.Webhooks, opts.Bots, slog.New(slog.DiscardHandler))
	defer fd.Close()

	cfgPath := filepath.Join(opts.Dir, "config.yaml")
	if err := os.WriteFile(cfgPath, configFile(opts, feeds, fd), 0o600); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	logPath := filepath.Join(opts.Dir, "wirewatch.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("log: %w", err)
	}
	defer logFile.Close()
	env := []string{"DISCORD_TOKEN=" + botToken}
	for i, d := range fd.dests {
		if d.hookURL != "" {
			env = append(env, fmt.Sprintf("SOAK_HOOK_%d=%s", i, d.hookURL))
		}
	}
	c := &child{bin: bin, config: cfgPath, env: env, log: logFile}
	if err := c.start(); err != nil {
		return nil, err
	}
	defer c.kill()

	rep := &Report{Options: opts}
	fmt.Fprintf(progress, "soak: %d feeds, %v, seed %d, files in %s\n", opts.Feeds, opts.Duration, opts.Seed, opts.Dir)
	// Draws from rng, so that a seed gives the same kill times.
	nextRun := func() time.Duration {
		return opts.KillEvery/2 + time.Duration(rng.Int64N(int64(opts.KillEvery)+1))
	}
	nextTrouble := func() time.Duration {
		return opts.TroubleEvery/2 + time.Duration(rng.Int64N(int64(opts.TroubleEvery)+1))
	}
	never := make(<-chan time.Time)
	killC, troubleC := never, never
	if opts.KillEvery > 0 {
		killC = time.After(nextRun())
	}
	if opts.TroubleEvery > 0 {
		troubleC = time.After(nextTrouble())
	}
	ticker := time.NewTicker(opts.Tick)
	defer ticker.Stop()
	report := time.NewTicker(max(opts.Duration/20, 5*time.Second))
	defer report.Stop()
	end := time.After(opts.Duration)
	// lastRestart is when the program was last started after it had
	// ended on its own, to restart a crash loop no faster than this.
	var lastRestart time.Time
	watch := time.NewTicker(time.Second)
	defer watch.Stop()
soak:
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case now := <-ticker.C:
			feeds.Tick(now)
		case <-killC:
			if c.kill() {
				fmt.Fprintf(progress, "%7s  kill -9 (run %d)\n", since(start), len(c.records()))
			}
			// Restart at once or after up to two seconds.
			time.Sleep(time.Duration(rng.Int64N(int64(2 * time.Second))))
			if err := c.start(); err != nil {
				return nil, err
			}
			killC = time.After(nextRun())
		case now := <-troubleC:
			ev := fd.makeTrouble(rng, opts.TroubleEvery, now)
			rep.Troubles = append(rep.Troubles, ev)
			troubleC = time.After(nextTrouble())
		case <-watch.C:
			if !c.running() && time.Since(lastRestart) > 5*time.Second {
				fmt.Fprintf(progress, "%7s  wirewatch ended on its own (%s); restarting\n", since(start), lastExit(c))
				lastRestart = time.Now()
				if err := c.start(); err != nil {
					return nil, err
				}
			}
		case <-report.C:
			fmt.Fprintf(progress, "%7s  %s\n", since(start), progressLine(feeds, fd, c))
		case <-end:
			break soak
		}
	}

	// Drain: no new stories, no troubles; the last run delivers what it
	// owes.
	fd.srv.ClearFaults()
	if !c.running() {
		if err := c.start(); err != nil {
			return nil, err
		}
	}
	dbPath := filepath.Join(opts.Dir, "soak.db")
	fmt.Fprintf(progress, "%7s  draining (up to %v)\n", since(start), opts.Drain)
	drainStart := time.Now()
	logOffset := fileSize(logPath)
	deadline := time.After(opts.Drain)
	lastOK, stableSince := feeds.ok.Load(), time.Now()
drain:
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-deadline:
			break drain
		case <-time.After(time.Second):
		}
		if ok := feeds.ok.Load(); ok != lastOK {
			lastOK, stableSince = ok, time.Now()
		}
		if !c.running() {
			if err := c.start(); err != nil {
				return nil, err
			}
		}
		if pollsSince(logPath, logOffset) >= 2 && time.Since(stableSince) >= 5*time.Second && allDelivered(ctx, feeds, fd, dbPath) {
			rep.Drained = true
			break drain
		}
	}
	rep.DrainTook = time.Since(drainStart)
	c.stop(40 * time.Second)
	fmt.Fprintf(progress, "%7s  drained: %v after %v\n", since(start), rep.Drained, rep.DrainTook.Round(time.Second))

	status := exec.CommandContext(ctx, bin, "status", "-config", cfgPath)
	status.Env = append(os.Environ(), env...)
	out, _ := status.CombinedOutput()
	rep.Status = statusOutputs(string(out))

	members, closeStore, err := eventsOf(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer closeStore()
	want, served := feeds.expected()
	rep.Stories, rep.Served, rep.Expected = feeds.stories(), served, len(want)
	rep.Runs = c.records()
	for _, d := range fd.dests {
		t, err := tally(d.name, fd.srv.Transcript(d.channel), want, rep.Runs, members)
		if err != nil {
			return nil, err
		}
		rep.Dests = append(rep.Dests, t)
	}
	if err := dumpMessages(filepath.Join(opts.Dir, "messages.jsonl"), fd); err != nil {
		return nil, err
	}
	if err := dumpExpected(filepath.Join(opts.Dir, "expected.txt"), want); err != nil {
		return nil, err
	}
	rep.Requests = fd.requestCounts()
	rep.FeedRequests, rep.FeedOK, rep.Feed304, rep.FeedFailed = feeds.requests.Load(), feeds.ok.Load(), feeds.notModified.Load(), feeds.failed.Load()
	rep.Wall = time.Since(begin)
	return rep, nil
}

// configFile writes the program's configuration: every feed, one topic
// matching the marker, and an instant output per destination.
func configFile(o Options, feeds *feedServer, fd *fakeDiscord) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "store: %s\n", filepath.Join(o.Dir, "soak.db"))
	fmt.Fprintf(&b, "poll:\n  schedule: \"@every %v\"\n  concurrency: 8\n  per_host: 8\n  timeout: 10s\n", o.Poll)
	b.WriteString("digest:\n  max_per_group: 500\n")
	b.WriteString("topics:\n  - id: soak\n    name: Soak watch\n    any: [" + marker + "]\n")
	b.WriteString("outputs:\n")
	for i, d := range fd.dests {
		fmt.Fprintf(&b, "  - type: discord\n    name: %s\n    topics: [soak]\n    schedule: instant\n", d.name)
		if d.hookURL != "" {
			fmt.Fprintf(&b, "    webhook: ${SOAK_HOOK_%d}\n", i)
		} else {
			fmt.Fprintf(&b, "    channel: \"%s\"\n", d.channel)
		}
	}
	fmt.Fprintf(&b, "discord:\n  api_base: %s\n  guild_id: \"%s\"\n", fd.srv.URL(), guildID)
	b.WriteString("feeds:\n")
	for i := range o.Feeds {
		fmt.Fprintf(&b, "  - url: %s\n    name: wire-%d\n", feeds.URL(i), i)
	}
	return b.Bytes()
}

// allDelivered reports whether every output shows every expected story,
// or its event.
func allDelivered(ctx context.Context, feeds *feedServer, fd *fakeDiscord, dbPath string) bool {
	want, _ := feeds.expected()
	for _, d := range fd.dests {
		if t, _ := tally(d.name, fd.srv.Transcript(d.channel), want, nil, nil); t.Lost == 0 {
			continue
		}
		members, closeStore, err := eventsOf(ctx, dbPath)
		if err != nil {
			return false
		}
		t, err := tally(d.name, fd.srv.Transcript(d.channel), want, nil, members)
		closeStore()
		if err != nil || t.Lost > 0 {
			return false
		}
	}
	return true
}

// progressLine sums up the soak so far.
func progressLine(feeds *feedServer, fd *fakeDiscord, c *child) string {
	want, served := feeds.expected()
	var delivered []string
	for _, d := range fd.dests {
		t, _ := tally(d.name, fd.srv.Transcript(d.channel), want, nil, nil)
		delivered = append(delivered, fmt.Sprint(t.Delivered))
	}
	runs := c.records()
	last := runs[len(runs)-1]
	return fmt.Sprintf("stories %d, served %d, expected %d, delivered %s; run %d: peak RSS %s, peak fds %d",
		feeds.stories(), served, len(want), strings.Join(delivered, "/"), len(runs), mib(last.PeakRSS), last.PeakFDs)
}

func lastExit(c *child) string {
	runs := c.records()
	return runs[len(runs)-1].Exit
}

func since(start time.Time) string { return time.Since(start).Round(time.Second).String() }

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// pollsSince counts the polls the log records as done after offset.
func pollsSince(path string, offset int64) int {
	b, err := os.ReadFile(path)
	if err != nil || int64(len(b)) < offset {
		return 0
	}
	return bytes.Count(b[offset:], []byte(`"msg":"poll done"`))
}

// statusOutputs keeps the outputs part of `wirewatch status`: the feeds
// part lists every feed.
func statusOutputs(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	var keep []string
	in := false
	for _, l := range lines {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(l)), "output") {
			in = true
		}
		if in {
			keep = append(keep, l)
		}
	}
	if len(keep) == 0 && len(lines) > 0 {
		keep = lines[max(0, len(lines)-12):]
	}
	return strings.Join(keep, "\n")
}

func mib(n int64) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

// dumpMessages writes, one JSON line each, every message the outputs
// received with the stories it showed: the evidence behind the counts.
func dumpMessages(path string, fd *fakeDiscord) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, d := range fd.dests {
		for _, m := range fd.srv.Transcript(d.channel) {
			line := struct {
				Output  string    `json:"output"`
				ID      string    `json:"id"`
				Time    time.Time `json:"time"`
				Nonce   string    `json:"nonce,omitempty"`
				Stories []string  `json:"stories"`
			}{d.name, m.ID, m.Timestamp, m.Nonce, storyIDs(m)}
			if err := enc.Encode(line); err != nil {
				return err
			}
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		return fmt.Errorf("messages: %w", err)
	}
	return nil
}

// dumpExpected writes the ids of the stories every output should show,
// one a line, sorted.
func dumpExpected(path string, want map[string]time.Time) error {
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := os.WriteFile(path, []byte(strings.Join(ids, "\n")+"\n"), 0o600); err != nil {
		return fmt.Errorf("expected stories: %w", err)
	}
	return nil
}
