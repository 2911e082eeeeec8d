// Package feedback turns what readers reported as wrong matches into
// none: terms a topic's editor can accept: for each topic, the terms that
// would have kept the reported stories out, each tried with the topic's
// own matcher on the reported stories and on the topic's other recent
// matches, so that the editor sees what a term would cost before adding
// it. Nothing here changes a configuration.
package feedback

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/topics"
)

// Story is a story as the topic's matcher reads it.
type Story struct {
	// Title and Text are the story's clean title and text.
	Title, Text string
	// Language is its ISO 639-1 language, or "und".
	Language string
	// Hits are the topic's hits in it, for a reported story.
	Hits []wirewatch.Hit
}

// Suggestion is a term for a topic's none: list and what adding it would
// do.
type Suggestion struct {
	// Term is the none: entry, as it would be written in YAML.
	Term string `json:"term"`
	// Excludes counts the reported stories it keeps out, of Reported that
	// the topic still matches.
	Excludes int `json:"excludes"`
	Reported int `json:"reported"`
	// Costs counts the topic's other matches it would keep out too, of
	// Others.
	Costs  int `json:"costs"`
	Others int `json:"others"`
	// Cover is true for the suggestions that, together, keep out every
	// reported story any suggestion keeps out: the entry to accept. The
	// others are alternatives.
	Cover bool `json:"cover"`

	// excluded marks the reported stories the term keeps out.
	excluded []bool
}

// maxSuggestions is how many suggestions a topic gets.
const maxSuggestions = 3

// Candidate kinds, by preference: a longer word holding the term (核心
// for 核), the term's word with the next or previous one (a phrase), a
// word of the title beside the term.
const (
	kindWord = iota
	kindPhrase
	kindContext
)

type candidate struct {
	term string
	kind int
}

// Suggest returns up to three none: terms for the topic spec, best first,
// made from the reported stories' hits and titles: each is tried by
// compiling the topic with it added to none: and matching the reported
// stories and the others (the topic's other recent matches). A term that
// keeps out none of the reported stories is not suggested; among the
// others, the one that keeps out fewer of the others wins, then the one
// that keeps out more reported stories, then the more precise kind, then
// the shorter. Reported stories the topic no longer matches (an edit
// already fixed them) count in no figure.
func Suggest(spec topics.Spec, reported, others []Story) ([]Suggestion, error) {
	base, _, err := topics.Compile([]topics.Spec{spec})
	if err != nil {
		return nil, err
	}
	var still []Story
	for _, s := range reported {
		if matches(base, s) {
			still = append(still, s)
		}
	}
	var baseOthers []Story
	for _, s := range others {
		if matches(base, s) {
			baseOthers = append(baseOthers, s)
		}
	}
	if len(still) == 0 {
		return nil, nil
	}
	var out []Suggestion
	kinds := map[string]int{}
	for _, c := range candidates(still) {
		if _, ok := kinds[c.term]; ok || inNone(spec, c.term) {
			continue
		}
		kinds[c.term] = c.kind
		trial := spec
		trial.None = append(slices.Clone(spec.None), topics.Term{Text: c.term})
		m, _, err := topics.Compile([]topics.Spec{trial})
		if err != nil {
			continue // a term the matcher refuses is no suggestion
		}
		sg := Suggestion{Term: c.term, Reported: len(still), Others: len(baseOthers), excluded: make([]bool, len(still))}
		for i, s := range still {
			if !matches(m, s) {
				sg.Excludes++
				sg.excluded[i] = true
			}
		}
		if sg.Excludes == 0 {
			continue
		}
		for _, s := range baseOthers {
			if !matches(m, s) {
				sg.Costs++
			}
		}
		out = append(out, sg)
	}
	// The longer of two terms of a kind is the more specific.
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(a.Costs, b.Costs), cmp.Compare(b.Excludes, a.Excludes),
			cmp.Compare(kinds[a.Term], kinds[b.Term]), cmp.Compare(utf8.RuneCountInString(b.Term), utf8.RuneCountInString(a.Term)))
	})
	return pick(out, len(still)), nil
}

// pick chooses up to maxSuggestions of the ranked suggestions: first, in
// rank order, each that keeps out a reported story none chosen before
// does (the cover), then the best of the rest as alternatives.
func pick(ranked []Suggestion, reported int) []Suggestion {
	covered := make([]bool, reported)
	var out []Suggestion
	chosen := make([]bool, len(ranked))
	for i, sg := range ranked {
		if len(out) == maxSuggestions {
			break
		}
		adds := false
		for j, ex := range sg.excluded {
			if ex && !covered[j] {
				adds, covered[j] = true, true
			}
		}
		if adds {
			sg.Cover, chosen[i] = true, true
			out = append(out, sg)
		}
	}
	for i, sg := range ranked {
		if len(out) == maxSuggestions {
			break
		}
		if !chosen[i] {
			out = append(out, sg)
		}
	}
	return out
}

// matches reports whether the compiled topic matches the story.
func matches(m *topics.Matcher, s Story) bool {
	return len(m.Match(topics.Doc{Title: s.Title, Text: s.Text, Language: s.Language})) > 0
}

// inNone reports whether term is already in the topic's none: list.
func inNone(spec topics.Spec, term string) bool {
	return slices.ContainsFunc(spec.None, func(t topics.Term) bool { return strings.EqualFold(t.Text, term) })
}

// candidates returns the candidate terms of the reported stories, most
// precise first.
func candidates(stories []Story) []candidate {
	var out []candidate
	for _, s := range stories {
		for _, h := range s.Hits {
			out = append(out, around(h)...)
		}
	}
	for _, s := range stories {
		terms := map[string]bool{}
		for _, h := range s.Hits {
			terms[strings.ToLower(strings.TrimSuffix(h.Term, "*"))] = true
		}
		for _, w := range words(s.Title) {
			if !terms[strings.ToLower(w)] && significant(w) {
				out = append(out, candidate{w, kindContext})
			}
		}
	}
	return out
}

// around returns the terms a hit's context offers: the word that holds
// the hit when it is longer than the term, and the term's word with its
// neighbour on either side.
func around(h wirewatch.Hit) []candidate {
	term := strings.TrimSuffix(strings.Trim(h.Term, "/"), "*")
	if term == "" || h.Text == "" {
		return nil
	}
	ws := words(h.Text)
	var out []candidate
	for i, w := range ws {
		if !strings.Contains(strings.ToLower(w), strings.ToLower(term)) {
			continue
		}
		if unspaced(w) {
			// Scripts written without spaces: the term with the characters
			// around it.
			out = append(out, unspacedAround(w, term)...)
			continue
		}
		if !strings.EqualFold(w, term) {
			out = append(out, candidate{w, kindWord})
		}
		if i+1 < len(ws) && significant(ws[i+1]) {
			out = append(out, candidate{w + " " + ws[i+1], kindPhrase})
		}
		if i > 0 && significant(ws[i-1]) {
			out = append(out, candidate{ws[i-1] + " " + w, kindPhrase})
		}
	}
	return out
}

// unspacedAround returns, for a run of Han, Kana or other unspaced script
// holding term, the term with one character after it and with one before
// it (核心 for 核 in 核心技術).
func unspacedAround(run, term string) []candidate {
	rs, ts := []rune(run), []rune(term)
	var out []candidate
	for i := 0; i+len(ts) <= len(rs); i++ {
		if !strings.EqualFold(string(rs[i:i+len(ts)]), term) {
			continue
		}
		if j := i + len(ts); j < len(rs) {
			out = append(out, candidate{string(rs[i : j+1]), kindWord})
		}
		if i > 0 {
			out = append(out, candidate{string(rs[i-1 : i+len(ts)]), kindWord})
		}
	}
	return out
}

// words splits text into words: runs of letters, digits and the marks and
// joiners within them.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '\u200c' && r != '\u200d' && r != '-' && r != '\''
	})
}

// unspaced reports whether a word is in a script written without spaces.
func unspaced(w string) bool {
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// significant reports whether a word can be a term by itself: not a
// number, and long enough to mean something (two characters in unspaced
// scripts and Hangul, four elsewhere).
func significant(w string) bool {
	n := utf8.RuneCountInString(w)
	digits := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	switch {
	case digits:
		return false
	case unspaced(w) || strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0:
		return n >= 2
	default:
		return n >= 4
	}
}
