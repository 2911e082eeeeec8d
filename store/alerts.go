package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// EventAlert is the alert an output posted for an event: the message to
// edit as the event grows, and the reach it last told.
type EventAlert struct {
	Output, Event string
	// Message is the id of the alert message at its destination.
	Message string
	// Outlets and Languages are how many the message last said the event
	// had.
	Outlets, Languages int
	// Updated is when the message was posted or last edited.
	Updated time.Time
}

// AddEventAlert records the alert of an event on an output, unless the
// output already has one for the event; it reports whether it added it.
func (s *Store) AddEventAlert(ctx context.Context, a EventAlert) (bool, error) {
	res, err := s.w.ExecContext(ctx, `
INSERT INTO event_alerts (output, event, message, outlets, languages, updated) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING`, a.Output, a.Event, a.Message, a.Outlets, a.Languages, toNanos(a.Updated))
	if err != nil {
		return false, fmt.Errorf("store: add alert of event %q on %q: %w", a.Event, a.Output, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: add alert of event %q on %q: %w", a.Event, a.Output, err)
	}
	return n > 0, nil
}

// UpdateEventAlert records the reach an edit of the alert told.
func (s *Store) UpdateEventAlert(ctx context.Context, a EventAlert) error {
	_, err := s.w.ExecContext(ctx, `UPDATE event_alerts SET outlets = ?, languages = ?, updated = ? WHERE output = ? AND event = ?`,
		a.Outlets, a.Languages, toNanos(a.Updated), a.Output, a.Event)
	if err != nil {
		return fmt.Errorf("store: update alert of event %q on %q: %w", a.Event, a.Output, err)
	}
	return nil
}

// EventAlerts returns the alerts of one output (every output when output
// is "") posted or edited at or after since, oldest first.
func (s *Store) EventAlerts(ctx context.Context, output string, since time.Time) ([]EventAlert, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT output, event, message, outlets, languages, updated FROM event_alerts
WHERE (? = '' OR output = ?) AND updated >= ? ORDER BY updated, output, event`, output, output, toNanos(since))
	if err != nil {
		return nil, fmt.Errorf("store: alerts of events: %w", err)
	}
	defer rows.Close()
	var out []EventAlert
	for rows.Next() {
		var a EventAlert
		var updated int64
		if err := rows.Scan(&a.Output, &a.Event, &a.Message, &a.Outlets, &a.Languages, &updated); err != nil {
			return nil, fmt.Errorf("store: alerts of events: %w", err)
		}
		a.Updated = fromNanos(updated)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: alerts of events: %w", err)
	}
	return out, nil
}

// EventAlertOf returns the alert of an event on an output, if any.
func (s *Store) EventAlertOf(ctx context.Context, output, event string) (EventAlert, bool, error) {
	var a EventAlert
	var updated int64
	err := s.r.QueryRowContext(ctx, `
SELECT output, event, message, outlets, languages, updated FROM event_alerts WHERE output = ? AND event = ?`, output, event).
		Scan(&a.Output, &a.Event, &a.Message, &a.Outlets, &a.Languages, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("store: alert of event %q on %q: %w", event, output, err)
	}
	a.Updated = fromNanos(updated)
	return a, true, nil
}

// ForgetEventAlert deletes the alert of an event on an output: it can no
// longer be edited.
func (s *Store) ForgetEventAlert(ctx context.Context, output, event string) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM event_alerts WHERE output = ? AND event = ?`, output, event); err != nil {
		return fmt.Errorf("store: forget alert of event %q on %q: %w", event, output, err)
	}
	return nil
}

// PruneEventAlerts deletes the alerts last posted or edited before a time
// and returns how many.
func (s *Store) PruneEventAlerts(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM event_alerts WHERE updated < ?`, toNanos(before))
	if err != nil {
		return 0, fmt.Errorf("store: prune alerts of events: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: prune alerts of events: %w", err)
	}
	return int(n), nil
}
