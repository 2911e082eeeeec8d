package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestFeedState(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	got, err := s.FeedState(ctx, "unknown")
	if err != nil {
		t.Fatal(err)
	}
	if want := (FeedState{Name: "unknown"}); got != want {
		t.Errorf("FeedState(unknown) = %+v, want %+v", got, want)
	}

	zone := time.FixedZone("PST", -8*3600)
	ok := FeedState{
		Name: "ria", URL: "https://ria.example/rss", ETag: `W/"abc"`, LastModified: "Sat, 02 May 2026 10:00:00 GMT",
		LastFetch: time.Date(2026, 5, 2, 3, 0, 0, 42, zone), Result: "ok", New: 7,
		NextPoll: time.Date(2026, 5, 2, 3, 10, 0, 0, zone),
	}
	failing := FeedState{
		Name: "aaa", URL: "https://a.example/feed", LastFetch: time.Date(2026, 5, 2, 11, 0, 0, 0, time.UTC),
		Result: "error", LastError: "429 too many requests", Failures: 3,
	}
	for _, st := range []FeedState{ok, failing} {
		if err := s.SaveFeedState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	utc := ok
	utc.LastFetch, utc.NextPoll = ok.LastFetch.UTC(), ok.NextPoll.UTC()
	if got, _ := s.FeedState(ctx, "ria"); got != utc {
		t.Errorf("FeedState(ria) = %+v, want %+v", got, utc)
	}

	// Saving again replaces every field.
	notModified := utc
	notModified.Result, notModified.New, notModified.ETag = "not-modified", 0, `W/"def"`
	if err := s.SaveFeedState(ctx, notModified); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FeedState(ctx, "ria"); got != notModified {
		t.Errorf("FeedState(ria) after update = %+v, want %+v", got, notModified)
	}
	if err := s.SaveFeedState(ctx, FeedState{}); err == nil {
		t.Error("SaveFeedState without a name = nil error, want one")
	}

	states, err := s.FeedStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != 2 || states[0].Name != "aaa" || states[1] != notModified {
		t.Errorf("FeedStates = %+v, want aaa then ria", states)
	}

	if _, err := s.AddItems(ctx, testItems("ria", "x", 3), nil); err != nil {
		t.Fatal(err)
	}
	statuses, err := s.FeedStatuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []wirewatch.FeedStatus{
		{Name: "aaa", URL: failing.URL, LastFetch: failing.LastFetch, Result: "error", LastError: failing.LastError, Failures: 3},
		{Name: "ria", URL: ok.URL, LastFetch: utc.LastFetch, Result: "not-modified", Items: 3, NextPoll: utc.NextPoll},
	}
	if !reflect.DeepEqual(statuses, want) {
		t.Errorf("FeedStatuses:\ngot  %+v\nwant %+v", statuses, want)
	}

	s.Close()
	s = openAt(t, path)
	if got, _ := s.FeedState(ctx, "ria"); got != notModified {
		t.Errorf("FeedState(ria) after reopen = %+v, want %+v", got, notModified)
	}
}
