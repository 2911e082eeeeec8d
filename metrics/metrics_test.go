package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// scrape returns the text a Prometheus scrape of r gets.
func scrape(t *testing.T, r *Recorder) string {
	t.Helper()
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /metrics = %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestRecorder(t *testing.T) {
	storeErr := error(nil)
	r := New(Options{
		Version: "1.2.3",
		Outbox: func(context.Context) (map[string]int, map[string]int, error) {
			return map[string]int{"discord-ops": 7}, map[string]int{"hook": 2}, nil
		},
		Store: func(context.Context) error { return storeErr },
	})
	r.Fetched(wirewatch.ResultOK, 300*time.Millisecond, 2048)
	r.Fetched(wirewatch.ResultNotModified, 20*time.Millisecond, 0)
	r.Fetched(wirewatch.ResultNotModified, 20*time.Millisecond, 0)
	r.Fetched(wirewatch.ResultError, 5*time.Second, 0)
	r.Stored([]*wirewatch.Item{
		{Analysis: &wirewatch.Analysis{Language: "ru", NoiseRatio: 0.25},
			Matches: []wirewatch.Match{{Topic: "icbm"}, {Topic: "icbm"}, {Topic: "sanctions"}}},
		{Analysis: &wirewatch.Analysis{Language: "ru", NoiseRatio: 0}},
		{DeclaredLanguage: ""},
	})
	r.Polled(time.Unix(1767225600, 0), 3*time.Second)
	r.Delivered("discord-ops", wirewatch.KindDigest, 12)
	r.Delivered("discord-ops", wirewatch.KindAlert, 1)
	r.DeliveryFailed("hook", true)
	r.DeliveryFailed("discord-ops", false)
	r.RateLimited("user")
	r.RateLimited("global")

	got := scrape(t, r)
	for _, want := range []string{
		`wirewatch_build_info{version="1.2.3"} 1`,
		`wirewatch_fetches_total{result="ok"} 1`,
		`wirewatch_fetches_total{result="not-modified"} 2`,
		`wirewatch_fetches_total{result="error"} 1`,
		`wirewatch_fetch_duration_seconds_count{result="not-modified"} 2`,
		`wirewatch_fetch_body_bytes_total 2048`,
		`wirewatch_stories_total{language="ru"} 2`,
		`wirewatch_stories_total{language="und"} 1`,
		`wirewatch_story_noise_ratio_bucket{le="0.3"} 2`,
		`wirewatch_story_noise_ratio_count 2`,
		`wirewatch_topic_matches_total{topic="icbm"} 1`,
		`wirewatch_topic_matches_total{topic="sanctions"} 1`,
		`wirewatch_last_successful_poll_timestamp_seconds 1.7672256e+09`,
		`wirewatch_poll_duration_seconds_count 1`,
		`wirewatch_deliveries_total{kind="digest",output="discord-ops"} 1`,
		`wirewatch_delivered_stories_total{kind="digest",output="discord-ops"} 12`,
		`wirewatch_delivery_failures_total{output="hook",permanent="true"} 1`,
		`wirewatch_delivery_failures_total{output="discord-ops",permanent="false"} 1`,
		`wirewatch_discord_rate_limited_total{scope="route"} 1`,
		`wirewatch_discord_rate_limited_total{scope="global"} 1`,
		`wirewatch_outbox_pending{output="discord-ops"} 7`,
		`wirewatch_outbox_failed{output="hook"} 2`,
		`wirewatch_store_up 1`,
		`go_goroutines `,
		`process_open_fds `,
	} {
		if !strings.Contains(got, want+"\n") && !strings.Contains(got, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
	storeErr = errors.New("database writes failing: disk full")
	if got := scrape(t, r); !strings.Contains(got, "wirewatch_store_up 0\n") {
		t.Error("wirewatch_store_up is not 0 while the store fails")
	}
}

// TestRecordersAreIndependent: each Recorder has its own registry, so two
// in one process (tests, an embedding program) neither collide nor share.
func TestRecordersAreIndependent(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	a.Fetched(wirewatch.ResultOK, time.Second, 1)
	if got := scrape(t, b); !strings.Contains(got, `wirewatch_fetches_total{result="ok"} 0`) {
		t.Errorf("the second recorder sees the first one's fetch")
	}
}
