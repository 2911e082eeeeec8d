package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldScripts are the scripts whose confusable letters Fold maps between,
// in the column order of confusableGroups.
var foldScripts = [3]script{scriptLatin, scriptCyrillic, scriptGreek}

// confusableTo maps, for each target script (index into foldScripts), a
// letter of another script to its look-alike in the target script.
var confusableTo = func() [3]map[rune]rune {
	var m [3]map[rune]rune
	for i := range m {
		m[i] = make(map[rune]rune)
	}
	for _, g := range confusableGroups {
		for to := range 3 {
			if g[to] == "" {
				continue
			}
			target, _ := utf8.DecodeRuneInString(g[to])
			for from := range 3 {
				if from == to || g[from] == "" {
					continue
				}
				r, _ := utf8.DecodeRuneInString(g[from])
				m[to][r] = target
			}
		}
	}
	return m
}()

// mayFold reports whether text with these letters by script may have
// confusables for Fold to fold: letters of at least two of foldScripts.
func (c *scriptCounts) mayFold() bool {
	n := 0
	for _, s := range foldScripts {
		if c[s] > 0 {
			n++
		}
	}
	return n >= 2
}

// foldIndex returns the index of s in foldScripts, or -1.
func foldIndex(s script) int {
	for i, f := range foldScripts {
		if f == s {
			return i
		}
	}
	return -1
}

// Fold returns s with the confusable letters of every word that mixes the
// Latin, Cyrillic and Greek scripts replaced by their look-alikes in the
// word's majority script (ties go to the script of most of s), in the
// manner of a UTS #39 skeleton, and whether anything changed. "ICВM" with a
// Cyrillic "В" becomes "ICBM"; words in one script are left alone.
func Fold(s string) (string, bool) {
	if isASCII(s) {
		return s, false
	}
	var whole [3]int
	for _, r := range s {
		if i := foldIndex(scriptOf(r)); i >= 0 {
			whole[i]++
		}
	}
	if nonZero(whole) < 2 {
		return s, false
	}
	var (
		b       strings.Builder
		changed bool
	)
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		w, ok := foldWord(s[i:j], whole)
		b.WriteString(w)
		changed = changed || ok
		i = j
	}
	if !changed {
		return s, false
	}
	return b.String(), true
}

// foldWord folds one word; whole counts the letters of each fold script
// in the surrounding text, to break ties.
func foldWord(w string, whole [3]int) (string, bool) {
	var n [3]int
	for _, r := range w {
		if i := foldIndex(scriptOf(r)); i >= 0 {
			n[i]++
		}
	}
	if nonZero(n) < 2 {
		return w, false
	}
	target := 0
	for i := 1; i < 3; i++ {
		if n[i] > n[target] || n[i] == n[target] && whole[i] > whole[target] {
			target = i
		}
	}
	m := confusableTo[target]
	out := []rune(w)
	changed := false
	for k, r := range out {
		if foldIndex(scriptOf(r)) == target {
			continue
		}
		if t, ok := m[r]; ok {
			out[k] = t
			changed = true
		}
	}
	if !changed {
		return w, false
	}
	return string(out), true
}

// isWordRune reports whether r can be part of a word: a letter, a mark or
// a digit.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// nonZero counts the non-zero entries of n.
func nonZero(n [3]int) int {
	c := 0
	for _, v := range n {
		if v > 0 {
			c++
		}
	}
	return c
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
