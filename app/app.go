// Package app is wirewatch's pipeline: it polls feeds, analyses and matches
// new stories, stores them with an outbox row for every output that wants
// them, and delivers digests and alerts on each output's schedule. It holds
// the current configuration and reloads it when the file changes.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// Analyzer finds a story's language and noise.
type Analyzer interface {
	Analyze(in detect.Input) *wirewatch.Analysis
	// CleanText returns a text without its noise, in the language given
	// when it is known, as a story's full content needs.
	CleanText(in detect.Input, language string) string
}

// Options wires an App.
type Options struct {
	// Config is the loaded configuration; ConfigPath, when set, is
	// watched and reloaded before each poll.
	Config     *config.Config
	ConfigPath string
	Store      *store.Store
	Fetcher    *feeds.Fetcher
	// Detector analyses stories; nil leaves them unanalysed.
	Detector *detect.Detector
	// Outputs builds the sender of every output, at start and on each
	// reload.
	Outputs Builder
	Logger  *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Metrics records what the pipeline does; nil records nothing.
	Metrics Metrics
	// Tagger tags stories with concepts, for sorting them into events
	// and glossing them; nil leaves stories out of events.
	Tagger *topics.Tagger
	// OnLead is called when this process becomes the leader of the
	// replicas sharing its store (at once on SQLite), with a context that
	// ends with Run; OnLeadLost when it stops being the leader while it
	// runs. The leader runs what only one replica may: the Discord
	// gateway, which cmd/wirewatch connects and disconnects here.
	OnLead     func(context.Context)
	OnLeadLost func()
	// Translator translates the headlines of stories not in the readers'
	// languages; nil translates nothing.
	Translator Translator
}

// App is the running pipeline. Its methods are safe for concurrent use.
type App struct {
	log      *slog.Logger
	store    *store.Store
	fetcher  *feeds.Fetcher
	detector *detect.Detector
	build    Builder
	now      func() time.Time
	started  time.Time
	metrics  Metrics

	mu       sync.RWMutex
	cfg      *config.Config
	cfgPath  string
	cfgStamp fileStamp
	outputs  map[string]*output
	// outputsGen counts invalidations of outputs, so that a rebuild that
	// raced with one does not keep its stale result.
	outputsGen int
	// broken are configured outputs that could not be built, with why.
	broken   map[string]error
	lastPoll time.Time
	// dueWhenNever makes a digest due for an output that never had one,
	// as when run once by an external scheduler.
	dueWhenNever bool

	// backfilled are the configured outputs known to have had their
	// backfill.
	backfilled map[string]bool

	// spikesChecked is the poll whose stories spikes were last checked
	// after.
	spikesChecked time.Time
	// mutes are the events muted per channel, read at each poll and
	// changed by each mute.
	mutes mutes
	// alertsGrown is the poll after which alerts of events were last
	// checked for growth.
	alertsGrown time.Time

	// warned is when each troubled output was last warned about.
	warned map[string]time.Time

	deliverMu sync.Mutex // one delivery pass at a time
	// startPoll is set while Run's poll of every feed at start runs:
	// scheduled polls that fire meanwhile are skipped, since it polls
	// their feeds too.
	startPoll atomic.Bool
	// fresh, while Run runs, is signalled when a feed stored new stories,
	// so that alerts and instant outputs need not wait for the slowest feed.
	fresh chan struct{}
	// articles fetches teaser stories' article pages.
	articles articles
	// clusters sorts new stories into events; nil without a tagger.
	clusters *clusterer
	// rep is this process's part among replicas sharing the store.
	rep replica
	// translations translates headlines; nil without a translator.
	translations *translations
}

// New returns an App over an open store.
func New(opts Options) (*App, error) {
	if opts.Config == nil || opts.Store == nil || opts.Fetcher == nil || opts.Outputs == nil {
		return nil, fmt.Errorf("app: config, store, fetcher and output builder are required")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	a := &App{
		log:      log,
		store:    opts.Store,
		fetcher:  opts.Fetcher,
		detector: opts.Detector,
		build:    opts.Outputs,
		now:      now,
		cfg:      opts.Config,
		cfgPath:  opts.ConfigPath,
		rep:      replica{name: replicaName(), onLead: opts.OnLead, onLost: opts.OnLeadLost},
	}
	if opts.Tagger != nil {
		a.clusters = &clusterer{tagger: opts.Tagger}
	}
	if opts.Translator != nil {
		a.translations = &translations{t: opts.Translator}
	}
	if a.metrics = opts.Metrics; a.metrics == nil {
		a.metrics = noMetrics{}
	}
	a.started = a.now()
	if opts.ConfigPath != "" {
		a.cfgStamp, _ = stampOf(opts.ConfigPath)
	}
	a.restoreDetectorMemory(context.Background())
	return a, nil
}

// Config returns the configuration in force.
func (a *App) Config() *config.Config {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.cfg
}

// detectorMemory is what the detector learns and the store keeps between
// runs: each source's boilerplate, and each feed's language.
type detectorMemory struct {
	key       string // store key
	what      string // for logs
	marshal   func(*detect.Detector) ([]byte, error)
	unmarshal func(*detect.Detector, []byte) error
}

var detectorMemories = []detectorMemory{
	{"detect/boilerplate", "boilerplate", (*detect.Detector).MarshalBoilerplate, (*detect.Detector).UnmarshalBoilerplate},
	{"detect/feed-languages", "feed languages", (*detect.Detector).MarshalFeedLanguages, (*detect.Detector).UnmarshalFeedLanguages},
}

// restoreDetectorMemory gives the detector back what it learnt in earlier
// runs; what cannot be restored is learnt again.
func (a *App) restoreDetectorMemory(ctx context.Context) {
	if a.detector == nil {
		return
	}
	for _, m := range detectorMemories {
		b, ok, err := a.store.Get(ctx, m.key)
		if err == nil && ok {
			err = m.unmarshal(a.detector, b)
		}
		if err != nil {
			a.log.Warn("detector memory not restored", slog.String("memory", m.what), slog.Any("error", err))
		}
	}
}

// saveDetectorMemory stores what the detector learnt.
func (a *App) saveDetectorMemory(ctx context.Context) {
	if a.detector == nil {
		return
	}
	for _, m := range detectorMemories {
		b, err := m.marshal(a.detector)
		if err == nil {
			err = a.store.Put(ctx, m.key, b)
		}
		if err != nil {
			a.log.Warn("detector memory not saved", slog.String("memory", m.what), slog.Any("error", err))
		}
	}
}

// fileStamp identifies a version of the configuration file.
type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{fi.ModTime(), fi.Size()}, nil
}

// Reload re-reads the configuration file when it changed since it was
// last read. An invalid file is logged with all its errors and the
// configuration in force stays. It reports whether a new one took effect.
func (a *App) Reload() bool {
	if a.cfgPath == "" {
		return false
	}
	st, err := stampOf(a.cfgPath)
	a.mu.RLock()
	same := err == nil && st == a.cfgStamp
	a.mu.RUnlock()
	if err != nil || same {
		return false
	}
	cfg, err := config.Load(a.cfgPath)
	if err == nil {
		// Outputs that cannot be built (a Discord channel without the bot
		// the program started with) reject the change as a whole.
		if _, broken := a.buildOutputs(cfg, nil); len(broken) > 0 {
			var errs []error
			for _, e := range broken {
				errs = append(errs, e)
			}
			err = errors.Join(errs...)
		}
	}
	a.mu.Lock()
	a.cfgStamp = st
	if err != nil {
		a.mu.Unlock()
		a.log.Error("config change rejected; the previous configuration stays in force", slog.String("file", a.cfgPath), slog.Any("error", err))
		return false
	}
	old := a.cfg
	a.cfg = cfg
	a.outputs = nil
	a.outputsGen++
	a.mu.Unlock()
	if !slices.Equal(old.Languages, cfg.Languages) || old.Detection != cfg.Detection || old.Store != cfg.Store ||
		old.Poll.Timeout != cfg.Poll.Timeout || old.Poll.MaxBody != cfg.Poll.MaxBody ||
		old.Poll.Concurrency != cfg.Poll.Concurrency || old.Poll.PerHost != cfg.Poll.PerHost || old.Discord != cfg.Discord ||
		old.HTTP != cfg.HTTP {
		a.log.Warn("changes to languages, detection, store, poll limits, discord and http take effect at the next start")
	}
	for _, w := range cfg.Warnings {
		a.log.Warn("config warning", slog.String("warning", w))
	}
	a.log.Info("config reloaded", slog.String("file", a.cfgPath), slog.Int("feeds", len(cfg.Feeds)), slog.Int("topics", len(cfg.Topics)))
	return true
}

// signalFresh tells Run that new stories were stored; it never blocks.
func (a *App) signalFresh() {
	a.mu.RLock()
	fresh := a.fresh
	a.mu.RUnlock()
	if fresh == nil {
		return
	}
	select {
	case fresh <- struct{}{}:
	default:
	}
}
