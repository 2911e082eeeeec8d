package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/internal/cmd/loadtest/feedgen"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// benchItems is the number of stories in the benchmark feed.
const benchItems = 50

// benchFeedServer serves a realistic 50-story feed in eleven languages
// (about 70 KB, HTML in every description) on 127.0.0.1. Each request gets
// guids (and links) stamped with the request's number, so that every poll
// brings 50 stories the store has never seen. The feed is rendered once;
// a request only rewrites the stamp.
func benchFeedServer(b *testing.B) *httptest.Server {
	b.Helper()
	const stamp = "STAMP"
	tmpl := feedgen.RSS(feedgen.Options{Title: "Example Wire", Link: "https://wire.example/", Prefix: stamp, Items: benchItems})
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := bytes.ReplaceAll(tmpl, []byte(stamp), []byte("p"+strconv.FormatInt(n.Add(1), 10)))
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// benchApp wires an App as the program does, over a real SQLite store in a
// temporary folder, polling the feed at url. topics is YAML appended to
// the configuration; det may be nil.
func benchApp(b *testing.B, url, topics string, det *detect.Detector) *App {
	b.Helper()
	dir := b.TempDir()
	yaml := fmt.Sprintf(`
feeds:
  - url: %s/wire.xml
    name: wire
outputs:
  - type: jsonl
    path: %s
    all_stories: true
%s`, url, filepath.Join(dir, "out.jsonl"), topics)
	cfg, err := config.Parse(filepath.Join(dir, "config.yaml"), []byte(yaml), func(string) (string, bool) { return "", false })
	if err != nil {
		b.Fatalf("config: %v", err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	log := slog.New(slog.DiscardHandler)
	a, err := New(Options{
		Config:   cfg,
		Store:    st,
		Fetcher:  NewFetcher(cfg, "", log),
		Detector: det,
		Outputs:  outputs.Builder{Logger: log},
		Logger:   log,
	})
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// benchPoll polls the feed once per iteration, checks that each poll
// stored all 50 stories as new, and reports stories stored per second.
func benchPoll(b *testing.B, a *App) {
	b.Helper()
	ctx := context.Background()
	for b.Loop() {
		rep, err := a.Poll(ctx, nil, false)
		if err != nil {
			b.Fatalf("Poll: %v", err)
		}
		if rep.New != benchItems || rep.Failed != 0 {
			b.Fatalf("poll stored %d new stories with %d failed feeds, want %d and 0: %+v", rep.New, rep.Failed, benchItems, rep.Feeds)
		}
	}
	b.ReportMetric(float64(b.N*benchItems)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkPollStore measures one poll of a 50-story feed over loopback
// HTTP: fetch, parse, normalise, and store the stories with their outbox
// rows, without language detection or topics.
func BenchmarkPollStore(b *testing.B) {
	srv := benchFeedServer(b)
	benchPoll(b, benchApp(b, srv.URL, "", nil))
}

// BenchmarkPollFull measures the whole path of one poll: fetch, parse,
// normalise, language and noise detection with the default detector, topic
// matching with four built-in packs and a topic of its own, and storing.
func BenchmarkPollFull(b *testing.B) {
	det, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	srv := benchFeedServer(b)
	benchPoll(b, benchApp(b, srv.URL, feedgen.Topics, det))
}
