package events

import (
	"slices"
	"strings"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/topics"
)

// maxGlossLabels bounds the labels of a gloss.
const maxGlossLabels = 6

// GlossPrefix starts every gloss, so that nobody takes it for a
// translation.
const GlossPrefix = "about: "

// Gloss returns what a story is about in English labels, built from its
// concepts without translation: "about: North Korea · ICBM · missile
// launch · Sea of Japan (East Sea)". Countries come first, then subjects,
// then other names; concepts found only deep in the body count only when
// nothing else was found; a subject whose label another chosen label
// contains ("missile" beside "missile launch") is left out. It is empty
// when the story names no concept.
func Gloss(cs []topics.ConceptHit) string {
	strong := slices.DeleteFunc(slices.Clone(cs), func(c topics.ConceptHit) bool { return c.Where == wirewatch.PlaceBody })
	if len(strong) == 0 {
		strong = cs
	}
	rank := func(c topics.ConceptHit) int {
		switch {
		case c.Class == topics.ClassCountry:
			return 0
		case c.Kind == topics.KindSubject:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(strong, func(a, b topics.ConceptHit) int { return rank(a) - rank(b) })
	var labels []string
	subject := map[string]bool{}
	for _, c := range strong {
		if c.Label == "" || slices.Contains(labels, c.Label) {
			continue
		}
		labels = append(labels, c.Label)
		subject[c.Label] = c.Kind == topics.KindSubject
	}
	labels = slices.DeleteFunc(slices.Clone(labels), func(l string) bool {
		for _, o := range labels {
			if subject[l] && o != l && containsWord(o, l) {
				return true
			}
		}
		return false
	})
	if len(labels) == 0 {
		return ""
	}
	if len(labels) > maxGlossLabels {
		labels = labels[:maxGlossLabels]
	}
	return GlossPrefix + strings.Join(labels, " · ")
}

// containsWord reports whether the label long contains the label short as
// whole words.
func containsWord(long, short string) bool {
	l, s := " "+strings.ToLower(long)+" ", " "+strings.ToLower(short)+" "
	return len(l) > len(s) && strings.Contains(l, s)
}
