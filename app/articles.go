package app

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/config"
)

// articles fetches the article pages of teaser stories for the feeds
// that ask (feeds[].fetch_article), within the budget of the poll in
// progress.
type articles struct {
	once    sync.Once
	fetcher *article.Fetcher
	// poll is the budget of the latest poll; polls that overlap share it.
	poll atomic.Pointer[article.Poll]
}

// articleFetcher returns the article fetcher, built on first use over the
// feed fetcher and the store.
func (a *App) articleFetcher() *article.Fetcher {
	a.articles.once.Do(func() {
		a.articles.fetcher = article.New(a.fetcher, a.store, article.Options{Logger: a.log, Now: a.now})
	})
	return a.articles.fetcher
}

// beginArticles starts a poll's budget of article fetches, when any feed
// fetches articles.
func (a *App) beginArticles(ctx context.Context, cfg *config.Config) {
	for _, f := range cfg.Feeds {
		if f.FetchArticle == article.On || f.FetchArticle == article.Auto {
			a.articles.poll.Store(a.articleFetcher().NewPoll(ctx))
			return
		}
	}
}

// fetchArticles gives the new stories of feed f that want it their
// article's text (see article.Poll.Fill), so that noise removal and topic
// matching run on the article. A page that fails leaves its story as it
// was.
func (a *App) fetchArticles(ctx context.Context, cfg *config.Config, f config.Feed, items []*wirewatch.Item) {
	if len(items) == 0 || (f.FetchArticle != article.On && f.FetchArticle != article.Auto) {
		return
	}
	p := a.articles.poll.Load()
	if p == nil {
		a.articles.poll.CompareAndSwap(nil, a.articleFetcher().NewPoll(ctx))
		p = a.articles.poll.Load()
	}
	src := article.Source{FeedURL: f.URL, UserAgent: cmp.Or(f.UserAgent, cfg.Poll.UserAgent)}
	st := p.Fill(ctx, src, f.FetchArticle, items)
	if st.Wanted == 0 {
		return
	}
	log := a.log.With(slog.String("feed", f.Name), slog.Int("wanted", st.Wanted), slog.Int("fetched", st.Fetched),
		slog.Int("cached", st.Cached), slog.Int("failed", st.Failed), slog.Int("skipped", st.Skipped))
	if st.Skipped > 0 && ctx.Err() == nil {
		log.Warn("article budget of this poll spent; the other stories are matched on their feed text")
		return
	}
	log.Debug("articles fetched")
}
