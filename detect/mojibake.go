package detect

import (
	"strings"
	"unicode/utf8"
)

// cp1252High maps the runes Windows-1252 puts at bytes 0x80-0x9F back to
// their bytes. Bytes 0xA0-0xFF are Latin-1 and map to themselves, and the
// C1 controls U+0080-U+009F, which Latin-1 decoders produce, map to
// themselves too.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the Windows-1252 (or Latin-1) byte of r, if it has one.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := cp1252High[r]
	return b, ok
}

// macRomanPunct maps the Mac Roman reading of the last byte of UTF-8
// general punctuation (E2 80 xx) back to the punctuation: "‚Äô" is a right
// single quote whose UTF-8 bytes were read as Mac Roman.
var macRomanPunct = map[rune]string{
	'ì': "–", 'î': "—", 'ò': "‘", 'ô': "’", 'ú': "“", 'ù': "”", '¶': "…",
	'¢': "•", '†': " ",
}

// maxRepairPasses bounds how many layers of double encoding are undone.
const maxRepairPasses = 3

// repairMojibake undoes UTF-8 text that was decoded as Windows-1252 or
// Latin-1 (once or several times) and UTF-8 punctuation read as Mac Roman.
// It returns the repaired text, whether anything was repaired, and whether
// signs of mojibake that could not be reversed remain.
func repairMojibake(s string) (string, bool, bool) {
	if !mayBeMojibake(s) {
		return s, false, false
	}
	repaired := false
	for range maxRepairPasses {
		t, ok := repairCP1252(s)
		if !ok {
			break
		}
		s, repaired = t, true
	}
	if t, ok := repairMacRoman(s); ok {
		s, repaired = t, true
	}
	if repaired {
		s = repairLostNBSP(s)
	}
	return s, repaired, brokenMarks(s) > 0
}

// repairLostNBSP undoes mojibake whose no-break space (byte 0xA0) was
// turned into a plain space or dropped on its way: "Ã " was "à", and a "Â"
// before a space or at the end was a no-break space. Likewise "â€" left
// alone lost its last byte 0x9D, which Windows-1252 does not define: it
// was a right double quote. It is only applied
// to text that held other, reversible mojibake, since "Ã " and "Â " can
// be genuine in upper-case Portuguese or French.
func repairLostNBSP(s string) string {
	if !strings.ContainsAny(s, "ÃÂâ") {
		return s
	}
	s = strings.ReplaceAll(s, "â€", "”")
	s = strings.ReplaceAll(s, "Ã ", "à ")
	s = strings.ReplaceAll(s, "Â ", " ")
	return strings.TrimSuffix(s, "Â")
}

// mayBeMojibake reports whether s may hold mojibake that repairMojibake
// repairs or counts as broken, so that clean text costs one scan: a
// replacement character or a C1 control, the "Ä" of a Mac Roman misreading,
// or a rune that may lead a misread UTF-8 sequence (U+00C2-U+00F4, the
// bytes that lead one) followed by the reading of a continuation byte.
// Accented letters and typographic quotes alone are not signs of it.
func mayBeMojibake(s string) bool {
	lead := false
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			lead = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError, r >= 0x80 && r < 0xA0, r == 'Ä':
			return true
		case lead && isContinuationRune(r):
			return true
		}
		lead = r >= 0xC2 && r <= 0xF4
	}
	return false
}

// repairCP1252 re-encodes every run of Windows-1252 encodable runes to
// bytes and decodes the valid multi-byte UTF-8 sequences in it, leaving
// every other rune as it was.
func repairCP1252(s string) (string, bool) {
	var (
		b       strings.Builder
		changed bool
		run     []byte
		runes   []rune
	)
	flush := func() {
		for i := 0; i < len(run); {
			c := run[i]
			if c >= 0xC2 && c <= 0xF4 {
				r, size := utf8.DecodeRune(run[i:])
				if r != utf8.RuneError && size > 1 {
					b.WriteRune(r)
					i += size
					changed = true
					continue
				}
			}
			b.WriteRune(runes[i])
			i++
		}
		run, runes = run[:0], runes[:0]
	}
	for _, r := range s {
		if c, ok := cp1252Byte(r); ok {
			run = append(run, c)
			runes = append(runes, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	if !changed {
		return s, false
	}
	return b.String(), true
}

// repairMacRoman replaces "‚Ä" plus one rune, the Mac Roman reading of the
// UTF-8 bytes of general punctuation, by that punctuation. The first rune
// may have become a C1 control (U+0082) or "Â‚" on its way.
func repairMacRoman(s string) (string, bool) {
	if !strings.Contains(s, "Ä") {
		return s, false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		if p, n := macRomanAt(s[i:]); n > 0 {
			b.WriteString(p)
			i += n
			changed = true
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// macRomanLeads are the forms "‚Ä" (Mac Roman E2 80) takes in text.
var macRomanLeads = []string{"Â‚Ä", "‚Ä", "\u0082Ä"}

// macRomanAt returns the punctuation that s starts with in its Mac Roman
// reading, and how many bytes of s that reading takes; 0 when none.
func macRomanAt(s string) (string, int) {
	for _, lead := range macRomanLeads {
		if strings.HasPrefix(s, lead) {
			r, size := utf8.DecodeRuneInString(s[len(lead):])
			if p, ok := macRomanPunct[r]; ok {
				return p, len(lead) + size
			}
		}
	}
	return "", 0
}

// brokenMarks counts the signs of mojibake that repair could not undo:
// replacement characters, C1 controls, and a Latin-1 lead letter that
// typically starts a misread UTF-8 sequence followed by a rune that is a
// misread continuation byte.
func brokenMarks(s string) int {
	n := 0
	prevLead := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r >= 0x80 && r < 0xA0:
			n++
		case prevLead && isContinuationRune(r):
			n++
		}
		prevLead = r == 'Ã' || r == 'Â' || r == 'Ð' || r == 'Ñ' || r == 'â' || r == 'Ø' || r == 'Ù'
	}
	return n
}

// isContinuationRune reports whether r is the Windows-1252 reading of a
// UTF-8 continuation byte (0x80-0xBF).
func isContinuationRune(r rune) bool {
	c, ok := cp1252Byte(r)
	return ok && c >= 0x80 && c <= 0xBF
}
