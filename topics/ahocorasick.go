package topics

import "slices"

// automaton is an Aho-Corasick automaton over bytes. States are numbered
// breadth-first, so the shallowest come first; real text spends most of
// its bytes in those, since the failure links keep pulling the scan back
// towards the root. The first nDense states keep a full row of 256
// transitions with the failure links already followed (a DFA for the hot
// states): one load a byte. Every other state keeps its own transitions as
// a sorted run of labels in one shared array, and falls back along its
// failure links until it reaches a dense state.
type automaton struct {
	// dense[s<<8|c] is the transition of dense state s on c, with outFlag
	// set when the next state ends a literal (itself or along its
	// dictionary chain).
	dense  []uint32
	nDense int32
	// Per sparse state: its transitions are labels[edges[s]:edges[s+1]]
	// with targets (and outFlag) at the same indices of next.
	edges  []int32
	labels []byte
	next   []uint32
	fail   []int32
	// out is the literal ending at the state, or -1; dict is the nearest
	// state along the fail chain with an output, or -1.
	out  []int32
	dict []int32
}

// outFlag marks a transition into a state where a literal ends.
const outFlag = 1 << 31

// Sizes of the dense part: every state of a small automaton is dense; a
// large one keeps denseShare of its states dense, up to maxDense rows of
// 1 KiB.
const (
	minDense   = 256
	maxDense   = 2048
	denseShare = 16
)

// trieNode is a state while the automaton is being built: its children
// sorted by label.
type trieNode struct {
	labels []byte
	kids   []int32
	out    int32
}

// child returns the child of nd labelled c, adding it as node next when
// there is none; added reports whether it did.
func (nd *trieNode) child(c byte, next int32) (n int32, added bool) {
	i, found := slices.BinarySearch(nd.labels, c)
	if found {
		return nd.kids[i], false
	}
	nd.labels = slices.Insert(nd.labels, i, c)
	nd.kids = slices.Insert(nd.kids, i, next)
	return next, true
}

// buildAutomaton compiles the literals; a hit reports the literal's index.
func buildAutomaton(lits []string) *automaton {
	size := 1 // at most one state per byte of the literals, and the root
	for _, lit := range lits {
		size += len(lit)
	}
	nodes := make([]trieNode, 1, size)
	nodes[0].out = -1
	for i, lit := range lits {
		s := int32(0)
		for j := 0; j < len(lit); j++ {
			n, added := nodes[s].child(lit[j], int32(len(nodes)))
			if added {
				nodes = append(nodes, trieNode{out: -1})
			}
			s = n
		}
		nodes[s].out = int32(i)
	}
	// Number the states breadth-first, children by label.
	order := make([]int32, 0, len(nodes)) // new id -> trie node
	id := make([]int32, len(nodes))       // trie node -> new id
	order = append(order, 0)
	for q := 0; q < len(order); q++ {
		for _, n := range nodes[order[q]].kids {
			id[n] = int32(len(order))
			order = append(order, n)
		}
	}
	a := &automaton{
		edges:  make([]int32, len(nodes)+1),
		labels: make([]byte, 0, len(nodes)-1),
		next:   make([]uint32, 0, len(nodes)-1),
		fail:   make([]int32, len(nodes)),
		out:    make([]int32, len(nodes)),
		dict:   make([]int32, len(nodes)),
	}
	for s, node := range order {
		a.edges[s] = int32(len(a.labels))
		a.out[s] = nodes[node].out
		a.labels = append(a.labels, nodes[node].labels...)
		for _, n := range nodes[node].kids {
			a.next = append(a.next, uint32(id[n]))
		}
	}
	a.edges[len(nodes)] = int32(len(a.labels))
	// Failure links and dictionary links, breadth-first: in the new
	// numbering a state's parent and fail target come before it.
	a.dict[0] = -1
	for s := int32(0); s < int32(len(order)); s++ {
		for e := a.edges[s]; e < a.edges[s+1]; e++ {
			c, n := a.labels[e], int32(a.next[e])
			if s == 0 {
				a.fail[n] = 0
			} else {
				f := a.fail[s]
				for {
					if g := a.goTo(f, c); g >= 0 {
						a.fail[n] = g
						break
					}
					if f == 0 {
						a.fail[n] = 0
						break
					}
					f = a.fail[f]
				}
			}
			if fs := a.fail[n]; a.out[fs] >= 0 {
				a.dict[n] = fs
			} else {
				a.dict[n] = a.dict[fs]
			}
		}
	}
	for e, n := range a.next {
		a.next[e] = a.flagged(int32(n))
	}
	n := len(a.fail)
	a.makeDense(min(n, max(minDense, min(maxDense, n/denseShare))))
	return a
}

// flagged returns state n with outFlag set when a literal ends there.
func (a *automaton) flagged(n int32) uint32 {
	if a.out[n] >= 0 || a.dict[n] >= 0 {
		return uint32(n) | outFlag
	}
	return uint32(n)
}

// makeDense fills the full transition rows of the k shallowest states
// (k is at least 1: the root is always dense).
func (a *automaton) makeDense(k int) {
	a.nDense = int32(max(1, min(k, len(a.fail))))
	a.dense = make([]uint32, int(a.nDense)<<8)
	for s := int32(0); s < a.nDense; s++ {
		row := a.dense[int(s)<<8 : int(s+1)<<8]
		if s == 0 {
			// The root stays at the root on a byte no literal starts with.
			for e := a.edges[0]; e < a.edges[1]; e++ {
				row[a.labels[e]] = a.next[e]
			}
			continue
		}
		// A state's fail target comes before it, so its row is built.
		copy(row, a.dense[int(a.fail[s])<<8:int(a.fail[s]+1)<<8])
		for e := a.edges[s]; e < a.edges[s+1]; e++ {
			row[a.labels[e]] = a.next[e]
		}
	}
}

// goTo returns the trie transition of state s on c, or -1, without
// following failure links; the root never fails.
func (a *automaton) goTo(s int32, c byte) int32 {
	lo, hi := a.edges[s], a.edges[s+1]
	if hi-lo <= 8 {
		for e := lo; e < hi; e++ {
			if a.labels[e] == c {
				return int32(a.next[e] &^ outFlag)
			}
		}
		if s == 0 {
			return 0
		}
		return -1
	}
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		switch l := a.labels[m]; {
		case l == c:
			return int32(a.next[m] &^ outFlag)
		case l < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	if s == 0 {
		return 0
	}
	return -1
}

// step returns the transition of state s on c, with outFlag, following
// failure links until a dense state.
func (a *automaton) step(s int32, c byte) uint32 {
	for s >= a.nDense {
		lo, hi := a.edges[s], a.edges[s+1]
		for lo < hi {
			if hi-lo <= 8 {
				for e := lo; e < hi; e++ {
					if a.labels[e] == c {
						return a.next[e]
					}
				}
				break
			}
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
		s = a.fail[s]
	}
	return a.dense[int(s)<<8|int(c)]
}

// acHit is a literal found in a text, and the offset where it ends.
type acHit struct {
	lit int32
	end int
}

// scan appends to dst every literal found in b, overlapping occurrences
// included, and returns the extended slice.
func (a *automaton) scan(b []byte, dst []acHit) []acHit {
	s := uint32(0)
	dense, nDense := a.dense, uint32(a.nDense)
	for i, c := range b {
		if s < nDense {
			s = dense[s<<8|uint32(c)]
		} else {
			s = a.step(int32(s), c)
		}
		if s&outFlag == 0 {
			continue
		}
		s &^= outFlag
		for o := int32(s); o > 0; o = a.dict[o] {
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
