package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/wirewatch/wirewatch/store"
)

// eventsOf opens the program's database after the soak and returns, for
// a story id, the ids of the stories of its event (itself included): a
// digest shows an event once, linking as many of its other stories as fit
// and counting the rest, and the soak's feeds repeat a score of stories
// under new titles, which cluster. What it read is kept: open it again to
// see stories added since. close closes the database.
func eventsOf(ctx context.Context, path string) (members func(id string) ([]string, error), close func() error, err error) {
	st, err := store.Open(ctx, path, store.Shared())
	if err != nil {
		return nil, nil, fmt.Errorf("open the program's database: %w", err)
	}
	// An event's members are read once per event: a digest counts many
	// stories of one event, and an event can hold thousands.
	cache := map[string][]string{}
	members = func(id string) ([]string, error) {
		num, _, ok := strings.Cut(strings.TrimPrefix(id, "s"), "-")
		if !ok {
			return nil, fmt.Errorf("story id %q", id)
		}
		ev, err := st.EventOf(ctx, "wire-"+num, id)
		if err != nil || ev == "" {
			return nil, err
		}
		if ids, ok := cache[ev]; ok {
			return ids, nil
		}
		ms, err := st.EventMembers(ctx, ev)
		if err != nil {
			return nil, err
		}
		ids := make([]string, 0, len(ms))
		for _, m := range ms {
			ids = append(ids, m.ID)
		}
		cache[ev] = ids
		return ids, nil
	}
	return members, st.Close, nil
}
