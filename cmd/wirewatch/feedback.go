package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feedback"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// othersPerTopic bounds the other matches a suggestion is tried on.
const othersPerTopic = 1000

// feedback is `wirewatch feedback`: the stories readers reported from
// Discord as wrong matches, by topic, with the terms that caused them and
// none: terms that would keep them out.
func (c *cli) feedback(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("feedback", "[flags]", `List the stories readers reported from Discord as wrong matches (the ❌
reaction, or "Wrong match" in the menu under a digest), by topic, with the
terms that made each match and the channel it was reported in. For each
topic it suggests none: terms that would have kept the reported stories
out, each tried with the topic's matcher on them and on the topic's other
matches of the same period, and says what each would cost. Nothing is
changed: add a suggestion to the topic in the configuration file to
accept it.`)
	c.addCommon(fs, &co)
	since := 30 * 24 * time.Hour
	fs.Var(days{&since}, "since", "how far back to look: 48h, 30d, 2w")
	topic := fs.String("topic", "", "only this topic `id`")
	asJSON := fs.Bool("json", false, "print one JSON object per topic")
	_, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	from := time.Now().Add(-since)
	fps, err := st.FalsePositives(ctx, from, *topic)
	if err != nil {
		return c.fail(err)
	}
	if len(fps) == 0 {
		fmt.Fprintf(c.stderr, "no story was reported as a wrong match in the last %s\n", since)
		return exitOK
	}
	specs := map[string]topics.Spec{}
	for _, s := range cfg.TopicSpecs() {
		specs[s.ID] = s
	}
	now := time.Now()
	for _, group := range byTopic(fps) {
		r, err := topicFeedback(ctx, st, specs, group, from)
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			c.printJSON(r)
			continue
		}
		c.printFeedback(r, cfg, since, now)
	}
	return exitOK
}

// reportJSON is one reported story of `feedback -json`.
type reportJSON struct {
	Feed      string    `json:"feed"`
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Link      string    `json:"link,omitempty"`
	Language  string    `json:"language"`
	Terms     []string  `json:"terms"`
	Channels  []string  `json:"channels"`
	Reporters int       `json:"reporters"`
	Last      time.Time `json:"last_reported"`
}

// topicReport is one topic of `feedback -json`.
type topicReport struct {
	Topic string `json:"topic"`
	Name  string `json:"name,omitempty"`
	// Configured is false for a topic no longer in the configuration.
	Configured  bool                  `json:"configured"`
	Stories     []reportJSON          `json:"stories"`
	Suggestions []feedback.Suggestion `json:"suggestions"`
}

// byTopic groups false positives by topic, keeping their order.
func byTopic(fps []store.FalsePositive) [][]store.FalsePositive {
	var out [][]store.FalsePositive
	for _, fp := range fps {
		if n := len(out); n > 0 && out[n-1][0].Topic == fp.Topic {
			out[n-1] = append(out[n-1], fp)
			continue
		}
		out = append(out, []store.FalsePositive{fp})
	}
	return out
}

// topicFeedback lists a topic's reported stories, one entry per story
// whatever the channels it was reported in, and its suggestions.
func topicFeedback(ctx context.Context, st *store.Store, specs map[string]topics.Spec, fps []store.FalsePositive, since time.Time) (topicReport, error) {
	id := fps[0].Topic
	spec, ok := specs[id]
	r := topicReport{Topic: id, Name: spec.Name, Configured: ok, Stories: []reportJSON{}, Suggestions: []feedback.Suggestion{}}
	index := map[[2]string]int{}
	var reported []feedback.Story
	for _, fp := range fps {
		key := [2]string{fp.Feed, fp.Item}
		if i, seen := index[key]; seen {
			s := &r.Stories[i]
			s.Channels = appendNew(s.Channels, fp.Channel)
			s.Reporters += len(fp.Reporters)
			continue
		}
		index[key] = len(r.Stories)
		r.Stories = append(r.Stories, reportJSON{Feed: fp.Feed, ID: fp.Item, Title: fp.Title, Link: fp.Link, Language: fp.Language,
			Terms: fp.Terms(), Channels: []string{fp.Channel}, Reporters: len(fp.Reporters), Last: fp.Last})
		reported = append(reported, feedback.Story{Title: fp.Title, Text: strings.TrimPrefix(strings.TrimPrefix(fp.Text, fp.Title), "\n"),
			Language: fp.Language, Hits: fp.Hits})
	}
	if !ok {
		return r, nil
	}
	items, err := st.RecentMatches(ctx, id, othersPerTopic)
	if err != nil {
		return r, err
	}
	var others []feedback.Story
	for _, it := range items {
		if _, isReported := index[[2]string{it.Feed, it.ID}]; isReported || it.FirstSeen.Before(since) {
			continue
		}
		others = append(others, feedback.Story{Title: it.DisplayTitle(), Text: it.DisplayText(), Language: it.Language()})
	}
	sg, err := feedback.Suggest(spec, reported, others)
	if err != nil {
		return r, fmt.Errorf("topic %s: %w", id, err)
	}
	if sg != nil {
		r.Suggestions = sg
	}
	return r, nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// printFeedback prints a topic's report for people.
func (c *cli) printFeedback(r topicReport, cfg *config.Config, since time.Duration, now time.Time) {
	w := c.stdout
	name := r.Topic
	if r.Name != "" && r.Name != r.Topic {
		name += " (" + oneLine(r.Name) + ")"
	}
	n := len(r.Stories)
	fmt.Fprintf(w, "%s: %d %s reported as wrong %s in the last %s\n\n", name, n, plural(n, "story", "stories"), plural(n, "match", "matches"), since)
	for _, s := range r.Stories {
		fmt.Fprintf(w, "  %q\n", truncate(oneLine(s.Title), 120))
		fmt.Fprintf(w, "    %s · %s · matched %s\n", oneLine(s.Feed), s.Language, strings.Join(quoteAll(s.Terms), ", "))
		fmt.Fprintf(w, "    reported by %d in %s %s, last %s\n", s.Reporters, plural(len(s.Channels), "channel", "channels"),
			strings.Join(s.Channels, ", "), when(now, s.Last))
		if s.Link != "" {
			fmt.Fprintf(w, "    %s\n", oneLine(s.Link))
		}
	}
	fmt.Fprintln(w)
	switch {
	case !r.Configured:
		fmt.Fprintf(w, "  The topic %s is no longer in %s.\n\n", r.Topic, cfg.File)
		return
	case len(r.Suggestions) == 0:
		fmt.Fprintf(w, "  No none: term would keep these stories out (or the topic no longer matches them).\n"+
			"  Edit the topic's terms by hand; wirewatch replay -since 48h shows what an edit would match.\n\n")
		return
	}
	var cover, alt []feedback.Suggestion
	for _, sg := range r.Suggestions {
		if sg.Cover {
			cover = append(cover, sg)
		} else {
			alt = append(alt, sg)
		}
	}
	kept, costs := 0, 0
	for _, sg := range cover {
		kept += sg.Excludes
		costs += sg.Costs
	}
	fmt.Fprintf(w, "  Suggested: add to the none: list of topic %s in %s:\n", r.Topic, cfg.File)
	fmt.Fprintf(w, "    - id: %s\n      none:\n", r.Topic)
	for _, sg := range cover {
		fmt.Fprintf(w, "        - %s   # keeps out %d of the %d reported, and %s\n", strconv.Quote(sg.Term), sg.Excludes, sg.Reported, cost(sg))
	}
	for _, sg := range alt {
		fmt.Fprintf(w, "  Or: %s: keeps out %d of the %d reported, and %s\n", strconv.Quote(sg.Term), sg.Excludes, sg.Reported, cost(sg))
	}
	fmt.Fprintln(w)
}

// cost says what a suggestion would keep out of the topic's other matches.
func cost(sg feedback.Suggestion) string {
	if sg.Costs == 0 {
		return fmt.Sprintf("none of its %d other %s", sg.Others, plural(sg.Others, "match", "matches"))
	}
	return fmt.Sprintf("%d of its %d other %s too", sg.Costs, sg.Others, plural(sg.Others, "match", "matches"))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
