package app

import (
	"context"
	"errors"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/store"
)

// muteEvent mutes the event of a story in the channel it was shown in.
// PENDING: wired to the events package once it is on main.
func (a *App) muteEvent(ctx context.Context, c wirewatch.Curation, lead *store.Shown, o *output) (string, error) {
	return "", errors.New("muting an event needs event clustering, which this wirewatch does not have yet")
}
