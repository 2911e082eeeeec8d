package app

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/cputime"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// corpusFeed is one feed file of the corpus.
type corpusFeed struct {
	// name is the feed's name in the configuration: the file's language
	// folder and base name ("en-bbc-news-1").
	name string
	body []byte
}

// loadCorpus reads every feed file of $WIREWATCH_CORPUS/feeds, sorted by
// path; it skips the benchmark when the variable is unset.
func loadCorpus(b *testing.B) []corpusFeed {
	b.Helper()
	dir := os.Getenv("WIREWATCH_CORPUS")
	if dir == "" {
		b.Skip("WIREWATCH_CORPUS is not set: set it to the corpus folder (../shared/corpus) to run the corpus benchmark")
	}
	root := filepath.Join(dir, "feeds")
	var out []corpusFeed
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(strings.ReplaceAll(filepath.ToSlash(rel), "/", "-"), filepath.Ext(rel))
		out = append(out, corpusFeed{name: name, body: body})
		return nil
	})
	if err != nil {
		b.Fatalf("corpus: %v", err)
	}
	if len(out) == 0 {
		b.Fatalf("corpus: no feed files in %s", root)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// corpusServer serves each corpus feed at /NAME.xml on 127.0.0.1, as the
// file's bytes with no declared charset, so that the fetcher and parser
// sniff it as they would a real server's.
func corpusServer(b *testing.B, corpus []corpusFeed) *httptest.Server {
	b.Helper()
	bodies := make(map[string][]byte, len(corpus))
	for _, f := range corpus {
		bodies["/"+f.name+".xml"] = f.body
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// corpusApp wires an App as the program does over a new SQLite store in
// a temporary folder, with a new detector of the default languages (so
// that every iteration starts cold, with no boilerplate learnt), the
// concept tagger that sorts stories into events, every
// corpus feed, every built-in pack as a topic and one JSON-lines output
// taking every story. The caller closes the store it returns.
func corpusApp(b *testing.B, url string, corpus []corpusFeed) (*App, *store.Store) {
	b.Helper()
	dir := b.TempDir()
	var y strings.Builder
	y.WriteString("feeds:\n")
	for _, f := range corpus {
		fmt.Fprintf(&y, "  - url: %s/%s.xml\n    name: %s\n", url, f.name, f.name)
	}
	fmt.Fprintf(&y, "outputs:\n  - type: jsonl\n    path: %s\n    all_stories: true\ntopics:\n", filepath.Join(dir, "out.jsonl"))
	for _, id := range topics.PackIDs() {
		fmt.Fprintf(&y, "  - id: %s\n    include: %s\n", id, id)
	}
	cfg, err := config.Parse(filepath.Join(dir, "config.yaml"), []byte(y.String()), func(string) (string, bool) { return "", false })
	if err != nil {
		b.Fatalf("config: %v", err)
	}
	log := slog.New(slog.DiscardHandler)
	det, err := NewDetector(cfg, log)
	if err != nil {
		b.Fatal(err)
	}
	tagger, err := topics.NewTagger()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: NewFetcher(cfg, "", log), Detector: det, Tagger: tagger, Outputs: outputs.Builder{Logger: log}, Logger: log})
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	return a, st
}

// BenchmarkCorpus measures the whole path on the corpus's real feeds
// (WIREWATCH_CORPUS): each op is a cold poll of every feed file, served
// over HTTP on 127.0.0.1, with the default languages and every built-in
// pack, into a new SQLite database. It reports stories per CPU-second of
// the process (getrusage: user and system time, the local server's
// included), which varies far less than wall time on a shared machine.
//
//   - poll: App.Poll, as `wirewatch once` runs it, feeds side by side;
//   - stages: the same stages run one feed after the other on one
//     goroutine, each timed on its own: fetch (with the feed state read),
//     parse, detect (language and noise, the full content's noise pass
//     included), match, events (sorting stories into events), store
//     (known ids; then the stories with their
//     outbox rows, the listed ids and the feed's state in one
//     transaction, as the poll's writer stores them).
//
// Building the detector and opening the store are left out.
func BenchmarkCorpus(b *testing.B) {
	corpus := loadCorpus(b)
	srv := corpusServer(b, corpus)
	ctx := context.Background()

	b.Run("poll", func(b *testing.B) {
		var cpu time.Duration
		stories := 0
		for b.Loop() {
			b.StopTimer()
			a, st := corpusApp(b, srv.URL, corpus)
			runtime.GC()
			b.StartTimer()
			began := cputime.Used(b)
			rep, err := a.Poll(ctx, nil, false)
			cpu += cputime.Used(b) - began
			b.StopTimer()
			if err != nil || rep.Failed > 0 {
				b.Fatalf("Poll: %d feeds failed, error %v", rep.Failed, err)
			}
			stories += rep.New
			st.Close()
			b.StartTimer()
		}
		reportCorpus(b, stories, cpu)
	})

	b.Run("stages", func(b *testing.B) {
		var clock stageClock
		stories := 0
		for b.Loop() {
			b.StopTimer()
			a, st := corpusApp(b, srv.URL, corpus)
			cfg := a.Config()
			outs, err := a.currentOutputs(ctx)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			b.StartTimer()
			for _, f := range cfg.Feeds {
				stories += clock.poll(b, ctx, a, cfg, f, outs)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		reportCorpus(b, stories, clock.total())
		for i, name := range stageNames {
			b.ReportMetric(float64(clock.cpu[i].Microseconds())/float64(stories), name+"-cpu-us/story")
		}
	})
}

// stageNames name the stages stageClock times.
var stageNames = [...]string{"fetch", "parse", "detect", "match", "events", "store"}

// stageClock sums the CPU time of each stage.
type stageClock struct {
	cpu [len(stageNames)]time.Duration
}

// poll runs one feed through the pipeline's stages, timing each, and
// returns the number of stories stored.
func (c *stageClock) poll(b *testing.B, ctx context.Context, a *App, cfg *config.Config, f config.Feed, outs map[string]*output) int {
	t := cputime.Used(b)
	lap := func(stage int) {
		now := cputime.Used(b)
		c.cpu[stage] += now - t
		t = now
	}
	st, err := a.store.FeedState(ctx, f.Name)
	if err != nil {
		b.Fatal(err)
	}
	p := &feedPoll{f: f, req: feeds.Request{URL: f.URL}, st: &st, now: a.now(), log: a.log}
	if err := a.fetchFeed(ctx, p); err != nil {
		b.Fatalf("feed %s: %v", f.Name, err)
	}
	lap(0)
	if err := a.parseFeed(cfg, p); err != nil {
		b.Fatalf("feed %s: %v", f.Name, err)
	}
	lap(1)
	if err := a.newStories(ctx, cfg, p); err != nil {
		b.Fatalf("feed %s: %v", f.Name, err)
	}
	lap(5)
	a.analyzeFeed(p, cfg.Matcher != nil)
	lap(2)
	matchFeed(cfg.Matcher, p)
	lap(3)
	p.members = a.assignEvents(ctx, cfg, p.fresh)
	lap(4)
	r := a.savePolls(ctx, cfg, outs, []*feedPoll{p})[0]
	if r.Err != nil {
		b.Fatalf("feed %s: %v", f.Name, r.Err)
	}
	lap(5)
	return r.New
}

// total is the CPU time of every stage.
func (c *stageClock) total() time.Duration {
	var sum time.Duration
	for _, d := range c.cpu {
		sum += d
	}
	return sum
}

// reportCorpus reports stories per CPU-second and per op.
func reportCorpus(b *testing.B, stories int, cpu time.Duration) {
	b.Helper()
	if stories == 0 || cpu <= 0 {
		b.Fatalf("stored %d stories in %v of CPU", stories, cpu)
	}
	b.ReportMetric(float64(stories)/cpu.Seconds(), "stories/cpu-s")
	b.ReportMetric(float64(stories)/float64(b.N), "stories/op")
}
