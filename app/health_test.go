package app

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// fakeMetrics records what the pipeline reports.
type fakeMetrics struct {
	mu      sync.Mutex
	fetched map[wirewatch.FetchResult]int
	stored  int
	polls   int
}

func (m *fakeMetrics) Fetched(r wirewatch.FetchResult, _ time.Duration, _ int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fetched == nil {
		m.fetched = map[wirewatch.FetchResult]int{}
	}
	m.fetched[r]++
}
func (m *fakeMetrics) Stored(items []*wirewatch.Item) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stored += len(items)
}
func (m *fakeMetrics) Polled(time.Time, time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.polls++
}
func (m *fakeMetrics) Delivered(string, wirewatch.Kind, int) {}
func (m *fakeMetrics) DeliveryFailed(string, bool)           {}

func TestReadyAndMetrics(t *testing.T) {
	srv, _ := feedServer(t)
	cfg := testConfig(t, srv, "")
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var mu sync.Mutex
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	m := &fakeMetrics{}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Now: clock, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := a.Ready(ctx); err == nil || !strings.Contains(err.Error(), "no poll") {
		t.Errorf("Ready before any poll = %v, want no poll yet", err)
	}
	if _, err := a.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	if err := a.Ready(ctx); err != nil {
		t.Errorf("Ready after a poll = %v, want nil", err)
	}
	// The poll schedule is */10: the next polls are due at 9:10 and 9:20,
	// and the second must be done by 9:20 plus poll.timeout (30s).
	polled := clock()
	for _, c := range []struct {
		after time.Duration
		ready bool
	}{
		{20 * time.Minute, true},
		{20*time.Minute + 29*time.Second, true},
		{20*time.Minute + 31*time.Second, false},
	} {
		mu.Lock()
		now = polled.Add(c.after)
		mu.Unlock()
		if err := a.Ready(ctx); (err == nil) != c.ready {
			t.Errorf("Ready %s after the poll = %v, want ready %v", c.after, err, c.ready)
		}
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.polls != 1 || m.stored == 0 || m.fetched[wirewatch.ResultOK] == 0 || m.fetched[wirewatch.ResultError] == 0 {
		t.Errorf("metrics after one poll: %d polls, %d stored, fetches %v; want 1 poll, stories, ok and error fetches", m.polls, m.stored, m.fetched)
	}
}
