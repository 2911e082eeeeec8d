package topics

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
)

// Doc is one story as the matcher sees it.
type Doc struct {
	// Title and Text are the story's clean title and summary.
	Title, Text string
	// Language is the detected ISO 639-1 language, or "und" or "" when
	// unknown.
	Language string
}

// Field names reported in hits.
var fieldNames = [2]string{"title", "text"}

// Limits on the work done for one story.
const (
	// maxOccurrences caps the occurrences kept per story.
	maxOccurrences = 4096
	// maxRegexHits caps the occurrences of one regular expression per field.
	maxRegexHits = 32
	// snippetRunes is the length of a hit's snippet, in runes.
	snippetRunes = 60
	// snippetSlack is how far, in runes, a snippet may grow to finish a
	// word.
	snippetSlack = 12
)

// occ is one occurrence of a pattern in a story.
type occ struct {
	pat    int32
	field  uint8
	ns, ne int32 // normalised range
	ss, se int32 // original range
}

// scratch holds the per-story buffers, reused between stories.
type scratch struct {
	fields [2]normText
	raw    [2]string
	caseNT normText
	acHits []acHit
	// first[p] is 1 + the index in occs of pattern p's first occurrence.
	first   []int32
	occs    []occ
	touched []int32
	mark    []bool
	cands   []int32
	refs    []leafRef
}

func (m *Matcher) newScratch() *scratch {
	return &scratch{first: make([]int32, len(m.pats)), mark: make([]bool, len(m.topics))}
}

// Match returns the topics the story matches, in configuration order, each
// with the terms that hit, where, and a snippet of the text around them.
func (m *Matcher) Match(d Doc) []wirewatch.Match {
	s := m.scratch.Get().(*scratch)
	defer m.release(s)
	s.raw = [2]string{d.Title, d.Text}
	for f := range s.raw {
		nt := &s.fields[f]
		nt.normalize(s.raw[f], normOptions{fold: true})
		s.acHits = m.ac.scan(nt.b, s.acHits[:0])
		for _, h := range s.acHits {
			start := h.end - int(m.ac.lens[h.lit])
			for _, p := range m.litPats[h.lit] {
				m.verify(s, p, f, start)
			}
		}
		for _, p := range m.regexps {
			m.matchRegex(s, p, f)
		}
	}
	if len(s.touched) == 0 {
		return nil
	}
	for _, p := range s.touched {
		for _, t := range m.patTopics[p] {
			if !s.mark[t] {
				s.mark[t] = true
				s.cands = append(s.cands, t)
			}
		}
	}
	slices.Sort(s.cands)
	lang := baseLanguage(d.Language)
	und := lang == "" || lang == "und"
	var out []wirewatch.Match
	for _, ti := range s.cands {
		t := m.topics[ti]
		e := evaluator{m: m, s: s, t: t}
		if t.langs != nil {
			if und {
				e.filter = true
			} else if !t.langs[lang] {
				continue
			}
		}
		if !e.eval(t.cond) {
			continue
		}
		mt := wirewatch.Match{Topic: t.info.ID, Name: t.info.Name, Alert: t.info.Alert}
		if t.minScore > 0 {
			mt.Score = e.score()
		}
		// Hits in reading order: title first, then text.
		refs := s.refs[:0]
		for _, r := range t.reported {
			if e.hit(r.pat) {
				refs = append(refs, r)
			}
		}
		slices.SortStableFunc(refs, func(x, y leafRef) int {
			a, b := &s.occs[s.first[x.pat]-1], &s.occs[s.first[y.pat]-1]
			if a.field != b.field {
				return int(a.field) - int(b.field)
			}
			return cmp.Compare(a.ss, b.ss)
		})
		if len(refs) > 0 {
			mt.Hits = make([]wirewatch.Hit, 0, len(refs))
		}
		for _, r := range refs {
			o := s.occs[s.first[r.pat]-1]
			mt.Hits = append(mt.Hits, wirewatch.Hit{
				Term:  r.text,
				Field: fieldNames[o.field],
				Text:  snippet(s.raw[o.field], int(o.ss), int(o.se)),
			})
		}
		s.refs = refs[:0]
		out = append(out, mt)
	}
	return out
}

// release resets the scratch buffers and returns them to the pool.
func (m *Matcher) release(s *scratch) {
	for _, p := range s.touched {
		s.first[p] = 0
	}
	for _, t := range s.cands {
		s.mark[t] = false
	}
	s.touched = s.touched[:0]
	s.cands = s.cands[:0]
	s.occs = s.occs[:0]
	s.raw = [2]string{}
	m.scratch.Put(s)
}

// verify checks an automaton hit of pattern p at start in field f and
// records it.
func (m *Matcher) verify(s *scratch, p int32, f, start int) {
	pat := m.pats[p]
	if s.first[p] != 0 && !pat.positions {
		return
	}
	nt := &s.fields[f]
	end, ok := matchAt(nt.b, start, pat.toks, pat.seps, true)
	if !ok {
		return
	}
	ss, se := nt.srcRange(start, end)
	if pat.caseToks != nil {
		s.caseNT.normalize(s.raw[f][ss:se], normOptions{})
		if _, ok := matchAt(s.caseNT.b, 0, pat.caseToks, pat.seps, false); !ok {
			return
		}
	}
	s.add(occ{pat: p, field: uint8(f), ns: int32(start), ne: int32(end), ss: int32(ss), se: int32(se)})
}

// matchRegex records the occurrences of regular-expression pattern p in
// field f.
func (m *Matcher) matchRegex(s *scratch, p int32, f int) {
	raw := s.raw[f]
	if raw == "" {
		return
	}
	pat := m.pats[p]
	n := maxRegexHits
	if !pat.positions {
		n = 1
		if s.first[p] != 0 {
			return
		}
	}
	nt := &s.fields[f]
	for _, loc := range pat.re.FindAllStringIndex(raw, n) {
		if loc[1] == loc[0] {
			continue
		}
		// Map the original offsets to the normalised text.
		ns := sort.Search(len(nt.b), func(i int) bool { return int(nt.src[i]) >= loc[0] })
		ne := sort.Search(len(nt.b), func(i int) bool { return int(nt.src[i]) >= loc[1] })
		s.add(occ{pat: p, field: uint8(f), ns: int32(ns), ne: int32(max(ne, ns+1)), ss: int32(loc[0]), se: int32(loc[1])})
	}
}

func (s *scratch) add(o occ) {
	if len(s.occs) >= maxOccurrences {
		return
	}
	s.occs = append(s.occs, o)
	if s.first[o.pat] == 0 {
		s.first[o.pat] = int32(len(s.occs))
		s.touched = append(s.touched, o.pat)
	}
}

// evaluator decides a topic's condition for one story.
type evaluator struct {
	m *Matcher
	s *scratch
	t *topic
	// filter drops hits of terms in scripts the topic's languages do not
	// use, for stories of unknown language.
	filter bool
}

// hit reports whether pattern p occurs and counts for the topic.
func (e *evaluator) hit(p int32) bool {
	if e.s == nil || e.s.first[p] == 0 {
		return false
	}
	if e.filter {
		sc := e.m.pats[p].scripts
		return sc == 0 || sc&e.t.scripts != 0
	}
	return true
}

func (e *evaluator) eval(n *cnode) bool {
	switch n.op {
	case cLeaf:
		return e.hit(n.pat)
	case cAnd:
		for _, k := range n.kids {
			if !e.eval(k) {
				return false
			}
		}
		return true
	case cOr:
		for _, k := range n.kids {
			if e.eval(k) {
				return true
			}
		}
		return false
	case cNot:
		return !e.eval(n.kids[0])
	case cNear:
		return e.near(n)
	case cScore:
		return e.score() >= e.t.minScore
	}
	return false
}

// score sums the weights of the distinct scored terms that occur.
func (e *evaluator) score() float64 {
	var sum float64
	for _, st := range e.t.scored {
		if e.hit(st.pat) {
			sum += st.weight
		}
	}
	return sum
}

// near reports whether occurrences of the two sides lie in one field with
// at most n.near words between them.
func (e *evaluator) near(n *cnode) bool {
	if e.s == nil {
		return false
	}
	var left, right []int32
	walkLeaves(n.kids[0], func(p int32) {
		if e.hit(p) {
			left = append(left, p)
		}
	})
	walkLeaves(n.kids[1], func(p int32) {
		if e.hit(p) {
			right = append(right, p)
		}
	})
	if len(left) == 0 || len(right) == 0 {
		return false
	}
	for i := range e.s.occs {
		a := &e.s.occs[i]
		if !contains(left, a.pat) {
			continue
		}
		for j := range e.s.occs {
			b := &e.s.occs[j]
			if i == j || b.field != a.field || !contains(right, b.pat) {
				continue
			}
			if e.gap(a, b) <= n.near {
				return true
			}
		}
	}
	return false
}

// gap returns the number of words between two occurrences in one field.
func (e *evaluator) gap(a, b *occ) int {
	nt := &e.s.fields[a.field]
	as, ae := nt.wordIndex(int(a.ns)), nt.wordIndex(int(a.ne)-1)
	bs, be := nt.wordIndex(int(b.ns)), nt.wordIndex(int(b.ne)-1)
	switch {
	case bs > ae:
		return bs - ae - 1
	case as > be:
		return as - be - 1
	}
	return 0
}

func contains(ps []int32, p int32) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// snippet returns the hit text[start:end] with context on both sides, about
// snippetRunes runes in all, with white space collapsed and "…" where the
// text was cut.
func snippet(text string, start, end int) string {
	ctx := max(0, (snippetRunes-utf8.RuneCountInString(text[start:end]))/2)
	from := start
	for i := 0; i < ctx && from > 0; i++ {
		_, n := utf8.DecodeLastRuneInString(text[:from])
		from -= n
	}
	to := end
	for i := 0; i < ctx && to < len(text); i++ {
		_, n := utf8.DecodeRuneInString(text[to:])
		to += n
	}
	from = wordEdgeBefore(text, from, start)
	to = wordEdgeAfter(text, to, end)
	var b strings.Builder
	b.Grow(to - from + 2*len("…"))
	if from > 0 {
		b.WriteString("…")
	}
	space := false
	for i := from; i < to; {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:to])
		}
		i += n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 && b.String() != "…" {
			b.WriteByte(' ')
		}
		space = false
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(r) // an invalid byte is shown as U+FFFD
		} else {
			b.WriteString(text[i-n : i])
		}
	}
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// wordEdgeBefore moves a snippet's start from, cut inside a word, to the
// word's start when it is near, else past the word, but not beyond limit.
func wordEdgeBefore(text string, from, limit int) int {
	if from == 0 {
		return 0
	}
	i := from
	for n := 0; n < snippetSlack && i > 0; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !isWordRune(r) {
			return i
		}
		i -= size
	}
	if i == 0 {
		return 0
	}
	for i = from; i < limit; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	return from
}

// wordEdgeAfter moves a snippet's end to, cut inside a word, to the word's
// end when it is near, else back before the word, but not before limit.
func wordEdgeAfter(text string, to, limit int) int {
	if to >= len(text) {
		return len(text)
	}
	i := to
	for n := 0; n < snippetSlack && i < len(text); n++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	if i >= len(text) {
		return len(text)
	}
	for i = to; i > limit; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !isWordRune(r) {
			return i
		}
		i -= size
	}
	return to
}
