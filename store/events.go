package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/wirewatch/wirewatch"
)

// EventMember is a story's place in an event: the stories of any feeds
// and languages judged to tell the same news.
type EventMember struct {
	// Feed and ID name the story.
	Feed, ID string
	// Event is the event's id.
	Event string
	// Joined is when the story was put in the event.
	Joined time.Time
	// Score is how strongly it matched the story it joined through;
	// 0 for the story that began the event.
	Score float64
	// WithFeed and WithID name the story of the event it matched best;
	// empty for the story that began the event.
	WithFeed, WithID string
	// Why is the evidence as people read it ("same link", "concepts:
	// ICBM; names: North Korea; 3h apart"), and WhyJSON the same as the
	// events package encodes it.
	Why     string
	WhyJSON json.RawMessage
	// Gloss is the story's English gloss; empty when it needs none.
	Gloss string
}

// EventStory is a story of an event, with its place in it.
type EventStory struct {
	EventMember
	// Item is the story, as stored.
	Item *wirewatch.Item
}

// Event sums up one event.
type Event struct {
	// ID is the event's id.
	ID string `json:"id"`
	// Stories counts its stories, Outlets the distinct feeds that carried
	// them.
	Stories int `json:"stories"`
	Outlets int `json:"outlets"`
	// Languages are the distinct languages of its stories, sorted.
	Languages []string `json:"languages"`
	// First and Last are when its first and last stories were put in it.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// AddEventMembers records the events of stories already stored; a story
// recorded before gets its new event and evidence. Stories not stored
// are skipped.
func (s *Store) AddEventMembers(ctx context.Context, ms []EventMember) error {
	if len(ms) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.addEventMembers(ctx, tx, ms) })
	if err != nil {
		return fmt.Errorf("store: add event members: %w", err)
	}
	return nil
}

// addEventMembers is AddEventMembers within tx.
func (s *Store) addEventMembers(ctx context.Context, tx *sql.Tx, ms []EventMember) error {
	if len(ms) == 0 {
		return nil
	}
	if err := checkMembers(ms); err != nil {
		return err
	}
	ins := tx.StmtContext(ctx, s.stmts.addMember)
	for _, m := range ms {
		if _, err := ins.ExecContext(ctx, append(memberArgs(m), m.Feed, m.ID)...); err != nil {
			return fmt.Errorf("story %q of feed %q: %w", m.ID, m.Feed, err)
		}
	}
	return nil
}

// addStoredMembers records the events of stories stored in tx, in
// multi-row statements. Of members of one story, the last is recorded,
// as addEventMembers records it.
func (s *Store) addStoredMembers(ctx context.Context, tx *sql.Tx, ms []EventMember) error {
	if err := checkMembers(ms); err != nil {
		return err
	}
	last := make(map[[2]string]int, len(ms))
	for i, m := range ms {
		last[[2]string{m.Feed, m.ID}] = i
	}
	args := make([]any, 0, len(ms)*memberValues)
	for i, m := range ms {
		if last[[2]string{m.Feed, m.ID}] == i {
			args = append(args, memberArgs(m)...)
		}
	}
	return s.stmts.addStoredMembers.exec(ctx, tx, args)
}

// checkMembers checks that every member names its story and event.
func checkMembers(ms []EventMember) error {
	for _, m := range ms {
		if m.Feed == "" || m.ID == "" || m.Event == "" {
			return fmt.Errorf("story %q of feed %q: feed, id and event are required", m.ID, m.Feed)
		}
	}
	return nil
}

// memberArgs are the memberValues values of a member's row.
func memberArgs(m EventMember) []any {
	return []any{m.Feed, m.ID, m.Event, toNanos(m.Joined), m.Score, m.WithFeed, m.WithID, m.Why, string(m.WhyJSON), m.Gloss}
}

// memberValues is the number of values of an event_members row.
const memberValues = 10

// addMemberQuery records a story's event when the story is stored;
// addStoredMembersQuery records the events of stories known to be stored
// (stored in the same transaction), without looking them up, with the
// VALUES list its %s stands for.
const (
	addMemberQuery = `
INSERT INTO event_members (feed, id, event, joined, score, with_feed, with_id, why, why_json, gloss)
SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM items WHERE feed = ? AND id = ?)
` + onMemberConflict
	addStoredMembersQuery = `
INSERT INTO event_members (feed, id, event, joined, score, with_feed, with_id, why, why_json, gloss)
VALUES %s
` + onMemberConflict
	onMemberConflict = `ON CONFLICT (feed, id) DO UPDATE SET event = excluded.event, joined = excluded.joined, score = excluded.score,
	with_feed = excluded.with_feed, with_id = excluded.with_id, why = excluded.why, why_json = excluded.why_json,
	gloss = excluded.gloss`
)

// EventOf returns the id of a story's event; "" when the story has none.
func (s *Store) EventOf(ctx context.Context, feed, id string) (string, error) {
	var ev string
	err := s.r.QueryRowContext(ctx, `SELECT event FROM event_members WHERE feed = ? AND id = ?`, feed, id).Scan(&ev)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: event of %q of feed %q: %w", id, feed, err)
	}
	return ev, nil
}

// eventMemberCols are the columns scanMember reads, qualified by the
// alias em.
const eventMemberCols = `em.feed, em.id, em.event, em.joined, em.score, em.with_feed, em.with_id, em.why, em.why_json, em.gloss`

func memberDest(m *EventMember, joined *int64, why *string) []any {
	return []any{&m.Feed, &m.ID, &m.Event, joined, &m.Score, &m.WithFeed, &m.WithID, &m.Why, why, &m.Gloss}
}

// EventMembers returns the stories of an event, in the order they joined
// it; none for an unknown event.
func (s *Store) EventMembers(ctx context.Context, event string) ([]EventStory, error) {
	out, err := s.queryMembers(ctx, `WHERE em.event = ? ORDER BY em.joined, i.seq`, event)
	if err != nil {
		return nil, fmt.Errorf("store: members of event %q: %w", event, err)
	}
	return out, nil
}

// EventMembersSince returns the stories put in an event at or after
// since, in the order they joined, for loading the window of clustering
// and for listing events.
func (s *Store) EventMembersSince(ctx context.Context, since time.Time) ([]EventStory, error) {
	out, err := s.queryMembers(ctx, `WHERE em.joined >= ? ORDER BY em.joined, i.seq`, toNanos(since))
	if err != nil {
		return nil, fmt.Errorf("store: event members since %s: %w", since.Format(time.RFC3339), err)
	}
	return out, nil
}

// EachEventMemberSince calls fn with the stories put in an event at or
// after since, in the order they joined, one at a time: the newest limit
// of them (all when limit <= 0). It reads them row by row, for loading
// the window of clustering without holding the window's stories at
// once; an error of fn stops it and is returned.
func (s *Store) EachEventMemberSince(ctx context.Context, since time.Time, limit int, fn func(EventStory) error) error {
	from := toNanos(since)
	err := func() error {
		if limit > 0 {
			// From the limit-th newest on (with the stories that joined
			// at the same time as it).
			var cut int64
			err := s.r.QueryRowContext(ctx, `SELECT joined FROM event_members WHERE joined >= ? ORDER BY joined DESC LIMIT 1 OFFSET ?`,
				from, limit-1).Scan(&cut)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			from = max(from, cut)
		}
		return s.eachMember(ctx, `SELECT `+eventMemberCols+`, `+itemCols+`
FROM event_members em JOIN items i ON i.feed = em.feed AND i.id = em.id WHERE em.joined >= ? ORDER BY em.joined, i.seq`, []any{from}, fn)
	}()
	if err != nil {
		return fmt.Errorf("store: event members since %s: %w", since.Format(time.RFC3339), err)
	}
	return nil
}

func (s *Store) queryMembers(ctx context.Context, where string, args ...any) ([]EventStory, error) {
	var out []EventStory
	err := s.eachMember(ctx, `SELECT `+eventMemberCols+`, `+itemCols+`
FROM event_members em JOIN items i ON i.feed = em.feed AND i.id = em.id `+where, args, func(es EventStory) error {
		out = append(out, es)
		return nil
	})
	return out, err
}

// eachMember runs a query of eventMemberCols and itemCols and calls fn
// with each row.
func (s *Store) eachMember(ctx context.Context, query string, args []any, fn func(EventStory) error) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var es EventStory
		var joined int64
		var why string
		es.Item, err = scanItem(rows, memberDest(&es.EventMember, &joined, &why)...)
		if err != nil {
			return err
		}
		es.Joined = fromNanos(joined)
		if why != "" {
			es.WhyJSON = json.RawMessage(why)
		}
		es.Item.Event, es.Item.Gloss = es.Event, es.Gloss
		if err := fn(es); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EventSummary sums up an event: its stories, outlets and languages.
func (s *Store) EventSummary(ctx context.Context, event string) (Event, error) {
	evs, err := s.eventSummaries(ctx, `WHERE em.event = ?`, event)
	if err != nil {
		return Event{}, fmt.Errorf("store: event %q: %w", event, err)
	}
	if len(evs) == 0 {
		return Event{}, fmt.Errorf("store: event %q: %w", event, ErrNotFound)
	}
	return evs[0], nil
}

// Events sums up the events that got a story at or after since, the
// latest first; with minStories > 1, only those with at least that many
// stories.
func (s *Store) Events(ctx context.Context, since time.Time, minStories int) ([]Event, error) {
	evs, err := s.eventSummaries(ctx, `WHERE em.event IN (SELECT event FROM event_members WHERE joined >= ?)`, toNanos(since))
	if err != nil {
		return nil, fmt.Errorf("store: events since %s: %w", since.Format(time.RFC3339), err)
	}
	evs = slices.DeleteFunc(evs, func(e Event) bool { return e.Stories < minStories })
	slices.SortStableFunc(evs, func(a, b Event) int { return b.Last.Compare(a.Last) })
	return evs, nil
}

func (s *Store) eventSummaries(ctx context.Context, where string, args ...any) ([]Event, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT em.event, em.feed, coalesce(nullif(i.language, ''), nullif(i.declared_language, ''), 'und'), em.joined
FROM event_members em JOIN items i ON i.feed = em.feed AND i.id = em.id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type acc struct {
		e            *Event
		feeds, langs map[string]bool
	}
	byID := map[string]*acc{}
	var order []string
	for rows.Next() {
		var id, feed, lang string
		var joined int64
		if err := rows.Scan(&id, &feed, &lang, &joined); err != nil {
			return nil, err
		}
		a := byID[id]
		if a == nil {
			a = &acc{e: &Event{ID: id}, feeds: map[string]bool{}, langs: map[string]bool{}}
			byID[id] = a
			order = append(order, id)
		}
		t := fromNanos(joined)
		if a.e.Stories == 0 || t.Before(a.e.First) {
			a.e.First = t
		}
		if t.After(a.e.Last) {
			a.e.Last = t
		}
		a.e.Stories++
		if !a.feeds[feed] {
			a.feeds[feed] = true
			a.e.Outlets++
		}
		if !a.langs[lang] {
			a.langs[lang] = true
			a.e.Languages = append(a.e.Languages, lang)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Event, 0, len(order))
	for _, id := range order {
		e := byID[id].e
		slices.Sort(e.Languages)
		out = append(out, *e)
	}
	return out, nil
}

// Translations returns the cached machine translations into target of
// texts, by text; texts never translated are absent.
func (s *Store) Translations(ctx context.Context, target string, texts []string) (map[string]string, error) {
	out := map[string]string{}
	if len(texts) == 0 {
		return out, nil
	}
	list, err := json.Marshal(texts)
	if err != nil {
		return nil, fmt.Errorf("store: translations: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT source, translated FROM translations
WHERE target = ? AND source IN (SELECT value FROM json_each(?))`, target, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: translations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var src, tr string
		if err := rows.Scan(&src, &tr); err != nil {
			return nil, fmt.Errorf("store: translations: %w", err)
		}
		out[src] = tr
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: translations: %w", err)
	}
	return out, nil
}

// AddTranslations caches machine translations into target, by source
// text.
func (s *Store) AddTranslations(ctx context.Context, target string, m map[string]string, at time.Time) error {
	if len(m) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for src, tr := range m {
			if _, err := tx.ExecContext(ctx, `INSERT INTO translations (source, target, translated, created) VALUES (?, ?, ?, ?)
ON CONFLICT (source, target) DO UPDATE SET translated = excluded.translated, created = excluded.created`,
				src, target, tr, toNanos(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add translations: %w", err)
	}
	return nil
}
