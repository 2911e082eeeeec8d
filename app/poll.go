package app

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// FeedResult is what one feed's poll did.
type FeedResult struct {
	Feed string
	// Result is what the fetch did.
	Result wirewatch.FetchResult
	New    int
	Err    error
}

// PollReport sums up one poll.
type PollReport struct {
	Feeds  []FeedResult
	New    int
	Failed int
	// Leased counts the feeds skipped because another replica sharing
	// the store polls them in this window.
	Leased   int
	Duration time.Duration
}

// Poll fetches the named feeds (every configured feed when names is
// empty), stores what is new and queues it for the outputs that want it.
// Feeds that are backing off after failures are skipped until their next
// poll time unless force is set. One broken feed never stops the others:
// its error is kept in the store and in the report.
func (a *App) Poll(ctx context.Context, names []string, force bool) (PollReport, error) {
	start := a.now()
	a.Reload()
	cfg := a.Config()
	a.beginArticles(ctx, cfg)
	a.beginTranslations(cfg)
	// Outputs made while this poll runs are caught up with what it
	// stored after this point.
	seq, err := a.store.LastSeq(ctx)
	if err != nil {
		return PollReport{}, err
	}
	all, err := a.currentOutputs(ctx)
	if err != nil {
		return PollReport{}, err
	}
	if err := a.backfillConfigured(ctx, cfg, all); err != nil {
		return PollReport{}, err
	}
	if err := a.refreshMutes(ctx); err != nil {
		return PollReport{}, err
	}
	// Disabled outputs get no new stories: their backlog would only grow.
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		return PollReport{}, err
	}
	outs := map[string]*output{}
	for name, o := range all {
		if _, off := disabled[name]; !off {
			outs[name] = o
		}
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var (
		mu  sync.Mutex
		rep PollReport
	)
	record := func(r FeedResult) {
		mu.Lock()
		defer mu.Unlock()
		rep.Feeds = append(rep.Feeds, r)
		rep.New += r.New
		if r.Result == wirewatch.ResultError {
			rep.Failed++
		}
	}
	// Workers fetch (the fetcher bounds fetches globally and per host),
	// parse, analyse and match feeds; at most one per core at a time does
	// the work that takes CPU. One writer stores what they found, as soon
	// as they found it, several feeds in one transaction when several
	// wait. A feed's memory is bounded by the workers' number, not the
	// number of feeds.
	workers := max(4*cfg.Poll.Concurrency, 16)
	due := make(chan config.Feed)
	found := make(chan *feedPoll, workers)
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	written := make(chan struct{})
	go func() {
		defer close(written)
		a.writePolls(ctx, cfg, outs, found, record)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range due {
				// On a shared store, a feed is polled by the replica that
				// leases it first in its window; leasing each feed as a
				// worker takes it spreads a poll over the replicas polling
				// at once.
				if mine, err := a.leaseFeed(ctx, f); err != nil {
					record(FeedResult{Feed: f.Name, Result: wirewatch.ResultError, Err: err})
					continue
				} else if !mine {
					mu.Lock()
					rep.Leased++
					mu.Unlock()
					continue
				}
				p, r := a.pollFeed(ctx, cfg, f, force, cpu)
				if ctx.Err() != nil {
					// Perhaps not polled after all: another replica may.
					a.releaseFeed(context.WithoutCancel(ctx), f.Name)
				}
				if p != nil {
					found <- p
				} else {
					record(r)
				}
			}
		}()
	}
	for _, f := range cfg.Feeds {
		if len(want) > 0 && !want[f.Name] {
			continue
		}
		select {
		case due <- f:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(due)
	wg.Wait()
	close(found)
	<-written
	if ctx.Err() == nil {
		a.catchUp(ctx, all, seq)
	}
	a.saveDetectorMemory(context.WithoutCancel(ctx))
	a.mu.Lock()
	a.lastPoll = a.now()
	a.mu.Unlock()
	rep.Duration = a.now().Sub(start)
	if ctx.Err() == nil {
		a.recordStoreHealth(rep)
		a.metrics.Polled(a.now(), rep.Duration)
	}
	attrs := []any{slog.Int("feeds", len(rep.Feeds)), slog.Int("new", rep.New), slog.Int("failed", rep.Failed), slog.Duration("took", rep.Duration)}
	if rep.Leased > 0 {
		attrs = append(attrs, slog.Int("polled_by_other_replicas", rep.Leased))
	}
	a.log.Info("poll done", attrs...)
	return rep, ctx.Err()
}

// pollFeed fetches, parses, analyses and matches one feed, taking a token
// of cpu for the stages that need a core. It returns what the writer is
// to store, or, for a feed it skips or that failed as the poll was
// cancelled (its state is left as it was), only its result.
func (a *App) pollFeed(ctx context.Context, cfg *config.Config, f config.Feed, force bool, cpu chan struct{}) (*feedPoll, FeedResult) {
	log := a.log.With(slog.String("feed", f.Name))
	st, err := a.store.FeedState(ctx, f.Name)
	if err != nil {
		log.Error("feed state unreadable", slog.Any("error", err))
		return nil, FeedResult{Feed: f.Name, Result: wirewatch.ResultError, Err: err}
	}
	now := a.now()
	if !st.Stopped.IsZero() {
		return nil, FeedResult{Feed: f.Name, Result: wirewatch.ResultStopped}
	}
	if !force && st.Failures > 0 && now.Before(st.NextPoll) {
		return nil, FeedResult{Feed: f.Name, Result: wirewatch.ResultBackoff}
	}
	st.URL = feeds.RedactURL(f.URL)
	st.LastFetch = now
	req := feeds.Request{URL: f.URL, Headers: map[string]string{}, ETag: st.ETag, LastModified: st.LastModified}
	for k, v := range f.Headers {
		req.Headers[k] = v
	}
	if ua := cmp.Or(f.UserAgent, cfg.Poll.UserAgent); ua != "" {
		req.Headers["User-Agent"] = ua
	}
	p := &feedPoll{f: f, req: req, st: &st, now: now, log: log}
	p.err = a.runStages(ctx, cfg, p, cpu)
	if p.err != nil && ctx.Err() != nil && errors.Is(p.err, ctx.Err()) {
		// Shutting down: leave the feed's state as it was.
		return nil, FeedResult{Feed: f.Name, Result: wirewatch.ResultError, Err: p.err}
	}
	return p, FeedResult{}
}

// runStages runs the stages of one feed's poll before storing.
func (a *App) runStages(ctx context.Context, cfg *config.Config, p *feedPoll, cpu chan struct{}) error {
	if err := a.fetchFeed(ctx, p); err != nil || p.resp.NotModified {
		return err
	}
	cpu <- struct{}{}
	err := a.parseFeed(cfg, p)
	<-cpu
	if err != nil {
		return err
	}
	// Looking up known stories and fetching articles wait, without a core.
	if err := a.newStories(ctx, cfg, p); err != nil {
		return err
	}
	cpu <- struct{}{}
	a.analyzeFeed(p, cfg.Matcher != nil)
	matchFeed(cfg.Matcher, p)
	<-cpu
	// Events are assigned one feed at a time: waiting for its turn, a
	// worker leaves its core to the others.
	p.members = a.assignEvents(ctx, cfg, p.fresh)
	// Waits on the translation server, without a core.
	a.translateHeadlines(ctx, cfg, p.fresh)
	return nil
}

// feedPoll is one feed on its way through a poll: what each stage found,
// for the next.
type feedPoll struct {
	f   config.Feed
	req feeds.Request
	st  *store.FeedState
	now time.Time
	log *slog.Logger
	// resp is the fetched response.
	resp *feeds.Response
	// ids are the Item.ID values of every story the feed lists.
	ids []string
	// fresh are the stories parsed, then those not stored yet; contents
	// are their full content once cleaned of noise (for matching).
	fresh    []*wirewatch.Item
	contents []string
	// members are the events of the fresh stories, to record once they
	// are stored.
	members []store.EventMember
	// err is why the poll failed.
	err error
}

// fetchFeed fetches the feed; a 304 sets its result.
func (a *App) fetchFeed(ctx context.Context, p *feedPoll) error {
	began := time.Now()
	resp, err := a.fetcher.Fetch(ctx, p.req)
	result, size := fetchOutcome(resp, err)
	a.metrics.Fetched(result, time.Since(began), size)
	if err != nil {
		return err
	}
	p.resp = resp
	if resp.NotModified {
		p.st.Result = wirewatch.ResultNotModified
	}
	return nil
}

// parseFeed parses the fetched body.
func (a *App) parseFeed(cfg *config.Config, p *feedPoll) error {
	f, resp := p.f, p.resp
	parsed, err := feeds.Parse(resp.Body, resp.ContentType, feeds.ParseOptions{Feed: f.Name, LanguageHint: f.Language, BaseURL: resp.FinalURL, Now: p.now, MaxItems: cfg.Poll.MaxItems})
	if err != nil {
		return err
	}
	if parsed.Dropped > 0 {
		a.log.Warn("feed lists more stories than poll.max_items; the oldest were left out", slog.String("feed", f.Name),
			slog.Int("left_out", parsed.Dropped), slog.Int("max_items", cfg.Poll.MaxItems))
	}
	p.ids = make([]string, len(parsed.Items))
	for i, it := range parsed.Items {
		p.ids[i] = it.ID
	}
	p.fresh = parsed.Items
	return nil
}

// newStories keeps the parsed stories not stored yet and gives those that
// want it their article's text.
func (a *App) newStories(ctx context.Context, cfg *config.Config, p *feedPoll) error {
	known, err := a.store.Known(ctx, p.f.Name, p.ids)
	if err != nil {
		return err
	}
	fresh := p.fresh[:0:0]
	for _, it := range p.fresh {
		if !known[it.ID] {
			fresh = append(fresh, it)
		}
	}
	p.fresh = fresh
	a.fetchArticles(ctx, cfg, p.f, p.fresh)
	return nil
}

// analyzeFeed finds the language and noise of the new stories, and cleans
// their full content when it is to be matched.
func (a *App) analyzeFeed(p *feedPoll, content bool) {
	p.contents = make([]string, len(p.fresh))
	var d Analyzer
	if a.detector != nil {
		d = a.detector
	}
	for i, it := range p.fresh {
		p.contents[i] = analyze(d, it, content)
	}
}

// matchFeed matches the new stories against the topics of m.
func matchFeed(m *topics.Matcher, p *feedPoll) {
	for i, it := range p.fresh {
		match(m, it, p.contents[i])
	}
}

// Enrich fills a story's analysis (when d is not nil) and topic matches
// (when m is not nil). The full content, when the feed gives one, goes
// through the noise pass on its own (as the feed's "content" source) and
// is matched with the title, the summary and the feed's subject fields.
func Enrich(d Analyzer, m *topics.Matcher, it *wirewatch.Item) {
	match(m, it, analyze(d, it, m != nil))
}

// analyze fills a story's analysis when d is not nil and, when content is
// set, returns its full content cleaned of noise (as it is when d is nil).
func analyze(d Analyzer, it *wirewatch.Item, content bool) string {
	if d != nil {
		it.Analysis = d.Analyze(detect.Input{Source: it.Feed, Title: it.Title, Text: it.Summary, DeclaredLanguage: it.DeclaredLanguage})
	}
	if !content || d == nil || it.Content == "" {
		return it.Content
	}
	// The story's language, from its title and summary, is the
	// content's: only the noise is left to find.
	return d.CleanText(detect.Input{Source: it.Feed + " content", Title: it.Title, Text: it.Content, DeclaredLanguage: it.Language()}, it.Analysis.Language)
}

// match fills a story's topic matches when m is not nil, from its clean
// title and text, its full content as cleaned by analyze, and its
// subject fields.
func match(m *topics.Matcher, it *wirewatch.Item, content string) {
	if m == nil {
		return
	}
	it.Matches = m.Match(topics.Doc{Title: it.DisplayTitle(), Text: it.DisplayText(), Content: content, Subjects: it.Categories, Language: it.Language()})
}
