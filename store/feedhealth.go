package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
)

// ResumeFeed lets a feed whose polling stopped be polled again at the
// next poll, with a clean slate: its failures are forgotten (its last
// error stays, for status), so that it has the full time to work again
// before it is stopped once more. It reports whether the feed was
// stopped; a feed the store does not know is an error wrapping
// ErrNotFound.
func (s *Store) ResumeFeed(ctx context.Context, name string) (bool, error) {
	var stopped int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT stopped FROM feeds WHERE name = ?`, name).Scan(&stopped); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("feed %q: %w", name, ErrNotFound)
			}
			return err
		}
		if stopped == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `
UPDATE feeds SET stopped = 0, next_poll = 0, failures = 0, failing_since = 0 WHERE name = ?`, name)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: resume feed: %w", err)
	}
	return stopped != 0, nil
}

// FeedsToAnnounce returns the feeds whose health changed in a way people
// should hear about: dead are those failing since at least deadAfter
// before now whose death was not announced yet, recovered those whose
// death was announced and whose last fetch worked. Both are sorted by
// name. Announcing is the caller's; it then calls MarkDeadAnnounced or
// MarkRecoveryAnnounced, so that each change is announced once.
func (s *Store) FeedsToAnnounce(ctx context.Context, now time.Time, deadAfter time.Duration) (dead, recovered []FeedState, err error) {
	dead, err = s.queryFeeds(ctx, `
SELECT `+feedCols+` FROM feeds
WHERE failures > 0 AND failing_since > 0 AND failing_since <= ? AND dead_announced = 0
ORDER BY name`, toNanos(now.Add(-deadAfter)))
	if err != nil {
		return nil, nil, fmt.Errorf("store: dead feeds: %w", err)
	}
	recovered, err = s.queryFeeds(ctx, `
SELECT `+feedCols+` FROM feeds
WHERE dead_announced > 0 AND failures = 0 AND result IN (?, ?)
ORDER BY name`, wirewatch.ResultOK, wirewatch.ResultNotModified)
	if err != nil {
		return nil, nil, fmt.Errorf("store: recovered feeds: %w", err)
	}
	return dead, recovered, nil
}

// MarkDeadAnnounced records that the death of the feed called name was
// announced at at. It reports false, and records nothing, when the feed
// works again or is unknown.
func (s *Store) MarkDeadAnnounced(ctx context.Context, name string, at time.Time) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET dead_announced = ? WHERE name = ? AND failures > 0`, toNanos(at), name)
	if err != nil {
		return false, fmt.Errorf("store: mark %q announced dead: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MarkRecoveryAnnounced records that the recovery of the feed called name
// was announced: a later death is announced again. It reports false, and
// records nothing, when the feed is failing again or is unknown.
func (s *Store) MarkRecoveryAnnounced(ctx context.Context, name string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE feeds SET dead_announced = 0 WHERE name = ? AND failures = 0`, name)
	if err != nil {
		return false, fmt.Errorf("store: mark %q announced recovered: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// queryFeeds runs a query selecting feedCols.
func (s *Store) queryFeeds(ctx context.Context, query string, args ...any) ([]FeedState, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FeedState
	for rows.Next() {
		st, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
