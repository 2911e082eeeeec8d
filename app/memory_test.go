package app

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// TestDetectorMemorySurvivesRestart checks that what the detector learns
// in a poll (each feed's language, each source's boilerplate) is kept in
// the store and given to the detector of the next run.
func TestDetectorMemorySurvivesRestart(t *testing.T) {
	srv, _ := feedServer(t)
	cfg := testConfig(t, srv, "")
	db := filepath.Join(t.TempDir(), "ww.db")
	run := func() (*detect.Detector, *store.Store) {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		det, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Detector: det,
			Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.Once(context.Background(), false); err != nil {
			t.Fatalf("Once: %v", err)
		}
		return det, st
	}
	det, st := run()
	learnt, err := det.MarshalFeedLanguages()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(learnt, []byte(`"name":"wire"`)) {
		t.Fatalf("feed languages after a poll = %s, want the wire feed's", learnt)
	}
	stored, ok, err := st.Get(context.Background(), "detect/feed-languages")
	if err != nil || !ok || !bytes.Equal(stored, learnt) {
		t.Errorf("stored feed languages = %s, %v, %v; want %s", stored, ok, err, learnt)
	}
	st.Close()

	st2, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	det2, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Config: cfg, Store: st2, Fetcher: feeds.NewFetcher(feeds.Options{}), Detector: det2,
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.DiscardHandler)}); err != nil {
		t.Fatal(err)
	}
	restored, err := det2.MarshalFeedLanguages()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(restored, learnt) {
		t.Errorf("feed languages after a restart = %s, want %s", restored, learnt)
	}
}
