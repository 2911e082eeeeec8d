// Package text holds the small helpers that every output shares for
// putting words in front of people: plurals, one-line text and cutting to
// a number of runes.
package text

import (
	"strings"
	"unicode/utf8"
)

// Plural returns one when n is 1 and many otherwise.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// OneLine folds whitespace, line breaks included, to single spaces and
// drops control characters, so that text read from a feed or an error
// cannot forge lines of output.
func OneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029
	}), " ")
}

// Truncate cuts s to at most n runes, on a rune boundary, ending with an
// ellipsis when it cut; n <= 0 gives "".
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
