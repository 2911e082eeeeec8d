package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Rate is what the store learned of a topic's stories and outlets (feeds)
// in one slot of hours: running means of each count and of its square.
type Rate struct {
	Topic string
	// Slot is the hour of the day (0-23) or 100 plus the hour of the
	// week (100-267) the rate is of.
	Slot int
	// Hours counts the hours observed.
	Hours int
	// Stories and StoriesSq are the mean stories per hour and the mean of
	// their squares; Outlets and OutletsSq the same for outlets.
	Stories, StoriesSq, Outlets, OutletsSq float64
}

// Rates returns every rate learned, by topic and slot.
func (s *Store) Rates(ctx context.Context) (map[string]map[int]Rate, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT topic, slot, hours, stories, stories_sq, outlets, outlets_sq FROM topic_rates`)
	if err != nil {
		return nil, fmt.Errorf("store: rates: %w", err)
	}
	defer rows.Close()
	out := map[string]map[int]Rate{}
	for rows.Next() {
		var r Rate
		if err := rows.Scan(&r.Topic, &r.Slot, &r.Hours, &r.Stories, &r.StoriesSq, &r.Outlets, &r.OutletsSq); err != nil {
			return nil, fmt.Errorf("store: rates: %w", err)
		}
		if out[r.Topic] == nil {
			out[r.Topic] = map[int]Rate{}
		}
		out[r.Topic][r.Slot] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rates: %w", err)
	}
	return out, nil
}

// SaveRates stores rates, replacing those of the same topic and slot, and
// records under key the value through (the last hour learned), in one
// transaction, so that an hour is learned once.
func (s *Store) SaveRates(ctx context.Context, rates []Rate, key string, through []byte) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, r := range rates {
			if _, err := tx.ExecContext(ctx, `
INSERT INTO topic_rates (topic, slot, hours, stories, stories_sq, outlets, outlets_sq) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (topic, slot) DO UPDATE SET hours = excluded.hours, stories = excluded.stories,
	stories_sq = excluded.stories_sq, outlets = excluded.outlets, outlets_sq = excluded.outlets_sq`,
				r.Topic, r.Slot, r.Hours, r.Stories, r.StoriesSq, r.Outlets, r.OutletsSq); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `
INSERT INTO kv (key, value, updated) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`, key, through, toNanos(time.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save rates: %w", err)
	}
	return nil
}

// Count is how many stories of a topic, from how many outlets (feeds),
// were first seen in one bucket of time.
type Count struct {
	Topic string
	// Bucket is the bucket's index from the start of the span counted.
	Bucket  int
	Stories int
	Outlets int
}

// TopicActivity counts each topic's stories and outlets first seen in
// [from, to), in buckets of the given length from from. Stories whose own
// date was already older than maxAge when they were first seen (an old
// archive read at once) are left out; maxAge 0 keeps them.
func (s *Store) TopicActivity(ctx context.Context, from, to time.Time, bucket, maxAge time.Duration) ([]Count, error) {
	if bucket <= 0 || !to.After(from) {
		return nil, nil
	}
	age := int64(maxAge)
	if maxAge <= 0 {
		age = 1<<62 - 1
	}
	rows, err := s.r.QueryContext(ctx, `
SELECT t.topic, (t.first_seen - ?) / ? AS b, count(*), count(DISTINCT t.feed)
FROM item_topics t JOIN items i ON i.feed = t.feed AND i.id = t.id
WHERE t.first_seen >= ? AND t.first_seen < ? AND i.published >= t.first_seen - ?
GROUP BY t.topic, b ORDER BY t.topic, b`, toNanos(from), int64(bucket), toNanos(from), toNanos(to), age)
	if err != nil {
		return nil, fmt.Errorf("store: topic activity: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Topic, &c.Bucket, &c.Stories, &c.Outlets); err != nil {
			return nil, fmt.Errorf("store: topic activity: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: topic activity: %w", err)
	}
	return out, nil
}

// LanguageCount is how many stories of one language a bucket of time
// holds.
type LanguageCount struct {
	Language string
	Bucket   int
	Stories  int
}

// TopicLanguages counts a topic's stories first seen in [from, to) by
// language, in buckets of the given length from from; stories without a
// detected language count under their declared one, else "und".
func (s *Store) TopicLanguages(ctx context.Context, topic string, from, to time.Time, bucket time.Duration) ([]LanguageCount, error) {
	if bucket <= 0 || !to.After(from) {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `
SELECT coalesce(nullif(i.language, ''), nullif(i.declared_language, ''), 'und') AS l, (t.first_seen - ?) / ? AS b, count(*)
FROM item_topics t JOIN items i ON i.feed = t.feed AND i.id = t.id
WHERE t.topic = ? AND t.first_seen >= ? AND t.first_seen < ?
GROUP BY l, b ORDER BY l, b`, toNanos(from), int64(bucket), topic, toNanos(from), toNanos(to))
	if err != nil {
		return nil, fmt.Errorf("store: languages of %q: %w", topic, err)
	}
	defer rows.Close()
	var out []LanguageCount
	for rows.Next() {
		var c LanguageCount
		if err := rows.Scan(&c.Language, &c.Bucket, &c.Stories); err != nil {
			return nil, fmt.Errorf("store: languages of %q: %w", topic, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: languages of %q: %w", topic, err)
	}
	return out, nil
}
