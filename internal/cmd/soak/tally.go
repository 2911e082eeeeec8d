package main

import (
	"regexp"
	"slices"
	"sort"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// storyLink finds story ids in the links of a message.
var storyLink = regexp.MustCompile(`/story/(s[0-9]+-[0-9]+)`)

// destTally is what one output received.
type destTally struct {
	Name string
	// Messages counts the messages that showed stories.
	Messages int
	// Expected counts the stories it should have received; Delivered
	// those of them a message linked at least once; Folded those no
	// message linked but whose event a message showed (a digest shows an
	// event once, links as many of its stories as fit and counts the
	// rest); Lost the rest.
	Expected, Delivered, Folded, Lost int
	// Unexpected counts stories received that it should not have.
	Unexpected int
	// InFlight counts stories shown again because the message that showed
	// them was the one in flight when the program was killed: Discord
	// accepted it, the kill came before it was marked delivered.
	InFlight int
	// Duplicated counts stories shown more than once otherwise.
	Duplicated int
	// Latency is the time from a story's first serving to its first
	// message, at the 50th and 95th percentiles and at most.
	P50, P95, Max time.Duration
	// LostIDs and DuplicatedIDs name a few of them, for the report.
	LostIDs, DuplicatedIDs []string
}

// appearance is one message that showed a story.
type appearance struct {
	msg int
	at  time.Time
}

// tally counts what the messages of one output show against want. A
// repeat is put down to a kill when the message before it was the last
// message the output accepted before a kill, in the run that was killed,
// and the repeat came after the kill.
//
// members, when set, returns the stories of a story's event, for stories
// no message linked.
func tally(name string, msgs []discordtest.Message, want map[string]time.Time, runs []runRecord, members func(id string) ([]string, error)) (destTally, error) {
	t := destTally{Name: name, Expected: len(want)}
	seen := map[string][]appearance{}
	for i, m := range msgs {
		ids := storyIDs(m)
		if len(ids) > 0 {
			t.Messages++
		}
		for _, id := range ids {
			seen[id] = append(seen[id], appearance{i, m.Timestamp})
		}
	}
	// inFlight maps the index of each message in flight at a kill to the
	// time of that kill.
	inFlight := map[int]time.Time{}
	for _, r := range runs {
		if !r.Killed {
			continue
		}
		last := -1
		for i, m := range msgs {
			if !m.Timestamp.Before(r.Start) && !m.Timestamp.After(r.End) {
				last = i
			}
		}
		if last >= 0 {
			inFlight[last] = r.End
		}
	}
	var lat []time.Duration
	for id, apps := range seen {
		served, ok := want[id]
		if !ok {
			t.Unexpected++
			continue
		}
		t.Delivered++
		lat = append(lat, apps[0].at.Sub(served))
		if len(apps) < 2 {
			continue
		}
		explained := true
		for j := 1; j < len(apps); j++ {
			kill, ok := inFlight[apps[j-1].msg]
			if !ok || apps[j].at.Before(kill) {
				explained = false
			}
		}
		if explained {
			t.InFlight++
		} else {
			t.Duplicated++
			t.DuplicatedIDs = append(t.DuplicatedIDs, id)
		}
	}
	for id := range want {
		if len(seen[id]) > 0 {
			continue
		}
		folded, err := shownInEvent(id, seen, members)
		if err != nil {
			return t, err
		}
		if folded {
			t.Folded++
		} else {
			t.LostIDs = append(t.LostIDs, id)
		}
	}
	t.Lost = len(t.LostIDs)
	if len(lat) > 0 {
		slices.Sort(lat)
		t.P50, t.P95, t.Max = lat[len(lat)/2], lat[len(lat)*95/100], lat[len(lat)-1]
	}
	sort.Strings(t.LostIDs)
	sort.Strings(t.DuplicatedIDs)
	return t, nil
}

// shownInEvent reports whether a message linked another story of id's
// event.
func shownInEvent(id string, seen map[string][]appearance, members func(id string) ([]string, error)) (bool, error) {
	if members == nil {
		return false, nil
	}
	ids, err := members(id)
	if err != nil {
		return false, err
	}
	for _, m := range ids {
		if m != id && len(seen[m]) > 0 {
			return true, nil
		}
	}
	return false, nil
}

// storyIDs returns the ids of the stories a message shows, in order.
func storyIDs(m discordtest.Message) []string {
	var ids []string
	seen := map[string]bool{}
	for _, e := range m.Embeds {
		blob := e.URL + "\n" + e.Title + "\n" + e.Description
		for _, f := range e.Fields {
			blob += "\n" + f.Name + "\n" + f.Value
		}
		for _, sub := range storyLink.FindAllStringSubmatch(blob, -1) {
			if !seen[sub[1]] {
				seen[sub[1]] = true
				ids = append(ids, sub[1])
			}
		}
	}
	return ids
}
