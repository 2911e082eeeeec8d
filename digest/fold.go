package digest

import (
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
			into.it.Also = append(into.it.Also, it)
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
