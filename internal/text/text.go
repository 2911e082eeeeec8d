// Package text holds the small helpers that every output shares for
// putting words in front of people: plurals, one-line text, cutting to a
// number of runes, and times relative to now.
package text

import (
	"fmt"
	"strings"
	"time"
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

// Relative renders t relative to now for people: "now", "5m ago",
// "in 2h03m", "3d ago". The zero time gives "".
func Relative(now, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < -time.Minute:
		return "in " + Span(-d)
	case d < time.Minute:
		return "now"
	default:
		return Span(d) + " ago"
	}
}

// Span renders a duration roughly, for people: "5m", "2h03m", "3d".
func Span(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()+0.5))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}
