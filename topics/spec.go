package topics

import (
	"fmt"
	"strings"
)

// Term is one watch-term as written in the configuration: a plain string,
// or a mapping such as {text: US, case: true, weight: 2}. The built-in
// packs also set its concept, its language and, for ambiguous words, a
// guard.
type Term struct {
	// Text is the term: a word, a phrase, a prefix ending in "*", or a
	// regular expression written between slashes.
	Text string `json:"text"`
	// Case makes the term case-sensitive.
	Case bool `json:"case,omitempty"`
	// Weight is the term's contribution to a topic's score; zero means 1.
	Weight float64 `json:"weight,omitempty"`
	// Concept is the id of the concept the term expresses (see Concept),
	// such as "icbm"; empty for terms of no concept.
	Concept string `json:"concept,omitempty"`
	// Lang is the ISO 639-1 code of the language the term is written in;
	// empty when it is the same in every language (ICBM, DDoS).
	Lang string `json:"lang,omitempty"`
	// Guard narrows where the term counts; nil counts it wherever it
	// matches.
	Guard *Guard `json:"guard,omitempty"`
}

// Guard narrows where an ambiguous term counts. Each check is optional.
type Guard struct {
	// Whole makes a term in a script written without spaces stand alone:
	// a Han or Kana term must not touch a letter of its own script (nor
	// a Han term follow a digit, as in 5日), and a Hangul term may be
	// followed in its word only by a particle (북은, 북의, not 북극).
	Whole bool `json:"whole,omitempty"`
	// Suffix lets a Hangul term also end a compound word, before any
	// particle: 핵 in 전략핵 and 전술핵을.
	Suffix bool `json:"suffix,omitempty"`
	// OnlyLang counts the term only in stories detected in its Lang.
	OnlyLang bool `json:"only_lang,omitempty"`
	// NotIn lists longer words and phrases containing the term in which
	// it does not count: 核心 for 核, 결핵 for 핵, "sin embargo" for
	// embargo.
	NotIn []string `json:"not_in,omitempty"`
	// Near lists words of which one must occur within Window words of
	// the term, in the same part of the story: 북 counts beside 미사일.
	Near []string `json:"near,omitempty"`
	// NotNear lists words none of which may occur within Window words of
	// the term.
	NotNear []string `json:"not_near,omitempty"`
	// Window is the distance, in words, of Near and NotNear; zero means
	// DefaultWindow. In Han and Kana each character is a word.
	Window int `json:"window,omitempty"`
}

// String writes the term for people, with its options and guard, like
// `北 [whole word; only in ko stories]`.
func (t Term) String() string {
	var notes []string
	if t.Case {
		notes = append(notes, "case-sensitive")
	}
	if t.Weight != 0 {
		notes = append(notes, fmt.Sprintf("weight %v", t.Weight))
	}
	if g := t.Guard.describe(t.Lang); g != "" {
		notes = append(notes, g)
	}
	if len(notes) == 0 {
		return t.Text
	}
	return t.Text + " [" + strings.Join(notes, "; ") + "]"
}

// String describes the guard for people, like "whole word; within 3
// words of 미사일*, 핵*".
func (g *Guard) String() string { return g.describe("") }

// describe describes the guard of a term in lang.
func (g *Guard) describe(lang string) string {
	if g == nil {
		return ""
	}
	var parts []string
	if g.Whole {
		parts = append(parts, "whole word")
	}
	if g.Suffix {
		parts = append(parts, "also at the end of a compound")
	}
	if g.OnlyLang {
		if lang == "" {
			lang = "its language's"
		}
		parts = append(parts, "only in "+lang+" stories")
	}
	w := g.Window
	if w <= 0 {
		w = DefaultWindow
	}
	if len(g.NotIn) > 0 {
		parts = append(parts, "not in "+strings.Join(g.NotIn, ", "))
	}
	if len(g.Near) > 0 {
		parts = append(parts, fmt.Sprintf("within %d words of %s", w, strings.Join(g.Near, ", ")))
	}
	if len(g.NotNear) > 0 {
		parts = append(parts, fmt.Sprintf("not within %d words of %s", w, strings.Join(g.NotNear, ", ")))
	}
	return strings.Join(parts, "; ")
}

// DefaultWindow is the distance, in words, that Near and NotNear guards
// look at when they give none.
const DefaultWindow = 4

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
	// Name is the human-readable name; it defaults to the first included
	// pack's name, else to ID.
	Name string
	// Include lists built-in packs: the story matches when any of them
	// matches, each with its own guards and none terms. The topic's own
	// any terms are one more alternative, guarded by every included
	// pack's none terms.
	Include []string
	// Require lists built-in packs that must match as well.
	Require []string
	// Scope says where hits count: ScopeLead (the default for topics
	// that include or require packs) needs a hit in the title, the lead
	// or the subject fields and counts hits deep in the body for less; ScopeAll counts every hit alike (the default
	// otherwise).
	Scope Scope
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

// Scope says how hits count by where they stand in a story.
type Scope string

// The scopes a topic can ask for.
const (
	// ScopeDefault is ScopeLead for topics built on packs, else ScopeAll.
	ScopeDefault Scope = ""
	// ScopeLead counts a hit fully in the title, the lead (the first
	// LeadRunes characters of text) and the feed's subject fields, and a
	// third deep in the body; and it needs one hit in the title, the lead
	// or the subject fields: hits deep in the body only add to a
	// condition such a hit has started (a second group of the topic, a
	// required pack), never make a match alone.
	ScopeLead Scope = "lead"
	// ScopeAll counts every hit fully, wherever it stands.
	ScopeAll Scope = "all"
)

// Valid reports whether s is one of the scopes.
func (s Scope) Valid() bool { return s == ScopeDefault || s == ScopeLead || s == ScopeAll }

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
