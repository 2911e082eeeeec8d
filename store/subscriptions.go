package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wirewatch/wirewatch"
)

// ErrSubscriptionLimit is returned (wrapped) by Subscribe when a new
// subscription would take its server past the limit.
var ErrSubscriptionLimit = errors.New("subscription limit reached")

// Subscribe stores sub, unique per channel and topic. When the channel is
// already subscribed to the topic its schedule, time zone, filter,
// mention and forum flag change (its guild, creator and creation stay),
// and created is false. A new subscription is refused with
// ErrSubscriptionLimit when its server (sub.Guild) already has maxPerGuild
// of them; maxPerGuild <= 0 sets no limit. A zero sub.Created becomes the
// time of the call.
func (s *Store) Subscribe(ctx context.Context, sub wirewatch.Subscription, maxPerGuild int) (created bool, err error) {
	if sub.Channel == "" || sub.Topic == "" {
		return false, errors.New("store: subscribe: channel and topic are required")
	}
	if sub.Created.IsZero() {
		sub.Created = time.Now()
	}
	filter, err := encodeFilter(sub.Filter)
	if err != nil {
		return false, fmt.Errorf("store: subscribe %q to %q: %w", sub.Channel, sub.Topic, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
UPDATE subscriptions SET schedule = ?, time_zone = ?, filter = ?, mention = ?, forum = ?
WHERE channel = ? AND topic = ?`,
			sub.Schedule, sub.TimeZone, filter, sub.Mention, sub.Forum, sub.Channel, sub.Topic)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		if maxPerGuild > 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM subscriptions WHERE guild = ?`, sub.Guild).Scan(&n); err != nil {
				return err
			}
			if n >= maxPerGuild {
				return fmt.Errorf("%w: the server has %d, the most allowed", ErrSubscriptionLimit, n)
			}
		}
		_, err = tx.ExecContext(ctx, `
INSERT INTO subscriptions (channel, topic, guild, schedule, time_zone, created_by, created, filter, mention, forum)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sub.Channel, sub.Topic, sub.Guild, sub.Schedule, sub.TimeZone, sub.CreatedBy, toNanos(sub.Created),
			filter, sub.Mention, sub.Forum)
		created = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: subscribe %q to %q: %w", sub.Channel, sub.Topic, err)
	}
	return created, nil
}

// Unsubscribe removes channel's subscription to topic. It reports whether
// there was one.
func (s *Store) Unsubscribe(ctx context.Context, channel, topic string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM subscriptions WHERE channel = ? AND topic = ?`, channel, topic)
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe %q from %q: %w", channel, topic, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: unsubscribe %q from %q: %w", channel, topic, err)
	}
	return n > 0, nil
}

// Subscriptions returns the subscriptions of channel, or of every channel
// when channel is "", sorted by channel then topic.
func (s *Store) Subscriptions(ctx context.Context, channel string) ([]wirewatch.Subscription, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT channel, topic, guild, schedule, time_zone, created_by, created, filter, mention, forum FROM subscriptions
WHERE ? = '' OR channel = ? ORDER BY channel, topic`, channel, channel)
	if err != nil {
		return nil, fmt.Errorf("store: subscriptions of %q: %w", channel, err)
	}
	defer rows.Close()
	var out []wirewatch.Subscription
	for rows.Next() {
		var sub wirewatch.Subscription
		var created int64
		var filter string
		if err := rows.Scan(&sub.Channel, &sub.Topic, &sub.Guild, &sub.Schedule, &sub.TimeZone,
			&sub.CreatedBy, &created, &filter, &sub.Mention, &sub.Forum); err != nil {
			return nil, fmt.Errorf("store: subscriptions of %q: %w", channel, err)
		}
		sub.Created = fromNanos(created)
		if sub.Filter, err = decodeFilter(filter); err != nil {
			return nil, fmt.Errorf("store: subscription of %q to %q: %w", sub.Channel, sub.Topic, err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: subscriptions of %q: %w", channel, err)
	}
	return out, nil
}

// encodeFilter stores a filter as JSON; the zero filter is "".
func encodeFilter(f wirewatch.Filter) (string, error) {
	if f.IsZero() {
		return "", nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return "", fmt.Errorf("encode filter: %w", err)
	}
	return string(b), nil
}

// decodeFilter reads what encodeFilter stored.
func decodeFilter(s string) (wirewatch.Filter, error) {
	var f wirewatch.Filter
	if s == "" {
		return f, nil
	}
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return f, fmt.Errorf("decode filter: %w", err)
	}
	return f, nil
}
