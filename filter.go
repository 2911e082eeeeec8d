package wirewatch

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Filter narrows the stories an output receives beyond its topics: a
// Discord subscription's, or a configured output's. The zero Filter lets
// every story through.
type Filter struct {
	// Languages lists ISO 639-1 codes; a story passes when its language
	// (Item.Language) is one of them. Empty means every language.
	Languages []string `json:"languages,omitempty"`
	// Feeds lists feed names or globs (see FeedMatches); a story passes
	// when its feed matches one of them. Empty means every feed.
	Feeds []string `json:"feeds,omitempty"`
	// MinOutlets keeps only stories whose event is carried by at least
	// this many outlets (feeds): a story is queued once its event reaches
	// it. 0 or 1 keeps every story. Allows does not read it: the pipeline
	// applies it, knowing the events.
	MinOutlets int `json:"min_outlets,omitempty"`
}

// MaxMinOutlets bounds Filter.MinOutlets.
const MaxMinOutlets = 50

// IsZero reports whether the filter lets every story through.
func (f Filter) IsZero() bool { return len(f.Languages) == 0 && len(f.Feeds) == 0 && f.MinOutlets <= 1 }

// Allows reports whether the story passes the filter.
func (f Filter) Allows(it *Item) bool {
	if len(f.Languages) > 0 {
		lang := it.Language()
		ok := false
		for _, l := range f.Languages {
			if strings.EqualFold(l, lang) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(f.Feeds) > 0 {
		for _, p := range f.Feeds {
			if FeedMatches(p, it.Feed) {
				return true
			}
		}
		return false
	}
	return true
}

// String describes the filter for people: "languages ko, ja · feeds
// yonhap-*"; "" for the zero filter.
func (f Filter) String() string {
	var parts []string
	if len(f.Languages) > 0 {
		parts = append(parts, "languages "+strings.Join(f.Languages, ", "))
	}
	if len(f.Feeds) > 0 {
		parts = append(parts, "feeds "+strings.Join(f.Feeds, ", "))
	}
	if f.MinOutlets > 1 {
		parts = append(parts, "events of "+strconv.Itoa(f.MinOutlets)+"+ outlets")
	}
	return strings.Join(parts, " · ")
}

// FeedMatches reports whether a feed name matches pattern, a feed name or
// a glob: "*" stands for any run of characters ("/" included, since feed
// names are often host and path) and "?" for any one character. Case does
// not matter.
func FeedMatches(pattern, name string) bool {
	return globMatch(strings.ToLower(pattern), strings.ToLower(name))
}

// globMatch matches name against a lower-cased pattern of literal runes,
// "*" and "?", backtracking only to the last star: linear in practice.
func globMatch(p, s string) bool {
	var starP, starS = -1, 0
	pi, si := 0, 0
	for si < len(s) {
		if pi < len(p) {
			switch c := p[pi]; c {
			case '*':
				starP, starS = pi, si
				pi++
				continue
			case '?':
				_, n := utf8.DecodeRuneInString(s[si:])
				pi++
				si += n
				continue
			default:
				pr, pn := utf8.DecodeRuneInString(p[pi:])
				sr, sn := utf8.DecodeRuneInString(s[si:])
				if pr == sr {
					pi += pn
					si += sn
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last star take one more rune of s.
		_, n := utf8.DecodeRuneInString(s[starS:])
		starS += n
		pi, si = starP+1, starS
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// IsGlob reports whether a feeds entry is a glob rather than a name.
func IsGlob(pattern string) bool { return strings.ContainsAny(pattern, "*?") }

// LanguageInfo names a language people can filter on.
type LanguageInfo struct {
	// Code is the ISO 639-1 code, Name its English name.
	Code string `json:"code"`
	Name string `json:"name"`
}
