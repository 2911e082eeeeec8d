package topics

import (
	"fmt"
	"strings"
)

// Term is one watch-term as written in the configuration: a plain string,
// or a mapping such as {text: US, case: true, weight: 2}.
type Term struct {
	// Text is the term: a word, a phrase, a prefix ending in "*", or a
	// regular expression written between slashes.
	Text string
	// Case makes the term case-sensitive.
	Case bool
	// Weight is the term's contribution to a topic's score; zero means 1.
	Weight float64
}

// T returns a plain term, for writing specs in Go.
func T(text string) Term { return Term{Text: text} }

// Terms returns plain terms, for writing specs in Go.
func Terms(texts ...string) []Term {
	ts := make([]Term, len(texts))
	for i, s := range texts {
		ts[i] = Term{Text: s}
	}
	return ts
}

// Spec is one topic as written in the configuration.
type Spec struct {
	// ID is the topic's stable id, used in commands, output and the store.
	ID string
	// Name is the human-readable name; it defaults to the included pack's
	// name, else to ID.
	Name string
	// Include is the id of a built-in pack the topic starts from; the
	// topic's own terms are added to the pack's.
	Include string
	// Any lists terms of which at least one must occur.
	Any []Term
	// All lists groups of which each must have at least one occurring term.
	All [][]Term
	// None lists terms of which any occurrence rejects the story.
	None []Term
	// Query is a boolean query (AND, OR, NOT, parentheses, "phrases",
	// NEAR/n, prefix* and /regex/) that must also hold.
	Query string
	// Languages restricts the topic to stories detected in these ISO 639-1
	// languages; empty means any language.
	Languages []string
	// Alert asks for immediate delivery of matching stories.
	Alert bool
	// MinScore, when above zero, makes the topic match when the summed
	// weights of the distinct terms that occur reach it, instead of
	// requiring one term of Any.
	MinScore float64
	// Mention is the Discord role id the topic's alerts may mention.
	Mention string
}

// Error is a problem at one place in the topics list.
type Error struct {
	// Path is the place, like "topics[2].any[4]" or "topics[0].query".
	Path string
	// Msg says what is wrong, in lowercase without final punctuation.
	Msg string
}

// Error returns the path and the message, like
// `topics[2].any[4]: unbalanced "("`.
func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Errors is every problem found when compiling topics.
type Errors []*Error

// Error returns the problems, one per line.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}
