package topics

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
)

// Matcher matches stories against compiled topics. It is safe for
// concurrent use.
type Matcher struct {
	// lits are the literals the patterns' words start with, found by an
	// automaton when they are few (ac) and by an index of words when
	// they are many (index): the index's cost hardly grows with their
	// number, the automaton is faster on a small set.
	lits  []string
	ac    *automaton
	index *litIndex
	// litPats lists, for each literal, the patterns it starts.
	litPats [][]int32
	pats    []*pattern
	// regexps lists the regular-expression patterns.
	regexps []int32
	// patTopics lists, for each pattern, the topics that use it.
	patTopics [][]int32
	topics    []*topic
	// snippets builds a snippet for the first hits of each topic in each
	// field; the tagger needs none.
	snippets bool
	scratch  sync.Pool
}

// topic is one compiled topic.
type topic struct {
	info     wirewatch.TopicInfo
	cond     *cnode
	minScore float64
	// lead makes hits deep in the body count half (ScopeLead).
	lead bool
	// scored are the distinct patterns that count towards the score.
	scored []scoredTerm
	// reported are the distinct patterns whose hits explain a match, with
	// the term as first written and its concept.
	reported []leafRef
	// langs is the set of allowed languages, nil for any; scripts are the
	// scripts they are written in.
	langs   map[string]bool
	scripts scriptSet
}

type scoredTerm struct {
	pat    int32
	weight float64
}

type leafRef struct {
	pat     int32
	text    string
	concept string
}

// cop is the operator of a topic condition node.
type cop int

const (
	cLeaf cop = iota
	cAnd
	cOr
	cNot
	cNear
	cScore
	// cBest is met as well as the best of its kids: alternatives whose
	// evidence must not add up, such as a pack and a pack it includes,
	// which share terms.
	cBest
)

// cnode is a node of a topic's condition.
type cnode struct {
	op   cop
	pat  int32
	kids []*cnode
	near int
	// leaves are the patterns of an OR whose parts are all leaves, read
	// in one run instead of node by node.
	leaves []int32
}

// flatten fills the leaves of the ORs of leaves under n.
func (n *cnode) flatten() {
	for _, k := range n.kids {
		k.flatten()
	}
	if n.op != cOr {
		return
	}
	leaves := make([]int32, 0, len(n.kids))
	for _, k := range n.kids {
		if k.op != cLeaf {
			return
		}
		leaves = append(leaves, k.pat)
	}
	n.leaves = leaves
}

// compiler collects patterns, errors and warnings while compiling.
type compiler struct {
	pats  []*pattern
	byKey map[string]int32
	errs  Errors
	warns []*Error
	// concepts is the table of the packs' concepts.
	concepts *conceptTable
}

// Compile validates and compiles all topics into one matcher. It returns
// every problem found as Errors, and warnings (terms that can never match,
// duplicate terms, terms an included pack already covers, none terms equal
// to positive terms, very short prefixes, single Han, Kana or Hangul
// characters as whole terms, a min_score no combination of weights
// reaches) even when there is no error.
func Compile(specs []Spec) (*Matcher, []*Error, error) {
	return compile(specs, true)
}

func compile(specs []Spec, snippets bool) (*Matcher, []*Error, error) {
	c := &compiler{byKey: make(map[string]int32), concepts: concepts()}
	ids := make(map[string]int)
	var tops []*topic
	for i, sp := range specs {
		if t := c.topic(i, sp, ids); t != nil {
			tops = append(tops, t)
		}
	}
	if len(c.errs) > 0 {
		return nil, c.warns, c.errs
	}
	m := &Matcher{pats: c.pats, topics: tops, patTopics: make([][]int32, len(c.pats)), snippets: snippets}
	litIDs := make(map[string]int32)
	var lits []string
	for id, p := range c.pats {
		if p.re != nil {
			m.regexps = append(m.regexps, int32(id))
			continue
		}
		l, ok := litIDs[p.lit]
		if !ok {
			l = int32(len(lits))
			litIDs[p.lit] = l
			lits = append(lits, p.lit)
			m.litPats = append(m.litPats, nil)
		}
		m.litPats[l] = append(m.litPats[l], int32(id))
	}
	m.lits = lits
	if len(lits) <= maxAutomatonLits {
		m.ac = buildAutomaton(lits)
	} else {
		m.index = buildLitIndex(lits, m.litPats, m.pats)
	}
	for ti, t := range tops {
		t.cond.flatten()
		seen := make(map[int32]bool)
		walkLeaves(t.cond, func(p int32) {
			if !seen[p] {
				seen[p] = true
				m.patTopics[p] = append(m.patTopics[p], int32(ti))
			}
		})
		for _, s := range t.scored {
			if !seen[s.pat] {
				seen[s.pat] = true
				m.patTopics[s.pat] = append(m.patTopics[s.pat], int32(ti))
			}
		}
	}
	m.scratch.New = func() any { return m.newScratch() }
	return m, c.warns, nil
}

// maxAutomatonLits is the largest number of literals an automaton finds.
// Up to there, and beyond with terms that text rarely leads deep into,
// its hot states stay in the processor's caches: the built-in packs
// (1,400 literals) and the tagger's concepts (4,900 literals, 67 KB) are
// found by the automaton in half the index's time. A watch
// list of 10,000 words whose first letters the text's words share (60 KB)
// is found faster by the index. See docs/BENCHMARKS.md.
const maxAutomatonLits = 8000

// find appends to dst every literal found in the normalised text b where
// a pattern's words may start, and returns the extended slice.
func (m *Matcher) find(b []byte, dst []acHit) []acHit {
	if m.ac != nil {
		return m.ac.scan(b, dst)
	}
	return m.index.find(b, dst)
}

func walkLeaves(n *cnode, f func(int32)) {
	if n.op == cLeaf {
		f(n.pat)
	}
	for _, k := range n.kids {
		walkLeaves(k, f)
	}
}

// Topics describes the compiled topics, in configuration order.
func (m *Matcher) Topics() []wirewatch.TopicInfo {
	infos := make([]wirewatch.TopicInfo, len(m.topics))
	for i, t := range m.topics {
		infos[i] = t.info
	}
	return infos
}

// Len returns the number of distinct compiled terms, counting the words
// that guards look for.
func (m *Matcher) Len() int { return len(m.pats) }

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// topicBuilder compiles one topic.
type topicBuilder struct {
	c    *compiler
	path string // "topics[3]"
	t    *topic
	// positive maps each positive pattern to where it was first written.
	positive map[int32]string
	scored   map[int32]bool
	reported map[int32]bool
	// lists maps each term list ("any", "none", a pack's list, or a
	// group's path) to its patterns and where they were written, to find
	// duplicates.
	lists map[string]map[int32][]listEntry
	// own lists the topic's own positive terms, for script warnings.
	own []ownTerm
}

type ownTerm struct {
	path string
	text string
	pat  int32
}

// term roles in a topic.
const (
	roleAny = iota
	roleAll
	roleNone
	roleQuery
	// roleRequire is a required pack's positive term: it explains a
	// match but does not count towards the score.
	roleRequire
)

// packCond is a pack compiled inside a topic.
type packCond struct {
	spec   Spec
	any    []*cnode
	groups [][]*cnode
	none   []*cnode
	query  *cnode
	// also are the packs the pack includes: a match of any of them is
	// a match of the pack.
	also []*packCond
}

// cond is the pack's condition: one of its terms, each of its groups, its
// query, and none of its none terms.
func (pc *packCond) cond() *cnode {
	var all []*cnode
	if len(pc.any) > 0 {
		all = append(all, orNode(pc.any))
	}
	for _, g := range pc.groups {
		all = append(all, orNode(g))
	}
	if pc.query != nil {
		all = append(all, pc.query)
	}
	if len(pc.none) > 0 {
		all = append(all, notNode(orNode(pc.none)))
	}
	if len(pc.also) == 0 {
		return andNode(all)
	}
	alts := []*cnode{andNode(all)}
	for _, a := range pc.also {
		alts = append(alts, a.cond())
	}
	return &cnode{op: cBest, kids: alts}
}

func (c *compiler) topic(i int, sp Spec, ids map[string]int) *topic {
	path := fmt.Sprintf("topics[%d]", i)
	b := &topicBuilder{
		c: c, path: path,
		t:        &topic{minScore: sp.MinScore},
		positive: make(map[int32]string),
		scored:   make(map[int32]bool),
		reported: make(map[int32]bool),
		lists:    make(map[string]map[int32][]listEntry),
	}
	nerr := len(c.errs)
	switch {
	case sp.ID == "":
		c.errs = append(c.errs, errorf(path+".id", "missing id"))
	case !idPattern.MatchString(sp.ID):
		c.errs = append(c.errs, errorf(path+".id", `invalid id %q: use lowercase letters, digits, "-" and "_", starting with a letter or digit`, sp.ID))
	default:
		if j, dup := ids[sp.ID]; dup {
			c.errs = append(c.errs, errorf(path+".id", "duplicate id %q (also topics[%d])", sp.ID, j))
		} else {
			ids[sp.ID] = i
		}
	}
	if sp.MinScore < 0 {
		c.errs = append(c.errs, errorf(path+".min_score", "min_score %v is negative", sp.MinScore))
	}
	if sp.Mention != "" && strings.Trim(sp.Mention, "0123456789") != "" {
		c.errs = append(c.errs, errorf(path+".mention", "mention %q is not a Discord role id (digits only)", sp.Mention))
	}
	if !sp.Scope.Valid() {
		c.errs = append(c.errs, errorf(path+".scope", "scope %q is not lead or all", sp.Scope))
	}
	b.t.lead = sp.Scope == ScopeLead || sp.Scope == ScopeDefault && len(sp.Include)+len(sp.Require) > 0
	weighted := sp.MinScore > 0
	name := sp.Name
	included := b.packs(path+".include", sp.Include, roleAny, weighted)
	required := b.packs(path+".require", sp.Require, roleRequire, false)
	if name == "" && len(included) > 0 {
		name = included[0].spec.Name
	}
	b.ownStart()
	ownAny := b.terms(path+".any", sp.Any, roleAny, weighted)
	var groups [][]*cnode
	for g, grp := range sp.All {
		gp := fmt.Sprintf("%s.all[%d]", path, g)
		if len(grp) == 0 {
			c.errs = append(c.errs, errorf(gp, "empty group"))
			continue
		}
		groups = append(groups, b.terms(gp, grp, roleAll, weighted))
	}
	noneLeaves := b.terms(path+".none", sp.None, roleNone, false)
	var conds []*cnode
	hasQuery := strings.TrimSpace(sp.Query) != ""
	if hasQuery {
		conds = append(conds, b.query(path+".query", sp.Query))
	}
	if len(ownAny) == 0 && len(groups) == 0 && !hasQuery && len(sp.Include) == 0 && len(sp.Require) == 0 && len(c.errs) == nerr {
		c.errs = append(c.errs, errorf(path, "no terms: give any, all, query, include or require"))
	}
	b.languages(sp.Languages)
	if len(c.errs) > nerr {
		return nil
	}
	b.t.cond = b.condition(included, required, ownAny, groups, conds, noneLeaves, weighted)
	if b.t.evalEmpty() {
		c.errs = append(c.errs, errorf(path+".query", "the topic matches stories that contain none of its terms: add a term that must occur"))
		return nil
	}
	b.warnScore(sp)
	b.warnCovered(sp, included)
	if name == "" {
		name = sp.ID
	}
	b.t.info = wirewatch.TopicInfo{ID: sp.ID, Name: name, Alert: sp.Alert, Mention: sp.Mention}
	return b.t
}

// condition assembles a topic's condition: one of the alternatives (an
// included pack, or the topic's own any terms guarded by every included
// pack's none terms), or the score; every required pack, group and query;
// and none of the topic's none terms.
func (b *topicBuilder) condition(included, required []*packCond, ownAny []*cnode, groups [][]*cnode, conds, none []*cnode, weighted bool) *cnode {
	var all []*cnode
	var packNones []*cnode
	for _, pc := range included {
		packNones = append(packNones, pc.none...)
	}
	if weighted {
		// The weights of every included and own term decide; each pack
		// keeps its groups and none terms as an alternative.
		all = append(all, &cnode{op: cScore})
		var alts []*cnode
		for _, pc := range included {
			rest := &packCond{groups: pc.groups, none: pc.none, query: pc.query}
			alts = append(alts, rest.cond())
			for _, a := range pc.also {
				alts = append(alts, a.cond())
			}
		}
		if len(ownAny) > 0 && len(included) > 0 {
			alts = append(alts, notNode(orNode(packNones)))
		}
		if len(alts) > 0 {
			all = append(all, orNode(alts))
		}
	} else {
		var alts []*cnode
		for _, pc := range included {
			alts = append(alts, pc.cond())
		}
		if len(ownAny) > 0 {
			own := orNode(ownAny)
			if len(packNones) > 0 {
				own = andNode([]*cnode{own, notNode(orNode(packNones))})
			}
			alts = append(alts, own)
		}
		if len(alts) > 0 {
			all = append(all, orNode(alts))
		}
	}
	for _, pc := range required {
		all = append(all, pc.cond())
	}
	for _, g := range groups {
		all = append(all, orNode(g))
	}
	all = append(all, conds...)
	if len(none) > 0 {
		all = append(all, notNode(orNode(none)))
	}
	return andNode(all)
}

// packs compiles the packs a topic includes or requires.
func (b *topicBuilder) packs(path string, ids []string, role int, weighted bool) []*packCond {
	var out []*packCond
	for k, id := range ids {
		p := path
		if len(ids) > 1 {
			p = fmt.Sprintf("%s[%d]", path, k)
		}
		pk, ok := Pack(strings.TrimSpace(id))
		if !ok {
			b.c.errs = append(b.c.errs, errorf(p, "unknown pack %q (known: %s)", id, strings.Join(PackIDs(), ", ")))
			continue
		}
		pp := fmt.Sprintf("%s.include(%s)", b.path, pk.ID)
		if role == roleRequire {
			pp = fmt.Sprintf("%s.require(%s)", b.path, pk.ID)
		}
		pc := &packCond{spec: pk}
		pc.any = b.terms(pp+".any", pk.Any, role, weighted)
		for g, grp := range pk.All {
			groupRole := roleAll
			if role == roleRequire {
				groupRole = roleRequire
			}
			pc.groups = append(pc.groups, b.terms(fmt.Sprintf("%s.all[%d]", pp, g), grp, groupRole, weighted))
		}
		pc.none = b.terms(pp+".none", pk.None, roleNone, false)
		if pk.Query != "" {
			pc.query = b.query(pp+".query", pk.Query)
		}
		// A built-in pack may include other packs (never in a cycle; the
		// packs' tests check it); they are alternatives with their own
		// none terms.
		pc.also = b.packs(path, pk.Include, role, weighted)
		out = append(out, pc)
	}
	return out
}

// orNode joins alternatives. A pattern written alike in two languages
// (nuclear* in English and Spanish) is one alternative: its occurrences
// count once.
func orNode(kids []*cnode) *cnode {
	seen := map[int32]bool{}
	uniq := kids[:0:0]
	for _, k := range kids {
		if k.op == cLeaf {
			if seen[k.pat] {
				continue
			}
			seen[k.pat] = true
		}
		uniq = append(uniq, k)
	}
	if len(uniq) == 1 {
		return uniq[0]
	}
	return &cnode{op: cOr, kids: uniq}
}

func andNode(kids []*cnode) *cnode {
	if len(kids) == 1 {
		return kids[0]
	}
	return &cnode{op: cAnd, kids: kids}
}

func notNode(kid *cnode) *cnode { return &cnode{op: cNot, kids: []*cnode{kid}} }

// ownStart marks the end of the included packs' terms.
func (b *topicBuilder) ownStart() { b.own = b.own[:0] }

// terms compiles one list of terms and returns their leaves.
func (b *topicBuilder) terms(path string, ts []Term, role int, weighted bool) []*cnode {
	var leaves []*cnode
	for j, t := range ts {
		tp := fmt.Sprintf("%s[%d]", path, j)
		id, ok := b.c.term(tp, t)
		if !ok {
			continue
		}
		if t.Weight != 0 && !weighted && role != roleNone {
			b.c.warns = append(b.c.warns, errorf(tp, "weight %v has no effect unless the topic sets min_score", t.Weight))
		}
		if role == roleNone && t.Weight != 0 {
			b.c.warns = append(b.c.warns, errorf(tp, "weight %v has no effect on a none term", t.Weight))
		}
		b.use(tp, strings.TrimSpace(t.Text), id, role, t.Weight, t.Concept, t.Lang)
		leaves = append(leaves, &cnode{op: cLeaf, pat: id})
	}
	return leaves
}

// isPackPath reports whether a term's path is inside an included or
// required pack.
func isPackPath(path string) bool {
	return strings.Contains(path, ".include(") || strings.Contains(path, ".require(")
}

// listEntry is where a pattern was first written in a list, and in what
// language.
type listEntry struct {
	path, lang string
}

// duplicate records a pattern in a list and reports where it was written
// before in the same language; terms spelled alike in two languages (КНДР
// in Russian and Ukrainian) are not duplicates.
func (b *topicBuilder) duplicate(path string, id int32, lang string) (string, bool) {
	list := listOf(path)
	if b.lists[list] == nil {
		b.lists[list] = make(map[int32][]listEntry)
	}
	for _, e := range b.lists[list][id] {
		if e.lang == lang {
			return e.path, true
		}
	}
	b.lists[list][id] = append(b.lists[list][id], listEntry{path, lang})
	return "", false
}

// use records a pattern's role in the topic and warns about duplicates.
func (b *topicBuilder) use(path, text string, id int32, role int, weight float64, concept, lang string) {
	if role == roleNone {
		if first, dup := b.duplicate(path, id, lang); dup {
			b.c.warns = append(b.c.warns, errorf(path, "duplicate term %q (also %s)", text, b.rel(first)))
			return
		}
		if first, ok := b.positive[id]; ok && !isPackPath(path) {
			b.c.warns = append(b.c.warns, errorf(path, "none term %q equals %s, so stories containing it never match", text, b.rel(first)))
		}
		return
	}
	if _, ok := b.positive[id]; !ok {
		b.positive[id] = path
	}
	if role != roleQuery {
		if first, dup := b.duplicate(path, id, lang); dup {
			b.c.warns = append(b.c.warns, errorf(path, "duplicate term %q (also %s)", text, b.rel(first)))
		}
	}
	p := b.c.pats[id]
	if !isPackPath(path) {
		b.own = append(b.own, ownTerm{path: path, text: text, pat: id})
		if p.re == nil {
			if short, yes := p.shortPrefix(); yes {
				b.c.warns = append(b.c.warns, errorf(path, "prefix %q* is very short and matches many unrelated words", short))
			} else if msg := singleCharacter(text, p); msg != "" && (p.guard == nil || !p.guard.whole) {
				b.c.warns = append(b.c.warns, errorf(path, "%s", msg))
			}
		}
	}
	if !b.scored[id] && role != roleRequire {
		b.scored[id] = true
		if weight == 0 {
			weight = 1
		}
		b.t.scored = append(b.t.scored, scoredTerm{pat: id, weight: weight})
	}
	if !b.reported[id] {
		b.reported[id] = true
		if concept == "" && p.re == nil && p.guard == nil {
			concept = b.c.concepts.conceptOf(p)
		}
		b.t.reported = append(b.t.reported, leafRef{pat: id, text: text, concept: concept})
	}
}

// singleCharacter returns a warning for a term that is one Han, Kana or
// Hangul character, which matches inside longer words; "" otherwise.
func singleCharacter(text string, p *pattern) string {
	if len(p.toks) != 1 || utf8.RuneCountInString(p.toks[0].text) != 1 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(p.toks[0].text)
	switch {
	case unicode.Is(unicode.Han, r):
		return fmt.Sprintf("term %q is a single Han character, which matches inside every longer word that contains it (核 is in 核心, \"core\"); write a whole word such as 核武器", text)
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		return fmt.Sprintf("term %q is a single Kana character, which matches inside every longer word that contains it; write a whole word", text)
	case unicode.Is(unicode.Hangul, r):
		return fmt.Sprintf("term %q is a single Hangul syllable, which matches at the start of every longer word (핵 begins 핵심, \"core\"); write a whole word such as 핵무기", text)
	}
	return ""
}

// warnScore warns about a min_score that no combination of the topic's
// weights can reach.
func (b *topicBuilder) warnScore(sp Spec) {
	if sp.MinScore <= 0 {
		return
	}
	best := 0.0
	for _, s := range b.t.scored {
		best += max(0, s.weight)
	}
	if best < sp.MinScore {
		b.c.warns = append(b.c.warns, errorf(b.path+".min_score", "min_score %v can never be reached: the weights of all the topic's terms add up to %v", sp.MinScore, best))
	}
}

// warnCovered warns about the topic's own any terms that an included pack
// already matches wherever they occur, so that they add nothing.
func (b *topicBuilder) warnCovered(sp Spec, included []*packCond) {
	for j, t := range sp.Any {
		if t.Case || strings.HasPrefix(strings.TrimSpace(t.Text), "/") {
			continue
		}
		for _, pc := range included {
			if len(pc.groups) > 0 || pc.query != nil {
				continue // the pack asks for more than one of its terms
			}
			if by := b.coveredBy(t, pc.any); by != "" {
				b.c.warns = append(b.c.warns, errorf(fmt.Sprintf("%s.any[%d]", b.path, j), "term %q is already covered by pack %s (%q), so it adds nothing", strings.TrimSpace(t.Text), pc.spec.ID, by))
				break
			}
		}
	}
}

// coveredBy returns the text of the first unguarded pack term that matches
// every text the term matches, or "".
func (b *topicBuilder) coveredBy(t Term, leaves []*cnode) string {
	own, err := parseTerm(Term{Text: t.Text})
	if err != nil || own.re != nil {
		return ""
	}
	// The term's own text, and for a prefix the text continued, which a
	// pack term without "*" would not match.
	var texts []string
	var plain strings.Builder
	for i, tk := range own.toks {
		if i > 0 {
			plain.WriteByte(' ')
		}
		plain.WriteString(tk.text)
	}
	texts = append(texts, plain.String())
	if last := own.toks[len(own.toks)-1]; last.prefix {
		r, _ := utf8.DecodeLastRuneInString(last.text)
		texts = append(texts, plain.String()+string(r)+string(r))
	}
	for _, l := range leaves {
		p := b.c.pats[l.pat]
		if p.re != nil || p.guard != nil || p.caseToks != nil {
			continue
		}
		all := true
		for _, s := range texts {
			if !p.matchesText(s) {
				all = false
				break
			}
		}
		if all {
			return p.text
		}
	}
	return ""
}

// listOf names the list a term's path belongs to: the topic's own any
// (and none) terms are one list, each pack's lists and each all group are
// their own.
func listOf(path string) string {
	i := strings.LastIndexByte(path, '[')
	list := path[:i]
	if isPackPath(list) {
		return list
	}
	switch {
	case strings.HasSuffix(list, ".any"):
		return "any"
	case strings.HasSuffix(list, ".none"):
		return "none"
	}
	return list
}

// rel shortens a path within the topic, like "any[2]".
func (b *topicBuilder) rel(path string) string {
	return strings.TrimPrefix(path, b.path+".")
}

// query compiles a boolean query into a condition.
func (b *topicBuilder) query(path, q string) *cnode {
	n, err := parseQuery(q)
	if err != nil {
		b.c.errs = append(b.c.errs, errorf(path, "%s", err.Error()))
		return nil
	}
	nerr := len(b.c.errs)
	cn := b.qnode(path, n, false)
	if len(b.c.errs) > nerr {
		return nil
	}
	return cn
}

func (b *topicBuilder) qnode(path string, n *qnode, negated bool) *cnode {
	switch n.op {
	case qTerm:
		id, ok := b.c.term(path, Term{Text: n.term}, n.off)
		if !ok {
			return &cnode{op: cLeaf, pat: -1}
		}
		if !negated {
			b.use(path, n.term, id, roleQuery, 0, "", "")
		}
		return &cnode{op: cLeaf, pat: id}
	case qNot:
		return notNode(b.qnode(path, n.kids[0], !negated))
	}
	cn := &cnode{op: cAnd, near: n.near}
	switch n.op {
	case qOr:
		cn.op = cOr
	case qNear:
		cn.op = cNear
	}
	for _, k := range n.kids {
		cn.kids = append(cn.kids, b.qnode(path, k, negated))
	}
	if cn.op == cNear {
		for _, k := range cn.kids {
			walkLeaves(k, func(p int32) {
				if p >= 0 {
					b.c.pats[p].positions = true
				}
			})
		}
	}
	return cn
}

// languages validates the topic's languages and warns about terms in
// scripts none of them is written in.
func (b *topicBuilder) languages(langs []string) {
	if len(langs) == 0 {
		return
	}
	b.t.langs = make(map[string]bool)
	var list []string
	for k, l := range langs {
		base := strings.ToLower(strings.TrimSpace(l))
		if !iso639[base] {
			b.c.errs = append(b.c.errs, errorf(fmt.Sprintf("%s.languages[%d]", b.path, k), `unknown language code %q: want an ISO 639-1 code like "en"`, l))
			continue
		}
		if !b.t.langs[base] {
			list = append(list, base)
		}
		b.t.langs[base] = true
	}
	b.t.scripts = scriptsOfLanguages(list)
	for _, o := range b.own {
		p := b.c.pats[o.pat]
		if p.scripts != 0 && p.scripts&b.t.scripts == 0 {
			b.c.warns = append(b.c.warns, errorf(o.path, "term %q is written in %s script, which none of the topic's languages (%s) uses, so it never matches", o.text, p.scripts, strings.Join(list, ", ")))
		}
	}
}

// term compiles a term, reusing an identical pattern, and the words its
// guard looks for. The optional offset places errors inside a query.
func (c *compiler) term(path string, t Term, off ...int) (int32, bool) {
	p, err := parseTerm(t)
	if err != nil {
		msg := err.Error()
		if len(off) > 0 {
			msg = fmt.Sprintf("%s at offset %d", msg, off[0])
		}
		c.errs = append(c.errs, errorf(path, "%s", msg))
		return 0, false
	}
	if t.Guard != nil {
		g, ok := c.guard(path, t.Guard, baseLanguage(t.Lang))
		if !ok {
			return 0, false
		}
		p.guard = g
		p.positions = true
	}
	k := p.key()
	if id, ok := c.byKey[k]; ok {
		return id, true
	}
	id := int32(len(c.pats))
	c.pats = append(c.pats, p)
	c.byKey[k] = id
	return id, true
}

// guard compiles a term's guard and the words it looks for.
func (c *compiler) guard(path string, g *Guard, lang string) (*guard, bool) {
	out := &guard{whole: g.Whole, suffix: g.Suffix, onlyLang: g.OnlyLang && lang != "", lang: lang, window: g.Window}
	if out.window <= 0 {
		out.window = DefaultWindow
	}
	ok := true
	aux := func(field string, words []string) []int32 {
		var ids []int32
		for k, w := range words {
			id, good := c.term(fmt.Sprintf("%s.guard.%s[%d]", path, field, k), Term{Text: w})
			if !good {
				ok = false
				continue
			}
			c.pats[id].positions = true
			ids = append(ids, id)
		}
		return ids
	}
	out.notIn = aux("not_in", g.NotIn)
	out.near = aux("near", g.Near)
	out.notNear = aux("not_near", g.NotNear)
	return out, ok
}

// evalEmpty reports whether the topic would match a story with no hits.
func (t *topic) evalEmpty() bool {
	var e evaluator
	e.t = t
	return e.eval(t.cond) >= 1
}
