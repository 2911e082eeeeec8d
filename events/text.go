package events

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// leadRunes is how much of a story's text counts as its lead.
const leadRunes = 320

// Lead returns the start of a story's text: about leadRunes runes, cut at
// a space where there is one.
func Lead(text string) string {
	if utf8.RuneCountInString(text) <= leadRunes {
		return text
	}
	n := 0
	for i := range text {
		if n == leadRunes {
			cut := text[:i]
			if j := strings.LastIndexByte(cut, ' '); j > leadRunes/2 {
				cut = cut[:j]
			}
			return cut
		}
		n++
	}
	return text
}

// koParticles are Korean particles stripped from the end of a word, the
// longest first: 북한이 and 북한은 are both 북한.
var koParticles = []string{"에서는", "으로는", "에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도"}

// koAbbrev maps the one-character abbreviations of Korean headlines,
// written in Hangul or Han, to the full word: 北·美 is 북한·미국.
var koAbbrev = map[string]string{
	"北": "북한", "북": "북한", "美": "미국", "미": "미국", "中": "중국", "중": "중국",
	"日": "일본", "일": "일본", "露": "러시아", "러": "러시아", "韓": "한국", "한": "한국",
}

// stopwords are frequent words that say nothing about which story a text
// tells, in the languages where they are frequent enough to matter.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "that": true, "this": true, "from": true,
	"said": true, "says": true, "has": true, "have": true, "had": true, "was": true, "were": true,
	"will": true, "its": true, "are": true, "after": true, "over": true, "into": true, "about": true,
	"but": true, "not": true, "been": true, "their": true, "they": true, "more": true, "than": true,
	"what": true, "who": true, "which": true, "would": true, "could": true, "also": true, "new": true,
	"что": true, "как": true, "для": true, "это": true, "его": true, "при": true, "так": true,
	"der": true, "die": true, "das": true, "und": true, "den": true, "mit": true, "von": true,
	"les": true, "des": true, "une": true, "dans": true, "pour": true, "par": true, "sur": true,
	"los": true, "las": true, "del": true, "por": true, "con": true, "para": true,
}

// foldRune lower-cases r and folds full-width ASCII to ASCII.
func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words.
func isUnspaced(r rune) bool {
	// No rune of these scripts comes before Thai (U+0E01): most runes of
	// most texts need no table.
	return r > 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// Tokens returns the normalised words of a text, for shingling: lower
// case, full-width folded, runs of Han and Kana as character bigrams,
// Korean particles stripped and the one-character abbreviations of Korean
// headlines expanded (when lang is "ko"), frequent function words and
// one-letter words left out. Numbers are kept.
func Tokens(text, lang string) []string {
	var out []string
	var run []rune
	flush := func() {
		if len(run) == 0 {
			return
		}
		defer func() { run = run[:0] }()
		if isUnspaced(run[0]) {
			if len(run) == 1 {
				w := string(run)
				if full, ok := koAbbrev[w]; ok && lang == "ko" {
					w = full
				}
				out = append(out, w)
				return
			}
			for i := 0; i+1 < len(run); i++ {
				out = append(out, string(run[i:i+2]))
			}
			return
		}
		w := string(run)
		if unicode.Is(unicode.Hangul, run[0]) {
			w = stripParticle(w)
			if full, ok := koAbbrev[w]; ok && lang == "ko" {
				w = full
			}
			out = append(out, w)
			return
		}
		if stopwords[w] || (len(run) == 1 && !unicode.IsDigit(run[0])) {
			return
		}
		out = append(out, w)
	}
	for _, r := range text {
		r = foldRune(r)
		switch {
		case !unicode.IsLetter(r) && !unicode.IsNumber(r) && !(len(run) > 0 && unicode.IsDigit(run[len(run)-1]) && (r == '.' || r == ',')):
			flush()
		case len(run) > 0 && isUnspaced(r) != isUnspaced(run[0]):
			flush()
			run = append(run, r)
		default:
			run = append(run, r)
		}
	}
	flush()
	// A number's trailing separator ("70," or "2026.") is punctuation.
	for i, w := range out {
		out[i] = strings.TrimRight(w, ".,")
	}
	return out
}

// stripParticle strips one Korean particle from the end of a word that
// keeps at least one syllable.
func stripParticle(w string) string {
	for _, p := range koParticles {
		if strings.HasSuffix(w, p) && len(w) > len(p) {
			return strings.TrimSuffix(w, p)
		}
	}
	return w
}

// Numbers returns the distinct numbers written in tokens, as written
// without their separators: "1,000" is "1000". Single digits are left out:
// they are too common to tell stories apart.
func Numbers(tokens []string) []string {
	var out []string
	for _, t := range tokens {
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsDigit(r) {
			continue
		}
		// A number may be glued to a unit or a counter: 26일, 70分钟.
		end := 0
		for i, c := range t {
			if !unicode.IsDigit(c) && c != '.' && c != ',' {
				break
			}
			end = i + utf8.RuneLen(c)
		}
		n := normalNumber(strings.TrimRight(t[:end], ".,"))
		if len(n) < 2 || slices.Contains(out, n) {
			continue
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// normalNumber writes a number one way whatever the language's
// separators: a comma or a point before exactly three digits separates
// thousands ("1,000", "1.000"), any other is a decimal point ("6,8" is
// "6.8").
func normalNumber(n string) string {
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c != ',' && c != '.' {
			b.WriteByte(c)
			continue
		}
		rest := n[i+1:]
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		if digits == 3 && (len(rest) == 3 || rest[3] == ',' || rest[3] == '.') {
			continue // thousands
		}
		b.WriteByte('.')
	}
	return b.String()
}

// hashSet returns the sorted distinct FNV-64a hashes of tokens.
func hashSet(tokens []string) []uint64 {
	out := make([]uint64, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, hashString(t))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hashString returns the 64-bit FNV-1a hash of s, as hash/fnv's New64a
// does, without allocating.
func hashString(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// jaccard returns the Jaccard index of two sorted sets.
func jaccard(a, b []uint64) float64 {
	j, _ := jaccardCount(a, b)
	return j
}

// jaccardCount returns the Jaccard index of two sorted sets and the
// number of elements they share.
func jaccardCount(a, b []uint64) (float64, int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common), common
}
