package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
)

// PolledFeed is what one poll of a feed leaves to store.
type PolledFeed struct {
	// State is the feed's state after the poll, saved as SaveFeedState
	// saves it; its New is set to the number of Items newly stored.
	State FeedState
	// Items are the stories the poll found, stored as AddItems stores
	// them; stories stored before are skipped.
	Items []*wirewatch.Item
	// Listed are the Item.ID values of every story the feed listed, and
	// Parsed when it was parsed, recorded as MarkSeen records them. A zero
	// Parsed (a failed fetch, a 304) records nothing.
	Listed []string
	Parsed time.Time
	// Events are the events of its stories, recorded as AddEventMembers
	// records them, for the stories this call stores: those of stories
	// stored before are left as they were.
	Events []EventMember
}

// SavePolls stores what polls of several feeds found, in one transaction:
// each feed's new stories with one outbox row per Delivery that route
// returns for each of them (as AddItems does; route must not call the
// Store) and their events, the stories it listed, and its state. Either all of it is stored
// or none of it; if ctx ends before the commit, nothing is stored.
//
// It returns, for each feed in order, its stories newly stored, which
// carry their first-seen and publication times as AddItems's do.
func (s *Store) SavePolls(ctx context.Context, polls []PolledFeed, route func(*wirewatch.Item) []Delivery) ([][]*wirewatch.Item, error) {
	for _, p := range polls {
		if p.State.Name == "" {
			return nil, errors.New("store: save polls: empty feed name")
		}
		if err := checkItems(p.Items); err != nil {
			return nil, fmt.Errorf("store: save polls: feed %q: %w", p.State.Name, err)
		}
	}
	now := time.Now().UTC()
	added := make([][]*wirewatch.Item, len(polls))
	firstSeen := make([][]time.Time, len(polls))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		saveFeed := tx.StmtContext(ctx, s.stmts.saveFeed)
		for i, p := range polls {
			var err error
			if added[i], firstSeen[i], err = s.addItems(ctx, tx, p.Items, route, now); err != nil {
				return fmt.Errorf("feed %q: %w", p.State.Name, err)
			}
			if err := s.addStoredMembers(ctx, tx, newMembers(p.Events, added[i])); err != nil {
				return fmt.Errorf("feed %q: events: %w", p.State.Name, err)
			}
			if !p.Parsed.IsZero() {
				if err := s.markSeen(ctx, tx, p.State.Name, p.Listed, p.Parsed); err != nil {
					return fmt.Errorf("feed %q: mark seen: %w", p.State.Name, err)
				}
			}
			st := p.State
			st.New = len(added[i])
			if _, err := saveFeed.ExecContext(ctx, feedStateArgs(st)...); err != nil {
				return fmt.Errorf("feed %q: state: %w", p.State.Name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: save polls: %w", err)
	}
	for i := range polls {
		settleItems(added[i], firstSeen[i])
	}
	return added, nil
}

// newMembers returns the members of ms whose stories are among added.
func newMembers(ms []EventMember, added []*wirewatch.Item) []EventMember {
	if len(ms) == 0 || len(added) == 0 {
		return nil
	}
	stored := make(map[[2]string]bool, len(added))
	for _, it := range added {
		stored[[2]string{it.Feed, it.ID}] = true
	}
	var out []EventMember
	for _, m := range ms {
		if stored[[2]string{m.Feed, m.ID}] {
			out = append(out, m)
		}
	}
	return out
}

// statements are the writes every poll makes, prepared once on the writer
// connection: each transaction runs them with tx.StmtContext, which reuses
// the connection's prepared statement instead of compiling the SQL again.
type statements struct {
	addMember, markSeen, markParsed, saveFeed *sql.Stmt
	// addItems[i] stores itemChunks[i] stories in one statement.
	addItems                               [len(itemChunks)]*sql.Stmt
	addTopics, addOutbox, addStoredMembers multiInsert
}

// multiInsert is one INSERT of several rows, prepared for each size of
// itemChunks.
type multiInsert struct {
	// stmts[i] inserts itemChunks[i] rows.
	stmts [len(itemChunks)]*sql.Stmt
	// width is the number of values of a row.
	width int
}

// exec inserts the rows of args, width values each, in as few statements
// as the sizes of itemChunks allow.
func (m *multiInsert) exec(ctx context.Context, tx *sql.Tx, args []any) error {
	for rows := len(args) / m.width; rows > 0; {
		c := chunkFor(rows)
		n := itemChunks[c] * m.width
		if _, err := tx.StmtContext(ctx, m.stmts[c]).ExecContext(ctx, args[:n]...); err != nil {
			return err
		}
		args, rows = args[n:], rows-itemChunks[c]
	}
	return nil
}

// chunkFor returns the index in itemChunks of the largest chunk of at
// most rows rows.
func chunkFor(rows int) int {
	c := 0
	for itemChunks[c] > rows {
		c++
	}
	return c
}

// valueRows returns the VALUES list of n rows of width placeholders.
func valueRows(n, width int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+",\n\t", n), ",\n\t")
}

// itemChunks are the numbers of stories stored by one statement: a
// feed's new stories go in as few statements as these sizes allow,
// largest first (50 stories take 32, 8, 8, 1 and 1).
var itemChunks = [...]int{32, 8, 1}

// The statements of a poll's writes, each with the VALUES list its %s
// stands for.
const (
	addTopicsQuery = `INSERT INTO item_topics (feed, id, topic, first_seen) VALUES %s ON CONFLICT DO NOTHING`
	addOutboxQuery = `INSERT INTO outbox (item, output, kind, created) VALUES %s ON CONFLICT DO NOTHING`
	addItemsQuery  = `
INSERT INTO items (feed, id, guid, link, title, summary, published, first_seen, authors, categories,
	declared_language, language, confidence, noise_ratio, analysis, matches)
VALUES %s
ON CONFLICT (feed, id) DO NOTHING RETURNING feed, id, seq`
)

// itemValues is the number of values addItemsQuery takes per story.
const itemValues = 16

// prepare prepares the statements on the writer, whose schema must be up
// to date.
func (s *Store) prepare(ctx context.Context) error {
	type prepared struct {
		dst   **sql.Stmt
		query string
	}
	all := []prepared{
		{&s.stmts.addMember, addMemberQuery},
		{&s.stmts.markSeen, markSeenQuery},
		{&s.stmts.markParsed, markParsedQuery},
		{&s.stmts.saveFeed, saveFeedQuery},
	}
	multi := []struct {
		m     *multiInsert
		query string
		width int
	}{
		{&s.stmts.addTopics, addTopicsQuery, 4},
		{&s.stmts.addOutbox, addOutboxQuery, 4},
		{&s.stmts.addStoredMembers, addStoredMembersQuery, memberValues},
	}
	for i, n := range itemChunks {
		all = append(all, prepared{&s.stmts.addItems[i], fmt.Sprintf(addItemsQuery, valueRows(n, itemValues))})
		for _, m := range multi {
			m.m.width = m.width
			all = append(all, prepared{&m.m.stmts[i], fmt.Sprintf(m.query, valueRows(n, m.width))})
		}
	}
	for _, st := range all {
		stmt, err := s.w.PrepareContext(ctx, st.query)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		*st.dst = stmt
	}
	return nil
}

// close closes the prepared statements.
func (st *statements) close() error {
	var errs []error
	all := []*sql.Stmt{st.addMember, st.markSeen, st.markParsed, st.saveFeed}
	all = append(all, st.addItems[:]...)
	for _, m := range []multiInsert{st.addTopics, st.addOutbox, st.addStoredMembers} {
		all = append(all, m.stmts[:]...)
	}
	for _, s := range all {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}
