package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/wirewatch/wirewatch"
)

// Known reports which of ids (Item.ID values of the feed called feed) are
// already stored: the map holds true for each of those, and nothing for the
// others.
func (s *Store) Known(ctx context.Context, feed string, ids []string) (map[string]bool, error) {
	known := make(map[string]bool)
	if len(ids) == 0 {
		return known, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("store: known: %w", err)
	}
	rows, err := s.r.QueryContext(ctx,
		`SELECT id FROM items WHERE feed = ? AND id IN (SELECT value FROM json_each(?))`, feed, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: known: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: known: %w", err)
		}
		known[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: known: %w", err)
	}
	return known, nil
}

// AddItems stores the items not stored yet and returns them, in the order
// given. An item's identity is its Feed and ID: one stored before, or
// earlier in the same call, is skipped even when its dates or text changed.
//
// For each newly stored item route (which may be nil) names the outputs that
// want it; each Delivery becomes one pending outbox row, created in the same
// transaction as the item, so either both exist or neither does. route must
// not call the Store. If route panics, nothing is stored and the panic
// continues; if ctx ends before the commit, nothing is stored.
//
// A stored item with a zero FirstSeen gets the time of the call, and one
// with a zero Published gets its FirstSeen; after a successful commit the
// returned items carry those values.
func (s *Store) AddItems(ctx context.Context, items []*wirewatch.Item, route func(*wirewatch.Item) []Delivery) ([]*wirewatch.Item, error) {
	if err := checkItems(items); err != nil {
		return nil, fmt.Errorf("store: add items: %w", err)
	}
	if len(items) == 0 {
		return nil, nil
	}
	now := time.Now().UTC()
	var added []*wirewatch.Item
	var firstSeen []time.Time
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		added, firstSeen, err = s.addItems(ctx, tx, items, route, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: add items: %w", err)
	}
	settleItems(added, firstSeen)
	return added, nil
}

// addItems is AddItems within tx, for items already checked, at now. It
// returns the items newly stored, and the first-seen time of each, for
// settleItems once tx is committed. The items go in by chunks of
// itemChunks, one statement each.
func (s *Store) addItems(ctx context.Context, tx *sql.Tx, items []*wirewatch.Item, route func(*wirewatch.Item) []Delivery, now time.Time) ([]*wirewatch.Item, []time.Time, error) {
	var added []*wirewatch.Item
	var firstSeen []time.Time
	seen := make([]time.Time, 0, min(len(items), itemChunks[0]))
	args := make([]any, 0, min(len(items), itemChunks[0])*itemValues)
	// The topic index rows and outbox rows of the stories stored.
	var topics, outbox []any
	for len(items) > 0 {
		c := chunkFor(len(items))
		chunk := items[:itemChunks[c]]
		items = items[len(chunk):]
		seen, args = seen[:0], args[:0]
		for _, it := range chunk {
			first := it.FirstSeen
			if first.IsZero() {
				first = now
			}
			published := it.Published
			if published.IsZero() {
				published = first
			}
			more, err := itemArgs(it)
			if err != nil {
				return nil, nil, fmt.Errorf("item %q of feed %q: %w", it.ID, it.Feed, err)
			}
			args = append(append(args, it.Feed, it.ID, it.GUID, it.Link, it.Title, it.Summary,
				toNanos(published), toNanos(first)), more...)
			seen = append(seen, first)
		}
		seqs, err := insertItems(ctx, tx.StmtContext(ctx, s.stmts.addItems[c]), args)
		if err != nil {
			return nil, nil, fmt.Errorf("items %q to %q of feed %q: %w", chunk[0].ID, chunk[len(chunk)-1].ID, chunk[0].Feed, err)
		}
		for i, it := range chunk {
			key := [2]string{it.Feed, it.ID}
			seq, ok := seqs[key]
			if !ok {
				continue // stored before, or earlier in this call
			}
			delete(seqs, key)
			for _, topic := range topicsOf(it.Matches) {
				topics = append(topics, it.Feed, it.ID, topic, toNanos(seen[i]))
			}
			if route != nil {
				for _, d := range route(it) {
					if err := d.check(); err != nil {
						return nil, nil, fmt.Errorf("item %q of feed %q: %w", it.ID, it.Feed, err)
					}
					outbox = append(outbox, seq, d.Output, string(d.Kind), toNanos(now))
				}
			}
			added = append(added, it)
			firstSeen = append(firstSeen, seen[i])
		}
	}
	if err := s.stmts.addTopics.exec(ctx, tx, topics); err != nil {
		return nil, nil, fmt.Errorf("topic index: %w", err)
	}
	if err := s.stmts.addOutbox.exec(ctx, tx, outbox); err != nil {
		return nil, nil, fmt.Errorf("outbox: %w", err)
	}
	return added, firstSeen, nil
}

// insertItems runs one of the addItems statements with args and returns
// the seq of each story it stored, by feed and id. Of stories with the
// same feed and id in one statement, the first is stored.
func insertItems(ctx context.Context, stmt *sql.Stmt, args []any) (map[[2]string]int64, error) {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seqs := make(map[[2]string]int64, len(args)/itemValues)
	for rows.Next() {
		var feed, id string
		var seq int64
		if err := rows.Scan(&feed, &id, &seq); err != nil {
			return nil, err
		}
		seqs[[2]string{feed, id}] = seq
	}
	return seqs, rows.Err()
}

// checkItems checks that every item has its identity.
func checkItems(items []*wirewatch.Item) error {
	for i, it := range items {
		if it == nil || it.Feed == "" || it.ID == "" {
			return fmt.Errorf("item %d: feed and id are required", i)
		}
	}
	return nil
}

// settleItems gives the items stored, once committed, the first-seen
// times they were stored with, and their first-seen time as publication
// time when they had none.
func settleItems(added []*wirewatch.Item, firstSeen []time.Time) {
	for i, it := range added {
		it.FirstSeen = fromNanos(toNanos(firstSeen[i]))
		if it.Published.IsZero() {
			it.Published = it.FirstSeen
		}
	}
}

// itemArgs returns the values of the items columns from authors to matches.
func itemArgs(it *wirewatch.Item) ([]any, error) {
	authors, err := jsonList(it.Authors)
	if err != nil {
		return nil, err
	}
	categories, err := jsonList(it.Categories)
	if err != nil {
		return nil, err
	}
	var language, analysis, matches sql.NullString
	var confidence, noise sql.NullFloat64
	if a := it.Analysis; a != nil {
		b, err := json.Marshal(storeAnalysis(it))
		if err != nil {
			return nil, fmt.Errorf("analysis: %w", err)
		}
		analysis = sql.NullString{String: string(b), Valid: true}
		language = sql.NullString{String: a.Language, Valid: true}
		confidence = sql.NullFloat64{Float64: a.Confidence, Valid: true}
		noise = sql.NullFloat64{Float64: a.NoiseRatio, Valid: true}
	}
	if matches, err = jsonMatches(it.Matches); err != nil {
		return nil, err
	}
	return []any{authors, categories, it.DeclaredLanguage, language, confidence, noise, analysis, matches}, nil
}

// storedAnalysis is an Analysis as the items table keeps it: its clean
// title and clean text are left out when they are the story's own title
// and summary, as they are for most stories, which halves the analysis
// stored; readAnalysis puts them back. Rows stored with them are read
// alike.
type storedAnalysis struct {
	wirewatch.Analysis
	// CleanTitle and CleanText, when set, are the analysis's own; when
	// nil, they are the story's title and summary.
	CleanTitle *string `json:"clean_title,omitempty"`
	CleanText  *string `json:"clean_text,omitempty"`
}

// storeAnalysis returns the analysis of it as the items table keeps it.
func storeAnalysis(it *wirewatch.Item) storedAnalysis {
	a := it.Analysis
	st := storedAnalysis{Analysis: *a}
	if a.CleanTitle != it.Title {
		st.CleanTitle = &a.CleanTitle
	}
	if a.CleanText != it.Summary {
		st.CleanText = &a.CleanText
	}
	return st
}

// readAnalysis decodes an analysis stored for it.
func readAnalysis(it *wirewatch.Item, data []byte) (*wirewatch.Analysis, error) {
	var st storedAnalysis
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, err
	}
	a := st.Analysis
	a.CleanTitle, a.CleanText = it.Title, it.Summary
	if st.CleanTitle != nil {
		a.CleanTitle = *st.CleanTitle
	}
	if st.CleanText != nil {
		a.CleanText = *st.CleanText
	}
	return &a, nil
}

// jsonList encodes a string list as a JSON array, or NULL when empty.
func jsonList(l []string) (sql.NullString, error) {
	if len(l) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(l)
	if err != nil {
		return sql.NullString{}, err
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// jsonMatches encodes matches as a JSON array, or NULL when empty.
func jsonMatches(m []wirewatch.Match) (sql.NullString, error) {
	if len(m) == 0 {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("matches: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// topicsOf returns the distinct non-empty topic ids of m, in order.
func topicsOf(m []wirewatch.Match) []string {
	var out []string
	for _, x := range m {
		if x.Topic == "" {
			continue
		}
		dup := false
		for _, t := range out {
			if t == x.Topic {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x.Topic)
		}
	}
	return out
}

// itemCols are the columns scanItem reads, qualified by the alias i.
const itemCols = `i.feed, i.id, i.guid, i.link, i.title, i.summary, i.published, i.first_seen,
	i.authors, i.categories, i.declared_language, i.analysis, i.matches`

// scanItem reads the columns of itemCols, after any columns given in
// before, into a new Item.
func scanItem(row interface{ Scan(...any) error }, before ...any) (*wirewatch.Item, error) {
	it := new(wirewatch.Item)
	var published, firstSeen int64
	var authors, categories, analysis, matches sql.NullString
	dest := append(append(make([]any, 0, len(before)+13), before...), &it.Feed, &it.ID, &it.GUID, &it.Link, &it.Title, &it.Summary, &published, &firstSeen,
		&authors, &categories, &it.DeclaredLanguage, &analysis, &matches)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	it.Published, it.FirstSeen = fromNanos(published), fromNanos(firstSeen)
	for _, f := range []struct {
		src sql.NullString
		dst any
	}{{authors, &it.Authors}, {categories, &it.Categories}, {matches, &it.Matches}} {
		if !f.src.Valid {
			continue
		}
		if err := json.Unmarshal([]byte(f.src.String), f.dst); err != nil {
			return nil, fmt.Errorf("item %q of feed %q: %w", it.ID, it.Feed, err)
		}
	}
	if analysis.Valid {
		a, err := readAnalysis(it, []byte(analysis.String))
		if err != nil {
			return nil, fmt.Errorf("item %q of feed %q: analysis: %w", it.ID, it.Feed, err)
		}
		it.Analysis = a
	}
	return it, nil
}

// queryItems runs a query selecting itemCols on the read pool.
func (s *Store) queryItems(ctx context.Context, query string, args ...any) ([]*wirewatch.Item, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*wirewatch.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// sqlLimit turns a limit where <= 0 means all into a LIMIT value both
// databases take.
func sqlLimit(limit int) int {
	if limit <= 0 {
		return math.MaxInt64
	}
	return limit
}

// ItemsSince returns the stories first seen at or after since, newest first,
// at most limit of them (all when limit <= 0).
func (s *Store) ItemsSince(ctx context.Context, since time.Time, limit int) ([]*wirewatch.Item, error) {
	items, err := s.queryItems(ctx, `SELECT `+itemCols+` FROM items i
WHERE i.first_seen >= ? ORDER BY i.first_seen DESC, i.seq DESC LIMIT ?`, toNanos(since), sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: items since: %w", err)
	}
	return items, nil
}

// CountItemsSince returns how many stories were first seen at or after since.
func (s *Store) CountItemsSince(ctx context.Context, since time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM items WHERE first_seen >= ?`, toNanos(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count items since: %w", err)
	}
	return n, nil
}

// UpdateMatches replaces the topic matches of the story identified by feed
// and id, and its entries in the topic index. It returns an error wrapping
// ErrNotFound when no such story is stored.
func (s *Store) UpdateMatches(ctx context.Context, feed, id string, m []wirewatch.Match) error {
	matches, err := jsonMatches(m)
	if err != nil {
		return fmt.Errorf("store: update matches of %q in feed %q: %w", id, feed, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var firstSeen int64
		err := tx.QueryRowContext(ctx, `UPDATE items SET matches = ? WHERE feed = ? AND id = ? RETURNING first_seen`,
			matches, feed, id).Scan(&firstSeen)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM item_topics WHERE feed = ? AND id = ?`, feed, id); err != nil {
			return err
		}
		for _, topic := range topicsOf(m) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO item_topics (feed, id, topic, first_seen) VALUES (?, ?, ?, ?)`,
				feed, id, topic, firstSeen); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: update matches of %q in feed %q: %w", id, feed, err)
	}
	return nil
}

// TopicCounts returns, per topic id, how many stories first seen at or
// after since matched it. Topics without such stories are absent.
func (s *Store) TopicCounts(ctx context.Context, since time.Time) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx,
		`SELECT topic, count(*) FROM item_topics WHERE first_seen >= ? GROUP BY topic`, toNanos(since))
	if err != nil {
		return nil, fmt.Errorf("store: topic counts: %w", err)
	}
	defer rows.Close()
	counts := make(map[string]int)
	for rows.Next() {
		var topic string
		var n int
		if err := rows.Scan(&topic, &n); err != nil {
			return nil, fmt.Errorf("store: topic counts: %w", err)
		}
		counts[topic] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: topic counts: %w", err)
	}
	return counts, nil
}

// RecentMatches returns the stories that matched topic, newest first, at
// most limit of them (all when limit <= 0).
func (s *Store) RecentMatches(ctx context.Context, topic string, limit int) ([]*wirewatch.Item, error) {
	items, err := s.queryItems(ctx, `SELECT `+itemCols+` FROM item_topics t
JOIN items i ON i.feed = t.feed AND i.id = t.id
WHERE t.topic = ? ORDER BY t.first_seen DESC, i.seq DESC LIMIT ?`, topic, sqlLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recent matches of %q: %w", topic, err)
	}
	return items, nil
}
