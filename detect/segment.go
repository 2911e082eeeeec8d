package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceEnds are the punctuation marks that end a sentence, across the
// scripts of the default languages.
const sentenceEnds = ".!?。！？।۔؟…"

// closers may follow a sentence end: closing quotes and brackets.
const closers = "\"'”’»)]」』）›"

// openers are the quotation marks a quote starts with.
const openers = "\"'“‘«„「『‹"

// isSentenceEnd reports whether r ends a sentence: one of sentenceEnds.
func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '。', '！', '？', '।', '۔', '؟', '…':
		return true
	}
	return false
}

// isCloser reports whether r is one of closers.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '」', '』', '）', '›':
		return true
	}
	return false
}

// isCJKEnd reports whether r is a full-width sentence end, which needs no
// space after it.
func isCJKEnd(r rune) bool { return r == '。' || r == '！' || r == '？' }

// splitSentences splits a line into sentences. Each sentence keeps the
// spaces that follow it, so that joining them gives the line back. A full
// stop ends a sentence only when a space and then an upper-case letter,
// a digit, a quote or a letter of an uncased script follows, so that
// abbreviations ("U.S. officials", "e.g.") do not split.
func splitSentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		if !isSentenceEnd(r) {
			continue
		}
		j := i
		for j < len(line) {
			c, n := utf8.DecodeRuneInString(line[j:])
			if !isCloser(c) && !isSentenceEnd(c) {
				break
			}
			j += n
		}
		if isCJKEnd(r) {
			for j < len(line) && line[j] == ' ' {
				j++
			}
			out = append(out, line[start:j])
			start, i = j, j
			continue
		}
		k := j
		for k < len(line) && line[k] == ' ' {
			k++
		}
		if k == j || k == len(line) {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(line[k:])
		if r == '.' && !(unicode.IsUpper(next) || unicode.IsDigit(next) ||
			strings.ContainsRune(openers, next) || (unicode.IsLetter(next) && !unicode.IsLower(next))) {
			i = j
			continue
		}
		if r == '.' && isAbbreviation(line[start:i]) {
			i = j
			continue
		}
		out = append(out, line[start:k])
		start, i = k, k
	}
	if start < len(line) {
		out = append(out, line[start:])
	}
	return out
}

// isAbbreviation reports whether the text before a full stop ends in a
// short abbreviation such as "Mr." or "U.S.", whose full stop does not end
// the sentence.
func isAbbreviation(before string) bool {
	before = strings.TrimSuffix(before, ".")
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := before[i+1:]
	if strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "st", "jr", "sr",
		"lt", "col", "capt", "sgt", "vs", "no", "inc", "co", "corp", "ltd", "jan", "feb",
		"aug", "sept", "oct", "nov", "dec":
		return true
	}
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}

// maxChromeWords is how many words a segment without sentence structure
// may have and still read as chrome; maxChromeCJKRunes is the same for
// scripts written without spaces.
const (
	maxChromeWords    = 6
	maxChromeCJKRunes = 12
)

// hasSentenceStructure reports whether a segment reads as a sentence: it
// ends with a sentence end (before closing quotes or brackets) or is long.
func hasSentenceStructure(s string) bool {
	s = trimClosing(s)
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if isSentenceEnd(r) {
		return true
	}
	return !isShort(s)
}

// trimClosing returns s without the spaces, closing quotes and brackets
// that end it.
func trimClosing(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return isSpace(r) || isCloser(r)
	})
}

// isShort reports whether a segment is short enough to be chrome.
func isShort(s string) bool {
	if countWords(s) > maxChromeWords {
		return false
	}
	var c scriptCounts
	c.add(s)
	return shortCounts(countWords(s), &c)
}

// shortCounts is isShort for a segment of the given number of words and
// letters by script.
func shortCounts(words int, c *scriptCounts) bool {
	return words <= maxChromeWords && c[scriptHan]+c.kana()+c[scriptHangul]+c[scriptThai] <= maxChromeCJKRunes
}

// isQuoted reports whether a segment is a quotation: it starts with an
// opening quote and ends with a closing one (before a final full stop).
func isQuoted(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(openers, first) {
		return false
	}
	s = strings.TrimRight(s, ".,;:!? ")
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(closers, last) && last != ')' && last != ']'
}

// readsAsChrome reports whether a segment has no sentence structure and is
// short or menu-like, and is not a quotation.
func readsAsChrome(s string) bool {
	if isQuoted(s) {
		return false
	}
	return isMenu(s) || !hasSentenceStructure(s)
}

// headRunes returns at most n runes of s, cut at a space when there is one
// in the last quarter.
func headRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			cut := s[:i]
			if j := strings.LastIndexByte(cut, ' '); j > len(cut)*3/4 {
				cut = cut[:j]
			}
			return cut
		}
		count++
	}
	return s
}

// countRunes counts the runes of s that are not spaces.
func countRunes(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			n++
		}
		i += size
	}
	return n
}

// isSpace is unicode.IsSpace without its table lookup: the runes of
// Unicode's White_Space property.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace(byte(r))
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// countWords returns len(strings.Fields(s)) without allocating.
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace(c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
