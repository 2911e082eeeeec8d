package discord

import (
	"net/url"
	"strings"
	"unicode"
)

const zwsp = "\u200b" // zero-width space, breaks mentions without showing

// markdownChars are escaped with a backslash wherever they occur in feed
// text; they open emphasis, spoilers, code, quotes, headings, lists and
// masked links.
const markdownChars = "\\*_~|`[]()#>"

// escapeText makes feed text safe to show in a Discord message: runs of
// whitespace become one space, Discord markdown is escaped, mentions are
// broken with a zero-width space, and the result is cut to at most max
// runes with an ellipsis, never in the middle of an escape.
func escapeText(s string, max int) string {
	if max <= 0 {
		return ""
	}
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	var b strings.Builder
	n := 0
	atStart, digits := true, true // at the first rune; only digits so far
	rs := []rune(s)
	for i, r := range rs {
		var tok string
		switch {
		case digits && i > 0 && r == '.':
			tok = `\.` // "1. " would start an ordered list
		case strings.ContainsRune(markdownChars, r):
			tok = "\\" + string(r)
		case atStart && (r == '-' || r == '+'):
			tok = "\\" + string(r)
		case r == '@' || r == '<' || r == '＠':
			tok = string(r) + zwsp
		case isInvisible(r) && nearMarkup(rs, i):
			continue // next to @, <, # or markdown, it could hide a mention or an escape from readers
		case r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069':
			continue // bidi overrides and isolates could disguise a title or link
		default:
			tok = string(r)
		}
		atStart = false
		digits = digits && r >= '0' && r <= '9'
		// Keep room for an ellipsis unless this is the last rune.
		need := runeLen(tok)
		if (i < len(rs)-1 && n+need > max-1) || n+need > max {
			return strings.TrimRight(b.String(), " ") + ellipsis
		}
		b.WriteString(tok)
		n += need
	}
	return b.String()
}

// isInvisible reports whether r is a zero-width character: a space,
// joiner, non-joiner, word joiner or byte-order mark.
func isInvisible(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

// nearMarkup reports whether the zero-width character at rs[i] touches,
// across other zero-width characters, a character that opens a mention, a
// channel link or markdown. Elsewhere joiners are part of the text:
// Persian needs the non-joiner (می‌شود) and emoji sequences the joiner.
func nearMarkup(rs []rune, i int) bool {
	markup := func(r rune) bool {
		return r == '@' || r == '＠' || r == '<' || r == '#' || r == ':' || strings.ContainsRune(markdownChars, r)
	}
	for j := i - 1; j >= 0; j-- {
		if !isInvisible(rs[j]) {
			if markup(rs[j]) {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(rs); j++ {
		if !isInvisible(rs[j]) {
			return markup(rs[j])
		}
	}
	return false
}

// safeLink returns link in a form that can sit inside a masked link's
// parentheses, or "" when it is not an absolute http(s) URL or is too long.
// User information is dropped and characters that would end the link or
// form a mention are percent-encoded.
func safeLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.User = nil
	s := strings.NewReplacer(
		"(", "%28", ")", "%29", " ", "%20", "@", "%40",
		"<", "%3C", ">", "%3E", "[", "%5B", "]", "%5D", "`", "%60", "|", "%7C",
	).Replace(u.String())
	if runeLen(s) > maxLinkRunes {
		return ""
	}
	return s
}
