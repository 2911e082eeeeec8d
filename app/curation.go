package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
	"github.com/wirewatch/wirewatch/store"
)

// The methods below let the Discord bot curate stories people see (they
// meet discord.Backend).

// falsePositiveTextRunes bounds the story text a report keeps.
const falsePositiveTextRunes = 4000

// StoriesShown returns how many stories the message with the given id
// showed; 0 for a message wirewatch did not post, or whose delivery
// records were pruned.
func (a *App) StoriesShown(ctx context.Context, message string) (int, error) {
	shown, err := a.store.MessageStories(ctx, message)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sh := range shown {
		if !sh.Copy {
			n++
		}
	}
	return n, nil
}

// Curate carries out a person's judgement on the story at a place in a
// message: it mutes the story's event in the channel, or records it as
// a false positive of the topics it was delivered for. It says what it
// did; its errors are meant for the person who asked.
func (a *App) Curate(ctx context.Context, c wirewatch.Curation) (string, error) {
	shown, err := a.store.MessageStories(ctx, c.Message)
	if err != nil {
		return "", err
	}
	var lead *store.Shown
	for i := range shown {
		if shown[i].Position == c.Position && !shown[i].Copy {
			lead = &shown[i]
		}
	}
	if lead == nil {
		return "", errors.New("wirewatch no longer knows that story (its delivery was too long ago)")
	}
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return "", err
	}
	o := outs[lead.Output]
	switch c.Action {
	case wirewatch.CurationFalsePositive:
		return a.reportFalsePositive(ctx, c, lead, o)
	case wirewatch.CurationMute:
		return a.muteEvent(ctx, c, lead, o)
	default:
		return "", fmt.Errorf("unknown action %q", c.Action)
	}
}

// reportFalsePositive records the story as matched wrongly for each
// topic its output delivered it for, with the hits that made it match.
func (a *App) reportFalsePositive(ctx context.Context, c wirewatch.Curation, lead *store.Shown, o *output) (string, error) {
	it := lead.Item
	var matches []wirewatch.Match
	for _, m := range it.Matches {
		if o == nil || o.topics == nil || slices.Contains(o.topics, m.Topic) {
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return "", errors.New("this story matched no topic: it was delivered because this output takes every story")
	}
	body := it.DisplayTitle()
	if t := strings.TrimSpace(it.DisplayText()); t != "" {
		body += "\n" + t
	}
	var said []string
	for _, m := range matches {
		fp := store.FalsePositive{Feed: it.Feed, Item: it.ID, Topic: m.Topic, Channel: c.Channel, Guild: c.Guild,
			Output: lead.Output, Title: it.DisplayTitle(), Link: it.Link, Language: it.Language(),
			Text: text.Truncate(body, falsePositiveTextRunes), Hits: m.Hits}
		if _, err := a.store.AddFalsePositive(ctx, fp, c.User, a.now()); err != nil {
			return "", err
		}
		var terms []string
		for _, t := range it.MatchedTerms(m.Topic) {
			terms = append(terms, t.String())
		}
		said = append(said, fmt.Sprintf("%s (matched: %s)", m.Topic, strings.Join(terms, ", ")))
	}
	return fmt.Sprintf("Recorded %q as a wrong match of %s. The topic's editor finds it with wirewatch feedback.",
		text.Truncate(text.OneLine(it.DisplayTitle()), 120), strings.Join(said, " and ")), nil
}
