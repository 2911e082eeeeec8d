package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestRunSmall(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := Run(ctx, Options{Feeds: 20, Items: 3, Fresh: 1, Dir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(rep.Polls) != 2 {
		t.Fatalf("polls = %d, want 2", len(rep.Polls))
	}
	first, second := rep.Polls[0], rep.Polls[1]
	if first.Stored != 60 || first.OK != 20 || first.NotModified != 0 || first.Failed != 0 {
		t.Errorf("first poll: stored %d, ok %d, 304 %d, failed %d; want 60, 20, 0, 0", first.Stored, first.OK, first.NotModified, first.Failed)
	}
	if second.Stored != 10 || second.OK != 10 || second.NotModified != 10 || second.Failed != 0 {
		t.Errorf("second poll: stored %d, ok %d, 304 %d, failed %d; want 10, 10, 10, 0", second.Stored, second.OK, second.NotModified, second.Failed)
	}
	if first.Requests != 20 || second.Requests != 20 {
		t.Errorf("requests %d and %d, want 20 and 20", first.Requests, second.Requests)
	}
	if first.Wall <= 0 || first.PeakHeap == 0 {
		t.Errorf("first poll measured no time or heap: %+v", first)
	}
	var out bytes.Buffer
	rep.Print(&out)
	if !strings.Contains(out.String(), "second (half 304)") {
		t.Errorf("report lacks the second poll:\n%s", out.String())
	}
}

func TestRunRejectsUnboundedSizes(t *testing.T) {
	for _, o := range []Options{
		{Feeds: 0, Items: 20, Dir: "x"},
		{Feeds: maxFeeds + 1, Items: 20, Dir: "x"},
		{Feeds: 10, Items: maxItems + 1, Dir: "x"},
		{Feeds: 10, Items: 5, Fresh: 6, Dir: "x"},
	} {
		if _, err := Run(context.Background(), o); err == nil {
			t.Errorf("Run(%+v) = nil error, want one", o)
		}
	}
}
