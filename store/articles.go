package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Article is a fetched article page, as the article cache keeps it: its
// readable text, or why it could not be had.
type Article struct {
	// URL is the page's canonical address, the cache key.
	URL string
	// Fetched is when the page was fetched.
	Fetched time.Time
	// Title, Text and Language are what extraction found; empty when Err
	// is set.
	Title, Text, Language string
	// Err is why the page gave no article; empty when it did.
	Err string
}

// CachedArticle returns the cached article at url, and whether there is
// one.
func (s *Store) CachedArticle(ctx context.Context, url string) (Article, bool, error) {
	a := Article{URL: url}
	var fetched int64
	err := s.r.QueryRowContext(ctx, `SELECT fetched, title, text, language, error FROM articles WHERE url = ?`, url).
		Scan(&fetched, &a.Title, &a.Text, &a.Language, &a.Err)
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, false, nil
	}
	if err != nil {
		return Article{}, false, fmt.Errorf("store: cached article: %w", err)
	}
	a.Fetched = fromNanos(fetched)
	return a, true, nil
}

// CacheArticle stores a, replacing what was cached at a.URL.
func (s *Store) CacheArticle(ctx context.Context, a Article) error {
	if a.URL == "" {
		return errors.New("store: cache article: empty url")
	}
	_, err := s.w.ExecContext(ctx, `
INSERT INTO articles (url, fetched, title, text, language, error) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (url) DO UPDATE SET fetched = excluded.fetched, title = excluded.title,
	text = excluded.text, language = excluded.language, error = excluded.error`,
		a.URL, toNanos(a.Fetched), a.Title, a.Text, a.Language, a.Err)
	if err != nil {
		return fmt.Errorf("store: cache article: %w", err)
	}
	return nil
}

// PruneArticles deletes the cached articles fetched before before and
// returns how many it deleted.
func (s *Store) PruneArticles(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM articles WHERE fetched < ?`, toNanos(before))
	if err != nil {
		return 0, fmt.Errorf("store: prune articles: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
