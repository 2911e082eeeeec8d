package digest

import (
	"slices"
	"strings"
	"unicode"

	"github.com/wirewatch/wirewatch"
)

// minSimilarity is the share of title words two stories must have in
// common (Jaccard index) to be taken for the same story.
const minSimilarity = 0.6

// minWords is the fewest title words a story needs before it is compared
// by overlap; shorter titles must be equal to count as the same story.
const minWords = 4

// fold folds copies of the same story within one group into the first
// (newest) of them: the others go to its Also list. Stories are the same
// when they share their link or, from different feeds, most of their
// title's words: one feed's stories with different links are different
// stories, however alike their titles ("..., Japan says" and "..., South
// Korea says").
func fold(stories []*wirewatch.Item) []*wirewatch.Item {
	type rep struct {
		it    *wirewatch.Item
		words map[string]bool
	}
	var reps []*rep
	out := stories[:0:0]
	for _, it := range stories {
		words := titleWords(it.DisplayTitle())
		var into *rep
		for _, r := range reps {
			if sameStory(r.it, it, r.words, words) {
				into = r
				break
			}
		}
		if into != nil {
			// A copy brings the stories of its event along.
			into.it.Also = append(append(into.it.Also, it), it.Also...)
			it.Also = nil
			continue
		}
		reps = append(reps, &rep{it, words})
		out = append(out, it)
	}
	return out
}

// sameStory reports whether a and b are copies of one story.
func sameStory(a, b *wirewatch.Item, wa, wb map[string]bool) bool {
	if a.Link != "" && a.Link == b.Link {
		return true
	}
	if a.Feed == b.Feed || len(wa) == 0 || len(wb) == 0 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	union := len(wa) + len(wb) - common
	if len(wa) < minWords || len(wb) < minWords {
		return common == union
	}
	return float64(common)/float64(union) >= minSimilarity
}

// titleWords returns a title's words, lower-cased; runs of Han and Kana,
// which do not separate words, give their character pairs instead.
func titleWords(title string) map[string]bool {
	words := map[string]bool{}
	var run []rune
	flush := func() {
		if len(run) == 0 {
			return
		}
		if isUnspaced(run[0]) {
			if len(run) == 1 {
				words[string(run)] = true
			}
			for i := 0; i+1 < len(run); i++ {
				words[string(run[i:i+2])] = true
			}
		} else {
			words[string(run)] = true
		}
		run = run[:0]
	}
	for _, r := range strings.ToLower(title) {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsNumber(r):
			flush()
		case len(run) > 0 && isUnspaced(r) != isUnspaced(run[0]):
			flush()
			run = append(run, r)
		default:
			run = append(run, r)
		}
	}
	flush()
	return words
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words.
func isUnspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// foldEvents shows each event once: the stories of one event go into
// the Also list of its lead, the earliest story in the first of the
// readers' languages that has one, else the earliest story; the others
// follow it earliest first. The lead takes the place of the event's first
// story in stories; stories without an event are left as they are.
func foldEvents(stories []*wirewatch.Item, languages []string) []*wirewatch.Item {
	members := map[string][]*wirewatch.Item{}
	for _, it := range stories {
		if it.Event != "" {
			members[it.Event] = append(members[it.Event], it)
		}
	}
	out := stories[:0:0]
	done := map[string]bool{}
	for _, it := range stories {
		ms := members[it.Event]
		if it.Event == "" || len(ms) < 2 {
			out = append(out, it)
			continue
		}
		if done[it.Event] {
			continue
		}
		done[it.Event] = true
		ms = slices.Clone(ms)
		slices.SortStableFunc(ms, func(a, b *wirewatch.Item) int { return a.Published.Compare(b.Published) })
		lead := 0
		if i := leadIndex(ms, languages); i >= 0 {
			lead = i
		}
		l := ms[lead]
		for i, m := range ms {
			if i != lead {
				l.Also = append(l.Also, m)
				l.Also = append(l.Also, m.Also...)
				m.Also = nil
			}
		}
		out = append(out, l)
	}
	return out
}

// leadIndex returns the index of the first story in the first of the
// languages that has one; -1 when none does.
func leadIndex(ms []*wirewatch.Item, languages []string) int {
	for _, l := range languages {
		for i, m := range ms {
			if m.Language() == l {
				return i
			}
		}
	}
	return -1
}
