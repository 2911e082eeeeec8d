package feeds

import "bytes"

// dropIllegalCharRefs removes the numeric character references that XML
// forbids or that name no character: &#11; (a vertical tab), &#27; (an
// escape), &#0;, &#xFFFE;, surrogates such as &#xD800;, and numbers past
// U+10FFFF. A conforming parser rejects the first kinds outright, which
// would cost every story in the feed; the others would come out as U+FFFD.
// Text inside CDATA sections and comments is left alone: references mean
// nothing there. It reports whether it changed anything.
func dropIllegalCharRefs(text []byte) ([]byte, bool) {
	if bytes.Index(text, []byte("&#")) < 0 {
		return text, false
	}
	var out []byte // allocated at the first reference dropped
	last := 0      // text[last:i] is not yet copied to out
	for i := 0; i < len(text); {
		if c := text[i]; c != '<' && c != '&' {
			i++
			continue
		}
		switch {
		case bytes.HasPrefix(text[i:], []byte("<![CDATA[")):
			i = skipPast(text, i, "]]>")
			continue
		case bytes.HasPrefix(text[i:], []byte("<!--")):
			i = skipPast(text, i, "-->")
			continue
		case text[i] == '&' && i+1 < len(text) && text[i+1] == '#':
			n, ok := charRefLen(text[i:])
			if n > 0 && !ok {
				if out == nil {
					out = make([]byte, 0, len(text))
				}
				out = append(out, text[last:i]...)
				i += n
				last = i
				continue
			}
		}
		i++
	}
	if out == nil {
		return text, false
	}
	return append(out, text[last:]...), true
}

// skipPast returns the index just after the first end at or after i, or
// len(text) when there is none.
func skipPast(text []byte, i int, end string) int {
	j := bytes.Index(text[i:], []byte(end))
	if j < 0 {
		return len(text)
	}
	return i + j + len(end)
}

// maxCharRefDigits bounds the digits summed in one reference; a longer
// number names no character.
const maxCharRefDigits = 16

// charRefLen reads a numeric character reference at the start of b
// ("&#11;" or "&#x1B;"). It returns its length and whether it names a
// character XML allows; a length of 0 means b does not start with a
// complete reference (a bare "&#" is for repairXML to escape).
func charRefLen(b []byte) (int, bool) {
	i, base := 2, 10
	if i < len(b) && (b[i] == 'x' || b[i] == 'X') {
		i, base = 3, 16
	}
	start := i
	var cp uint64
	for i < len(b) {
		d, ok := digit(b[i], base)
		if !ok {
			break
		}
		if i-start < maxCharRefDigits {
			cp = cp*uint64(base) + uint64(d)
		}
		i++
	}
	if i == start || i >= len(b) || b[i] != ';' {
		return 0, false
	}
	return i + 1, i-start <= maxCharRefDigits && xmlChar(cp)
}

func digit(c byte, base int) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// xmlChar reports whether cp is in XML 1.0's Char production.
func xmlChar(cp uint64) bool {
	return cp == 0x9 || cp == 0xA || cp == 0xD ||
		cp >= 0x20 && cp <= 0xD7FF ||
		cp >= 0xE000 && cp <= 0xFFFD ||
		cp >= 0x10000 && cp <= 0x10FFFF
}

// isJSON reports whether a decoded body is a JSON document (a JSON Feed),
// where "&#11;" is plain text rather than a reference.
func isJSON(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n\ufeff")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}
