package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// printFeedHealth says, under status's feed table, which feeds are dead
// (failing for deadAfter or longer) and which stopped being polled.
func (c *cli) printFeedHealth(now time.Time, deadAfter time.Duration, list []wirewatch.FeedStatus) {
	var dead, stopped []string
	for _, f := range list {
		if f.Failures == 0 || f.FailingSince.IsZero() {
			continue
		}
		entry := fmt.Sprintf("%s (failing for %s)", f.Name, text.Span(now.Sub(f.FailingSince)))
		switch {
		case !f.Stopped.IsZero():
			stopped = append(stopped, entry)
		case now.Sub(f.FailingSince) >= deadAfter:
			dead = append(dead, entry)
		}
	}
	if len(dead) > 0 {
		fmt.Fprintf(c.stdout, "dead, failing for %s or more: %s\n", text.Span(deadAfter), strings.Join(dead, ", "))
	}
	if len(stopped) > 0 {
		fmt.Fprintf(c.stdout, "stopped after failing for 30 days, no longer polled: %s; wirewatch retry -feed NAME resumes one\n", strings.Join(stopped, ", "))
	}
}
