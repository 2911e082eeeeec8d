package feeds

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockElements become line breaks in plain text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true,
	atom.Tr: true, atom.Table: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Figure: true, atom.Figcaption: true,
	atom.Hr: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Address: true,
	atom.Aside: true, atom.Nav: true, atom.Main: true, atom.Form: true,
	atom.Fieldset: true, atom.Caption: true, atom.Details: true, atom.Summary: true,
}

// droppedElements have content that is never story text.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Svg: true,
	atom.Math: true, atom.Select: true, atom.Button: true,
}

var (
	// leftoverTag matches markup still present after one pass, as in
	// HTML that was escaped twice.
	leftoverTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
	// leftoverEntity matches an entity still present after one pass, as
	// in "&amp;amp;".
	leftoverEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// PlainText turns an HTML fragment (or plain text) into plain text: tags
// removed, script and style content dropped, entities decoded (also when
// escaped twice, as in "&amp;amp;"), block elements turned into line
// breaks, runs of white space collapsed to one space, and empty lines
// dropped, so paragraphs are separated by a single "\n".
func PlainText(s string) string {
	if s == "" {
		return ""
	}
	text := htmlText(s)
	// Markup or entities that survive one pass were escaped twice.
	if strings.ContainsRune(text, '<') && leftoverTag.MatchString(text) {
		text = htmlText(text)
	} else if strings.ContainsRune(text, '&') && leftoverEntity.MatchString(text) {
		text = html.UnescapeString(text)
	}
	return collapseSpace(text)
}

// htmlText extracts the text of an HTML fragment, with block boundaries
// as "\n".
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if droppedElements[a] {
				skip++
			} else if blockElements[a] {
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if droppedElements[a] {
				if skip > 0 {
					skip--
				}
			} else if blockElements[a] {
				b.WriteByte('\n')
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blockElements[atom.Lookup(name)] {
				b.WriteByte('\n')
			}
		}
	}
}

// collapseSpace collapses white space within lines, trims lines, drops
// empty ones and control characters. Text that needs none of it (most
// headlines) is returned as it is.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space, newline := false, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		class := asciiClass[s[i]&0x7F]
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			class = spaceClass(r)
		}
		switch class {
		case classNewline:
			newline = true
		case classSpace:
			space = true
		case classDropped:
		default:
			if b.Len() > 0 {
				if newline {
					b.WriteByte('\n')
				} else if space {
					b.WriteByte(' ')
				}
			}
			space, newline = false, false
			if r == utf8.RuneError && size == 1 {
				b.WriteString("\uFFFD")
				break
			}
			// The run of text up to the next white space or control
			// character goes in at once.
			j := i + size
			for j < len(s) && s[j] < utf8.RuneSelf && asciiClass[s[j]] == classText {
				j++
			}
			b.WriteString(s[i:j])
			size = j - i
		}
		i += size
	}
	return b.String()
}

// asciiClass is spaceClass of each ASCII character.
var asciiClass = func() (t [utf8.RuneSelf]runeClass) {
	for c := range t {
		t[c] = spaceClass(rune(c))
	}
	return t
}()

// runeClass is what collapseSpace does with a rune.
type runeClass uint8

// The classes of runes collapseSpace tells apart.
const (
	classText runeClass = iota
	classNewline
	classSpace
	classDropped
)

// spaceClass says what collapseSpace does with r: a line break, white
// space within a line, a control character or byte order mark it drops,
// or text it keeps.
func spaceClass(r rune) runeClass {
	switch {
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return classNewline
	case r == ' ' || r == '\t' || r == '\v' || r == '\f':
		return classSpace
	case r < ' ' || r == 0x7F:
		return classDropped
	case r < utf8.RuneSelf:
		return classText
	case unicode.IsSpace(r):
		return classSpace
	case unicode.IsControl(r) || r == '\uFEFF':
		return classDropped
	}
	return classText
}

// collapsed reports whether collapseSpace would return s unchanged: valid
// UTF-8 with no control characters, no white space but single spaces and
// line breaks between text, none at either end.
func collapsed(s string) bool {
	sep := true // at the start, or after a space or line break
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\n' {
			if sep {
				return false
			}
			sep = true
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if asciiClass[c] != classText {
				return false
			}
			sep = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || spaceClass(r) != classText {
			return false
		}
		sep = false
		i += size
	}
	return !sep || s == ""
}

// singleLine joins the lines of a plain text with spaces.
func singleLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	if len(s) <= n {
		// No more bytes than n, so no more runes.
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return strings.TrimSpace(s[:i])
		}
		count++
	}
	return s
}
