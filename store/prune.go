package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Retention has two clocks:
//
//   - A story's full text is kept while it may still be delivered or shown
//     in full: past retention (first seen before the cut-off) and with
//     nothing pending or failed, it is slimmed to its identity, title,
//     link, dates and matches.
//   - Its identity row is what keeps it from being stored and delivered
//     again, so it stays for as long as the feed can repeat the story: as
//     long as the feed still lists it, and for the retention period after
//     the feed last listed it. A feed that changes its guids on every poll
//     thus keeps its rows for one retention period, not forever.
//
// To know when a feed last listed a story, each parse marks the stories it
// lists as seen (MarkSeen), at most once per seenResolution per story, and
// records when the feed was parsed. A story last marked more than
// seenResolution before the feed's last parse was not in that parse: the
// feed no longer lists it. Feeds that answer 304 Not Modified list what
// they listed at their last parse, so their stories stay.

// seenResolution is how stale a story's last-seen time may get before a
// parse that lists it updates it: one write per story per day at most.
const seenResolution = 24 * time.Hour

// pruneBatch bounds the rows deleted in one transaction, so that pruning a
// large backlog never holds the writer for long.
const pruneBatch = 5000

// MarkSeen records that a parse of the feed called feed at at listed the
// stories ids (Item.ID values). Call it with every story of every parse,
// stored before or not, so that retention keeps the identity rows the
// feed can still repeat.
func (s *Store) MarkSeen(ctx context.Context, feed string, ids []string, at time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.markSeen(ctx, tx, feed, ids, at) })
	if err != nil {
		return fmt.Errorf("store: mark seen in feed %q: %w", feed, err)
	}
	return nil
}

// markSeen is MarkSeen within tx.
func (s *Store) markSeen(ctx context.Context, tx *sql.Tx, feed string, ids []string, at time.Time) error {
	now := toNanos(at)
	if len(ids) > 0 {
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		if _, err := tx.StmtContext(ctx, s.stmts.markSeen).ExecContext(ctx, now, feed, string(list), now-int64(seenResolution)); err != nil {
			return err
		}
	}
	_, err := tx.StmtContext(ctx, s.stmts.markParsed).ExecContext(ctx, feed, now)
	return err
}

// markSeenQuery and markParsedQuery are markSeen's statements.
const (
	markSeenQuery = `
UPDATE items SET last_seen = ?
WHERE feed = ? AND id IN (SELECT value FROM json_each(?)) AND max(first_seen, last_seen) < ?`
	markParsedQuery = `
INSERT INTO feeds (name, last_parsed) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET last_parsed = max(feeds.last_parsed, excluded.last_parsed)`
)

// PruneReport says what Prune did.
type PruneReport struct {
	// Slimmed counts the stories that lost their full text.
	Slimmed int
	// Deleted counts the stories deleted: their feeds no longer list them.
	Deleted int
	// Reclaimed is how many bytes the database file gave back.
	Reclaimed int64
}

// Prune applies retention with the cut-off before (see the two clocks
// above): outbox rows delivered (or counted in "and N more", or muted)
// before it are deleted; stories
// first seen before it with nothing pending or failed are slimmed; stories
// last listed by their feed before it, that their feed's last parse no
// longer lists, with nothing pending or failed, are deleted with their
// topic index rows. The space freed goes back to the file system
// (incremental vacuum, then a WAL checkpoint). Topic counts and replays
// reach back one retention period.
func (s *Store) Prune(ctx context.Context, before time.Time) (PruneReport, error) {
	var rep PruneReport
	at := toNanos(before)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE status IN ('delivered', 'counted', 'muted') AND delivered < ?`, at); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
UPDATE items SET summary = '', authors = NULL, categories = NULL, analysis = NULL
WHERE first_seen < ?
  AND (summary != '' OR analysis IS NOT NULL OR authors IS NOT NULL OR categories IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.item = items.seq AND o.status IN ('pending', 'failed'))`, at)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		rep.Slimmed = int(n)
		return err
	})
	if err != nil {
		return rep, fmt.Errorf("store: prune: %w", err)
	}
	for {
		n, err := s.deleteGone(ctx, at)
		if err != nil {
			return rep, fmt.Errorf("store: prune: %w", err)
		}
		rep.Deleted += n
		if n < pruneBatch {
			break
		}
	}
	if rep.Reclaimed, err = s.reclaim(ctx); err != nil {
		return rep, fmt.Errorf("store: prune: %w", err)
	}
	return rep, nil
}

// deleteGone deletes up to pruneBatch stories that their feed stopped
// listing before the cut-off at, and returns how many.
func (s *Store) deleteGone(ctx context.Context, at int64) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
DELETE FROM items WHERE seq IN (
	SELECT i.seq FROM items i JOIN feeds f ON f.name = i.feed
	WHERE max(i.first_seen, i.last_seen) < ?
	  AND max(i.first_seen, i.last_seen) < f.last_parsed - ?
	  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.item = i.seq AND o.status IN ('pending', 'failed'))
	LIMIT ?)`, at, int64(seenResolution), pruneBatch)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// reclaim gives the database's free pages back to the file system and
// truncates the write-ahead log; it returns the bytes freed.
func (s *Store) reclaim(ctx context.Context) (int64, error) {
	if s.dialect == postgresDialect {
		return 0, nil // autovacuum reuses the space; nothing to truncate
	}
	var free, size int64
	if err := s.w.QueryRowContext(ctx, `PRAGMA freelist_count`).Scan(&free); err != nil {
		return 0, err
	}
	if err := s.w.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, err
	}
	if free > 0 {
		if _, err := s.w.ExecContext(ctx, `PRAGMA incremental_vacuum`); err != nil {
			return 0, err
		}
	}
	// A busy checkpoint (readers in the way) is retried at the next prune.
	if _, err := s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return 0, err
	}
	return free * size, nil
}
