package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wirewatch/wirewatch"
)

// FalsePositive is a story that a reader said matched a topic wrongly,
// in a channel, with what made it match. It keeps the story's title, link
// and text, so that it can be read after the story itself was slimmed.
type FalsePositive struct {
	// Feed and Item identify the story; Topic is the topic it matched.
	Feed, Item, Topic string
	// Channel and Guild are where it was reported; Output is the output
	// that delivered it there.
	Channel, Guild, Output string
	// Title, Link, Language and Text are the story's.
	Title, Link, Language, Text string
	// Hits are the topic's hits in the story: the terms that caused it.
	Hits []wirewatch.Hit
	// Reporters are the Discord user ids that reported it, each once.
	Reporters []string
	// First and Last are when it was first and last reported.
	First, Last time.Time
}

// Terms returns the distinct terms of the hits, in order.
func (fp FalsePositive) Terms() []string {
	var out []string
	for _, h := range fp.Hits {
		if h.Term != "" && !slices.Contains(out, h.Term) {
			out = append(out, h.Term)
		}
	}
	return out
}

// AddFalsePositive records that reporter said fp's story matched its
// topic wrongly in fp's channel, at at. A story reported again in the same
// channel for the same topic is one record, with each reporter once; new
// reports that is true when this was the first.
func (s *Store) AddFalsePositive(ctx context.Context, fp FalsePositive, reporter string, at time.Time) (first bool, err error) {
	if fp.Feed == "" || fp.Item == "" || fp.Topic == "" || fp.Channel == "" {
		return false, errors.New("store: add false positive: feed, item, topic and channel are required")
	}
	hits, err := json.Marshal(fp.Hits)
	if err != nil {
		return false, fmt.Errorf("store: add false positive: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var raw string
		err := tx.QueryRowContext(ctx, `
SELECT reporters FROM false_positives WHERE feed = ? AND item = ? AND topic = ? AND channel = ?`,
			fp.Feed, fp.Item, fp.Topic, fp.Channel).Scan(&raw)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			first = true
			reporters, _ := json.Marshal([]string{reporter})
			_, err = tx.ExecContext(ctx, `
INSERT INTO false_positives (feed, item, topic, channel, guild, output, title, link, language, text, hits, reporters, first, last)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				fp.Feed, fp.Item, fp.Topic, fp.Channel, fp.Guild, fp.Output, fp.Title, fp.Link, fp.Language, fp.Text,
				string(hits), string(reporters), toNanos(at), toNanos(at))
			return err
		case err != nil:
			return err
		}
		var reporters []string
		if err := json.Unmarshal([]byte(raw), &reporters); err != nil {
			return fmt.Errorf("reporters: %w", err)
		}
		if !slices.Contains(reporters, reporter) {
			reporters = append(reporters, reporter)
		}
		list, _ := json.Marshal(reporters)
		_, err = tx.ExecContext(ctx, `
UPDATE false_positives SET reporters = ?, last = ? WHERE feed = ? AND item = ? AND topic = ? AND channel = ?`,
			string(list), toNanos(at), fp.Feed, fp.Item, fp.Topic, fp.Channel)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: add false positive: %w", err)
	}
	return first, nil
}

// FalsePositives returns the false positives last reported at or after
// since, of one topic or of every topic (""), by topic then newest first.
func (s *Store) FalsePositives(ctx context.Context, since time.Time, topic string) ([]FalsePositive, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT feed, item, topic, channel, guild, output, title, link, language, text, hits, reporters, first, last
FROM false_positives WHERE last >= ? AND (? = '' OR topic = ?)
ORDER BY topic, last DESC, id DESC`, toNanos(since), topic, topic)
	if err != nil {
		return nil, fmt.Errorf("store: false positives: %w", err)
	}
	defer rows.Close()
	var out []FalsePositive
	for rows.Next() {
		var fp FalsePositive
		var hits, reporters string
		var first, last int64
		if err := rows.Scan(&fp.Feed, &fp.Item, &fp.Topic, &fp.Channel, &fp.Guild, &fp.Output, &fp.Title, &fp.Link,
			&fp.Language, &fp.Text, &hits, &reporters, &first, &last); err != nil {
			return nil, fmt.Errorf("store: false positives: %w", err)
		}
		if err := json.Unmarshal([]byte(hits), &fp.Hits); err != nil {
			return nil, fmt.Errorf("store: false positives: hits: %w", err)
		}
		if err := json.Unmarshal([]byte(reporters), &fp.Reporters); err != nil {
			return nil, fmt.Errorf("store: false positives: reporters: %w", err)
		}
		fp.First, fp.Last = fromNanos(first), fromNanos(last)
		out = append(out, fp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: false positives: %w", err)
	}
	return out, nil
}
