package feeds

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// detectSample is how much of a body the detector scores: enough for
// dozens of headlines, little enough to try every candidate quickly.
const detectSample = 64 << 10

// declaredBonus is added per non-ASCII byte to a declared encoding's
// score: the declaration wins unless another decoding reads clearly
// better.
const declaredBonus = 0.75

// sniffCandidates are the legacy encodings tried when bytes are not
// UTF-8. On equal scores the earlier one wins. Central European and
// Turkish encodings are left out: read as windows-1252 they differ in a
// few letters only, too few to tell apart reliably, so they are used only
// when declared.
var sniffCandidates = []namedEncoding{
	{"windows-1252", charmap.Windows1252},
	{"windows-1251", charmap.Windows1251},
	{"koi8-r", charmap.KOI8R},
	{"gbk", simplifiedchinese.GBK},
	{"big5", traditionalchinese.Big5},
	{"euc-kr", korean.EUCKR},
	{"shift_jis", japanese.ShiftJIS},
	{"euc-jp", japanese.EUCJP},
	{"iso-8859-7", charmap.ISO8859_7},
	{"windows-1255", charmap.Windows1255},
	{"windows-1256", charmap.Windows1256},
	{"windows-874", charmap.Windows874},
}

// detectEncoding picks the decoding of body that reads most like real
// text. Each candidate decodes a sample and scores it rune by rune (see
// runeScore); declared encodings (the XML declaration, the HTTP charset)
// are candidates too, with a bonus.
func detectEncoding(body []byte, declared []namedEncoding) namedEncoding {
	sample := body
	if len(sample) > detectSample {
		sample = sample[:detectSample]
		// Cut at a '<', which is never part of a multi-byte character in
		// any candidate, so the cut costs no replacement character.
		if i := bytes.LastIndexByte(sample, '<'); i > detectSample/2 {
			sample = sample[:i]
		}
	}
	best := sniffCandidates[0]
	bestScore := -1e18
	high := 0
	for _, c := range sample {
		if c >= utf8.RuneSelf {
			high++
		}
	}
	try := func(c namedEncoding, bonus bool) {
		s := scoreText(decodeWith(c.enc, sample))
		if bonus {
			s += declaredBonus * float64(high)
		}
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	for _, c := range declared {
		if c.enc != nil && !isUnicodeName(c.name) {
			try(c, true)
		}
	}
	for _, c := range sniffCandidates {
		try(c, false)
	}
	return best
}

func isUnicodeName(name string) bool {
	switch name {
	case "utf-8", "utf-16be", "utf-16le", "replacement", "x-user-defined":
		return true
	}
	return false
}

// scoreText sums runeScore over the non-ASCII runes of text.
func scoreText(text []byte) float64 {
	runes := bytes.Runes(text)
	var sum float64
	for i, r := range runes {
		if r < utf8.RuneSelf {
			continue
		}
		prev, next := rune(' '), rune(' ')
		if i > 0 {
			prev = runes[i-1]
		}
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		sum += runeScore(r, prev, next)
	}
	return sum
}

// runeScore says how plausible a decoded non-ASCII rune is in its
// context: frequent letters of a script score high, rare or impossible
// ones low, and letters glued to letters of another script (the mark of a
// wrong single-byte decoding) are penalised. Scores are per source byte,
// so that candidates reading two bytes as one character and those reading
// them as two compare fairly: characters of the CJK multi-byte encodings
// count twice.
func runeScore(r, prev, next rune) float64 {
	switch {
	case r == utf8.RuneError, r >= 0x80 && r <= 0x9F, unicode.Is(unicode.Co, r), r == 0xFFFE, r == 0xFFFF:
		return -6
	case r >= 0x0400 && r <= 0x04FF:
		return cyrillicScore(r, prev, next)
	case r >= 0x0370 && r <= 0x03FF:
		return greekScore(r, prev, next)
	case r >= 0x00C0 && r <= 0x024F && unicode.IsLetter(r):
		return latinScore(prev, next)
	case r >= 0x05D0 && r <= 0x05EA, r >= 0x0620 && r <= 0x064A:
		if isASCIILetter(prev) || isASCIILetter(next) {
			return -1
		}
		return 2.5
	case r >= 0x0E01 && r <= 0x0E5B:
		return thaiScore(r, prev, next)
	case r >= 0x3041 && r <= 0x30FF: // hiragana, katakana
		return 2 * 2.5
	case r >= 0xAC00 && r <= 0xD7A3:
		if commonHangul()[r] {
			return 2 * 3
		}
		return 2 * 0.3
	case r >= 0x4E00 && r <= 0x9FFF:
		if commonHan()[r] {
			return 2 * 3
		}
		return 2 * 0.3
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
		return 2 * 1 // CJK punctuation, full-width forms
	case r >= 0xFF61 && r <= 0xFF9F, r >= 0x3130 && r <= 0x318F:
		return -0.5 // half-width katakana, compatibility jamo
	case r >= 0x2500 && r <= 0x27BF, r >= 0x3400 && r <= 0x4DBF, r >= 0x20000:
		return 2 * -1 // box drawing, dingbats, rare ideographs
	}
	switch r {
	case '‘', '’', '“', '”', '„', '–', '—', '…', '«', '»', '€', '•', 0xA0:
		return 1
	case '¤', '¦', '¨', '¬', '¯', '´', '¸', '¹', '¼', '½', '¾', '×', '÷', '¶', 'ˆ', '˜', '‰', '†', '‡', '‹', '›', 'ƒ':
		return -1
	}
	return 0
}

// russianByFrequency lists lower-case Cyrillic letters, most frequent first.
const russianByFrequency = "оеаинтсрвлкмдпуяызьбгчйхжшюцщэфъё"

func cyrillicScore(r, prev, next rune) float64 {
	if isASCIILetter(prev) || isASCIILetter(next) {
		return -1
	}
	if unicode.IsUpper(r) {
		if unicode.IsLetter(prev) {
			return -1 // upper case inside a word
		}
		return 1
	}
	if i := runeIndex(russianByFrequency, r); i >= 0 {
		switch {
		case i < 8:
			return 3
		case i < 16:
			return 2
		}
		return 1
	}
	return 0.5 // Ukrainian, Belarusian, Serbian letters
}

const greekByFrequency = "αοετινσρκπμλυηδγωχφθβξζψ"

func greekScore(r, prev, next rune) float64 {
	if isASCIILetter(prev) || isASCIILetter(next) {
		return -1
	}
	if !unicode.IsLetter(r) {
		return 0
	}
	if unicode.IsUpper(r) {
		if unicode.IsLetter(prev) {
			return -0.5
		}
		return 1
	}
	if i := runeIndex(greekByFrequency, r); i >= 0 && i < 8 {
		return 3
	}
	return 2
}

// latinScore rates an accented Latin letter: plausible next to plain
// letters or alone as a word ("à"), implausible in runs, which is what
// Cyrillic or CJK bytes read as windows-1252 look like.
func latinScore(prev, next rune) float64 {
	switch {
	case isASCIILetter(prev) || isASCIILetter(next):
		return 2
	case !unicode.IsLetter(prev) && !unicode.IsLetter(next):
		return 1
	}
	return -1
}

// thaiScore rates a Thai character: consonants are plausible, vowel
// signs and tone marks only after a Thai letter, leading vowels only
// before one, digits and rare signs hardly at all.
func thaiScore(r, prev, next rune) float64 {
	isThai := func(c rune) bool { return c >= 0x0E01 && c <= 0x0E4E }
	switch {
	case r <= 0x0E2E: // consonants
		return 2
	case r >= 0x0E40 && r <= 0x0E44: // leading vowels
		if next >= 0x0E01 && next <= 0x0E2E {
			return 2
		}
		return -2
	case r == 0x0E2F || r == 0x0E3F || r >= 0x0E4F: // ellipsis sign, baht, digits
		return -0.5
	case isThai(prev):
		return 2
	}
	return -2
}

func isASCIILetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func runeIndex(s string, r rune) int {
	i := 0
	for _, c := range s {
		if c == r {
			return i
		}
		i++
	}
	return -1
}
