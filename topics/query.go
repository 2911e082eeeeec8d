package topics

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNear is the largest distance NEAR/n accepts.
const maxNear = 100

// qop is the operator of a query node.
type qop int

const (
	qTerm qop = iota
	qAnd
	qOr
	qNot
	qNear
)

// qnode is a node of a parsed query.
type qnode struct {
	op   qop
	kids []*qnode
	// near is the distance of a NEAR node.
	near int
	// term is a leaf's text: a word, a phrase or "/regex/".
	term string
	// quoted is set for leaves written in double quotes.
	quoted bool
	// off is the byte offset of the node in the query.
	off int
}

// queryError is a problem in a query, at a byte offset.
type queryError struct {
	off int
	msg string
}

func (e *queryError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.off) }

// String renders the query in a canonical, fully parenthesised form that
// parses back to the same tree.
func (n *qnode) String() string {
	switch n.op {
	case qTerm:
		switch {
		case n.quoted:
			return `"` + n.term + `"`
		case strings.HasPrefix(n.term, "/"):
			body := n.term[1 : len(n.term)-1]
			return "/" + strings.ReplaceAll(body, "/", `\/`) + "/"
		}
		return n.term
	case qNot:
		return "NOT " + n.kids[0].String()
	}
	op := " AND "
	switch n.op {
	case qOr:
		op = " OR "
	case qNear:
		op = " NEAR/" + strconv.Itoa(n.near) + " "
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.String()
	}
	return "(" + strings.Join(parts, op) + ")"
}

// qtokKind is the kind of a query token.
type qtokKind int

const (
	tEOF qtokKind = iota
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tNear
	tTerm
)

type qtok struct {
	kind   qtokKind
	off    int
	text   string // as written, for messages
	term   string // the term, for tTerm
	quoted bool
	near   int
}

// lexQuery splits a query into tokens.
func lexQuery(q string) ([]qtok, error) {
	var toks []qtok
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r == '(':
			toks = append(toks, qtok{kind: tLParen, off: i, text: "("})
			i++
		case r == ')':
			toks = append(toks, qtok{kind: tRParen, off: i, text: ")"})
			i++
		case r == '"':
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 {
				return nil, &queryError{i, "unclosed quote"}
			}
			phrase := q[i+1 : i+1+end]
			if strings.TrimSpace(phrase) == "" {
				return nil, &queryError{i, "empty phrase"}
			}
			toks = append(toks, qtok{kind: tTerm, off: i, text: q[i : i+end+2], term: phrase, quoted: true})
			i += end + 2
		case r == '/':
			var body strings.Builder
			j := i + 1
			for ; j < len(q) && q[j] != '/'; j++ {
				if q[j] == '\\' && j+1 < len(q) && q[j+1] == '/' {
					j++
				}
				body.WriteByte(q[j])
			}
			if j >= len(q) {
				return nil, &queryError{i, "unclosed regular expression"}
			}
			toks = append(toks, qtok{kind: tTerm, off: i, text: q[i : j+1], term: "/" + body.String() + "/"})
			i = j + 1
		default:
			j := i
			for j < len(q) {
				r, n := utf8.DecodeRuneInString(q[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
					break
				}
				j += n
			}
			w := q[i:j]
			tk := qtok{kind: tTerm, off: i, text: w, term: w}
			switch {
			case w == "AND":
				tk.kind = tAnd
			case w == "OR":
				tk.kind = tOr
			case w == "NOT":
				tk.kind = tNot
			case w == "NEAR" || strings.HasPrefix(w, "NEAR/"):
				d, err := strconv.Atoi(strings.TrimPrefix(w, "NEAR/"))
				if err != nil || d < 1 || d > maxNear || w == "NEAR" {
					return nil, &queryError{i, fmt.Sprintf("invalid %q: want NEAR/n with n from 1 to %d", w, maxNear)}
				}
				tk.kind, tk.near = tNear, d
			}
			toks = append(toks, tk)
			i = j
		}
	}
	return append(toks, qtok{kind: tEOF, off: len(q)}), nil
}

// parseQuery parses a boolean query. Precedence, tightest first: NOT,
// NEAR/n, AND (also implied between adjacent operands), OR.
func parseQuery(q string) (*qnode, error) {
	toks, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	if len(toks) == 1 {
		return nil, &queryError{0, "empty query"}
	}
	p := &queryParser{toks: toks}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		if t.kind == tRParen {
			return nil, &queryError{t.off, `unbalanced ")"`}
		}
		return nil, p.unexpected(t)
	}
	return n, nil
}

type queryParser struct {
	toks  []qtok
	pos   int
	depth int // open parentheses
}

func (p *queryParser) peek() qtok { return p.toks[p.pos] }

func (p *queryParser) next() qtok {
	t := p.toks[p.pos]
	if t.kind != tEOF {
		p.pos++
	}
	return t
}

func (p *queryParser) unexpected(t qtok) error {
	if t.kind == tEOF {
		if p.pos > 0 {
			return &queryError{t.off, fmt.Sprintf("unexpected end of query after %q", p.toks[p.pos-1].text)}
		}
		return &queryError{t.off, "unexpected end of query"}
	}
	return &queryError{t.off, fmt.Sprintf("unexpected %q", t.text)}
}

func (p *queryParser) or() (*qnode, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	kids := []*qnode{first}
	for p.peek().kind == tOr {
		p.next()
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &qnode{op: qOr, kids: kids, off: first.off}, nil
}

func (p *queryParser) and() (*qnode, error) {
	first, err := p.near()
	if err != nil {
		return nil, err
	}
	kids := []*qnode{first}
	for {
		switch p.peek().kind {
		case tAnd:
			p.next()
		case tTerm, tLParen, tNot:
			// Adjacent operands are joined by an implied AND.
		default:
			if len(kids) == 1 {
				return first, nil
			}
			return &qnode{op: qAnd, kids: kids, off: first.off}, nil
		}
		n, err := p.near()
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
}

// near parses a chain a NEAR/n b NEAR/m c, which means
// (a NEAR/n b) AND (b NEAR/m c).
func (p *queryParser) near() (*qnode, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	var pairs []*qnode
	for p.peek().kind == tNear {
		op := p.next()
		right, err := p.unary()
		if err != nil {
			return nil, err
		}
		for _, side := range []*qnode{left, right} {
			if !proximable(side) {
				return nil, &queryError{op.off, fmt.Sprintf("%q needs a term or an OR-group of terms on each side", op.text)}
			}
		}
		pairs = append(pairs, &qnode{op: qNear, kids: []*qnode{left, right}, near: op.near, off: left.off})
		left = right
	}
	switch len(pairs) {
	case 0:
		return left, nil
	case 1:
		return pairs[0], nil
	}
	return &qnode{op: qAnd, kids: pairs, off: pairs[0].off}, nil
}

// proximable reports whether n has word positions: a term or an OR of
// such.
func proximable(n *qnode) bool {
	switch n.op {
	case qTerm:
		return true
	case qOr:
		for _, k := range n.kids {
			if !proximable(k) {
				return false
			}
		}
		return true
	}
	return false
}

func (p *queryParser) unary() (*qnode, error) {
	t := p.peek()
	if t.kind == tNot {
		p.next()
		k, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &qnode{op: qNot, kids: []*qnode{k}, off: t.off}, nil
	}
	return p.primary()
}

func (p *queryParser) primary() (*qnode, error) {
	t := p.next()
	switch t.kind {
	case tTerm:
		return &qnode{op: qTerm, term: t.term, quoted: t.quoted, off: t.off}, nil
	case tLParen:
		p.depth++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tRParen {
			if p.peek().kind == tEOF {
				return nil, &queryError{t.off, `unbalanced "("`}
			}
			return nil, p.unexpected(p.peek())
		}
		p.next()
		p.depth--
		return n, nil
	case tRParen:
		switch {
		case p.pos >= 2 && p.toks[p.pos-2].kind == tLParen:
			return nil, &queryError{t.off, `empty "()"`}
		case p.depth == 0:
			return nil, &queryError{t.off, `unbalanced ")"`}
		}
		return nil, &queryError{t.off, `unexpected ")"`}
	}
	if t.kind == tEOF {
		return nil, p.unexpected(t)
	}
	return nil, &queryError{t.off, fmt.Sprintf("unexpected %q", t.text)}
}
