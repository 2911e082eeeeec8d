package wirewatch

import (
	"fmt"
	"strings"
	"time"
)

// Backfill is how far back a new output or subscription reaches into the
// stories already stored: they are queued for it when it is made, as a
// digest. The zero value is BackfillNone.
type Backfill string

// The backfills a new output or subscription may choose.
const (
	// BackfillNone queues no stored story: only stories stored from now on
	// (and those a poll running while it was made stored) are delivered.
	BackfillNone Backfill = "none"
	// Backfill24h queues the matching stories of the last 24 hours.
	Backfill24h Backfill = "24h"
	// Backfill7d queues the matching stories of the last 7 days.
	Backfill7d Backfill = "7d"
)

// Backfills lists the valid backfills, in the order people are offered them.
var Backfills = []Backfill{BackfillNone, Backfill24h, Backfill7d}

// ParseBackfill reads a backfill as people write it; "" is BackfillNone.
func ParseBackfill(s string) (Backfill, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return BackfillNone, nil
	}
	for _, b := range Backfills {
		if string(b) == s {
			return b, nil
		}
	}
	return "", fmt.Errorf("unknown backfill %q: want none, 24h or 7d", s)
}

// Window returns how far back the backfill reaches; 0 for none.
func (b Backfill) Window() time.Duration {
	switch b {
	case Backfill24h:
		return 24 * time.Hour
	case Backfill7d:
		return 7 * 24 * time.Hour
	}
	return 0
}
