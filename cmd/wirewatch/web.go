package main

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/metrics"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/web"
)

// httpShutdownGrace bounds how long the HTTP server waits for requests in
// flight when the program stops.
const httpShutdownGrace = 5 * time.Second

// What the status page shows: each topic's latest matches, and the
// stories capped digests left out over a week (`wirewatch more` lists the
// rest).
const (
	matchesPerTopic = 5
	leftOutSince    = 7 * 24 * time.Hour
	leftOutShown    = 50
)

// newMetrics returns the metrics recorder for a program whose
// configuration asks for the HTTP server, else nil.
func newMetrics(cfg *config.Config, st *store.Store, log *slog.Logger) *metrics.Recorder {
	if cfg.HTTP.Listen == "" {
		return nil
	}
	return metrics.New(metrics.Options{
		Version: version,
		Outbox: func(ctx context.Context) (map[string]int, map[string]int, error) {
			pending, err := st.PendingCounts(ctx)
			if err != nil {
				return nil, nil, err
			}
			failed, err := st.FailedCounts(ctx)
			return pending, failed, err
		},
		Store:  st.Check,
		Logger: log,
	})
}

// serveHTTP starts the HTTP server when the configuration asks for it;
// Close stops it.
func (p *program) serveHTTP(cfg *config.Config, log *slog.Logger) error {
	if cfg.HTTP.Listen == "" {
		return nil
	}
	src := &statusSource{app: p.app, store: p.store}
	s, err := web.Start(web.Options{Addr: cfg.HTTP.Listen, Metrics: p.metrics.Handler(), Source: src, Logger: log})
	if err != nil {
		return err
	}
	p.web = s
	log.Info("http server listening", slog.String("addr", s.Addr()),
		slog.String("endpoints", "/ (status), /metrics, /healthz, /readyz"))
	return nil
}

// stopHTTP shuts the HTTP server down, letting requests in flight finish.
func (p *program) stopHTTP() error {
	if p.web == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), httpShutdownGrace)
	defer cancel()
	return p.web.Shutdown(ctx)
}

// statusSource feeds the status page and /readyz from the running
// pipeline and its store.
type statusSource struct {
	app   *app.App
	store *store.Store
}

// Ready reports whether the pipeline is ready.
func (s *statusSource) Ready(ctx context.Context) error { return s.app.Ready(ctx) }

// Status reads what the status page shows.
func (s *statusSource) Status(ctx context.Context) (*web.Status, error) {
	cfg := s.app.Config()
	feeds, err := feedRows(ctx, s.store, cfg)
	if err != nil {
		return nil, err
	}
	outputs, err := outputRows(ctx, s.store, cfg)
	if err != nil {
		return nil, err
	}
	st := &web.Status{Version: version, Now: time.Now(), LastPoll: s.app.LastPoll(), Feeds: feeds, Outputs: outputs}
	if cfg.Matcher != nil {
		for _, t := range cfg.Matcher.Topics() {
			items, err := s.store.RecentMatches(ctx, t.ID, matchesPerTopic)
			if err != nil {
				return nil, err
			}
			st.Topics = append(st.Topics, web.Topic{ID: t.ID, Name: t.Name, Matches: items})
		}
	}
	if st.LeftOut, err = leftOut(ctx, s.store, st.Now); err != nil {
		return nil, err
	}
	st.LeftOutRecorded, st.LeftOutSince = true, leftOutSince
	return st, nil
}

// feedRows returns the health of every feed the store knows, then of the
// configured feeds never polled yet.
func feedRows(ctx context.Context, st *store.Store, cfg *config.Config) ([]wirewatch.FeedStatus, error) {
	feeds, err := st.FeedStatuses(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, f := range feeds {
		known[f.Name] = true
	}
	for _, f := range cfg.Feeds {
		if !known[f.Name] {
			feeds = append(feeds, wirewatch.FeedStatus{Name: f.Name})
		}
	}
	return feeds, nil
}

// outputRows returns every output's backlog and state: the configured
// ones, and any other the store holds deliveries or a state for.
func outputRows(ctx context.Context, st *store.Store, cfg *config.Config) ([]web.Output, error) {
	pending, err := st.PendingCounts(ctx)
	if err != nil {
		return nil, err
	}
	failed, err := st.FailedCounts(ctx)
	if err != nil {
		return nil, err
	}
	muted, err := st.MutedCounts(ctx)
	if err != nil {
		return nil, err
	}
	disabled, err := st.DisabledOutputs(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, m := range []map[string]int{pending, failed, muted} {
		for n := range m {
			names[n] = true
		}
	}
	for n := range disabled {
		names[n] = true
	}
	for _, o := range cfg.Outputs {
		names[o.Name] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	rows := make([]web.Output, 0, len(sorted))
	for _, n := range sorted {
		last, err := st.LastDigest(ctx, n)
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", n, err)
		}
		rows = append(rows, web.Output{Name: n, Pending: pending[n], Failed: failed[n], Muted: muted[n], LastDigest: last, Disabled: disabled[n]})
	}
	return rows, nil
}

// leftOut returns the stories capped digests counted in "and N more"
// without showing them, newest digest first.
func leftOut(ctx context.Context, st *store.Store, now time.Time) ([]web.LeftOut, error) {
	rows, err := st.Counted(ctx, "", now.Add(-leftOutSince), leftOutShown)
	if err != nil {
		return nil, err
	}
	out := make([]web.LeftOut, len(rows))
	for i, r := range rows {
		out[i] = web.LeftOut{Output: r.Output, Sent: r.Done, Item: r.Item}
	}
	return out, nil
}
