package topics

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestIndexAgainstAutomaton matches random texts against random topics
// with the literals found by the index of words and by the automaton, and
// wants the same matches. Texts and terms are drawn from a few pieces of
// several scripts, so that terms overlap each other and the text's words
// in every way: prefixes, phrases, terms inside words, Hangul particles
// and compounds, Han runs, mixed scripts, punctuation between words.
func TestIndexAgainstAutomaton(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"ab", "a", "abc", "b", "я", "яб", "12", "北", "北京", "京", "핵", "전략핵", "북한", "은", "이란", "カ", "ナ", "ß", "İ", "ё"}
	seps := []string{" ", " ", " ", "-", ", ", "", "'", "\u200c", " \u00a0"}
	word := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			w := word()
			if rng.IntN(5) == 0 {
				w = strings.ToUpper(w)
			}
			b.WriteString(w)
		}
		return b.String()
	}
	term := func() Term {
		tm := Term{Text: word()}
		switch rng.IntN(6) {
		case 0:
			tm.Text += "*"
		case 1:
			tm.Text += " " + word()
		case 2:
			tm.Text += " " + word() + "*"
		}
		switch rng.IntN(8) {
		case 0:
			tm.Guard = &Guard{Suffix: true}
		case 1:
			tm.Guard = &Guard{Whole: true}
		case 2:
			tm.Case = true
		}
		return tm
	}
	for round := range 300 {
		var specs []Spec
		for i := range 1 + rng.IntN(6) {
			sp := Spec{ID: fmt.Sprintf("t%d", i)}
			for range 1 + rng.IntN(8) {
				sp.Any = append(sp.Any, term())
			}
			specs = append(specs, sp)
		}
		ma, mx, err := CompileScanners(specs)
		if err != nil {
			continue // a term such as a lone "*" is refused alike
		}
		for range 20 {
			d := Doc{Title: text(1 + rng.IntN(4)), Text: text(rng.IntN(30)), Subjects: []string{text(2)}}
			want, got := ma.Match(d), mx.Match(d)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d: topics %+v\nMatch(%+v) with the index = %+v, want %+v", round, specs, d, got, want)
			}
		}
	}
}
