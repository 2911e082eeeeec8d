package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
)

// Delivery names an output that wants a story, and how.
type Delivery struct {
	// Output is the output's name, as the application knows it.
	Output string
	// Kind is how the output wants it.
	Kind wirewatch.Kind
}

// check reports whether d can be stored.
func (d Delivery) check() error {
	if d.Output == "" {
		return errors.New("delivery with an empty output")
	}
	if !d.Kind.Valid() {
		return fmt.Errorf("delivery to %q: unknown kind %q", d.Output, d.Kind)
	}
	return nil
}

// Pending is one outbox row, a story owed to an output, with its story.
type Pending struct {
	// ID identifies the row for MarkDelivered and MarkFailed.
	ID int64
	// Output and Kind are the row's Delivery.
	Output string
	Kind   wirewatch.Kind
	// Item is the story as stored.
	Item *wirewatch.Item
	// Attempts counts the failed attempts to deliver it.
	Attempts int
	// Created is when the row was created, with its story.
	Created time.Time
	// LastError is the error of the last failed attempt.
	LastError string
	// Done is when the row was delivered or counted; zero before.
	Done time.Time
}

// Outbox row states. A row is pending until its output accepted the
// message that carried it: delivered when the message showed the story,
// counted when it only counted it in "and N more". A row the output
// refused for good is failed until Retry. A row whose event was muted
// where its output delivers, before it was delivered, is muted.
const (
	statusPending = "pending"
	statusFailed  = "failed"
)

// Pending returns the undelivered rows of output, oldest first, at most
// limit of them (all when limit <= 0). kind selects digest or alert rows;
// "" selects both. Rows that failed permanently are not pending.
func (s *Store) Pending(ctx context.Context, output string, kind wirewatch.Kind, limit int) ([]Pending, error) {
	out, err := s.queryOutbox(ctx, `
WHERE o.status = 'pending' AND o.output = ? AND (? = '' OR o.kind = ?)
ORDER BY o.id LIMIT ?`, output, kind, kind, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: pending for %q: %w", output, err)
	}
	return out, nil
}

// Failed returns the rows of output that failed permanently, oldest first;
// output "" returns those of every output.
func (s *Store) Failed(ctx context.Context, output string) ([]Pending, error) {
	out, err := s.queryOutbox(ctx, `
WHERE o.status = 'failed' AND (? = '' OR o.output = ?)
ORDER BY o.id`, output, output)
	if err != nil {
		return nil, fmt.Errorf("store: failed for %q: %w", output, err)
	}
	return out, nil
}

// queryOutbox reads outbox rows with their stories; where holds the
// conditions on the outbox, aliased o, and the order.
func (s *Store) queryOutbox(ctx context.Context, where string, args ...any) ([]Pending, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT o.id, o.output, o.kind, o.attempts, o.created, o.last_error, o.delivered,
	coalesce(em.event, ''), coalesce(em.gloss, ''),
	coalesce((SELECT t.translated FROM translations t WHERE t.source = i.title ORDER BY t.created DESC LIMIT 1), ''), `+itemCols+`
FROM outbox o JOIN items i ON i.seq = o.item
LEFT JOIN event_members em ON em.feed = i.feed AND em.id = i.id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pending
	for rows.Next() {
		var p Pending
		var created, done int64
		var event, gloss, translation string
		p.Item, err = scanItem(rows, &p.ID, &p.Output, &p.Kind, &p.Attempts, &created, &p.LastError, &done, &event, &gloss, &translation)
		if err != nil {
			return nil, err
		}
		p.Item.Event, p.Item.Gloss, p.Item.Translation = event, gloss, translation
		p.Created, p.Done = fromNanos(created), fromNanos(done)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PendingCounts returns, per output, how many rows of either kind are
// pending. Outputs with none are absent.
func (s *Store) PendingCounts(ctx context.Context) (map[string]int, error) {
	return s.countsByOutput(ctx, "pending")
}

// MarkDelivered records that the rows ids were delivered at at, shown in
// the message with the given id ("" when the output gives none). Rows
// already delivered and unknown ids are left alone, so marking twice is
// harmless. A row that had failed permanently and was then delivered by
// hand counts as delivered.
func (s *Store) MarkDelivered(ctx context.Context, ids []int64, at time.Time, message string) error {
	return s.markDone(ctx, "delivered", ids, at, message)
}

// MarkCounted records that the rows ids were counted, not shown, in the
// "and N more" of a message their output accepted at at. They are done:
// no digest shows them again, and Counted lists them for whoever wants to
// read them.
func (s *Store) MarkCounted(ctx context.Context, ids []int64, at time.Time, message string) error {
	return s.markDone(ctx, "counted", ids, at, message)
}

// markDone moves rows not yet done to a done status.
func (s *Store) markDone(ctx context.Context, status string, ids []int64, at time.Time, message string) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("store: mark %s: %w", status, err)
	}
	_, err = s.w.ExecContext(ctx, `
UPDATE outbox SET status = ?, delivered = ?, message = ?
WHERE status NOT IN ('delivered', 'counted') AND id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`, status, toNanos(at), message, string(list))
	if err != nil {
		return fmt.Errorf("store: mark %s: %w", status, err)
	}
	return nil
}

// Counted returns the rows of output ("" for every output) that digests
// counted in "and N more" without showing them, since a time, newest
// first, at most limit (all when limit <= 0).
func (s *Store) Counted(ctx context.Context, output string, since time.Time, limit int) ([]Pending, error) {
	out, err := s.queryOutbox(ctx, `
WHERE o.status = 'counted' AND (? = '' OR o.output = ?) AND o.delivered >= ?
ORDER BY o.delivered DESC, i.published DESC, o.id DESC LIMIT ?`, output, output, toNanos(since), sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: counted for %q: %w", output, err)
	}
	return out, nil
}

// MarkAttempt records that delivery of the pending rows ids is about to
// be tried: their attempts grow by one. A row still pending with attempts
// above zero was in flight when the previous try ended, perhaps in a crash,
// so it may already have reached its output; callers retry such rows on
// their own, as the same batch, so that the output can recognise the retry.
func (s *Store) MarkAttempt(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("store: mark attempt: %w", err)
	}
	_, err = s.w.ExecContext(ctx, `
UPDATE outbox SET attempts = attempts + 1
WHERE status = 'pending' AND id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`, string(list))
	if err != nil {
		return fmt.Errorf("store: mark attempt: %w", err)
	}
	return nil
}

// MarkFailed records that delivering the pending rows ids failed: msg
// becomes their last error (attempts are counted by MarkAttempt). With
// permanent the rows move to the failed state: kept and listed by Failed,
// but no longer pending. Rows not pending are left alone.
func (s *Store) MarkFailed(ctx context.Context, ids []int64, msg string, permanent bool) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("store: mark failed: %w", err)
	}
	status := statusPending
	if permanent {
		status = statusFailed
	}
	_, err = s.w.ExecContext(ctx, `
UPDATE outbox SET last_error = ?, status = ?
WHERE status = 'pending' AND id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`, msg, status, string(list))
	if err != nil {
		return fmt.Errorf("store: mark failed: %w", err)
	}
	return nil
}

// Retry moves the permanently failed rows ids back to pending, keeping
// their attempts and last error, for another try after the cause was fixed.
// It returns how many rows moved.
func (s *Store) Retry(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return 0, fmt.Errorf("store: retry: %w", err)
	}
	res, err := s.w.ExecContext(ctx, `
UPDATE outbox SET status = 'pending'
WHERE status = 'failed' AND id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`, string(list))
	if err != nil {
		return 0, fmt.Errorf("store: retry: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: retry: %w", err)
	}
	return int(n), nil
}
