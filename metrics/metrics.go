// Package metrics exposes what wirewatch does as Prometheus metrics. It is
// the only package that imports the Prometheus client library. A Recorder
// owns its own registry (there is no global state): the pipeline calls its
// methods as work happens, and the values that live in the store (the
// outbox) are read when Prometheus scrapes.
//
// The 304 ratio is computed in PromQL from the fetch counter:
//
//	sum(rate(wirewatch_fetches_total{result="not-modified"}[1h]))
//	  / sum(rate(wirewatch_fetches_total{result=~"ok|not-modified"}[1h]))
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/wirewatch/wirewatch"
)

const namespace = "wirewatch"

// scrapeTimeout bounds the store queries of one scrape.
const scrapeTimeout = 5 * time.Second

// Options configures a Recorder.
type Options struct {
	// Version is reported by wirewatch_build_info.
	Version string
	// Outbox, when set, returns the number of pending and of permanently
	// failed deliveries per output; it is called at each scrape.
	Outbox func(ctx context.Context) (pending, failed map[string]int, err error)
	// Store, when set, reports whether the store works (answers and
	// stores); it is called at each scrape for wirewatch_store_up.
	Store func(ctx context.Context) error
	// Logger receives scrape errors; nil discards them.
	Logger *slog.Logger
}

// Recorder records the pipeline's metrics. Its methods are safe for
// concurrent use; the zero value is not usable: call New.
type Recorder struct {
	reg *prometheus.Registry
	log *slog.Logger

	fetches       *prometheus.CounterVec
	fetchDuration *prometheus.HistogramVec
	fetchBytes    prometheus.Counter
	stories       *prometheus.CounterVec
	noise         prometheus.Histogram
	topicMatches  *prometheus.CounterVec
	pollDuration  prometheus.Histogram
	lastPoll      prometheus.Gauge
	deliveries    *prometheus.CounterVec
	delivered     *prometheus.CounterVec
	failures      *prometheus.CounterVec
	rateLimited   *prometheus.CounterVec
}

// New returns a Recorder with its own registry, holding wirewatch's
// metrics and the Go runtime's and the process's.
func New(opts Options) *Recorder {
	r := &Recorder{reg: prometheus.NewRegistry(), log: opts.Logger}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	r.fetches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "fetches_total",
		Help: "Feed fetches by result: ok (new content), not-modified (304) or error.",
	}, []string{"result"})
	r.fetchDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "fetch_duration_seconds",
		Help:    "Time to fetch a feed (request and body), by result.",
		Buckets: []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"result"})
	r.fetchBytes = prometheus.NewCounter(prometheus.CounterOpts{
		Namespace: namespace, Name: "fetch_body_bytes_total",
		Help: "Bytes of feed bodies fetched, after decompression.",
	})
	r.stories = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "stories_total",
		Help: "New stories stored, by detected language (und when unknown).",
	}, []string{"language"})
	r.noise = prometheus.NewHistogram(prometheus.HistogramOpts{
		Namespace: namespace, Name: "story_noise_ratio",
		Help:    "Share of each new story's text judged to be noise (site chrome, foreign-script runs, boilerplate).",
		Buckets: []float64{0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1},
	})
	r.topicMatches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "topic_matches_total",
		Help: "New stories that matched each topic.",
	}, []string{"topic"})
	r.pollDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Namespace: namespace, Name: "poll_duration_seconds",
		Help:    "Time of a whole poll of the feeds due.",
		Buckets: []float64{0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
	})
	r.lastPoll = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "last_successful_poll_timestamp_seconds",
		Help: "When the last poll that ran to its end finished, in Unix seconds.",
	})
	r.deliveries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "deliveries_total",
		Help: "Digests and alerts an output accepted, by output and kind.",
	}, []string{"output", "kind"})
	r.delivered = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "delivered_stories_total",
		Help: "Stories delivered, by output and kind.",
	}, []string{"output", "kind"})
	r.failures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "delivery_failures_total",
		Help: "Failed delivery attempts, by output and whether the failure is permanent (no retry).",
	}, []string{"output", "permanent"})
	r.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "discord_rate_limited_total",
		Help: "Discord answers 429 Too Many Requests, by scope (route, global or shared).",
	}, []string{"scope"})
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "build_info",
		Help: "Always 1; the version label says which wirewatch runs.",
	}, []string{"version"})
	build.WithLabelValues(opts.Version).Set(1)

	r.reg.MustRegister(r.fetches, r.fetchDuration, r.fetchBytes, r.stories, r.noise, r.topicMatches,
		r.pollDuration, r.lastPoll, r.deliveries, r.delivered, r.failures, r.rateLimited, build,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&storeCollector{outbox: opts.Outbox, check: opts.Store, log: r.log})
	// Results a dashboard divides by exist from the start, at 0.
	for _, res := range []wirewatch.FetchResult{wirewatch.ResultOK, wirewatch.ResultNotModified, wirewatch.ResultError} {
		r.fetches.WithLabelValues(string(res))
	}
	return r
}

// Handler serves the metrics in the Prometheus text (or OpenMetrics)
// format.
func (r *Recorder) Handler() http.Handler {
	return promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{
		Registry:          r.reg,
		Timeout:           scrapeTimeout + time.Second,
		EnableOpenMetrics: true,
	})
}

// Fetched records one fetch: its result (ResultOK, ResultNotModified or
// ResultError), how long it took and the bytes of its body.
func (r *Recorder) Fetched(result wirewatch.FetchResult, took time.Duration, bytes int) {
	r.fetches.WithLabelValues(string(result)).Inc()
	r.fetchDuration.WithLabelValues(string(result)).Observe(took.Seconds())
	if bytes > 0 {
		r.fetchBytes.Add(float64(bytes))
	}
}

// Stored records newly stored stories: their languages, noise shares and
// the topics they matched.
func (r *Recorder) Stored(items []*wirewatch.Item) {
	for _, it := range items {
		r.stories.WithLabelValues(it.Language()).Inc()
		if it.Analysis != nil {
			r.noise.Observe(it.Analysis.NoiseRatio)
		}
		seen := map[string]bool{}
		for _, m := range it.Matches {
			if m.Topic != "" && !seen[m.Topic] {
				seen[m.Topic] = true
				r.topicMatches.WithLabelValues(m.Topic).Inc()
			}
		}
	}
}

// Polled records a poll that ran to its end at at and took took.
func (r *Recorder) Polled(at time.Time, took time.Duration) {
	r.pollDuration.Observe(took.Seconds())
	r.lastPoll.Set(float64(at.UnixNano()) / 1e9)
}

// Delivered records that output accepted a digest or alert (kind) of
// stories stories.
func (r *Recorder) Delivered(output string, kind wirewatch.Kind, stories int) {
	r.deliveries.WithLabelValues(output, string(kind)).Inc()
	r.delivered.WithLabelValues(output, string(kind)).Add(float64(stories))
}

// DeliveryFailed records a failed attempt to deliver to output; permanent
// failures are not retried.
func (r *Recorder) DeliveryFailed(output string, permanent bool) {
	p := "false"
	if permanent {
		p = "true"
	}
	r.failures.WithLabelValues(output, p).Inc()
}

// RateLimited records a 429 answer from Discord; scope is Discord's
// X-RateLimit-Scope ("user" counts as "route"; "global", "shared").
func (r *Recorder) RateLimited(scope string) {
	switch scope {
	case "global", "shared":
	default:
		scope = "route"
	}
	r.rateLimited.WithLabelValues(scope).Inc()
}
