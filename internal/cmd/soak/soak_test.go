package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestSoakShort soaks the real binary for a few seconds with a dozen
// feeds, two kills and troubles every two seconds, and checks that every
// matching story reached both outputs.
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var progress bytes.Buffer
	rep, err := Run(ctx, Options{
		Feeds: 12, Duration: 8 * time.Second, KillEvery: 3 * time.Second, TroubleEvery: 2 * time.Second,
		Tick: time.Second, Poll: time.Second, Drain: time.Minute, Seed: 7,
		Initial: 2, Window: 5, NewPerTick: 0.3, Share: 0.3, Webhooks: 1, Bots: 1,
		Dir: t.TempDir(), Progress: &progress,
	})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, progress.String())
	}
	var out bytes.Buffer
	rep.Print(&out)
	t.Log("\n" + out.String())
	tot := rep.Totals()
	kills, _ := rep.Kills()
	switch {
	case rep.Expected == 0:
		t.Errorf("no story was expected: the feeds served nothing that matches")
	case tot.Lost != 0:
		t.Errorf("lost = %d, want 0", tot.Lost)
	case tot.Unexpected != 0:
		t.Errorf("unexpected = %d, want 0", tot.Unexpected)
	case !rep.Drained:
		t.Errorf("the last run did not drain")
	case kills < 1:
		t.Errorf("kills = %d, want at least 1", kills)
	}
	if rss, anon, fds := rep.Peaks(); rss == 0 || anon == 0 || fds == 0 {
		t.Errorf("peaks: RSS %d, anonymous %d, fds %d; want all sampled", rss, anon, fds)
	}
	if !strings.Contains(out.String(), "repeated in flight") {
		t.Errorf("report lacks its table:\n%s", out.String())
	}
}

func TestOptionsRejected(t *testing.T) {
	good := Options{Feeds: 10, Duration: time.Second, Tick: time.Second, Poll: time.Second, Drain: time.Second,
		Initial: 1, Window: 1, NewPerTick: 0.1, Share: 0.1, Webhooks: 1, Dir: "x"}
	if err := good.check(); err != nil {
		t.Fatalf("check(%+v) = %v, want nil", good, err)
	}
	for name, mod := range map[string]func(*Options){
		"too many feeds": func(o *Options) { o.Feeds = maxFeeds + 1 },
		"no outputs":     func(o *Options) { o.Webhooks = 0 },
		"share 0":        func(o *Options) { o.Share = 0 },
		"poll under 1s":  func(o *Options) { o.Poll = time.Millisecond },
		"no folder":      func(o *Options) { o.Dir = "" },
	} {
		o := good
		mod(&o)
		if err := o.check(); err == nil {
			t.Errorf("%s: check = nil, want an error", name)
		}
	}
}
