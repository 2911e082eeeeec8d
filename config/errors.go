package config

import (
	"fmt"
	"strings"
)

// Problem is one error or warning at a place in a configuration file.
type Problem struct {
	File string
	Line int
	// Path is the field path, like feeds[2].url; empty for the whole file.
	Path string
	Msg  string
}

// Error formats the problem as file:line: path: message.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errors is every problem found in a file; Load returns all of them, not
// only the first.
type Errors []*Problem

// Error joins the problems, one per line.
func (e Errors) Error() string {
	s := make([]string, len(e))
	for i, p := range e {
		s[i] = p.Error()
	}
	return strings.Join(s, "\n")
}
