package metrics

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	outboxPendingDesc = prometheus.NewDesc(namespace+"_outbox_pending",
		"Deliveries waiting in the outbox, by output.", []string{"output"}, nil)
	outboxFailedDesc = prometheus.NewDesc(namespace+"_outbox_failed",
		"Deliveries that failed permanently and wait for `wirewatch retry`, by output.", []string{"output"}, nil)
	storeUpDesc = prometheus.NewDesc(namespace+"_store_up",
		"1 when the store answers and can store, 0 when it cannot (a full disk, a read-only file).", nil, nil)
)

// storeCollector reads the values that live in the store at each scrape.
type storeCollector struct {
	outbox func(ctx context.Context) (pending, failed map[string]int, err error)
	check  func(ctx context.Context) error
	log    *slog.Logger
}

// Describe sends the descriptors of the store's metrics.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxPendingDesc
	ch <- outboxFailedDesc
	ch <- storeUpDesc
}

// Collect reads the outbox and the store's health.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	if c.check != nil {
		up := 1.0
		if err := c.check(ctx); err != nil {
			up = 0
		}
		ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, up)
	}
	if c.outbox == nil {
		return
	}
	pending, failed, err := c.outbox(ctx)
	if err != nil {
		c.log.Warn("metrics: outbox not read", slog.Any("error", err))
		return
	}
	for output, n := range pending {
		ch <- prometheus.MustNewConstMetric(outboxPendingDesc, prometheus.GaugeValue, float64(n), output)
	}
	for output, n := range failed {
		ch <- prometheus.MustNewConstMetric(outboxFailedDesc, prometheus.GaugeValue, float64(n), output)
	}
}
