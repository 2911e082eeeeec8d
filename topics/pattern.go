package topics

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// token is one word of a term in normalised form.
type token struct {
	text   string
	prefix bool // the word ended in "*": any continuation matches
	// first and last are the word classes of the word's first and last
	// letters.
	first, last uint8
}

// newToken returns the token of word w.
func newToken(w string, prefix bool) token {
	return token{text: w, prefix: prefix, first: uint8(firstClass(w)), last: uint8(lastClass(w))}
}

// pattern is one compiled term, shared by every topic that uses it.
type pattern struct {
	// toks are the words, folded; seps[i] separates toks[i] and toks[i+1].
	toks []token
	seps []byte
	// caseToks are the words unfolded, for case-sensitive terms.
	caseToks []token
	// lit is what the automaton looks for: the words up to and including
	// the first prefix word, whose "*" is left out.
	lit string
	// re is set for regular-expression terms, which bypass the automaton.
	re *regexp.Regexp
	// scripts are the scripts the term's letters are written in.
	scripts scriptSet
	// positions is set when every occurrence is needed: by a NEAR query,
	// a guard, or as a word a guard looks for.
	positions bool
	// guard narrows where the term counts; nil for none.
	guard *guard
	// text is the term as written.
	text string
}

// guard is a compiled Guard: the words it looks for are patterns of the
// same matcher.
type guard struct {
	whole, suffix bool
	// lang is the term's language, for onlyLang.
	lang     string
	onlyLang bool
	notIn    []int32
	near     []int32
	notNear  []int32
	window   int
}

// local reports whether the guard needs no other occurrence to decide.
func (g *guard) local() bool {
	return len(g.notIn) == 0 && len(g.near) == 0 && len(g.notNear) == 0
}

// key identifies guards that always decide alike within one matcher.
func (g *guard) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\x00g%t%t%t%s/%d", g.whole, g.suffix, g.onlyLang, g.lang, g.window)
	for _, list := range [][]int32{g.notIn, g.near, g.notNear} {
		b.WriteByte('|')
		for _, id := range list {
			fmt.Fprintf(&b, "%d,", id)
		}
	}
	return b.String()
}

// key identifies patterns that always match alike.
func (p *pattern) key() string {
	var b strings.Builder
	if p.re != nil {
		return "re\x00" + p.re.String()
	}
	if p.caseToks != nil {
		b.WriteString("case\x00")
		writeToks(&b, p.caseToks, p.seps)
	} else {
		writeToks(&b, p.toks, p.seps)
	}
	if p.guard != nil {
		b.WriteString(p.guard.key())
	}
	return b.String()
}

// matchesText reports whether the pattern, without its guard, matches
// somewhere in s.
func (p *pattern) matchesText(s string) bool {
	var nt normText
	nt.normalize(s, normOptions{fold: true})
	for from := 0; from < len(nt.b); {
		i := strings.Index(string(nt.b[from:]), p.lit)
		if i < 0 {
			return false
		}
		if _, ok := matchAt(nt.b, from+i, p.toks, p.seps, true, 0); ok {
			return true
		}
		_, n := utf8.DecodeRune(nt.b[from+i:])
		from += i + max(n, 1)
	}
	return false
}

func writeToks(b *strings.Builder, toks []token, seps []byte) {
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(seps[i-1])
		}
		b.WriteString(t.text)
		if t.prefix {
			b.WriteByte(starByte)
		}
	}
}

// parseTerm compiles one term. The message of a returned error says what
// is wrong with the term, without its place.
func parseTerm(t Term) (*pattern, error) {
	text := strings.TrimSpace(t.Text)
	if text == "" {
		return nil, errors.New("empty term")
	}
	if len(text) >= 2 && text[0] == '/' && text[len(text)-1] == '/' {
		p, err := parseRegexTerm(text[1:len(text)-1], t.Case)
		if p != nil {
			p.text = text
		}
		return p, err
	}
	var nt normText
	nt.normalize(text, normOptions{fold: true, star: true})
	toks, seps, err := splitTokens(nt.b)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, fmt.Errorf("term %q has no letters or digits", text)
	}
	p := &pattern{toks: toks, seps: seps, scripts: scriptsOf(text), text: text}
	if t.Case {
		nt.normalize(text, normOptions{star: true})
		p.caseToks, _, err = splitTokens(nt.b)
		if err != nil {
			return nil, err
		}
	}
	var lit []byte
	for i, tk := range toks {
		if i > 0 {
			lit = append(lit, seps[i-1])
		}
		lit = append(lit, tk.text...)
		if tk.prefix {
			break
		}
	}
	p.lit = string(lit)
	return p, nil
}

// splitTokens splits a normalised term into words and the separators
// between them.
func splitTokens(b []byte) ([]token, []byte, error) {
	var toks []token
	var seps []byte
	start := -1
	pendingSep := byte(0)
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != sepSpace && b[i] != sepPunct {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := string(b[start:i])
			tk := newToken(w, false)
			if star := strings.IndexByte(w, starByte); star >= 0 {
				if star == 0 {
					return nil, nil, errors.New(`"*" must follow the start of a word`)
				}
				if star != len(w)-1 {
					return nil, nil, errors.New(`"*" is allowed only at the end of a word`)
				}
				tk = newToken(w[:star], true)
			}
			if len(toks) > 0 {
				seps = append(seps, pendingSep)
			}
			toks = append(toks, tk)
			start = -1
			pendingSep = 0
		}
		if i < len(b) && len(toks) > 0 && pendingSep != sepPunct {
			pendingSep = b[i]
		}
	}
	return toks, seps, nil
}

// parseRegexTerm compiles the body of a /regex/ term.
func parseRegexTerm(expr string, caseSensitive bool) (*pattern, error) {
	if expr == "" {
		return nil, errors.New("empty regular expression")
	}
	flags := "(?i)"
	if caseSensitive {
		flags = ""
	}
	re, err := regexp.Compile(flags + expr)
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			switch se.Code {
			case syntax.ErrMissingParen:
				return nil, fmt.Errorf(`unbalanced "(" in regular expression /%s/`, expr)
			case syntax.ErrUnexpectedParen:
				return nil, fmt.Errorf(`unbalanced ")" in regular expression /%s/`, expr)
			}
			return nil, fmt.Errorf("invalid regular expression /%s/: %s: %q", expr, se.Code, se.Expr)
		}
		return nil, fmt.Errorf("invalid regular expression /%s/: %w", expr, err)
	}
	if re.MatchString("") {
		return nil, fmt.Errorf("regular expression /%s/ matches empty text, so it would match every story", expr)
	}
	return &pattern{re: re}, nil
}

// matchAt checks that the words of toks occur in b starting at pos, with
// the word-boundary rules of their scripts, and returns where they end.
// boundaries turns off the checks before the first and after the last
// word, for re-checking a range already known to be bounded. The first
// known bytes from pos are known to hold the words and separators that
// they cover (the term's literal, found there), and are not compared
// again.
func matchAt(b []byte, pos int, toks []token, seps []byte, boundaries bool, known int) (int, bool) {
	knownEnd := pos + known
	if boundaries {
		if c := int(toks[0].first); c != classUnspaced && classBefore(b, pos) == c {
			return 0, false
		}
	}
	for i, tk := range toks {
		if i > 0 {
			if pos >= len(b) {
				return 0, false
			}
			switch c := b[pos]; {
			case c == sepSpace:
			case c == sepPunct && seps[i-1] == sepPunct:
			default:
				return 0, false
			}
			pos++
		}
		if end := pos + len(tk.text); end > knownEnd && (end > len(b) || string(b[pos:end]) != tk.text) {
			return 0, false
		}
		pos += len(tk.text)
		last := int(tk.last)
		switch {
		case tk.prefix:
			pos = skipWord(b, pos, last)
		case i == len(toks)-1 && !boundaries:
		case last == classSpaced && classAt(b, pos) == classSpaced:
			return 0, false
		}
	}
	return pos, true
}

// skipWord moves pos past the rest of a word of class c.
func skipWord(b []byte, pos, c int) int {
	if c == classUnspaced {
		return pos
	}
	for pos < len(b) {
		r, n := utf8.DecodeRune(b[pos:])
		if wordClass(r) != c {
			break
		}
		pos += n
	}
	return pos
}

func firstClass(s string) int {
	r, _ := utf8.DecodeRuneInString(s)
	return wordClass(r)
}

func lastClass(s string) int {
	r, _ := utf8.DecodeLastRuneInString(s)
	return wordClass(r)
}

// shortPrefix reports whether a spaced-script prefix word is so short that
// it matches too many words.
func (p *pattern) shortPrefix() (string, bool) {
	if len(p.toks) > 1 {
		return "", false // the other words narrow it down
	}
	for _, tk := range p.toks {
		if tk.prefix && firstClass(tk.text) == classSpaced && utf8.RuneCountInString(tk.text) < 3 {
			return tk.text, true
		}
	}
	return "", false
}
