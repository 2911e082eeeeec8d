package topics

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalizeRef is the straightforward normalisation through norm.Iter,
// kept as the reference that the fast paths of normalize must agree with.
func (t *normText) normalizeRef(s string, o normOptions) {
	t.b = t.b[:0]
	t.src = t.src[:0]
	t.words = t.words[:0]
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	pendingSep := byte(0) // separator owed before the next word character
	sepAt := int32(0)
	for !it.Done() {
		start := int32(it.Pos())
		seg := it.Next()
		for len(seg) > 0 {
			r, n := rune(seg[0]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(seg)
			}
			seg = seg[n:]
			switch {
			case r == '*' && o.star:
				t.flushSepRef(&pendingSep, sepAt)
				t.push(starByte, start)
			case isWordRune(r):
				if dropRune(r) {
					continue
				}
				t.flushSepRef(&pendingSep, sepAt)
				if o.fold {
					t.pushFoldedRef(r, start)
				} else {
					t.pushRune(r, start)
				}
			case r == 0x200C && len(t.b) > 0 && pendingSep == 0 && lastIsArabic(t.b):
				// In Arabic script the zero-width non-joiner splits a
				// word's parts, which writers also separate by a space
				// (Persian هسته‌ای, هسته ای).
				sepAt = start
				pendingSep = sepSpace
			case dropRune(r):
				// Format characters (joiners, soft hyphens, direction
				// marks) vanish without separating words.
			default:
				if pendingSep == 0 {
					sepAt = start
					pendingSep = sepSpace
				}
				if !isSpaceOrDash(r) {
					pendingSep = sepPunct
				}
			}
		}
	}
	if pendingSep != 0 {
		t.flushSepRef(&pendingSep, sepAt)
	}
	t.src = append(t.src, int32(len(s)))
}

func (t *normText) pushFoldedRef(r rune, src int32) {
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

func (t *normText) flushSepRef(sep *byte, at int32) {
	if *sep == 0 {
		return
	}
	t.push(*sep, at)
	*sep = 0
}

// allNormOptions are the option sets normalize is used with.
var allNormOptions = []normOptions{{fold: true}, {}, {fold: true, star: true}}

// checkNormalize compares normalize with normalizeRef on s.
func checkNormalize(tb testing.TB, s string, opts ...normOptions) {
	tb.Helper()
	if opts == nil {
		opts = allNormOptions
	}
	for _, o := range opts {
		var got, want normText
		got.normalize(s, o)
		want.normalizeRef(s, o)
		if !bytes.Equal(got.b, want.b) || !slices.Equal(got.src, want.src) {
			tb.Fatalf("normalize(%q, %+v) = %q %v, want %q %v", s, o, got.b, got.src, want.b, want.src)
		}
		if got.valid != utf8.ValidString(s) {
			tb.Fatalf("normalize(%q, %+v) valid = %v, want %v", s, o, got.valid, !got.valid)
		}
	}
}

// TestNormalizeEveryRune checks the fast paths of normalize on every rune
// of the BMP, alone and between neighbours that compose, decompose or
// reorder with it.
func TestNormalizeEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	around := []string{"", "a", "é", "и", "\u1100", "가", "\u0B47", "e\u0301", "ﬁ", "ل", "\u200C", "\xff"}
	for r := rune(0); r < 0x10000; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		c := string(r)
		var b strings.Builder
		for _, a := range around {
			b.WriteString(a + c + "x" + c + a)
		}
		checkNormalize(t, c, normOptions{fold: true})
		checkNormalize(t, b.String(), normOptions{fold: true})
	}
}

// TestWordRune compares wordRune with isWordRune on every rune.
func TestWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := wordRune(r), isWordRune(r); got != want {
			t.Fatalf("wordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestNormalizeRandom compares normalize with normalizeRef on random
// strings of characters that NFKC changes, combines or reorders.
func TestNormalizeRandom(t *testing.T) {
	pool := []string{
		"a", "Z", " ", "-", ",", "*", "İ", "ß", "ẞ", "Ё", "ё", "й", "и", "\u0306", "\u0301", "\u0300",
		"\u0327", "\u0323", "\u0345", "\u0344", "\u0F73", "\u0F71", "\u0F72", "\u1100", "\u1161", "\u11A8",
		"가", "각", "\u0B47", "\u0B3E", "\u0B56", "ﬁ", "Ａ", "１", "，", "　", "ｶ", "\u3099", "か", "\uFDFA",
		"\uFB01", "ك", "ي", "\u064B", "\u0651", "\u0640", "\u200C", "\u200D", "\u00AD", "ה", "\u05B8",
		"北", "朝", "鮮", "…", "«", "»", "\U0001D400", "\U00010400", "\U0002F800", "\xff", "\xe2\x82",
		"\uFFFD", "Ω", "\u2126", "\u212B", "Å", "ǅ", "ᾈ", "\u0958", "\u093C", "क", "\u1E9E", "ﬀ",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for range rng.IntN(12) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		checkNormalize(t, b.String())
	}
	// More than 30 non-starters in a row make NFKC insert a grapheme
	// joiner.
	for _, base := range []string{"a", "é", "и", "x "} {
		for n := 28; n < 70; n++ {
			checkNormalize(t, base+strings.Repeat("\u0301", n)+"b")
			checkNormalize(t, base+strings.Repeat("\u0301\u0327", n)+"й")
		}
	}
}

// FuzzNormalize compares normalize with normalizeRef.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"North-Korea's ICBM", "  «Ракета»  ", "ＩＣＢＭ　発射", "Straße", "هسته‌ای", "e\u0301\u0327"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNormalize(t, s)
	})
}

// snippetRef is snippet as first written, the reference for its faster
// form.
func snippetRef(text string, start, end int) string {
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
	if from > 0 {
		b.WriteString("…")
	}
	space := false
	for _, r := range text[from:to] {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 && b.String() != "…" {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func TestSnippetAgainstRef(t *testing.T) {
	pool := []string{"a", "word ", "  ", "\t", "\n", "…", "… ", "ракета ", "北朝鮮", "\u00A0", "\u3000", "\xff", "\xe2\x80", ", "}
	rng := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	for range 5000 {
		b.Reset()
		for range rng.IntN(40) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		text := b.String()
		if text == "" {
			continue
		}
		i, j := rng.IntN(len(text)), rng.IntN(len(text)+1)
		if i > j {
			i, j = j, i
		}
		checkSnippet(t, text, i, j)
	}
	// Longer valid text, hits at rune boundaries: the path that steps
	// over runes without decoding them, with an invalid byte now and
	// then out of the snippet's reach or within it.
	valid := []string{"a", "word ", "ракета ", "北朝鮮", "\u00A0", "\u3000", "… ", ", ", "미사일을 ", "\t", "  ", "\uFFFD", "\U0001D400"}
	for k := range 5000 {
		b.Reset()
		for range 20 + rng.IntN(80) {
			if k%5 == 0 && rng.IntN(60) == 0 {
				b.WriteString("\xff")
			}
			b.WriteString(valid[rng.IntN(len(valid))])
		}
		text := b.String()
		var starts []int
		for i := range text {
			starts = append(starts, i)
		}
		starts = append(starts, len(text))
		i, j := starts[rng.IntN(len(starts))], starts[rng.IntN(len(starts))]
		if i > j {
			i, j = j, i
		}
		checkSnippet(t, text, i, j)
	}
}

func checkSnippet(t *testing.T, text string, i, j int) {
	t.Helper()
	b := appendSnippet([]byte("before"), text, i, j, utf8.ValidString(text))
	if got, want := strings.TrimPrefix(string(b), "before"), snippetRef(text, i, j); got != want {
		t.Fatalf("snippet(%q, %d, %d) = %q, want %q", text, i, j, got, want)
	}
}

// TestPlainValidSpan compares plainValidSpan with plainSpan on valid
// text of ASCII words, runs of spaces at every offset, control bytes and
// white space outside ASCII.
func TestPlainValidSpan(t *testing.T) {
	pool := []string{"a", "ab", "word", " ", "  ", "\t", "\r", "\x00", "\x08", "\x0e", "ракета", "北", "\u00A0", "\u3000", "\u2009", "\u00e9", "…"}
	ascii := []string{"a", "ab", "word", " ", " ", " ", "  "}
	rng := rand.New(rand.NewPCG(9, 10))
	var b strings.Builder
	for k := range 50000 {
		b.Reset()
		p := pool
		if k%2 == 0 {
			p = ascii
		}
		for range rng.IntN(30) {
			b.WriteString(p[rng.IntN(len(p))])
		}
		s := b.String()
		if got, want := plainValidSpan(s), plainSpan(s); got != want {
			t.Fatalf("plainValidSpan(%q) = %v, want %v", s, got, want)
		}
	}
}
