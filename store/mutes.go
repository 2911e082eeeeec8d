package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Mute silences one event in one Discord channel until it expires: the
// event's later stories are not queued for the channel's outputs.
type Mute struct {
	// Channel is the channel (or thread, or forum) the event is muted in.
	Channel string
	// Event is the event's id.
	Event string
	// Guild is the channel's server.
	Guild string
	// Title names the event for people: its lead story's title.
	Title string
	// By is the Discord user id that muted it.
	By string
	// Created is when it was muted; Expires when the mute ends.
	Created, Expires time.Time
}

// AddMute records a mute. Muting an event again in the same channel
// moves its expiry and keeps its first creation.
func (s *Store) AddMute(ctx context.Context, m Mute) error {
	if m.Channel == "" || m.Event == "" {
		return errors.New("store: mute: channel and event are required")
	}
	_, err := s.w.ExecContext(ctx, `
INSERT INTO mutes (channel, event, guild, title, muted_by, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (channel, event) DO UPDATE SET expires = max(mutes.expires, excluded.expires)`,
		m.Channel, m.Event, m.Guild, m.Title, m.By, toNanos(m.Created), toNanos(m.Expires))
	if err != nil {
		return fmt.Errorf("store: mute %q in %q: %w", m.Event, m.Channel, err)
	}
	return nil
}

// RemoveMute ends the mute of an event in a channel; it reports whether
// there was one.
func (s *Store) RemoveMute(ctx context.Context, channel, event string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM mutes WHERE channel = ? AND event = ?`, channel, event)
	if err != nil {
		return false, fmt.Errorf("store: unmute %q in %q: %w", event, channel, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: unmute %q in %q: %w", event, channel, err)
	}
	return n > 0, nil
}

// Mutes returns the mutes in force at now, of one channel or of every
// channel (""), by channel then newest first.
func (s *Store) Mutes(ctx context.Context, channel string, now time.Time) ([]Mute, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT channel, event, guild, title, muted_by, created, expires FROM mutes
WHERE expires > ? AND (? = '' OR channel = ?) ORDER BY channel, created DESC, event`, toNanos(now), channel, channel)
	if err != nil {
		return nil, fmt.Errorf("store: mutes: %w", err)
	}
	defer rows.Close()
	var out []Mute
	for rows.Next() {
		var m Mute
		var created, expires int64
		if err := rows.Scan(&m.Channel, &m.Event, &m.Guild, &m.Title, &m.By, &created, &expires); err != nil {
			return nil, fmt.Errorf("store: mutes: %w", err)
		}
		m.Created, m.Expires = fromNanos(created), fromNanos(expires)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: mutes: %w", err)
	}
	return out, nil
}

// PruneMutes deletes the mutes that expired before a time and returns how
// many.
func (s *Store) PruneMutes(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM mutes WHERE expires < ?`, toNanos(before))
	if err != nil {
		return 0, fmt.Errorf("store: prune mutes: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: prune mutes: %w", err)
	}
	return int(n), nil
}

// DropEvent marks the waiting (pending or failed) outbox rows of an
// event's stories for the given outputs muted at now, as when the event
// is muted where they deliver: they are never delivered, and status
// counts them (MutedCounts). It returns how many.
func (s *Store) DropEvent(ctx context.Context, event string, outputs []string, now time.Time) (int, error) {
	if event == "" || len(outputs) == 0 {
		return 0, nil
	}
	list, err := json.Marshal(outputs)
	if err != nil {
		return 0, fmt.Errorf("store: drop event %q: %w", event, err)
	}
	res, err := s.w.ExecContext(ctx, `
UPDATE outbox SET status = 'muted', delivered = ?, last_error = 'its event was muted where it delivers'
WHERE status IN ('pending', 'failed') AND output IN (SELECT value FROM json_each(?))
AND item IN (SELECT i.seq FROM items i JOIN event_members em ON em.feed = i.feed AND em.id = i.id WHERE em.event = ?)`,
		toNanos(now), string(list), event)
	if err != nil {
		return 0, fmt.Errorf("store: drop event %q: %w", event, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: drop event %q: %w", event, err)
	}
	return int(n), nil
}

// MutedCounts returns, per output, how many of its rows were dropped
// because their event was muted (and not pruned since).
func (s *Store) MutedCounts(ctx context.Context) (map[string]int, error) {
	return s.countsByOutput(ctx, "muted")
}
