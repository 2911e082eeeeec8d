package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wirewatch/wirewatch"
)

// Place is where an outbox row's story stood in the message that carried
// it.
type Place struct {
	// ID is the outbox row.
	ID int64 `json:"id"`
	// Position counts from 1 among the stories the message shows; a copy
	// shown with a story (Item.Also) has that story's position.
	Position int `json:"position"`
	// Copy is true for a copy shown with the story at Position.
	Copy bool `json:"copy"`
}

// SetPlaces records where rows stood in their message. Rows that do not
// exist are left alone.
func (s *Store) SetPlaces(ctx context.Context, places []Place) error {
	if len(places) == 0 {
		return nil
	}
	// Copy goes as 0 or 1, which both databases read as a number.
	type place struct {
		ID       int64 `json:"id"`
		Position int   `json:"position"`
		Copy     int   `json:"copy"`
	}
	ps := make([]place, len(places))
	for i, p := range places {
		ps[i] = place{ID: p.ID, Position: p.Position}
		if p.Copy {
			ps[i].Copy = 1
		}
	}
	list, err := json.Marshal(ps)
	if err != nil {
		return fmt.Errorf("store: set places: %w", err)
	}
	_, err = s.w.ExecContext(ctx, `
UPDATE outbox SET position = CAST(p.value ->> 'position' AS BIGINT), copy = CAST(p.value ->> 'copy' AS BIGINT)
FROM json_each(?) AS p WHERE outbox.id = CAST(p.value ->> 'id' AS BIGINT)`, string(list))
	if err != nil {
		return fmt.Errorf("store: set places: %w", err)
	}
	return nil
}

// Shown is a story a message showed.
type Shown struct {
	// Row is the outbox row that carried the story.
	Row int64
	// Output and Kind are the row's delivery.
	Output string
	Kind   wirewatch.Kind
	// Position and Copy are the story's place in the message.
	Position int
	Copy     bool
	// Item is the story as stored.
	Item *wirewatch.Item
}

// MessageStories returns the stories the message with the given id
// showed, in their order (copies after the story they were shown with),
// from the outbox rows that carried them. Stories only counted in "and N
// more" are not among them. It returns none for a message wirewatch did
// not post, or whose rows were pruned.
func (s *Store) MessageStories(ctx context.Context, message string) ([]Shown, error) {
	if message == "" {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `
SELECT o.id, o.output, o.kind, o.position, o.copy, `+itemCols+`
FROM outbox o JOIN items i ON i.seq = o.item
WHERE o.message = ? AND o.status = 'delivered'
ORDER BY o.position, o.copy, o.id`, message)
	if err != nil {
		return nil, fmt.Errorf("store: stories of message %s: %w", message, err)
	}
	defer rows.Close()
	var out []Shown
	for rows.Next() {
		var sh Shown
		sh.Item, err = scanItem(rows, &sh.Row, &sh.Output, &sh.Kind, &sh.Position, &sh.Copy)
		if err != nil {
			return nil, fmt.Errorf("store: stories of message %s: %w", message, err)
		}
		out = append(out, sh)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stories of message %s: %w", message, err)
	}
	return out, nil
}
