package app

import (
	"context"
	"errors"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/store"
)

// muteEvent mutes the event of a story in the channel it was shown in.
// This wirewatch does not cluster stories into events yet, so there is no
// event to mute: it refuses, saying so.
func (a *App) muteEvent(ctx context.Context, c wirewatch.Curation, lead *store.Shown, o *output) (string, error) {
	return "", errors.New("muting an event needs event clustering, which this wirewatch does not have yet")
}
