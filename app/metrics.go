package app

import (
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/feeds"
)

// Metrics records what the pipeline does; *metrics.Recorder implements
// it. Its methods must be safe for concurrent use and must not block.
type Metrics interface {
	// Fetched records one fetch: ResultOK, ResultNotModified or
	// ResultError, its duration and the bytes of its body.
	Fetched(result wirewatch.FetchResult, took time.Duration, bytes int)
	// Stored records newly stored stories.
	Stored(items []*wirewatch.Item)
	// Polled records a poll that ran to its end.
	Polled(at time.Time, took time.Duration)
	// Delivered records that an output accepted a digest or alert of
	// stories stories.
	Delivered(output string, kind wirewatch.Kind, stories int)
	// DeliveryFailed records a failed delivery attempt.
	DeliveryFailed(output string, permanent bool)
}

// noMetrics records nothing.
type noMetrics struct{}

func (noMetrics) Fetched(wirewatch.FetchResult, time.Duration, int) {}
func (noMetrics) Stored([]*wirewatch.Item)                          {}
func (noMetrics) Polled(time.Time, time.Duration)                   {}
func (noMetrics) Delivered(string, wirewatch.Kind, int)             {}
func (noMetrics) DeliveryFailed(string, bool)                       {}

// fetchOutcome is how a fetch counts in the metrics.
func fetchOutcome(resp *feeds.Response, err error) (wirewatch.FetchResult, int) {
	switch {
	case err != nil:
		return wirewatch.ResultError, 0
	case resp.NotModified:
		return wirewatch.ResultNotModified, 0
	default:
		return wirewatch.ResultOK, len(resp.Body)
	}
}
