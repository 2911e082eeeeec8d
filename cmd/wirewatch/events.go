package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/store"
)

// eventJSON is one object of `events -json`.
type eventJSON struct {
	store.Event
	Members []memberJSON `json:"members"`
}

// memberJSON is a story of an event, with why it joined.
type memberJSON struct {
	Feed      string    `json:"feed"`
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Link      string    `json:"link,omitempty"`
	Language  string    `json:"language"`
	Published time.Time `json:"published"`
	Joined    time.Time `json:"joined"`
	// Score, With and Why are absent for the story that began the event.
	Score    float64         `json:"score,omitempty"`
	With     *memberRef      `json:"with,omitempty"`
	Why      string          `json:"why,omitempty"`
	Evidence json.RawMessage `json:"evidence,omitempty"`
	Gloss    string          `json:"gloss,omitempty"`
}

// memberRef names a story.
type memberRef struct {
	Feed string `json:"feed"`
	ID   string `json:"id"`
}

// events is `wirewatch events`: the events of the last -since, with their
// stories and why each joined.
func (c *cli) events(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("events", "[flags]", `List the events of the last -since: the stories of any feeds and languages
judged to tell the same news, each with its outlets and languages, and for
every story how it joined (the story it matched, the score, and the shared
link, text, concepts, names and numbers). Events of one story are left out
unless -all.`)
	c.addCommon(fs, &co)
	since := 24 * time.Hour
	fs.Var(days{&since}, "since", "how far back to look: 24h, 2d, 1w")
	asJSON := fs.Bool("json", false, "print one JSON object per event")
	all := fs.Bool("all", false, "also list events of a single story")
	_, st, code := c.startShared(ctx, fs, &co, args)
	if st == nil {
		return code
	}
	defer st.Close()
	least := 2
	if *all {
		least = 1
	}
	evs, err := st.Events(ctx, time.Now().Add(-since), least)
	if err != nil {
		return c.fail(err)
	}
	for _, ev := range evs {
		members, err := st.EventMembers(ctx, ev.ID)
		if err != nil {
			return c.fail(err)
		}
		out := eventJSON{Event: ev, Members: make([]memberJSON, 0, len(members))}
		for _, m := range members {
			mj := memberJSON{Feed: m.Feed, ID: m.ID, Title: m.Item.DisplayTitle(), Link: m.Item.Link, Language: m.Item.Language(),
				Published: m.Item.Published, Joined: m.Joined, Score: m.Score, Why: m.Why, Evidence: m.WhyJSON, Gloss: m.Gloss}
			if m.WithID != "" {
				mj.With = &memberRef{Feed: m.WithFeed, ID: m.WithID}
			}
			out.Members = append(out.Members, mj)
		}
		if *asJSON {
			if code := c.printJSON(out); code != exitOK {
				return code
			}
			continue
		}
		c.printEvent(out)
	}
	if !*asJSON {
		fmt.Fprintf(c.stderr, "%d %s in the last %s\n", len(evs), plural(len(evs), "event", "events"), days{&since})
	}
	return exitOK
}

// printEvent prints an event as text: a heading, then each story with how
// it joined.
func (c *cli) printEvent(ev eventJSON) {
	fmt.Fprintf(c.stdout, "event %s: %d %s · %d %s · %d %s (%s)\n", ev.ID,
		ev.Stories, plural(ev.Stories, "story", "stories"), ev.Outlets, plural(ev.Outlets, "outlet", "outlets"),
		len(ev.Languages), plural(len(ev.Languages), "language", "languages"), strings.Join(ev.Languages, ", "))
	for _, m := range ev.Members {
		fmt.Fprintf(c.stdout, "  [%s] %s | %s | %s\n", m.Language, truncate(oneLine(m.Title), 120), m.Feed, m.Published.UTC().Format("2006-01-02 15:04"))
		if m.Gloss != "" {
			fmt.Fprintf(c.stdout, "       gloss, not a translation: %s\n", m.Gloss)
		}
		if m.With == nil {
			fmt.Fprintf(c.stdout, "       began the event\n")
			continue
		}
		fmt.Fprintf(c.stdout, "       joined with %s (score %.2f): %s\n", m.With.Feed, m.Score, m.Why)
	}
	fmt.Fprintln(c.stdout)
}
