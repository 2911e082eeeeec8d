package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
)

// LastSeq returns the sequence number of the newest story stored, 0 for
// none. Stories stored later have greater numbers, so that a caller can
// name "what was stored after this point".
func (s *Store) LastSeq(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT max(seq) FROM items`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: last seq: %w", err)
	}
	return n.Int64, nil
}

// Backlog selects stored stories for an output that did not exist when
// they were stored.
type Backlog struct {
	// Topics keeps only stories that matched one of these topics; nil
	// takes every story.
	Topics []string
	// Since takes the stories first seen and published at or after it;
	// zero takes none this way.
	Since time.Time
	// Later, when set, also takes the stories stored after the sequence
	// number AfterSeq (see LastSeq), whatever their date.
	Later    bool
	AfterSeq int64
	// Limit caps the stories returned, newest first; <= 0 means all.
	Limit int
}

// Backlog returns the stories b selects, oldest first.
func (s *Store) Backlog(ctx context.Context, b Backlog) ([]*wirewatch.Item, error) {
	if b.Since.IsZero() && !b.Later {
		return nil, nil
	}
	since := int64(1<<63 - 1) // matches nothing
	if !b.Since.IsZero() {
		since = toNanos(b.Since)
	}
	after := int64(1<<63 - 1) // matches nothing
	if b.Later {
		after = b.AfterSeq
	}
	topicCond, args := "", []any{since, since, after}
	if b.Topics != nil {
		list, err := json.Marshal(b.Topics)
		if err != nil {
			return nil, fmt.Errorf("store: backlog: %w", err)
		}
		topicCond = ` AND EXISTS (SELECT 1 FROM item_topics t WHERE t.feed = i.feed AND t.id = i.id
	AND t.topic IN (SELECT value FROM json_each(?)))`
		args = append(args, string(list))
	}
	args = append(args, sqlLimit(b.Limit))
	items, err := s.queryItems(ctx, `SELECT `+itemCols+` FROM (SELECT * FROM items i
WHERE ((i.first_seen >= ? AND i.published >= ?) OR i.seq > ?)`+topicCond+`
ORDER BY i.seq DESC LIMIT ?) i ORDER BY i.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: backlog: %w", err)
	}
	return items, nil
}

// Queued is an outbox row to create for a stored story.
type Queued struct {
	// Feed and ID identify the story.
	Feed, ID string
	Delivery
}

// Enqueue creates pending outbox rows for stories already stored, and
// returns how many it created. A story that already has a row for the
// same output and kind (pending, delivered or failed) keeps it and gets
// no other; a story no longer stored is skipped.
func (s *Store) Enqueue(ctx context.Context, rows []Queued, at time.Time) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	for _, r := range rows {
		if err := r.check(); err != nil {
			return 0, fmt.Errorf("store: enqueue: %w", err)
		}
	}
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `
INSERT INTO outbox (item, output, kind, created)
SELECT seq, ?, ?, ? FROM items WHERE feed = ? AND id = ?
ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		n = 0
		for _, r := range rows {
			res, err := ins.ExecContext(ctx, r.Output, r.Kind, toNanos(at), r.Feed, r.ID)
			if err != nil {
				return fmt.Errorf("story %q of feed %q for %q: %w", r.ID, r.Feed, r.Output, err)
			}
			c, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += int(c)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: enqueue: %w", err)
	}
	return n, nil
}
