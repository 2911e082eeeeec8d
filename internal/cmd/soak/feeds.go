package main

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wirewatch/wirewatch/internal/cmd/loadtest/feedgen"
)

// Shares of the feeds that misbehave, in parts per thousand, and how.
const (
	slowPerMille  = 5
	flakyPerMille = 20
	deadPerMille  = 5
	// slowMin and slowMax bound the delay of a slow feed's answers.
	slowMin, slowMax = time.Second, 4 * time.Second
)

// feedLanguages are the languages of the feeds: those written in the
// Latin script, so that the words appended to titles are never taken for
// text in another script.
var feedLanguages = []string{"en", "fr", "de", "es", "tr"}

// marker is the word in the titles of the stories the soak's topic
// matches; no other story contains it.
const marker = "soakmark"

// feedKind is how a feed behaves.
type feedKind int

const (
	feedNormal feedKind = iota
	// feedSlow answers after a delay.
	feedSlow
	// feedFlaky answers 503 in about half of the ticks.
	feedFlaky
	// feedDead always answers 500: nothing it holds is ever served.
	feedDead
)

// feedState is one feed: when each of its stories appeared and which
// were served in a 200 answer.
type feedState struct {
	kind  feedKind
	lang  string
	delay time.Duration
	// appeared[n] is when story n appeared.
	appeared []time.Time
	// served[n] is when story n was first in a body served; zero until
	// it was.
	served []time.Time
}

// feedServer serves /feed/0.xml to /feed/N-1.xml on 127.0.0.1. Each feed
// lists its newest stories; at each tick some feeds gain a story. A
// conditional request for an unchanged feed gets 304 Not Modified.
type feedServer struct {
	seed   uint64
	window int
	rate   float64
	share  float64
	srv    *http.Server
	url    string

	mu    sync.Mutex
	feeds []feedState
	tick  int

	requests, ok, notModified, failed atomic.Int64
}

// newFeedServer starts serving n feeds, each with initial stories.
func newFeedServer(o Options, start time.Time) (*feedServer, error) {
	s := &feedServer{seed: o.Seed, window: o.Window, rate: o.NewPerTick, share: o.Share}
	s.feeds = make([]feedState, o.Feeds)
	for i := range s.feeds {
		f := &s.feeds[i]
		f.lang = feedLanguages[i%len(feedLanguages)]
		switch r := mix(s.seed, 1, uint64(i)) % 1000; {
		case r < slowPerMille:
			f.kind = feedSlow
			f.delay = slowMin + time.Duration(mix(s.seed, 2, uint64(i))%uint64(slowMax-slowMin))
		case r < slowPerMille+flakyPerMille:
			f.kind = feedFlaky
		case r < slowPerMille+flakyPerMille+deadPerMille:
			f.kind = feedDead
		}
		for range o.Initial {
			f.appeared = append(f.appeared, start)
			f.served = append(f.served, time.Time{})
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("feed server: %w", err)
	}
	s.url = "http://" + l.Addr().String()
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(l)
	return s, nil
}

// URL returns the address of feed i.
func (s *feedServer) URL(i int) string { return fmt.Sprintf("%s/feed/%d.xml", s.url, i) }

// Close stops the server.
func (s *feedServer) Close() { s.srv.Close() }

// Tick brings the next tick's new stories: each feed gains one with
// probability rate. It returns how many appeared.
func (s *feedServer) Tick(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick++
	n := 0
	for i := range s.feeds {
		if float64(mix(s.seed, 3, uint64(i), uint64(s.tick))%1e6) < s.rate*1e6 {
			f := &s.feeds[i]
			f.appeared = append(f.appeared, now)
			f.served = append(f.served, time.Time{})
			n++
		}
	}
	return n
}

// matches reports whether story n of feed i carries the marker.
func (s *feedServer) matches(i, n int) bool {
	return float64(mix(s.seed, 4, uint64(i), uint64(n))%1e6) < s.share*1e6
}

// guid returns the id of story n of feed i; links end in it.
func guid(i, n int) string { return fmt.Sprintf("s%d-%d", i, n) }

// suffix returns the words appended to the title of story n of feed i:
// eight made-up words drawn for this story, so that no two stories are
// taken for copies of one, and the marker when the story should match.
func (s *feedServer) suffix(i, n int) string {
	words := make([]string, 0, 9)
	h := mix(s.seed, 5, uint64(i), uint64(n))
	for k := range 8 {
		h = mix(h, uint64(k))
		words = append(words, syllables[h%uint64(len(syllables))]+syllables[(h>>16)%uint64(len(syllables))]+syllables[(h>>32)%uint64(len(syllables))])
	}
	if s.matches(i, n) {
		words = append(words, marker)
	}
	return "— " + strings.Join(words, " ")
}

// syllables make up the words of title suffixes.
var syllables = []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "ba", "po", "zu", "fe", "gi", "ho", "ja", "ku", "le", "mo", "ni"}

// expected returns the served stories that carry the marker, each with
// when it was first served, and how many stories were served.
func (s *feedServer) expected() (want map[string]time.Time, served int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	want = map[string]time.Time{}
	for i := range s.feeds {
		for n, at := range s.feeds[i].served {
			if at.IsZero() {
				continue
			}
			served++
			if s.matches(i, n) {
				want[guid(i, n)] = at
			}
		}
	}
	return want, served
}

// stories returns how many stories exist in all feeds.
func (s *feedServer) stories() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i := range s.feeds {
		n += len(s.feeds[i].appeared)
	}
	return n
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	name, ok := strings.CutPrefix(r.URL.Path, "/feed/")
	name, ok2 := strings.CutSuffix(name, ".xml")
	i, err := strconv.Atoi(name)
	if !ok || !ok2 || err != nil || i < 0 || i >= len(s.feeds) {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	f := &s.feeds[i]
	kind, delay, tick := f.kind, f.delay, s.tick
	count := len(f.appeared)
	newest := f.appeared[count-1]
	s.mu.Unlock()

	switch {
	case kind == feedDead, kind == feedFlaky && mix(s.seed, 6, uint64(i), uint64(tick))%2 == 0:
		s.failed.Add(1)
		http.Error(w, "upstream unavailable", http.StatusServiceUnavailable)
		return
	case kind == feedSlow:
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	etag := fmt.Sprintf(`"s%d-%d"`, i, count)
	if r.Header.Get("If-None-Match") == etag {
		s.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	items := min(count, s.window)
	first := count - items
	body := feedgen.RSS(feedgen.Options{
		Title:       fmt.Sprintf("Soak wire %d", i),
		Link:        fmt.Sprintf("https://wire%d.example/", i),
		Prefix:      fmt.Sprintf("s%d", i),
		Language:    f.lang,
		First:       first,
		Items:       items,
		Newest:      newest,
		TitleSuffix: func(n int) string { return s.suffix(i, n) },
	})
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("ETag", etag)
	if _, err := w.Write(body); err != nil {
		return
	}
	s.ok.Add(1)
	now := time.Now()
	s.mu.Lock()
	for n := first; n < count; n++ {
		if f.served[n].IsZero() {
			f.served[n] = now
		}
	}
	s.mu.Unlock()
}

// mix hashes its arguments into one well-mixed number (splitmix64 steps).
func mix(vals ...uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range vals {
		h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h += 0x9e3779b97f4a7c15
		z := h
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e529
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		h = z ^ (z >> 31)
	}
	return h
}
