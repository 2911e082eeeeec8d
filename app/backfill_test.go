package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
)

// TestSubscribeBackfill: a new subscription gets the matching stories
// already stored only when it asks for them: backfill:24h brings the
// launch stored before it was made, the default (none) does not, and the
// answer says so.
func TestSubscribeBackfill(t *testing.T) {
	r := newCurationRig(t)
	for _, lang := range []string{"en", "ko"} {
		r.feeds.add(lang, "launch", launch[lang][0], launch[lang][1])
	}
	r.once() // stored; nobody subscribed yet

	got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant", "backfill": "24h"})
	if !strings.Contains(got, "Subscribed") || !strings.Contains(got, "matching stories of the last 24h") {
		t.Fatalf("/subscribe backfill:24h = %q", got)
	}
	if got := r.subscribe(rigWire, map[string]any{"topic": "icbm", "schedule": "instant"}); !strings.Contains(got, "Subscribed") || strings.Contains(got, "last 24h") {
		t.Fatalf("/subscribe = %q", got)
	}
	r.feeds.add("ja", "launch", launch["ja"][0], launch["ja"][1])
	r.once()
	if got, want := r.links(rigAll), []string{"en.example/launch", "ja.example/launch", "ko.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the channel subscribed with backfill:24h shows %v, want %v", got, want)
	}
	if got, want := r.links(rigWire), []string{"ja.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the channel subscribed without backfill shows %v, want only the story stored after %v", got, want)
	}
}

// TestSubscribeDuringPoll: a subscription made while a poll is fetching
// gets the stories that poll stores, though the poll began without it.
func TestSubscribeDuringPoll(t *testing.T) {
	r := newCurationRig(t)
	r.feeds.add("en", "launch", launch["en"][0], launch["en"][1])
	arrived, release := make(chan struct{}), make(chan struct{})
	var first sync.Once
	r.feeds.mu.Lock()
	r.feeds.before = func() {
		first.Do(func() { close(arrived) })
		<-release
	}
	r.feeds.mu.Unlock()
	done := make(chan error, 1)
	go func() {
		_, _, err := r.app.Once(context.Background(), false)
		done <- err
	}()
	<-arrived // the poll has its outputs and is fetching
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant"}); !strings.Contains(got, "Subscribed") {
		t.Fatalf("/subscribe = %q", got)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	r.once() // delivers what the first poll queued
	if got, want := r.links(rigAll), []string{"en.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the channel shows %v, want %v: the story the running poll stored", got, want)
	}
}

// TestOutputBackfill: an output added to the configuration gets, the first
// time wirewatch runs with it, the stored stories its backfill asks for,
// and only then.
func TestOutputBackfill(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	feed, _ := filepath.Abs(filepath.Join("testdata", "yearold.xml"))
	a, st, _, _ := maxAgeApp(t, now, fmt.Sprintf("  - url: %s\n    name: archive\n", feed), "")
	if _, _, err := a.Once(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	// A restart with two more outputs: one asks for a week, one for none.
	cfg := parseConfig(t, fmt.Sprintf(`
feeds:
  - url: %s
    name: archive
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*, intercontinental ballistic missile*]
outputs:
  - type: stdout
    name: week
    backfill: 7d
  - type: stdout
    name: fresh
`, feed))
	week, fresh := &recorder{}, &recorder{}
	for run := 0; run < 2; run++ {
		b, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Logger: slog.New(slog.DiscardHandler),
			Outputs: testBuilder{senders: map[string]notify.Sender{"week": week, "fresh": fresh}}, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.Once(context.Background(), false); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := week.ids(), []string{"digest:korea-20261130-un", "digest:korea-20261201-icbm"}; !slices.Equal(got, want) {
		t.Errorf("the output with backfill: 7d got %v, want %v (once, and nothing older than its window)", got, want)
	}
	if got := fresh.ids(); len(got) != 0 {
		t.Errorf("the output without backfill got %v, want nothing", got)
	}
}
