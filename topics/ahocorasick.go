package topics

import "sort"

// automaton is an Aho-Corasick automaton over bytes. The root's
// transitions are a dense table; every other state keeps its transitions
// as a sorted run of labels in one shared array.
type automaton struct {
	root [256]int32
	// Per state: its transitions are labels[edges[s]:edges[s+1]] with
	// targets at the same indices of next.
	edges  []int32
	labels []byte
	next   []int32
	fail   []int32
	// out is the literal ending at the state, or -1; dict is the nearest
	// state along the fail chain with an output, or -1.
	out  []int32
	dict []int32
	// lens holds each literal's length in bytes.
	lens []int32
}

// trieNode is a state while the automaton is being built.
type trieNode struct {
	kids map[byte]int32
	out  int32
}

// buildAutomaton compiles the literals; a hit reports the literal's index.
func buildAutomaton(lits []string) *automaton {
	nodes := []trieNode{{out: -1}}
	for i, lit := range lits {
		s := int32(0)
		for j := 0; j < len(lit); j++ {
			c := lit[j]
			n, ok := nodes[s].kids[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, trieNode{out: -1})
				if nodes[s].kids == nil {
					nodes[s].kids = make(map[byte]int32, 1)
				}
				nodes[s].kids[c] = n
			}
			s = n
		}
		nodes[s].out = int32(i)
	}
	a := &automaton{
		edges: make([]int32, len(nodes)+1),
		fail:  make([]int32, len(nodes)),
		out:   make([]int32, len(nodes)),
		dict:  make([]int32, len(nodes)),
		lens:  make([]int32, len(lits)),
	}
	for i, lit := range lits {
		a.lens[i] = int32(len(lit))
	}
	var buf []byte
	for s := range nodes {
		a.edges[s] = int32(len(a.labels))
		a.out[s] = nodes[s].out
		buf = buf[:0]
		for c := range nodes[s].kids {
			buf = append(buf, c)
		}
		sort.Slice(buf, func(i, j int) bool { return buf[i] < buf[j] })
		for _, c := range buf {
			a.labels = append(a.labels, c)
			a.next = append(a.next, nodes[s].kids[c])
		}
	}
	a.edges[len(nodes)] = int32(len(a.labels))
	for c, n := range nodes[0].kids {
		a.root[c] = n
	}
	// Breadth-first: fail links point to the longest proper suffix that is
	// also a trie path.
	queue := make([]int32, 0, len(nodes))
	a.dict[0] = -1
	for c := 0; c < 256; c++ {
		if n := a.root[c]; n != 0 {
			a.fail[n] = 0
			a.dict[n] = -1
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for e := a.edges[s]; e < a.edges[s+1]; e++ {
			c, n := a.labels[e], a.next[e]
			f := a.fail[s]
			for {
				if g := a.step(f, c); g >= 0 {
					a.fail[n] = g
					break
				}
				if f == 0 {
					a.fail[n] = 0
					break
				}
				f = a.fail[f]
			}
			if fs := a.fail[n]; a.out[fs] >= 0 {
				a.dict[n] = fs
			} else {
				a.dict[n] = a.dict[fs]
			}
			queue = append(queue, n)
		}
	}
	return a
}

// step returns the transition of state s on c, or -1; the root never
// fails (it stays at the root).
func (a *automaton) step(s int32, c byte) int32 {
	if s == 0 {
		return a.root[c]
	}
	lo, hi := a.edges[s], a.edges[s+1]
	if hi-lo <= 8 {
		for e := lo; e < hi; e++ {
			if a.labels[e] == c {
				return a.next[e]
			}
		}
		return -1
	}
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		switch l := a.labels[m]; {
		case l == c:
			return a.next[m]
		case l < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// acHit is a literal found in a text, and the offset where it ends.
type acHit struct {
	lit int32
	end int
}

// scan appends to dst every literal found in b, overlapping occurrences
// included, and returns the extended slice.
func (a *automaton) scan(b []byte, dst []acHit) []acHit {
	s := int32(0)
	for i := 0; i < len(b); i++ {
		c := b[i]
		for {
			if n := a.step(s, c); n >= 0 {
				s = n
				break
			}
			s = a.fail[s]
		}
		for o := s; o > 0; o = a.dict[o] {
			if a.out[o] >= 0 {
				dst = append(dst, acHit{a.out[o], i + 1})
			}
			if a.dict[o] < 0 {
				break
			}
		}
	}
	return dst
}

// states returns the number of states, for sizing tests.
func (a *automaton) states() int { return len(a.fail) }
