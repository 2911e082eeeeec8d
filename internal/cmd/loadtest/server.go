package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/wirewatch/wirewatch/internal/cmd/loadtest/feedgen"
)

// feedServer serves feeds /feed/0.xml to /feed/N-1.xml on 127.0.0.1.
// Each feed is in one language and has two versions: version 1, and
// version 2 that adds fresh stories and drops as many of the oldest. In
// round 1 every feed serves version 1; in round 2 odd-numbered feeds serve
// version 2 and even-numbered ones still serve version 1, which a
// conditional request with its ETag gets as 304 Not Modified.
type feedServer struct {
	srv   *httptest.Server
	feeds int
	items int
	fresh int
	langs []string
	round atomic.Int32

	requests    atomic.Int64
	notModified atomic.Int64
	// busy sums the time handlers spent, body rendering included: CPU the
	// load test itself adds to the process.
	busy atomic.Int64
}

func newFeedServer(feeds, items, fresh int) *feedServer {
	s := &feedServer{feeds: feeds, items: items, fresh: fresh, langs: feedgen.Languages()}
	s.round.Store(1)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the address of feed i.
func (s *feedServer) URL(i int) string { return fmt.Sprintf("%s/feed/%d.xml", s.srv.URL, i) }

// Close stops the server.
func (s *feedServer) Close() { s.srv.Close() }

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() { s.busy.Add(int64(time.Since(start))) }()
	s.requests.Add(1)
	name, ok := strings.CutPrefix(r.URL.Path, "/feed/")
	name, ok2 := strings.CutSuffix(name, ".xml")
	i, err := strconv.Atoi(name)
	if !ok || !ok2 || err != nil || i < 0 || i >= s.feeds {
		http.NotFound(w, r)
		return
	}
	version := 1
	if s.round.Load() >= 2 && i%2 == 1 {
		version = 2
	}
	etag := fmt.Sprintf(`"f%d-v%d"`, i, version)
	modified := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC).Add(time.Duration(version) * time.Hour)
	if r.Header.Get("If-None-Match") == etag {
		s.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	lang := s.langs[i%len(s.langs)]
	body := feedgen.RSS(feedgen.Options{
		Title:    fmt.Sprintf("Wire %d (%s)", i, lang),
		Link:     fmt.Sprintf("https://wire%d.example/", i),
		Prefix:   fmt.Sprintf("f%d", i),
		Language: lang,
		First:    (version - 1) * s.fresh,
		Items:    s.items,
		Newest:   modified,
	})
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", modified.Format(http.TimeFormat))
	w.Write(body)
}
