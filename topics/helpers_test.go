package topics

import (
	"testing"
)

// mustCompile compiles specs and fails the test on errors.
func mustCompile(tb testing.TB, specs ...Spec) *Matcher {
	tb.Helper()
	m, _, err := Compile(specs)
	if err != nil {
		tb.Fatalf("Compile: %v", err)
	}
	return m
}

// matchedIDs returns the ids of the topics d matches.
func matchedIDs(m *Matcher, d Doc) []string {
	var ids []string
	for _, mt := range m.Match(d) {
		ids = append(ids, mt.Topic)
	}
	return ids
}

// termMatches reports whether a topic made of the one term matches text.
func termMatches(tb testing.TB, term Term, text string) bool {
	tb.Helper()
	m := mustCompile(tb, Spec{ID: "t", Any: []Term{term}})
	return len(m.Match(Doc{Title: text})) == 1
}
