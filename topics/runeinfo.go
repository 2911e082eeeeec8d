package topics

import (
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// runeInfo caches, for one rune of the Basic Multilingual Plane, the
// properties that normalisation and matching look up for every character.
// It is derived from the functions isWordRune, dropRune, isSpaceOrDash,
// foldRune, wordClass and the NFKC tables, and must agree with them.
type runeInfo uint8

const (
	// riKind is the mask of the rune's role in normalisation, one of the
	// kind constants.
	riKind runeInfo = 7
	// riFold is set when case folding changes the rune.
	riFold runeInfo = 1 << 3
	// riStable is set when NFKC leaves the rune unchanged on its own and
	// the rune starts a segment (see riBoundary).
	riStable runeInfo = 1 << 4
	// riBoundary is set when NFKC never combines the rune with what comes
	// before it: a normalisation segment always starts at the rune.
	riBoundary runeInfo = 1 << 5
	// riClassShift is where the rune's word class is stored, in 2 bits.
	riClassShift = 6
)

// Roles of a rune in normalisation.
const (
	kindPunct runeInfo = iota // separator that stops phrases
	kindSpace                 // space or dash
	kindWord                  // letter, mark or number that is kept
	kindDrop                  // removed without separating words
	kindZWNJ                  // zero-width non-joiner
)

// runePages holds the runeInfo of the BMP in pages of 256 runes, each
// built the first time one of its runes is looked up.
var runePages [256]atomic.Pointer[[256]runeInfo]

// infoOf returns the runeInfo of r, which must be below 0x10000.
func infoOf(r rune) runeInfo {
	pg := runePages[r>>8].Load()
	if pg == nil {
		pg = buildRunePage(r >> 8)
		runePages[r>>8].Store(pg)
	}
	return pg[r&0xFF]
}

// buildRunePage computes the page of runes hi<<8 to hi<<8+255. Two
// goroutines may build the same page; they store equal values.
func buildRunePage(hi rune) *[256]runeInfo {
	pg := new([256]runeInfo)
	var buf [utf8.UTFMax]byte
	for lo := range rune(256) {
		r := hi<<8 | lo
		var ri runeInfo
		switch {
		case r == 0x200C:
			ri = kindZWNJ
		case isWordRune(r) && !dropRune(r):
			ri = kindWord
		case dropRune(r):
			ri = kindDrop
		case isSpaceOrDash(r):
			ri = kindSpace
		default:
			ri = kindPunct
		}
		if r >= utf8.RuneSelf && (r == 'ß' || r == 'ẞ' || foldRune(r) != r) {
			ri |= riFold
		}
		ri |= runeInfo(computeWordClass(r)) << riClassShift
		if 0xD800 <= r && r <= 0xDFFF {
			pg[lo] = ri // surrogates never occur in decoded text
			continue
		}
		s := string(buf[:utf8.EncodeRune(buf[:], r)])
		if startsSegment(norm.NFKC.PropertiesString(s)) {
			ri |= riBoundary
			if norm.NFKC.IsNormalString(s) {
				ri |= riStable
			}
		}
		pg[lo] = ri
	}
	return pg
}

// startsSegment reports whether a rune of properties p always starts a
// normalisation segment: neither it nor the start of its decomposition
// combines with what comes before.
func startsSegment(p norm.Properties) bool {
	if p.CCC() != 0 || p.LeadCCC() != 0 || !p.BoundaryBefore() {
		return false
	}
	if d := p.Decomposition(); d != nil {
		q := norm.NFKC.Properties(d)
		return q.CCC() == 0 && q.BoundaryBefore()
	}
	return true
}

// asciiInfo is the runeInfo of ASCII, without the indirection of pages.
var asciiInfo = func() (a [utf8.RuneSelf]runeInfo) {
	copy(a[:], buildRunePage(0)[:utf8.RuneSelf])
	return a
}()

// runeInfoOf returns the runeInfo of any rune; outside the BMP only the
// kind and fold bits are set.
func runeInfoOf(r rune) runeInfo {
	switch {
	case r < utf8.RuneSelf:
		return asciiInfo[r]
	case r < 0x10000:
		return infoOf(r)
	}
	return slowKind(r)
}

// decodeInfo decodes the rune at s[i] and returns it with its size and
// runeInfo. An invalid byte has no riStable or riBoundary bit.
func decodeInfo(s string, i int) (rune, int, runeInfo) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1, asciiInfo[c]
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return r, n, 0
	}
	return r, n, runeInfoOf(r)
}

// fastRuneAt decodes the rune at s[i] and reports whether normalisation
// may copy it without NFKC: it is unchanged by NFKC and both it and the
// rune after it start normalisation segments. It must be called only where
// a segment starts.
func fastRuneAt(s string, i int) (r rune, n int, ok bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		r, n = rune(c), 1
	} else {
		r, n = utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 || r == utf8.RuneError && n == 1 || infoOf(r)&riStable == 0 {
			return r, n, false
		}
	}
	return r, n, i+n == len(s) || boundaryAt(s, i+n)
}

// boundaryAt reports whether a normalisation segment starts at s[i].
func boundaryAt(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return true
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return r < 0x10000 && !(r == utf8.RuneError && n == 1) && infoOf(r)&riBoundary != 0
}
