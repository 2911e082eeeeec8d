package topics

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// litIndex finds the literals that occur in normalised text at the places
// where a term can start, by looking words up instead of walking an
// automaton byte by byte: a large automaton's states do not fit in the
// processor's caches, so every byte of real text, whose words share their
// first letters with the terms', cost a cache miss or more. The index
// reads each word of the text once, hashing its bytes as it goes, and
// looks the hashes up in tables whose filters fit in the first-level
// cache, so its cost per byte hardly grows with the number of terms.
//
// Literals fall in three kinds, by where an occurrence can pass the word
// checks (matchAt, guards) that follow:
//
//   - exact: the literal's first run of letters of one word class (a
//     spaced script or Hangul) must be a whole run of the text;
//   - prefix: that run may begin a longer run of the text (prefix words,
//     Hangul words, which take particles);
//   - floating: the literal may start anywhere, even inside a run (Han,
//     Kana, Thai, and terms that may end a Hangul compound).
//
// A literal of the first two kinds whose first letter is of a spaced
// script or Hangul can only start where a run of its class starts, since
// the word checks reject an occurrence right after a letter of its own
// class. The index reports only the occurrences at such places, which
// the word checks would otherwise be the ones to discard.
type litIndex struct {
	// lits are the literals, the index of each the id reported in hits;
	// text holds them one after the other.
	lits []string
	text string
	// exact, prefix and floating are the tables of the three kinds,
	// keyed by the hash of a literal's first run (exact, prefix; at most
	// maxPrefixKey bytes of it for prefix) or of its first one or two
	// runes (floating).
	exact, prefix, floating litTable
	// lens are the lengths of the exact and prefix keys, for runs of a
	// spaced script (lens[classSpaced&1]) and of Hangul.
	lens [2]keyLens
	// floatClasses has bit c set when a floating literal starts with a
	// letter of word class c; float1 and float2 say whether floating
	// keys of one and of two runes exist.
	floatClasses   uint8
	float1, float2 bool
	// gate says, by the hash of a run's first gateBytes bytes, which
	// lookups of the run may find a key: bit n (gateBytes to
	// maxPrefixKey) a prefix key of n bytes, gateExact an exact key.
	// One read of this small table spares most runs the lookups at every
	// prefix length, each a read of a filter too large for the
	// first-level cache.
	gate      []uint8
	gateShift uint8
}

// gateBytes is how many bytes of a run the gate reads; runs and keys
// shorter than that bypass it.
const gateBytes = 3

// gateExact is the bit of the gate for exact keys.
const gateExact = 1 << 7

// gateSlot returns the index in the gate of a run whose first gateBytes
// bytes hash (unmixed) to h.
func (x *litIndex) gateSlot(h uint64) uint64 {
	return (h * 0x9E3779B97F4A7C15) >> x.gateShift
}

// keyLens are the lengths of keys in bytes: bit n is set when a key is n
// bytes long; exactLong when an exact key is 64 bytes or longer.
type keyLens struct {
	exact, prefix uint64
	exactLong     bool
}

// maxPrefixKey is the longest prefix key, in bytes: longer first runs are
// keyed by their first runes, and their candidates checked in full. A
// run of the text is looked up at each length that some prefix key has,
// so a short limit keeps the lookups per word few (two Hangul syllables,
// six Latin or three Cyrillic letters), at the price of a few more
// literals per key.
const maxPrefixKey = 6

// litTable maps key hashes to literals. A filter of one bit per hash
// value, which stays in the first-level cache, turns most lookups away
// before the table is read.
type litTable struct {
	filter []uint64
	fshift uint8
	// slots is an open-addressing table of the keys.
	slots []litSlot
	mask  uint64
	// refs holds the literals of keys that have more than one.
	refs []litRef
}

// litSlot is a key: its hash and length, and its literal, or its
// literals refs[from:to] when it has several, so that a key of one
// literal (most) is checked with one read of the table.
type litSlot struct {
	hash     uint64
	klen     int32
	from, to int32
	one      litRef
}

// litRef is a literal: its id and its bytes, text[off:off+n] of the
// index.
type litRef struct {
	id, off, n int32
}

// Hashing: FNV-1a over the bytes, then a finaliser that spreads the bits
// for the filter and the table.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(h uint64, b string) uint64 {
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * fnvPrime
	}
	return h
}

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// tableEntry is a literal to put in a table under a key.
type tableEntry struct {
	key string
	lit int32
}

// buildTable builds a table of the entries, whose literals are refs[lit].
func buildTable(entries []tableEntry, refs []litRef) litTable {
	var t litTable
	if len(entries) == 0 {
		return t
	}
	// Group the literals by key, in the order they come.
	byKey := make(map[string][]litRef)
	var keys []string
	for _, e := range entries {
		if _, ok := byKey[e.key]; !ok {
			keys = append(keys, e.key)
		}
		byKey[e.key] = append(byKey[e.key], refs[e.lit])
	}
	// A filter of about 32 bits per key, between 512 bits and 2^19 bits
	// (64 KiB).
	fbits := 9
	for fbits < 19 && 1<<fbits < 32*len(keys) {
		fbits++
	}
	t.filter = make([]uint64, 1<<fbits/64)
	t.fshift = uint8(64 - fbits)
	size := 1
	for size < 2*len(keys) {
		size <<= 1
	}
	t.slots = make([]litSlot, size)
	t.mask = uint64(size - 1)
	for _, k := range keys {
		h := mix(hashBytes(fnvOffset, k))
		f := h >> t.fshift
		t.filter[f>>6] |= 1 << (f & 63)
		sl := litSlot{hash: h, klen: int32(len(k)), one: byKey[k][0]}
		if lits := byKey[k]; len(lits) > 1 {
			sl.from = int32(len(t.refs))
			t.refs = append(t.refs, lits...)
			sl.to = int32(len(t.refs))
		}
		for i := h & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i].klen == 0 {
				t.slots[i] = sl
				break
			}
		}
	}
	return t
}

// lookup returns the slot of the key of hash h (mixed) and n bytes, or
// nil.
func (t *litTable) lookup(h uint64, n int) *litSlot {
	f := h >> t.fshift
	if t.filter[f>>6]&(1<<(f&63)) == 0 {
		return nil
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		sl := &t.slots[i]
		if sl.klen == 0 {
			return nil
		}
		if sl.hash == h && sl.klen == int32(n) {
			return sl
		}
	}
}

// buildLitIndex indexes the literals; starts[i] lists the patterns that
// literal i starts.
func buildLitIndex(lits []string, starts [][]int32, pats []*pattern) *litIndex {
	x := &litIndex{lits: lits}
	var exact, prefix, floating []tableEntry
	for i, lit := range lits {
		id := int32(i)
		c := firstClass(lit)
		floats := c != classSpaced && c != classHangul
		wholeWord := c == classSpaced
		for _, p := range starts[i] {
			pat := pats[p]
			if pat.guard != nil && pat.guard.suffix {
				floats = true
			}
			if len(pat.toks) != 1 || pat.toks[0].prefix {
				wholeWord = false
			}
		}
		if floats {
			n := 0
			for r := 0; r < 2 && n < len(lit); r++ {
				_, size := utf8.DecodeRuneInString(lit[n:])
				n += size
				if r == 0 {
					x.float1 = x.float1 || n == len(lit)
				} else {
					x.float2 = true
				}
			}
			x.floatClasses |= 1 << c
			floating = append(floating, tableEntry{lit[:n], id})
			continue
		}
		run := firstRun(lit, c)
		lens := &x.lens[c&1]
		switch {
		case len(run) < len(lit) || wholeWord:
			// The literal goes on past its first run with a letter of
			// another class or a separator, or it is a whole word of a
			// spaced script: the run is a whole run of the text.
			if len(run) >= 64 {
				lens.exactLong = true
			} else {
				lens.exact |= 1 << len(run)
			}
			exact = append(exact, tableEntry{run, id})
		default:
			key := run
			for len(key) > maxPrefixKey {
				_, size := utf8.DecodeLastRuneInString(key)
				key = key[:len(key)-size]
			}
			lens.prefix |= 1 << len(key)
			prefix = append(prefix, tableEntry{key, id})
		}
	}
	var text strings.Builder
	refs := make([]litRef, len(lits))
	for i, lit := range lits {
		refs[i] = litRef{id: int32(i), off: int32(text.Len()), n: int32(len(lit))}
		text.WriteString(lit)
	}
	x.text = text.String()
	x.exact = buildTable(exact, refs)
	x.prefix = buildTable(prefix, refs)
	x.floating = buildTable(floating, refs)
	x.buildGate(exact, prefix)
	return x
}

// buildGate fills the gate from the exact and prefix keys, about two
// slots a key, between 256 bytes and 16 KiB.
func (x *litIndex) buildGate(exact, prefix []tableEntry) {
	bits := 8
	for bits < 14 && 1<<bits < 2*(len(exact)+len(prefix)) {
		bits++
	}
	x.gate = make([]uint8, 1<<bits)
	x.gateShift = uint8(64 - bits)
	for _, e := range exact {
		if len(e.key) >= gateBytes {
			x.gate[x.gateSlot(hashBytes(fnvOffset, e.key[:gateBytes]))] |= gateExact
		}
	}
	for _, e := range prefix {
		if len(e.key) >= gateBytes {
			x.gate[x.gateSlot(hashBytes(fnvOffset, e.key[:gateBytes]))] |= 1 << len(e.key)
		}
	}
}

// firstRun returns the start of lit made of letters of word class c.
func firstRun(lit string, c int) string {
	for i := 0; i < len(lit); {
		r, size := utf8.DecodeRuneInString(lit[i:])
		if wordClass(r) != c {
			return lit[:i]
		}
		i += size
	}
	return lit
}

// asciiClass is the word class of each ASCII byte.
var asciiClass = func() (a [utf8.RuneSelf]uint8) {
	for c := range a {
		a[c] = uint8(asciiInfo[c] >> riClassShift)
	}
	return a
}()

// find appends to dst the literals that occur in b where an occurrence
// can pass the word checks, each with the offset where it ends, in the
// order an Aho-Corasick scan reports them (by end, the longest first),
// and returns the extended slice. The bytes of each run of a spaced
// script or Hangul are hashed as they are read: starts[k] keeps the hash
// of the run's first k bytes, for the prefix keys and the gate.
func (x *litIndex) find(b []byte, dst []acHit) []acHit {
	base := len(dst)
	prev, runStart := classSep, 0
	h := uint64(fnvOffset)
	var starts [maxPrefixKey + 1]uint64
	for i := 0; i <= len(b); {
		c, n := classSep, 1
		if i < len(b) {
			if b[i] < utf8.RuneSelf {
				c = int(asciiClass[b[i]])
			} else {
				var r rune
				r, n = utf8.DecodeRune(b[i:])
				c = wordClass(r)
			}
		}
		if c != prev {
			if prev == classSpaced || prev == classHangul {
				dst = x.run(b, runStart, i, prev, h, &starts, dst)
			}
			runStart = i
			h = fnvOffset
		}
		if i == len(b) {
			break
		}
		if c == classSpaced || c == classHangul {
			for j := i; j < i+n; j++ {
				if k := j - runStart; k <= maxPrefixKey {
					starts[k] = h
				}
				h = (h ^ uint64(b[j])) * fnvPrime
			}
		}
		if x.floatClasses&(1<<c) != 0 {
			dst = x.floatAt(b, i, n, dst)
		}
		prev = c
		i += n
	}
	if hits := dst[base:]; len(hits) > 1 {
		sortHits(hits, x)
	}
	return dst
}

// run looks up the run b[start:end] of letters of word class c (a spaced
// script or Hangul), whose bytes hash (unmixed) to h and whose first k
// bytes to starts[k], as an exact key, and its starts as prefix keys.
func (x *litIndex) run(b []byte, start, end, c int, h uint64, starts *[maxPrefixKey + 1]uint64, dst []acHit) []acHit {
	k := end - start
	lens := &x.lens[c&1]
	prefixes := lens.prefix
	if k < maxPrefixKey {
		prefixes &= 1<<(k+1) - 1
	}
	exact := k >= 64 && lens.exactLong || k < 64 && lens.exact&(1<<k) != 0
	if prefixes == 0 && !exact {
		return dst
	}
	hashAt := func(n int) uint64 {
		if n == k {
			return h
		}
		return starts[n]
	}
	if k >= gateBytes {
		g := x.gate[x.gateSlot(hashAt(gateBytes))]
		prefixes &= uint64(g&^gateExact) | (1<<gateBytes - 1)
		exact = exact && g&gateExact != 0
	}
	for prefixes != 0 {
		n := bits.TrailingZeros64(prefixes)
		prefixes &= prefixes - 1
		dst = x.candidates(&x.prefix, b, start, mix(hashAt(n)), n, dst)
	}
	if exact {
		dst = x.candidates(&x.exact, b, start, mix(h), k, dst)
	}
	return dst
}

// floatAt looks up the one or two runes at b[i], the first n bytes long,
// as floating keys.
func (x *litIndex) floatAt(b []byte, i, n int, dst []acHit) []acHit {
	h := hashBytes(fnvOffset, string(b[i:i+n]))
	if x.float1 {
		dst = x.candidates(&x.floating, b, i, mix(h), n, dst)
	}
	if x.float2 && i+n < len(b) {
		n2 := 1
		if b[i+n] >= utf8.RuneSelf {
			_, n2 = utf8.DecodeRune(b[i+n:])
		}
		h = hashBytes(h, string(b[i+n:i+n+n2]))
		dst = x.candidates(&x.floating, b, i, mix(h), n+n2, dst)
	}
	return dst
}

// candidates appends the literals keyed by the k bytes at b[start:] of
// mixed hash mh that occur in full at start.
func (x *litIndex) candidates(t *litTable, b []byte, start int, mh uint64, k int, dst []acHit) []acHit {
	sl := t.lookup(mh, k)
	if sl == nil {
		return dst
	}
	if sl.to == 0 {
		return x.occurs(sl.one, b, start, dst)
	}
	for _, r := range t.refs[sl.from:sl.to] {
		dst = x.occurs(r, b, start, dst)
	}
	return dst
}

// occurs appends literal r when it occurs at b[start:].
func (x *litIndex) occurs(r litRef, b []byte, start int, dst []acHit) []acHit {
	end := start + int(r.n)
	if end <= len(b) && string(b[start:end]) == x.text[r.off:r.off+r.n] {
		dst = append(dst, acHit{lit: r.id, end: end})
	}
	return dst
}

// sortHits orders hits by end, the longest literal first among those
// ending at one offset (two literals of one length ending at one offset
// are the same literal).
func sortHits(hits []acHit, x *litIndex) {
	less := func(a, b acHit) bool {
		if a.end != b.end {
			return a.end < b.end
		}
		return len(x.lits[a.lit]) > len(x.lits[b.lit])
	}
	if len(hits) > 16 {
		slices.SortFunc(hits, func(a, b acHit) int {
			switch {
			case less(a, b):
				return -1
			case less(b, a):
				return 1
			}
			return 0
		})
		return
	}
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && less(hits[j], hits[j-1]); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
}
