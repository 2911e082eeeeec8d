package topics

import (
	"unicode"
	"unicode/utf8"
)

// koreanParticles are the particles and endings that may follow a noun in
// the same Korean word: with a Whole guard, 북 counts in 북은 and 북측,
// but not in 북극 or 북카페.
var koreanParticles = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range []string{
		"은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "에겐", "께", "으로", "로", "와", "과",
		"도", "만", "까지", "부터", "조차", "마저", "이나", "나", "이며", "며", "이고", "이라", "라",
		"이라는", "라는", "이란", "란", "이다", "다", "이었다", "였다", "과의", "와의", "에서의", "으로의",
		"로의", "에도", "에는", "에선", "에서는", "으로는", "로는", "과는", "와는", "은요", "엔",
		"측", "측은", "측이", "측의", "측에", "측과", "측도", "측을", "측에서", "측으로",
	} {
		m[p] = true
	}
	return m
}()

// closingMarks are the closing quotes after which a Korean particle or
// ending attaches to the quoted word: in '구별'이란, 이란 is the ending
// "that is called", not Iran. Brackets are left out: they close labels
// such as [단독] before a headline's first word.
var closingMarks = map[rune]bool{
	'\'': true, '"': true, '’': true, '”': true, '」': true, '』': true, '》': true, '〉': true,
	'»': true, '›': true,
}

// isHangulStart reports whether a pattern's first word is Hangul.
func isHangulStart(p *pattern) bool {
	return p.re == nil && len(p.toks) > 0 && p.toks[0].first == classHangul
}

// gluedAfterQuote reports whether the text at raw[ss:] follows a word
// through closing quotes or brackets alone, with no space: a Korean word
// there is that word's particle or ending.
func gluedAfterQuote(raw string, ss int) bool {
	i, marks := ss, 0
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(raw[:i])
		if !closingMarks[r] {
			break
		}
		marks++
		i -= n
	}
	if marks == 0 || i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(raw[:i])
	return isWordRune(r)
}

// suffixBoundaries checks an occurrence of a term that may end a Hangul
// compound: at the start of a word it follows the usual rules; inside a
// word the rest of the word must be a particle.
func suffixBoundaries(b []byte, start, end int) bool {
	if classBefore(b, start) != classHangul {
		return true
	}
	return particleFollows(b, end)
}

// particleFollows reports whether the Hangul letters from b[end] to the end
// of the word are nothing or a particle.
func particleFollows(b []byte, end int) bool {
	i := end
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if wordClass(r) != classHangul {
			break
		}
		i += n
	}
	if i < len(b) {
		if r, _ := utf8.DecodeRune(b[i:]); wordClass(r) != classSep {
			return false // Hangul glued to other letters or digits
		}
	}
	return i == end || koreanParticles[string(b[end:i])]
}

// localGuard checks the parts of a guard that need only the occurrence
// itself: the story's language and whole-word rules.
func (s *scratch) localGuard(g *guard, b []byte, start, end int) bool {
	if g.onlyLang && s.lang != g.lang {
		return false
	}
	if !g.whole {
		return true
	}
	first, _ := utf8.DecodeRune(b[start:])
	last, _ := utf8.DecodeLastRune(b[:end])
	switch {
	case unicode.Is(unicode.Hangul, last):
		return particleFollows(b, end)
	case unicode.Is(unicode.Han, first) || unicode.Is(unicode.Han, last):
		before, _ := utf8.DecodeLastRune(b[:start])
		after, _ := utf8.DecodeRune(b[end:])
		if start > 0 && (unicode.Is(unicode.Han, before) || unicode.IsDigit(before)) {
			return false
		}
		return end >= len(b) || !unicode.Is(unicode.Han, after)
	case unicode.In(first, unicode.Katakana, unicode.Hiragana):
		before, _ := utf8.DecodeLastRune(b[:start])
		after, _ := utf8.DecodeRune(b[end:])
		same := func(r rune) bool {
			if unicode.Is(unicode.Katakana, first) {
				return unicode.Is(unicode.Katakana, r) || r == 'ー'
			}
			return unicode.Is(unicode.Hiragana, r)
		}
		return !(start > 0 && same(before)) && !(end < len(b) && same(after))
	}
	return true
}

// settlePending decides the occurrences of guarded terms whose guard looks
// at other words, now that every occurrence of the story is known, and
// records those that count.
func (m *Matcher) settlePending(s *scratch) {
	known := len(s.occs)
	for _, o := range s.pending {
		g := m.pats[o.pat].guard
		if s.inAny(g.notIn, &o, known) {
			continue
		}
		if len(g.near) > 0 && !s.nearAny(g.near, &o, g.window, known) {
			continue
		}
		if len(g.notNear) > 0 && s.nearAny(g.notNear, &o, g.window, known) {
			continue
		}
		s.add(o)
	}
}

// inAny reports whether an occurrence of one of pats, among the first n
// occurrences, contains o.
func (s *scratch) inAny(pats []int32, o *occ, n int) bool {
	if len(pats) == 0 {
		return false
	}
	for i := range s.occs[:n] {
		a := &s.occs[i]
		if a.field == o.field && a.ns <= o.ns && a.ne >= o.ne && a.pat != o.pat && containsPat(pats, a.pat) {
			return true
		}
	}
	return false
}

// nearAny reports whether an occurrence of one of pats, among the first n
// occurrences, lies within window words of o, outside it.
func (s *scratch) nearAny(pats []int32, o *occ, window, n int) bool {
	for i := range s.occs[:n] {
		a := &s.occs[i]
		if a.field != o.field || !containsPat(pats, a.pat) {
			continue
		}
		if a.ns >= o.ns && a.ne <= o.ne {
			continue // the term's own words
		}
		if s.gap(a, o) < window {
			return true
		}
	}
	return false
}

func containsPat(ps []int32, p int32) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
