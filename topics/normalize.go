package topics

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Separators written into normalised text in place of every run of
// characters that are not letters, marks or digits. A run made only of
// spaces and dashes becomes sepSpace; a run holding any other punctuation
// or symbol becomes sepPunct, so that phrases do not match across it.
const (
	sepSpace = ' '
	sepPunct = '\x01'
	starByte = '*'
)

// normText is one field of a document after normalisation: NFKC, case
// folded, separators collapsed, with a map back to the original bytes.
type normText struct {
	// b is the normalised text.
	b []byte
	// src[i] is the offset in the original text of the character that
	// produced b[i]; src[len(b)] is the original length.
	src []int32
	// words[i] is the index of the word b[i] belongs to; filled lazily.
	words []int32
	// valid is set when the original text is valid UTF-8.
	valid bool
	// iter is kept for the stretches of text that go through NFKC: it is
	// too large to make for each.
	iter *norm.Iter
}

// normOptions select how text is normalised.
type normOptions struct {
	// fold applies case folding.
	fold bool
	// star keeps "*" as a character, for parsing terms.
	star bool
}

// normalize fills t from s, reusing t's buffers. Runs of characters that
// NFKC leaves alone, such as ASCII, most Latin, Cyrillic, Arabic and Han
// text, are copied without going through norm.Iter; the rest goes through
// it segment by segment, exactly as if the whole text had.
func (t *normText) normalize(s string, o normOptions) {
	t.b = t.b[:0]
	t.src = t.src[:0]
	t.words = t.words[:0]
	t.valid = true
	st := normState{opts: o}
	if len(s) == 0 {
		t.src = append(t.src, 0)
		return
	}
	// i is always where a normalisation segment starts; r, n and ri
	// describe the rune there.
	i := 0
	r, n, ri := decodeInfo(s, 0)
	for i < len(s) {
		if ri&riStable != 0 {
			j := i + n
			if j == len(s) {
				t.add(r, ri, int32(i), &st)
				break
			}
			r2, n2, ri2 := decodeInfo(s, j)
			if ri2&riBoundary != 0 {
				t.add(r, ri, int32(i), &st)
				i, r, n, ri = j, r2, n2, ri2
				continue
			}
		}
		if i = t.normalizeSegments(s, i, &st); i < len(s) {
			r, n, ri = decodeInfo(s, i)
		}
	}
	t.flushSep(&st)
	t.src = append(t.src, int32(len(s)))
}

// normState is what normalize carries from one character to the next.
type normState struct {
	opts normOptions
	// sep is the separator owed before the next word character, 0 when
	// none; sepAt is the original offset it is attributed to.
	sep   byte
	sepAt int32
}

// normalizeSegments runs NFKC over s from i, which must start a segment,
// until a character that fastRuneAt accepts, and returns where it stopped.
// Every byte that normalize does not copy itself passes here, so this is
// where invalid UTF-8 is noticed.
func (t *normText) normalizeSegments(s string, i int, st *normState) int {
	end := t.segments(s, i, st)
	if t.valid {
		t.valid = utf8.ValidString(s[i:end])
	}
	return end
}

// segments is normalizeSegments without the check of UTF-8.
func (t *normText) segments(s string, i int, st *normState) int {
	if t.iter == nil {
		t.iter = new(norm.Iter)
	}
	it := t.iter
	it.InitString(norm.NFKC, s[i:])
	for !it.Done() {
		start := int32(i + it.Pos())
		seg := it.Next()
		for len(seg) > 0 {
			r, n := rune(seg[0]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(seg)
			}
			seg = seg[n:]
			t.add(r, runeInfoOf(r), start, st)
		}
		if j := i + it.Pos(); !it.Done() && j > int(start) {
			if _, _, ok := fastRuneAt(s, j); ok {
				return j
			}
		}
	}
	return len(s)
}

// add appends the normalised form of r, of runeInfo ri, a character of NFKC text produced
// by the character at src in the original.
func (t *normText) add(r rune, ri runeInfo, src int32, st *normState) {
	switch {
	case r == '*' && st.opts.star:
		t.flushSep(st)
		t.push(starByte, src)
	case ri&riKind == kindWord:
		t.flushSep(st)
		switch {
		case r < utf8.RuneSelf:
			if st.opts.fold && 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			t.push(byte(r), src)
		case st.opts.fold && ri&riFold != 0:
			t.pushFolded(r, src)
		default:
			t.pushRune(r, src)
		}
	case ri&riKind == kindZWNJ:
		// In Arabic script the zero-width non-joiner splits a word's
		// parts, which writers also separate by a space (Persian هسته‌ای,
		// هسته ای). Elsewhere it vanishes like other format characters.
		if len(t.b) > 0 && st.sep == 0 && lastIsArabic(t.b) {
			st.sepAt = src
			st.sep = sepSpace
		}
	case ri&riKind == kindDrop:
		// Format characters (joiners, soft hyphens, direction marks),
		// tatweel and vowel points vanish without separating words.
	default:
		if st.sep == 0 {
			st.sepAt = src
			st.sep = sepSpace
		}
		if ri&riKind != kindSpace {
			st.sep = sepPunct
		}
	}
}

// slowKind computes the kind and fold bits of a rune outside the BMP.
func slowKind(r rune) runeInfo {
	var ri runeInfo
	switch {
	case isWordRune(r) && !dropRune(r):
		ri = kindWord
	case dropRune(r):
		ri = kindDrop
	case isSpaceOrDash(r):
		ri = kindSpace
	default:
		ri = kindPunct
	}
	if foldRune(r) != r {
		ri |= riFold
	}
	return ri
}

func (t *normText) flushSep(st *normState) {
	if st.sep == 0 {
		return
	}
	t.push(st.sep, st.sepAt)
	st.sep = 0
}

func (t *normText) push(c byte, src int32) {
	t.b = append(t.b, c)
	t.src = append(t.src, src)
}

func (t *normText) pushRune(r rune, src int32) {
	if r < utf8.RuneSelf {
		t.push(byte(r), src)
		return
	}
	n := len(t.b)
	t.b = utf8.AppendRune(t.b, r)
	for i := n; i < len(t.b); i++ {
		t.src = append(t.src, src)
	}
}

// pushFolded appends the case-folded form of r.
func (t *normText) pushFolded(r rune, src int32) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		t.push(byte(r), src)
		return
	}
	switch r {
	case 'ß', 'ẞ':
		t.push('s', src)
		t.push('s', src)
		return
	}
	t.pushRune(foldRune(r), src)
}

// foldRune maps r to the representative of its case class, plus a few
// spelling variants that search engines treat alike: Cyrillic ё as е,
// Turkish dotted and dotless i as i, and the Arabic-script yeh, kaf and
// alef variants that Arabic, Persian and Urdu writers mix.
func foldRune(r rune) rune {
	switch r {
	case 'İ', 'ı':
		return 'i'
	case 'ё', 'Ё':
		return 'е'
	case 'ي', 'ى': // Arabic yeh, alef maksura
		return 'ی' // Farsi yeh
	case 'ك': // Arabic kaf
		return 'ک' // keheh
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	}
	l := unicode.ToLower(unicode.ToUpper(r))
	if g, ok := greekBase[l]; ok {
		// Greek capitals are written without accents: ΣΕΙΣΜΟΣ is σεισμός.
		return g
	}
	return l
}

// greekBase maps lower-case Greek vowels with tonos or dialytika to the
// bare vowel.
var greekBase = map[rune]rune{
	'ά': 'α', 'έ': 'ε', 'ή': 'η', 'ί': 'ι', 'ό': 'ο', 'ύ': 'υ', 'ώ': 'ω',
	'ϊ': 'ι', 'ϋ': 'υ', 'ΐ': 'ι', 'ΰ': 'υ',
}

// isWordRune reports whether r is part of a word: a letter, a mark or a
// number.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// dropRune reports whether r is removed from normalised text: format
// characters, the Arabic tatweel, and Arabic and Hebrew vowel points.
func dropRune(r rune) bool {
	if r < 0x0591 {
		return r == 0xAD // soft hyphen
	}
	switch {
	case r == 0x0640: // tatweel
		return true
	case 0x064B <= r && r <= 0x065F, r == 0x0670: // harakat
		return true
	case 0x0591 <= r && r <= 0x05C7 && unicode.IsMark(r): // niqqud
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

func lastIsArabic(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.Is(unicode.Arabic, r)
}

func isSpaceOrDash(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '-' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// Word classes decide where words start and end.
const (
	classSep      = iota // not part of a word
	classSpaced          // letters of scripts that separate words with spaces
	classHangul          // Hangul: words take particles, terms match as prefixes
	classUnspaced        // Han, Kana, Thai, ...: terms match as substrings
)

// wordClass returns the word class of r in normalised text.
func wordClass(r rune) int {
	if r < 0x10000 {
		return int(infoOf(r) >> riClassShift)
	}
	return computeWordClass(r)
}

// computeWordClass is wordClass without the table.
func computeWordClass(r rune) int {
	if r < 0x0E00 {
		if r == sepSpace || r == sepPunct || r == starByte {
			return classSep
		}
		return classSpaced
	}
	switch {
	case unicode.Is(unicode.Hangul, r):
		return classHangul
	case r == 0x30FC, r == 0x3005, // prolonged sound mark, iteration mark
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
			unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar):
		return classUnspaced
	case isWordRune(r):
		return classSpaced
	}
	return classSep
}

// classBefore returns the word class of the character ending at b[:i].
func classBefore(b []byte, i int) int {
	if i <= 0 {
		return classSep
	}
	r, _ := utf8.DecodeLastRune(b[:i])
	return wordClass(r)
}

// classAt returns the word class of the character starting at b[i].
func classAt(b []byte, i int) int {
	if i >= len(b) {
		return classSep
	}
	r, _ := utf8.DecodeRune(b[i:])
	return wordClass(r)
}

// wordIndex returns the index of the word holding b[i]: words are runs of
// spaced-script or Hangul letters, and single characters of unspaced
// scripts.
func (t *normText) wordIndex(i int) int {
	if len(t.words) == 0 && len(t.b) > 0 {
		t.words = make([]int32, len(t.b))[:0]
		w := int32(-1)
		prev := classSep
		for j := 0; j < len(t.b); {
			r, n := utf8.DecodeRune(t.b[j:])
			c := wordClass(r)
			if c != classSep && (c == classUnspaced || c != prev) {
				w++
			}
			prev = c
			for k := 0; k < n; k++ {
				t.words = append(t.words, max(w, 0))
			}
			j += n
		}
	}
	if i >= len(t.words) {
		return len(t.b)
	}
	return int(t.words[i])
}

// srcRange maps the normalised range b[i:j] back to the original text.
func (t *normText) srcRange(i, j int) (int, int) {
	start := int(t.src[i])
	end := int(t.src[len(t.b)])
	if j > i {
		last := t.src[j-1]
		for k := j; k <= len(t.b); k++ {
			if t.src[k] > last {
				end = int(t.src[k])
				break
			}
		}
	}
	return start, end
}
