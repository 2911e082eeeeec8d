// Package digest assembles what an output receives: stories grouped by
// topic (or by feed for stories that match no topic), newest first within
// each group, capped with "and N more".
package digest

import (
	"slices"
	"sort"
	"time"

	"github.com/wirewatch/wirewatch"
)

// Options says how to assemble one digest.
type Options struct {
	// Output and Kind are copied into the digest.
	Output string
	Kind   wirewatch.Kind
	// Topics lists the topic ids the output wants, in display order; a
	// story is grouped under the first of its topics found here. Empty
	// means every topic, in the order of Order.
	Topics []string
	// Order is every topic's id in configuration order, with names.
	Order []wirewatch.TopicInfo
	// MaxPerGroup caps the stories shown per group; 0 means no cap.
	MaxPerGroup int
	// Fold shows copies of the same story once, with the others in its
	// Also list, and each event once (see Languages).
	Fold bool
	// Languages are the readers' languages, most wanted first: the lead
	// story of a folded event is in one of them where one exists, else it
	// is the event's earliest story.
	Languages []string
	// Now is the digest's creation time.
	Now time.Time
}

// Build groups items into a digest. Each item appears once: under the
// first topic it matched that the output wants, else under its feed.
// Stories past the cap are the group's Rest. Build never changes items:
// the digest holds copies of them.
func Build(items []*wirewatch.Item, opts Options) *wirewatch.Digest {
	d := &wirewatch.Digest{Output: opts.Output, Kind: opts.Kind, Created: opts.Now}
	rank := map[string]int{}
	names := map[string]wirewatch.TopicInfo{}
	for i, t := range opts.Order {
		names[t.ID] = t
		rank[t.ID] = len(opts.Topics) + i
	}
	for i, id := range opts.Topics {
		rank[id] = i
	}
	want := func(id string) bool {
		if len(opts.Topics) == 0 {
			return true
		}
		return slices.Contains(opts.Topics, id)
	}
	type key struct{ topic, feed string }
	groups := map[key]*wirewatch.Group{}
	var keys []key
	add := func(k key, title, mention string, it *wirewatch.Item) {
		g, ok := groups[k]
		if !ok {
			g = &wirewatch.Group{Topic: k.topic, Feed: k.feed, Title: title, Mention: mention}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Stories = append(g.Stories, it)
	}
	copies := make([]*wirewatch.Item, len(items))
	for i, it := range items {
		cp := *it
		cp.Also = nil
		copies[i] = &cp
	}
	if opts.Fold {
		// Each event once, across groups: its lead decides its group.
		slices.SortStableFunc(copies, func(a, b *wirewatch.Item) int { return b.Published.Compare(a.Published) })
		copies = foldEvents(copies, opts.Languages)
	}
	for _, it := range copies {
		best := -1
		for i, m := range it.Matches {
			if !want(m.Topic) {
				continue
			}
			if best < 0 || rankOf(rank, m.Topic) < rankOf(rank, it.Matches[best].Topic) {
				best = i
			}
		}
		if best >= 0 {
			m := it.Matches[best]
			title := m.Name
			if title == "" {
				title = names[m.Topic].Name
			}
			if title == "" {
				title = m.Topic
			}
			mention := ""
			if opts.Kind == wirewatch.KindAlert {
				mention = names[m.Topic].Mention
			}
			add(key{topic: m.Topic}, title, mention, it)
			continue
		}
		add(key{feed: it.Feed}, it.Feed, "", it)
	}
	// Topic groups first in topic order, then feed groups by name.
	sort.SliceStable(keys, func(i, j int) bool {
		ki, kj := keys[i], keys[j]
		ti, tj := ki.topic != "", kj.topic != ""
		if ti != tj {
			return ti
		}
		if ti {
			return rankOf(rank, ki.topic) < rankOf(rank, kj.topic)
		}
		return ki.feed < kj.feed
	})
	for _, k := range keys {
		g := groups[k]
		sort.SliceStable(g.Stories, func(i, j int) bool {
			return g.Stories[i].Published.After(g.Stories[j].Published)
		})
		if opts.Fold {
			g.Stories = fold(g.Stories)
		}
		if opts.MaxPerGroup > 0 && len(g.Stories) > opts.MaxPerGroup {
			for _, it := range g.Stories[opts.MaxPerGroup:] {
				g.Rest = append(append(g.Rest, it), it.Also...)
			}
			g.More = len(g.Rest)
			g.Stories = g.Stories[:opts.MaxPerGroup]
		}
		d.Groups = append(d.Groups, *g)
	}
	return d
}

func rankOf(rank map[string]int, id string) int {
	if r, ok := rank[id]; ok {
		return r
	}
	return len(rank) + 1
}
