package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/internal/cmd/loadtest/feedgen"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// Bounds on a run's size.
const (
	maxFeeds = 10000
	maxItems = 200
)

// Options bound one load run.
type Options struct {
	// Feeds is the number of feeds served and polled.
	Feeds int
	// Items is the number of stories in each feed.
	Items int
	// Fresh is the number of new stories each changed feed brings to the
	// second poll.
	Fresh int
	// Concurrency and PerHost set poll.concurrency and poll.per_host; 0
	// keeps the configuration's defaults.
	Concurrency, PerHost int
	// ColdOnly stops after the first poll, when every feed is new.
	ColdOnly bool
	// NoEvents leaves out the concept tagger, so that stories are not
	// sorted into events.
	NoEvents bool
	// HeapProfile, when not nil, receives a heap profile taken after the
	// first poll (after a garbage collection: what the poll left live).
	HeapProfile io.Writer
	// Dir holds the database, the configuration and the output file; the
	// caller removes it.
	Dir string
	// Logger receives the pipeline's logs; nil discards them.
	Logger *slog.Logger
}

// Report is what a run measured.
type Report struct {
	// Feeds, Items and Fresh repeat the options.
	Feeds, Items, Fresh int
	// Concurrency and PerHost are the fetch limits in force.
	Concurrency, PerHost int
	// NoEvents repeats the option.
	NoEvents bool
	// DetectorBuild is how long building the language detector took.
	DetectorBuild time.Duration
	// SetupRSS is the resident memory once everything was wired, before
	// the first poll.
	SetupRSS int64
	// Polls are the two polls, in order.
	Polls []PollStats
}

// PollStats is what one poll cost and did.
type PollStats struct {
	Name string
	Wall time.Duration
	// User and Sys are the process's CPU time during the poll, the local
	// feed server's included (see ServerBusy).
	User, Sys time.Duration
	// Waited is how long its threads were ready to run but waited for a
	// core that other processes held: with it, a shared machine's busy
	// cores show what the poll would use of an idle one.
	Waited time.Duration
	// PeakRSS is the process's peak resident memory (VmHWM), reset before
	// the poll when the kernel allows it; PeakReset says whether it was.
	PeakRSS   int64
	PeakReset bool
	// PeakHeap is the highest Go heap in use seen while polling (sampled
	// every 5ms); HeapAfter is the heap in use when the poll returned.
	PeakHeap, HeapAfter uint64
	// Stored is the number of new stories stored.
	Stored int
	// OK, NotModified and Failed count feeds by result.
	OK, NotModified, Failed int
	// Requests and ServerBusy are the local server's requests and the
	// time its handlers spent (rendering feeds included).
	Requests   int64
	ServerBusy time.Duration
}

// Run serves the feeds, wires the pipeline as the wirewatch command does,
// and polls every feed twice, measuring each poll.
func Run(ctx context.Context, opts Options) (*Report, error) {
	switch {
	case opts.Feeds < 1 || opts.Feeds > maxFeeds:
		return nil, fmt.Errorf("feeds: %d is not between 1 and %d", opts.Feeds, maxFeeds)
	case opts.Items < 1 || opts.Items > maxItems:
		return nil, fmt.Errorf("items: %d is not between 1 and %d", opts.Items, maxItems)
	case opts.Fresh < 0 || opts.Fresh > opts.Items:
		return nil, fmt.Errorf("fresh: %d is not between 0 and items (%d)", opts.Fresh, opts.Items)
	case opts.Concurrency < 0 || opts.PerHost < 0:
		return nil, errors.New("concurrency and per-host cannot be negative")
	case opts.Dir == "":
		return nil, errors.New("no folder for the database")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	srv := newFeedServer(opts.Feeds, opts.Items, opts.Fresh)
	defer srv.Close()

	cfg, err := loadConfig(opts, srv)
	if err != nil {
		return nil, err
	}
	rep := &Report{Feeds: opts.Feeds, Items: opts.Items, Fresh: opts.Fresh, Concurrency: cfg.Poll.Concurrency, PerHost: cfg.Poll.PerHost, NoEvents: opts.NoEvents}

	st, err := store.Open(ctx, filepath.Join(opts.Dir, "wirewatch.db"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	start := time.Now()
	det, err := app.NewDetector(cfg, log)
	if err != nil {
		return nil, fmt.Errorf("language detection: %w", err)
	}
	rep.DetectorBuild = time.Since(start)
	var tagger *topics.Tagger
	if !opts.NoEvents {
		if tagger, err = topics.NewTagger(); err != nil {
			return nil, fmt.Errorf("concept tagger: %w", err)
		}
	}
	a, err := app.New(app.Options{
		Config:   cfg,
		Store:    st,
		Fetcher:  app.NewFetcher(cfg, "", log),
		Detector: det,
		Tagger:   tagger,
		Outputs:  outputs.Builder{Logger: log},
		Logger:   log,
	})
	if err != nil {
		return nil, err
	}
	rep.SetupRSS = readUsage().rss

	polls := []string{"first (all 200)", "second (half 304)"}
	if opts.ColdOnly {
		polls = polls[:1]
	}
	for round, name := range polls {
		srv.round.Store(int32(round + 1))
		ps, err := measurePoll(ctx, a, srv, name)
		if err != nil {
			return nil, fmt.Errorf("%s poll: %w", strings.Fields(name)[0], err)
		}
		rep.Polls = append(rep.Polls, ps)
		if round == 0 && opts.HeapProfile != nil {
			runtime.GC()
			if err := pprof.Lookup("heap").WriteTo(opts.HeapProfile, 0); err != nil {
				return nil, fmt.Errorf("heap profile: %w", err)
			}
		}
	}
	return rep, nil
}

// loadConfig writes the configuration for the served feeds and loads it
// as the wirewatch command would.
func loadConfig(opts Options, srv *feedServer) (*config.Config, error) {
	var b strings.Builder
	if opts.Concurrency > 0 || opts.PerHost > 0 {
		b.WriteString("poll:\n")
		if opts.Concurrency > 0 {
			fmt.Fprintf(&b, "  concurrency: %d\n", opts.Concurrency)
		}
		if opts.PerHost > 0 {
			fmt.Fprintf(&b, "  per_host: %d\n", opts.PerHost)
		}
	}
	b.WriteString("feeds:\n")
	for i := range opts.Feeds {
		fmt.Fprintf(&b, "  - url: %s\n    name: wire-%d\n", srv.URL(i), i)
	}
	fmt.Fprintf(&b, "outputs:\n  - type: jsonl\n    path: %s\n    all_stories: true\n", filepath.Join(opts.Dir, "out.jsonl"))
	b.WriteString(feedgen.Topics)
	cfg, err := config.Parse(filepath.Join(opts.Dir, "config.yaml"), []byte(b.String()), func(string) (string, bool) { return "", false })
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return cfg, nil
}

// measurePoll runs one poll of every feed and measures it.
func measurePoll(ctx context.Context, a *app.App, srv *feedServer, name string) (PollStats, error) {
	runtime.GC()
	ps := PollStats{Name: name, PeakReset: resetPeakRSS()}
	reqs, busy := srv.requests.Load(), srv.busy.Load()
	sampler := startHeapSampler(5 * time.Millisecond)
	before, waited := readUsage(), runQueueWait()
	start := time.Now()
	rep, err := a.Poll(ctx, nil, false)
	ps.Wall = time.Since(start)
	after := readUsage()
	ps.Waited = runQueueWait() - waited
	ps.PeakHeap = sampler.stop()
	if err != nil {
		return ps, err
	}
	ps.User, ps.Sys = after.user-before.user, after.sys-before.sys
	ps.PeakRSS = after.peakRSS
	ps.HeapAfter = heapInUse()
	ps.Stored = rep.New
	for _, f := range rep.Feeds {
		switch f.Result {
		case wirewatch.ResultOK:
			ps.OK++
		case wirewatch.ResultNotModified:
			ps.NotModified++
		default:
			ps.Failed++
		}
	}
	ps.Requests = srv.requests.Load() - reqs
	ps.ServerBusy = time.Duration(srv.busy.Load() - busy)
	return ps, nil
}

// Print writes the report as a table.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d feeds x %d stories on 127.0.0.1 (second poll: %d answer 304, %d bring %d new stories each); poll.concurrency %d, poll.per_host %d\n",
		r.Feeds, r.Items, (r.Feeds+1)/2, r.Feeds/2, r.Fresh, r.Concurrency, r.PerHost)
	events := "stories sorted into events"
	if r.NoEvents {
		events = "no events"
	}
	fmt.Fprintf(w, "setup: detector built in %v; RSS before polling %s; %d CPUs, GOMAXPROCS %d; %s\n\n",
		r.DetectorBuild.Round(time.Millisecond), mib(r.SetupRSS), runtime.NumCPU(), runtime.GOMAXPROCS(0), events)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "poll\twall\tuser\tsys\tbusy cores\twaited\twanted cores\tpeak RSS\tpeak heap\theap after\tstored\tstories/s\tstories/cpu-s\tok\t304\tfailed\tserver busy\t")
	for _, p := range r.Polls {
		rss := mib(p.PeakRSS)
		if !p.PeakReset {
			rss += "*"
		}
		rate, busy, wanted, perCPU := 0.0, 0.0, 0.0, 0.0
		if p.Wall > 0 {
			rate = float64(p.Stored) / p.Wall.Seconds()
			busy = (p.User + p.Sys).Seconds() / p.Wall.Seconds()
			wanted = (p.User + p.Sys + p.Waited).Seconds() / p.Wall.Seconds()
		}
		if cpu := p.User + p.Sys; cpu > 0 {
			perCPU = float64(p.Stored) / cpu.Seconds()
		}
		fmt.Fprintf(tw, "%s\t%v\t%v\t%v\t%.2f\t%v\t%.2f\t%s\t%s\t%s\t%d\t%.0f\t%.0f\t%d\t%d\t%d\t%v\t\n",
			p.Name, p.Wall.Round(time.Millisecond), p.User.Round(time.Millisecond), p.Sys.Round(time.Millisecond), busy, p.Waited.Round(time.Millisecond), wanted,
			rss, mib(int64(p.PeakHeap)), mib(int64(p.HeapAfter)), p.Stored, rate, perCPU, p.OK, p.NotModified, p.Failed,
			p.ServerBusy.Round(time.Millisecond))
	}
	tw.Flush()
	for _, p := range r.Polls {
		if !p.PeakReset {
			fmt.Fprintln(w, "* peak RSS since the process started: the kernel did not let it be reset")
			break
		}
	}
}

func mib(n int64) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
