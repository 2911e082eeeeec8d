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
	// Content is the story's full clean text beyond the summary, when the
	// feed carries it; empty otherwise.
	Content string
	// Subjects are the feed's own subject fields for the story: its
	// categories, tags and keywords.
	Subjects []string
	// Language is the detected ISO 639-1 language, or "und" or "" when
	// unknown.
	Language string
}

// The parts of a story the matcher reads, in the order hits are reported.
const (
	fieldTitle = iota
	fieldText
	fieldSubject
	fieldContent
	numFields
)

// Field names reported in hits.
var fieldNames = [numFields]string{"title", "text", "subject", "content"}

// scanOrder is the order fields are scanned in: the places where a hit
// counts fully first, so that later occurrences can often be skipped.
var scanOrder = [numFields]int{fieldTitle, fieldSubject, fieldText, fieldContent}

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
	// maxSnippets is how many hits of a topic in one field get a snippet.
	maxSnippets = 3
	// LeadRunes is the length of a story's lead, in characters of a
	// Latin or similar alphabet: hits in the first LeadRunes of the text
	// (the summary, then the content) count fully. A Hangul, Han or Kana
	// character counts as two and a half, as it carries about as much as
	// two and a half Latin letters: a Korean lead is 160 characters.
	LeadRunes = 400
	// bodyHits is how many hits deep in the body make one full hit, for
	// topics of ScopeLead.
	bodyHits = 3
)

// occ is one occurrence of a pattern in a story.
type occ struct {
	pat   int32
	field uint8
	// strong is set in the title, the lead and the subject fields.
	strong bool
	ns, ne int32 // normalised range
	ss, se int32 // original range
	// snip and snipEnd are the range of the occurrence's snippet in the
	// story's snippet buffer, once built (snipEnd is 0 until then).
	snip, snipEnd int32
}

// scratch holds the per-story buffers, reused between stories.
type scratch struct {
	fields [numFields]normText
	raw    [numFields]string
	// leadEnd is, per field, the original offset where the lead ends.
	leadEnd [numFields]int
	lang    string
	caseNT  normText
	acHits  []acHit
	// first[p] is 1 + the index in occs of pattern p's first occurrence,
	// strongFirst[p] that of its first occurrence in the title, the lead
	// or the subject fields; nbody[p] counts its other occurrences, up to
	// bodyHits.
	first       []int32
	strongFirst []int32
	nbody       []uint8
	occs        []occ
	// pending are occurrences of guarded patterns whose guard looks at
	// other occurrences.
	pending  []occ
	touched  []int32
	mark     []bool
	cands    []int32
	refs     []leafRef
	subjects []byte
	// snipBuf holds the story's snippets while they are built, and
	// snipHits the hits that show them, with their place in it: the
	// snippets are copied out once, when the story's matches are
	// complete. hitSlab is the room left for the story's hits; the hits
	// and the snippets' copy belong to the matches returned.
	snipBuf  []byte
	snipHits []snipHit
	hitSlab  []wirewatch.Hit
}

func (m *Matcher) newScratch() *scratch {
	return &scratch{
		first:       make([]int32, len(m.pats)),
		strongFirst: make([]int32, len(m.pats)),
		nbody:       make([]uint8, len(m.pats)),
		mark:        make([]bool, len(m.topics)),
	}
}

// Match returns the topics the story matches, in configuration order, each
// with the terms that hit, where, what concept they express, and for the
// first hits in each field a snippet of the text around them.
func (m *Matcher) Match(d Doc) []wirewatch.Match {
	s := m.scratch.Get().(*scratch)
	defer m.release(s)
	m.scan(s, d)
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
	und := s.lang == "" || s.lang == "und"
	var out []wirewatch.Match
	for k, ti := range s.cands {
		t := m.topics[ti]
		e := evaluator{m: m, s: s, t: t}
		if t.langs != nil {
			if und {
				e.filter = true
			} else if !t.langs[s.lang] {
				continue
			}
		}
		if !e.holds() {
			continue
		}
		mt := wirewatch.Match{Topic: t.info.ID, Name: t.info.Name, Alert: t.info.Alert}
		if t.minScore > 0 {
			mt.Score = e.score()
		}
		mt.Hits = m.hits(s, &e)
		if out == nil {
			out = make([]wirewatch.Match, 0, len(s.cands)-k)
		}
		out = append(out, mt)
	}
	s.setSnippets()
	return out
}

// scan normalises every field of the story and records the occurrences of
// every pattern.
func (m *Matcher) scan(s *scratch, d Doc) {
	s.lang = baseLanguage(d.Language)
	s.raw = [numFields]string{fieldTitle: d.Title, fieldText: d.Text, fieldContent: d.Content}
	if len(d.Subjects) > 0 {
		s.subjects = s.subjects[:0]
		for i, sub := range d.Subjects {
			if i > 0 {
				s.subjects = append(s.subjects, " ; "...)
			}
			s.subjects = append(s.subjects, sub...)
		}
		s.raw[fieldSubject] = string(s.subjects)
	}
	// The lead is the first LeadRunes characters of the text, then of
	// the content when the text is shorter.
	textEnd, used := leadOffset(d.Text, leadBudget)
	s.leadEnd = [numFields]int{fieldTitle: len(d.Title), fieldText: textEnd, fieldSubject: len(s.raw[fieldSubject])}
	s.leadEnd[fieldContent], _ = leadOffset(d.Content, leadBudget-used)
	for _, f := range scanOrder {
		if s.raw[f] == "" {
			continue
		}
		nt := &s.fields[f]
		nt.normalize(s.raw[f], normOptions{fold: true})
		s.acHits = m.find(nt.b, s.acHits[:0])
		for _, h := range s.acHits {
			n := len(m.lits[h.lit])
			for _, p := range m.litPats[h.lit] {
				m.verify(s, p, f, h.end-n, n)
			}
		}
		for _, p := range m.regexps {
			m.matchRegex(s, p, f)
		}
	}
	if len(s.pending) > 0 {
		m.settlePending(s)
	}
}

// leadBudget is the length of the lead in half characters.
const leadBudget = 2 * LeadRunes

// leadOffset returns the byte offset where the first budget half
// characters of s end (len(s) when s is shorter) and how many it used: a
// character costs two halves, a Hangul, Han or Kana one five.
func leadOffset(s string, budget int) (int, int) {
	used := 0
	for i, r := range s {
		cost := 2
		if r >= 0x1100 && isWide(r) {
			cost = 5
		}
		if used+cost > budget {
			return i, used
		}
		used += cost
	}
	return len(s), used
}

// isWide reports whether r is a Hangul, Han or Kana character.
func isWide(r rune) bool {
	switch {
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F: // Hangul
		return true
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF: // Han
		return true
	case r >= 0x3040 && r <= 0x30FF: // Kana
		return true
	}
	return false
}

// hits explains a match: each reported term that occurred, in reading
// order, at its strongest occurrence.
func (m *Matcher) hits(s *scratch, e *evaluator) []wirewatch.Hit {
	t := e.t
	refs := s.refs[:0]
	for _, r := range t.reported {
		if e.present(r.pat) {
			refs = append(refs, r)
		}
	}
	slices.SortStableFunc(refs, func(x, y leafRef) int {
		a, b := &s.occs[s.shown(x.pat)], &s.occs[s.shown(y.pat)]
		if a.field != b.field {
			return int(a.field) - int(b.field)
		}
		return cmp.Compare(a.ss, b.ss)
	})
	var hits []wirewatch.Hit
	if len(refs) > 0 {
		hits = s.hitSlice(len(refs))
	}
	var perField [numFields]int
	labels := concepts().labels
	for _, r := range refs {
		i := s.shown(r.pat)
		o := s.occs[i]
		h := wirewatch.Hit{
			Term:    r.text,
			Field:   fieldNames[o.field],
			Where:   place(o),
			Concept: r.concept,
		}
		if r.concept != "" {
			h.ConceptLabel = labels[r.concept]
		}
		hits = append(hits, h)
		if m.snippets && perField[o.field] < maxSnippets {
			perField[o.field]++
			s.snippet(int32(i), &hits[len(hits)-1])
		}
	}
	s.refs = refs[:0]
	return hits
}

// place says where an occurrence stands.
func place(o occ) wirewatch.HitPlace {
	switch {
	case o.field == fieldTitle:
		return wirewatch.PlaceTitle
	case o.field == fieldSubject:
		return wirewatch.PlaceSubject
	case o.strong:
		return wirewatch.PlaceLead
	}
	return wirewatch.PlaceBody
}

// shown returns the index of the occurrence of p a hit shows: its first in
// the title, the lead or the subject fields, else its first.
func (s *scratch) shown(p int32) int {
	if i := s.strongFirst[p]; i != 0 {
		return int(i - 1)
	}
	return int(s.first[p] - 1)
}

// hitSlice returns an empty slice of hits with room for n, carved from
// one array per story: the matches of a story share it, each its own
// part, so that a story's hits take one allocation, not one a topic.
func (s *scratch) hitSlice(n int) []wirewatch.Hit {
	if cap(s.hitSlab) < n {
		s.hitSlab = make([]wirewatch.Hit, 0, max(n, len(s.touched)))
	}
	hits := s.hitSlab[:0:n]
	s.hitSlab = s.hitSlab[n:n:cap(s.hitSlab)]
	return hits
}

// snipHit is a hit that shows the snippet snipBuf[from:to].
type snipHit struct {
	hit      *wirewatch.Hit
	from, to int32
}

// snippet gives hit the snippet of occurrence i, building it once per
// story: it is written to snipBuf, and the hit gets its text from
// setSnippets.
func (s *scratch) snippet(i int32, hit *wirewatch.Hit) {
	o := &s.occs[i]
	if o.snipEnd == 0 {
		from := len(s.snipBuf)
		s.snipBuf = appendSnippet(s.snipBuf, s.raw[o.field], int(o.ss), int(o.se), s.fields[o.field].valid)
		o.snip, o.snipEnd = int32(from), int32(len(s.snipBuf))
	}
	s.snipHits = append(s.snipHits, snipHit{hit, o.snip, o.snipEnd})
}

// setSnippets copies the story's snippets out of snipBuf, all at once,
// and gives each hit that shows one its text.
func (s *scratch) setSnippets() {
	if len(s.snipHits) == 0 {
		return
	}
	text := string(s.snipBuf)
	for _, sh := range s.snipHits {
		sh.hit.Text = text[sh.from:sh.to]
	}
}

// release resets the scratch buffers and returns them to the pool.
func (m *Matcher) release(s *scratch) {
	for _, p := range s.touched {
		s.first[p] = 0
		s.strongFirst[p] = 0
		s.nbody[p] = 0
	}
	for _, t := range s.cands {
		s.mark[t] = false
	}
	s.touched = s.touched[:0]
	s.cands = s.cands[:0]
	s.occs = s.occs[:0]
	s.pending = s.pending[:0]
	s.raw = [numFields]string{}
	// The matches returned hold the hits and snippets: the next story
	// gets new ones.
	s.hitSlab = nil
	s.snipBuf = s.snipBuf[:0]
	clear(s.snipHits)
	s.snipHits = s.snipHits[:0]
	m.scratch.Put(s)
}

// verify checks a hit of pattern p at start in field f, whose literal,
// known bytes long, was found there, and records it.
func (m *Matcher) verify(s *scratch, p int32, f, start, known int) {
	pat := m.pats[p]
	if s.first[p] != 0 && !pat.positions && (s.strongFirst[p] != 0 || s.nbody[p] >= bodyHits) {
		return // nothing more to learn
	}
	nt := &s.fields[f]
	g := pat.guard
	suffix := g != nil && g.suffix
	end, ok := matchAt(nt.b, start, pat.toks, pat.seps, !suffix, known)
	if !ok {
		return
	}
	if suffix && !suffixBoundaries(nt.b, start, end) {
		return
	}
	if g != nil && !s.localGuard(g, nt.b, start, end) {
		return
	}
	ss, se := nt.srcRange(start, end)
	if isHangulStart(pat) && gluedAfterQuote(s.raw[f], ss) {
		return
	}
	if pat.caseToks != nil {
		s.caseNT.normalize(s.raw[f][ss:se], normOptions{})
		if _, ok := matchAt(s.caseNT.b, 0, pat.caseToks, pat.seps, false, 0); !ok {
			return
		}
	}
	o := occ{pat: p, field: uint8(f), ns: int32(start), ne: int32(end), ss: int32(ss), se: int32(se)}
	o.strong = f == fieldTitle || f == fieldSubject || ss < s.leadEnd[f]
	if g != nil && !g.local() {
		s.pending = append(s.pending, o)
		return
	}
	s.add(o)
}

// matchRegex records the occurrences of regular-expression pattern p in
// field f.
func (m *Matcher) matchRegex(s *scratch, p int32, f int) {
	raw := s.raw[f]
	pat := m.pats[p]
	n := maxRegexHits
	if !pat.positions {
		n = bodyHits
		if s.strongFirst[p] != 0 || s.nbody[p] >= bodyHits {
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
		o := occ{pat: p, field: uint8(f), ns: int32(ns), ne: int32(max(ne, ns+1)), ss: int32(loc[0]), se: int32(loc[1])}
		o.strong = f == fieldTitle || f == fieldSubject || loc[0] < s.leadEnd[f]
		s.add(o)
	}
}

func (s *scratch) add(o occ) {
	if len(s.occs) >= maxOccurrences {
		return
	}
	s.occs = append(s.occs, o)
	i := int32(len(s.occs))
	p := o.pat
	if s.first[p] == 0 {
		s.first[p] = i
		s.touched = append(s.touched, p)
	}
	switch {
	case o.strong:
		if s.strongFirst[p] == 0 {
			s.strongFirst[p] = i
		}
	case s.nbody[p] < bodyHits:
		s.nbody[p]++
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

// present reports whether pattern p occurs and counts for the topic.
func (e *evaluator) present(p int32) bool {
	if p < 0 || e.s == nil || e.s.first[p] == 0 {
		return false
	}
	if e.filter {
		sc := e.m.pats[p].scripts
		return sc == 0 || sc&e.t.scripts != 0
	}
	return true
}

// strength is how much pattern p's occurrences count: 1 in the title, the
// lead or the subject fields, or anywhere when the topic counts every hit
// alike; a third for each occurrence only deep in the body.
func (e *evaluator) strength(p int32) float64 {
	if !e.present(p) {
		return 0
	}
	if !e.t.lead || e.s.strongFirst[p] != 0 {
		return 1
	}
	return min(1, float64(e.s.nbody[p])/bodyHits)
}

// holds reports whether the topic's condition is met. A topic of
// ScopeLead needs one of its hits in the title, the lead or the subject
// fields: hits deep in the body add to a condition such a hit has
// started, and never make one alone.
func (e *evaluator) holds() bool {
	if e.t.lead && !e.strongHit() {
		return false
	}
	return e.eval(e.t.cond) >= 1-1e-9
}

// strongHit reports whether a term that explains the topic's matches
// occurs in the title, the lead or the subject fields.
func (e *evaluator) strongHit() bool {
	for _, r := range e.t.reported {
		if e.s.strongFirst[r.pat] != 0 && e.present(r.pat) {
			return true
		}
	}
	return false
}

// eval returns how well node n is met, from 0 to 1: a leaf by its
// strength, AND by its weakest part, OR by the sum of its parts (three
// hits deep in the body make one), NOT by the absence of any occurrence.
func (e *evaluator) eval(n *cnode) float64 {
	switch n.op {
	case cLeaf:
		return e.strength(n.pat)
	case cAnd:
		v := 1.0
		for _, k := range n.kids {
			if v = min(v, e.eval(k)); v == 0 {
				return 0
			}
		}
		return v
	case cOr:
		v := 0.0
		if n.leaves != nil {
			for _, p := range n.leaves {
				if v += e.strength(p); v >= 1 {
					return 1
				}
			}
			return v
		}
		for _, k := range n.kids {
			if v += e.eval(k); v >= 1 {
				return 1
			}
		}
		return v
	case cBest:
		v := 0.0
		for _, k := range n.kids {
			if v = max(v, e.eval(k)); v >= 1 {
				return 1
			}
		}
		return v
	case cNot:
		if e.occurs(n.kids[0]) {
			return 0
		}
		return 1
	case cNear:
		return e.near(n)
	case cScore:
		if e.score() >= e.t.minScore {
			return 1
		}
	}
	return 0
}

// occurs reports whether node n is met by any occurrence, wherever it
// stands.
func (e *evaluator) occurs(n *cnode) bool {
	switch n.op {
	case cLeaf:
		return e.present(n.pat)
	case cAnd:
		for _, k := range n.kids {
			if !e.occurs(k) {
				return false
			}
		}
		return true
	case cOr, cBest:
		for _, k := range n.kids {
			if e.occurs(k) {
				return true
			}
		}
		return false
	case cNot:
		return !e.occurs(n.kids[0])
	case cNear:
		return e.near(n) > 0
	case cScore:
		return e.score() >= e.t.minScore
	}
	return false
}

// score sums the weights of the distinct scored terms that occur, each by
// its strength.
func (e *evaluator) score() float64 {
	var sum float64
	for _, st := range e.t.scored {
		sum += st.weight * e.strength(st.pat)
	}
	return sum
}

// near returns how well occurrences of the two sides lie in one field with
// at most n.near words between them: 1 when one of a pair counts fully, a
// third for a pair only deep in the body.
func (e *evaluator) near(n *cnode) float64 {
	if e.s == nil {
		return 0
	}
	var left, right []int32
	walkLeaves(n.kids[0], func(p int32) {
		if e.present(p) {
			left = append(left, p)
		}
	})
	walkLeaves(n.kids[1], func(p int32) {
		if e.present(p) {
			right = append(right, p)
		}
	})
	if len(left) == 0 || len(right) == 0 {
		return 0
	}
	best := 0.0
	for i := range e.s.occs {
		a := &e.s.occs[i]
		if !slices.Contains(left, a.pat) {
			continue
		}
		for j := range e.s.occs {
			b := &e.s.occs[j]
			if i == j || b.field != a.field || !slices.Contains(right, b.pat) {
				continue
			}
			if e.s.gap(a, b) > n.near {
				continue
			}
			if !e.t.lead || a.strong || b.strong {
				return 1
			}
			best = 1.0 / bodyHits
		}
	}
	return best
}

// gap returns the number of words between two occurrences in one field.
func (s *scratch) gap(a, b *occ) int {
	nt := &s.fields[a.field]
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

// appendSnippet writes to b the hit text[start:end] with context on both
// sides, about snippetRunes runes in all, with white space collapsed and
// "…" where the text was cut. valid tells that text is valid UTF-8.
func appendSnippet(b []byte, text string, start, end int, valid bool) []byte {
	ctx := max(0, (snippetRunes-utf8.RuneCountInString(text[start:end]))/2)
	// Where the text is valid UTF-8 and the hit starts and ends at runes,
	// runes are stepped over by their bytes, without decoding.
	valid = valid && (start == len(text) || utf8.RuneStart(text[start])) &&
		(end == len(text) || utf8.RuneStart(text[end]))
	// Around most hits the context is ASCII, a byte a rune.
	from, ctx0 := start, ctx
	if start >= ctx && isASCII(text[start-ctx:start]) {
		from, ctx0 = start-ctx, 0
	}
	for i := 0; i < ctx0 && from > 0; i++ {
		if c := text[from-1]; c < utf8.RuneSelf || valid {
			from--
			for valid && !utf8.RuneStart(text[from]) {
				from--
			}
			continue
		}
		_, n := utf8.DecodeLastRuneInString(text[:from])
		from -= n
	}
	to, ctx1 := end, ctx
	if end+ctx <= len(text) && isASCII(text[end:end+ctx]) {
		to, ctx1 = end+ctx, 0
	}
	for i := 0; i < ctx1 && to < len(text); i++ {
		if c := text[to]; c < utf8.RuneSelf || valid {
			to++
			for valid && to < len(text) && !utf8.RuneStart(text[to]) {
				to++
			}
			continue
		}
		_, n := utf8.DecodeRuneInString(text[to:])
		to += n
	}
	from = wordEdgeBefore(text, from, start)
	to = wordEdgeAfter(text, to, end)
	plain := false
	if valid {
		plain = plainValidSpan(text[from:to])
	} else {
		plain = plainSpan(text[from:to])
	}
	// The slow path drops a space after a leading "…" of the text itself.
	if plain && !(from == 0 && strings.HasPrefix(text, "… ")) {
		if from > 0 {
			b = append(b, "…"...)
		}
		b = append(b, text[from:to]...)
		if to < len(text) {
			b = append(b, "…"...)
		}
		return b
	}
	b = slices.Grow(b, to-from+2*len("…"))
	mark := len(b)
	if from > 0 {
		b = append(b, "…"...)
	}
	space := false
	for i := from; i < to; {
		// j ends the run of valid runes other than white space from i,
		// written at once.
		j := i
		r, n := rune(0), 0
		for j < to {
			r, n = rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[j:to])
			}
			if unicode.IsSpace(r) || r == utf8.RuneError && n == 1 {
				break
			}
			j += n
		}
		if j > i || j < to && !unicode.IsSpace(r) {
			if space && len(b) > mark && string(b[mark:]) != "…" {
				b = append(b, ' ')
			}
			space = false
		}
		b = append(b, text[i:j]...)
		if j == to {
			break
		}
		if unicode.IsSpace(r) {
			space = true
		} else {
			b = utf8.AppendRune(b, r) // an invalid byte is shown as U+FFFD
		}
		i = j + n
	}
	if to < len(text) {
		b = append(b, "…"...)
	}
	return b
}

// plainSpan reports whether a snippet's span can be shown as it is: valid
// UTF-8 whose only white space is single spaces between words.
func plainSpan(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if s[i+1] == ' ' {
					return false
				}
			case '\t' <= c && c <= '\r':
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return false
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
			// The lead bytes of the white space outside ASCII: U+0085,
			// U+00A0, U+1680, U+2000 to U+205F, U+3000.
			if unicode.IsSpace(r) {
				return false
			}
		}
		i += n
	}
	return true
}

// isASCII reports whether s is only ASCII.
func isASCII(s string) bool {
	var or byte
	for i := 0; i < len(s); i++ {
		or |= s[i]
	}
	return or < utf8.RuneSelf
}

// plainValidSpan is plainSpan for valid UTF-8: eight bytes of ASCII are
// checked at once, and of other text only the lead bytes of white space
// outside ASCII are looked at.
func plainValidSpan(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	const (
		ones   = 0x0101010101010101
		high   = 0x8080808080808080
		low    = 0x7F7F7F7F7F7F7F7F
		spaces = ' ' * ones
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// ASCII with no byte below '\r'+1 is checked here; the rest byte
		// by byte.
		if w&high == 0 && (w-('\r'+1)*ones)&^w&high == 0 {
			x := w ^ spaces
			sp := ^((x&low + low) | x) & high // 0x80 in each space
			if sp&(sp>>8) != 0 || sp&0x80 != 0 && i > 0 && s[i-1] == ' ' {
				return false
			}
			continue
		}
		if !plainBytes(s, i, i+8) {
			return false
		}
	}
	return plainBytes(s, i, len(s))
}

// plainBytes is plainValidSpan byte by byte over s[from:to].
func plainBytes(s string, from, to int) bool {
	for i := from; i < to; i++ {
		switch c := s[i]; {
		case c == ' ':
			if i > 0 && s[i-1] == ' ' {
				return false
			}
		case '\t' <= c && c <= '\r':
			return false
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3:
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
	}
	return true
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
		if !wordRune(r) {
			return i
		}
		i -= size
	}
	if i == 0 {
		return 0
	}
	for i = from; i < limit; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !wordRune(r) {
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
		if !wordRune(r) {
			return i
		}
		i += size
	}
	if i >= len(text) {
		return len(text)
	}
	for i = to; i > limit; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !wordRune(r) {
			return i
		}
		i -= size
	}
	return to
}

// wordRune is isWordRune through the table of runeInfo: a rune that
// normalisation keeps as a letter is a word rune, one it treats as a
// space or punctuation is not; the rest is asked of the Unicode tables.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf || r >= 0x10000 {
		return isWordRune(r)
	}
	switch infoOf(r) & riKind {
	case kindWord:
		return true
	case kindDrop:
		return isWordRune(r)
	}
	return false
}
