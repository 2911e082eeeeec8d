package feeds

import (
	"regexp"
	"strings"
	"unicode"

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
// empty ones and control characters.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, newline := false, false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			newline = true
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r) || r == '\uFEFF':
			// dropped
		default:
			if b.Len() > 0 {
				if newline {
					b.WriteByte('\n')
				} else if space {
					b.WriteByte(' ')
				}
			}
			space, newline = false, false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// singleLine joins the lines of a plain text with spaces.
func singleLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return strings.TrimSpace(s[:i])
		}
		count++
	}
	return s
}
