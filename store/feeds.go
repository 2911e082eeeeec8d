package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
)

// FeedState is what the store remembers about one feed between polls: the
// validators for a conditional GET, the outcome of the last fetch and when
// to poll next.
type FeedState struct {
	// Name is the feed's configured name, its identity in the store.
	Name string
	// URL is the address last fetched.
	URL string
	// ETag and LastModified are the validators of the last full response.
	ETag, LastModified string
	// LastFetch is when the feed was last fetched; zero if never.
	LastFetch time.Time
	// Result is the outcome of the last fetch; ResultNone before the first.
	Result wirewatch.FetchResult
	// LastError is the last fetch error, kept until a fetch succeeds.
	LastError string
	// New counts the items the last fetch added.
	New int
	// Failures counts consecutive failed fetches.
	Failures int
	// NextPoll is when the feed is due again; zero means now.
	NextPoll time.Time
	// FailingSince is when the current run of failures began; zero while
	// the feed works.
	FailingSince time.Time
	// Stopped is when polling stopped because the feed kept failing;
	// zero while it is polled. ResumeFeed clears it.
	Stopped time.Time
	// DeadAnnounced is when the feed's death was announced; zero when it
	// was not, or when its recovery was announced since. SaveFeedState
	// leaves it alone: only MarkDeadAnnounced and MarkRecoveryAnnounced
	// write it.
	DeadAnnounced time.Time
}

const feedCols = `name, url, etag, last_modified, last_fetch, result, last_error, new_items, failures, next_poll, failing_since, stopped, dead_announced`

// FeedState returns the stored state of the feed called name, or
// FeedState{Name: name} when the feed has never been saved.
func (s *Store) FeedState(ctx context.Context, name string) (FeedState, error) {
	row := s.r.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE name = ?`, name)
	st, err := scanFeed(row)
	if errors.Is(err, sql.ErrNoRows) {
		return FeedState{Name: name}, nil
	}
	if err != nil {
		return FeedState{}, fmt.Errorf("store: feed state %q: %w", name, err)
	}
	return st, nil
}

// FeedStates returns the stored state of every feed, sorted by name.
func (s *Store) FeedStates(ctx context.Context) ([]FeedState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+feedCols+` FROM feeds ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: feed states: %w", err)
	}
	defer rows.Close()
	var out []FeedState
	for rows.Next() {
		st, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: feed states: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feed states: %w", err)
	}
	return out, nil
}

// SaveFeedState stores st, replacing what was stored for st.Name.
func (s *Store) SaveFeedState(ctx context.Context, st FeedState) error {
	if st.Name == "" {
		return errors.New("store: save feed state: empty feed name")
	}
	_, err := s.w.ExecContext(ctx, saveFeedQuery, feedStateArgs(st)...)
	if err != nil {
		return fmt.Errorf("store: save feed state %q: %w", st.Name, err)
	}
	return nil
}

// saveFeedQuery stores a feed's state (feedStateArgs), leaving the time
// its death was announced alone.
const saveFeedQuery = `
INSERT INTO feeds (` + feedCols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
ON CONFLICT (name) DO UPDATE SET
	url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
	last_fetch = excluded.last_fetch, result = excluded.result, last_error = excluded.last_error,
	new_items = excluded.new_items, failures = excluded.failures, next_poll = excluded.next_poll,
	failing_since = excluded.failing_since, stopped = excluded.stopped`

// feedStateArgs are the values saveFeedQuery stores.
func feedStateArgs(st FeedState) []any {
	return []any{st.Name, st.URL, st.ETag, st.LastModified, toNanos(st.LastFetch), st.Result, st.LastError,
		st.New, st.Failures, toNanos(st.NextPoll), toNanos(st.FailingSince), toNanos(st.Stopped)}
}

// FeedStatuses returns the health of every feed whose state was saved, with
// the number of its stories stored, sorted by name. While the database
// cannot store (see WriteError), a feed that was due since writes began to
// fail, and whose state could not be saved since, shows as failed: its
// stories could not be stored.
func (s *Store) FeedStatuses(ctx context.Context) ([]wirewatch.FeedStatus, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT `+feedCols+`, (SELECT count(*) FROM items WHERE items.feed = feeds.name)
FROM feeds ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: feed statuses: %w", err)
	}
	defer rows.Close()
	var out []wirewatch.FeedStatus
	for rows.Next() {
		var n int
		st, err := scanFeed(rows, &n)
		if err != nil {
			return nil, fmt.Errorf("store: feed statuses: %w", err)
		}
		out = append(out, wirewatch.FeedStatus{
			Name: st.Name, URL: st.URL, LastFetch: st.LastFetch, Result: st.Result,
			Items: n, New: st.New, LastError: st.LastError, Failures: st.Failures, NextPoll: st.NextPoll,
			FailingSince: st.FailingSince, Stopped: st.Stopped,
		})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feed statuses: %w", err)
	}
	s.markUnstored(out, time.Now())
	return out, nil
}

// scanFeed reads the feedCols columns of one row, then any extra columns
// into extra.
func scanFeed(row interface{ Scan(...any) error }, extra ...any) (FeedState, error) {
	var st FeedState
	var lastFetch, nextPoll, failingSince, stopped, announced int64
	dest := append([]any{&st.Name, &st.URL, &st.ETag, &st.LastModified, &lastFetch, &st.Result,
		&st.LastError, &st.New, &st.Failures, &nextPoll, &failingSince, &stopped, &announced}, extra...)
	if err := row.Scan(dest...); err != nil {
		return FeedState{}, err
	}
	st.LastFetch, st.NextPoll = fromNanos(lastFetch), fromNanos(nextPoll)
	st.FailingSince, st.Stopped, st.DeadAnnounced = fromNanos(failingSince), fromNanos(stopped), fromNanos(announced)
	return st, nil
}
