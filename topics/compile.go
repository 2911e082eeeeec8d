package topics

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/wirewatch/wirewatch"
)

// Matcher matches stories against compiled topics. It is safe for
// concurrent use.
type Matcher struct {
	ac *automaton
	// litPats lists, for each automaton literal, the patterns it starts.
	litPats [][]int32
	pats    []*pattern
	// regexps lists the regular-expression patterns.
	regexps []int32
	// patTopics lists, for each pattern, the topics that use it.
	patTopics [][]int32
	topics    []*topic
	scratch   sync.Pool
}

// topic is one compiled topic.
type topic struct {
	info     wirewatch.TopicInfo
	cond     *cnode
	minScore float64
	// scored are the distinct patterns that count towards the score.
	scored []scoredTerm
	// reported are the distinct patterns whose hits explain a match, with
	// the term as first written.
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
	pat  int32
	text string
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
)

// cnode is a node of a topic's condition.
type cnode struct {
	op   cop
	pat  int32
	kids []*cnode
	near int
}

// compiler collects patterns, errors and warnings while compiling.
type compiler struct {
	pats  []*pattern
	byKey map[string]int32
	errs  Errors
	warns []*Error
}

// Compile validates and compiles all topics into one matcher. It returns
// every problem found as Errors, and warnings (terms that can never match,
// duplicate terms, none terms equal to positive terms, very short
// prefixes) even when there is no error.
func Compile(specs []Spec) (*Matcher, []*Error, error) {
	c := &compiler{byKey: make(map[string]int32)}
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
	m := &Matcher{pats: c.pats, topics: tops, patTopics: make([][]int32, len(c.pats))}
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
	m.ac = buildAutomaton(lits)
	for ti, t := range tops {
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

// Len returns the number of distinct compiled terms.
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
	// lists maps each term list ("any", "none", or a group's path) to its
	// patterns and where they were written, to find duplicates.
	lists map[string]map[int32]string
	// own lists the topic's own positive terms, for script warnings.
	own []ownTerm
}

type ownTerm struct {
	path string
	text string
	pat  int32
}

func (c *compiler) topic(i int, sp Spec, ids map[string]int) *topic {
	path := fmt.Sprintf("topics[%d]", i)
	b := &topicBuilder{
		c: c, path: path,
		t:        &topic{minScore: sp.MinScore},
		positive: make(map[int32]string),
		scored:   make(map[int32]bool),
		reported: make(map[int32]bool),
		lists:    make(map[string]map[int32]string),
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
	name := sp.Name
	var conds []*cnode
	var anyLeaves []*cnode
	var groups [][]*cnode
	var noneLeaves []*cnode
	if sp.Include != "" {
		pk, ok := Pack(sp.Include)
		if !ok {
			c.errs = append(c.errs, errorf(path+".include", "unknown pack %q (known: %s)", sp.Include, strings.Join(PackIDs(), ", ")))
		} else {
			if name == "" {
				name = pk.Name
			}
			pp := fmt.Sprintf("%s.include(%s)", path, pk.ID)
			anyLeaves = b.terms(pp+".any", pk.Any, roleAny, sp.MinScore > 0)
			for g, grp := range pk.All {
				groups = append(groups, b.terms(fmt.Sprintf("%s.all[%d]", pp, g), grp, roleAll, sp.MinScore > 0))
			}
			noneLeaves = b.terms(pp+".none", pk.None, roleNone, false)
			if pk.Query != "" {
				conds = append(conds, b.query(pp+".query", pk.Query))
			}
		}
	}
	b.ownStart()
	anyLeaves = append(anyLeaves, b.terms(path+".any", sp.Any, roleAny, sp.MinScore > 0)...)
	for g, grp := range sp.All {
		gp := fmt.Sprintf("%s.all[%d]", path, g)
		if len(grp) == 0 {
			c.errs = append(c.errs, errorf(gp, "empty group"))
			continue
		}
		groups = append(groups, b.terms(gp, grp, roleAll, sp.MinScore > 0))
	}
	noneLeaves = append(noneLeaves, b.terms(path+".none", sp.None, roleNone, false)...)
	hasQuery := strings.TrimSpace(sp.Query) != ""
	if hasQuery {
		conds = append(conds, b.query(path+".query", sp.Query))
	}
	if len(anyLeaves) == 0 && len(groups) == 0 && !hasQuery && sp.Include == "" && len(c.errs) == nerr {
		c.errs = append(c.errs, errorf(path, "no terms: give any, all, query or include"))
	}
	b.languages(sp.Languages)
	if len(c.errs) > nerr {
		return nil
	}
	// The condition: one of any (or the score), every group, the queries,
	// and none of none.
	var all []*cnode
	switch {
	case sp.MinScore > 0:
		all = append(all, &cnode{op: cScore})
	case len(anyLeaves) > 0:
		all = append(all, orNode(anyLeaves))
	}
	for _, g := range groups {
		all = append(all, orNode(g))
	}
	all = append(all, conds...)
	if len(noneLeaves) > 0 {
		all = append(all, &cnode{op: cNot, kids: []*cnode{orNode(noneLeaves)}})
	}
	b.t.cond = &cnode{op: cAnd, kids: all}
	if len(all) == 1 {
		b.t.cond = all[0]
	}
	if b.t.evalEmpty() {
		c.errs = append(c.errs, errorf(path+".query", "the topic matches stories that contain none of its terms: add a term that must occur"))
		return nil
	}
	if name == "" {
		name = sp.ID
	}
	b.t.info = wirewatch.TopicInfo{ID: sp.ID, Name: name, Alert: sp.Alert, Mention: sp.Mention}
	return b.t
}

func orNode(kids []*cnode) *cnode {
	if len(kids) == 1 {
		return kids[0]
	}
	return &cnode{op: cOr, kids: kids}
}

// term roles in a topic.
const (
	roleAny = iota
	roleAll
	roleNone
	roleQuery
)

// ownStart marks the end of the included pack's terms.
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
		b.use(tp, strings.TrimSpace(t.Text), id, role, t.Weight)
		leaves = append(leaves, &cnode{op: cLeaf, pat: id})
	}
	return leaves
}

// use records a pattern's role in the topic and warns about duplicates.
func (b *topicBuilder) use(path, text string, id int32, role int, weight float64) {
	if role == roleNone {
		if b.lists["none"] == nil {
			b.lists["none"] = make(map[int32]string)
		}
		if first, ok := b.lists["none"][id]; ok {
			b.c.warns = append(b.c.warns, errorf(path, "duplicate term %q (also %s)", text, b.rel(first)))
			return
		}
		b.lists["none"][id] = path
		if first, ok := b.positive[id]; ok {
			b.c.warns = append(b.c.warns, errorf(path, "none term %q equals %s, so stories containing it never match", text, b.rel(first)))
		}
		return
	}
	if _, ok := b.positive[id]; !ok {
		b.positive[id] = path
	}
	if list := listOf(path); role != roleQuery {
		if b.lists[list] == nil {
			b.lists[list] = make(map[int32]string)
		}
		if first, ok := b.lists[list][id]; ok {
			b.c.warns = append(b.c.warns, errorf(path, "duplicate term %q (also %s)", text, b.rel(first)))
		} else {
			b.lists[list][id] = path
		}
	}
	if !strings.Contains(path, ".include(") {
		b.own = append(b.own, ownTerm{path: path, text: text, pat: id})
	}
	if p := b.c.pats[id]; p.re == nil {
		if short, yes := p.shortPrefix(); yes && !strings.Contains(path, ".include(") {
			b.c.warns = append(b.c.warns, errorf(path, "prefix %q* is very short and matches many unrelated words", short))
		}
	}
	if !b.scored[id] {
		b.scored[id] = true
		if weight == 0 {
			weight = 1
		}
		b.t.scored = append(b.t.scored, scoredTerm{pat: id, weight: weight})
	}
	if !b.reported[id] {
		b.reported[id] = true
		b.t.reported = append(b.t.reported, leafRef{pat: id, text: text})
	}
}

// listOf names the list a term's path belongs to: the pack's and the
// topic's own any (and none) lists are one list, each all group is its
// own.
func listOf(path string) string {
	i := strings.LastIndexByte(path, '[')
	list := path[:i]
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
			b.use(path, n.term, id, roleQuery, 0)
		}
		return &cnode{op: cLeaf, pat: id}
	case qNot:
		return &cnode{op: cNot, kids: []*cnode{b.qnode(path, n.kids[0], !negated)}}
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

// term compiles a term, reusing an identical pattern. The optional offset
// places errors inside a query.
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
	k := p.key()
	if id, ok := c.byKey[k]; ok {
		return id, true
	}
	id := int32(len(c.pats))
	c.pats = append(c.pats, p)
	c.byKey[k] = id
	return id, true
}

// evalEmpty reports whether the topic would match a story with no hits.
func (t *topic) evalEmpty() bool {
	var e evaluator
	e.t = t
	return e.eval(t.cond)
}

// PackIDs returns the ids of the built-in packs, in a stable order.
func PackIDs() []string {
	ps := Packs()
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	sort.Strings(ids)
	return ids
}
