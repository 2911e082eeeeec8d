package detect

import (
	"hash/fnv"
	"strings"
	"testing"
	"unicode"
)

// TestRuneClasses checks the switches that stand for the lists and tables
// they were written from, over the Basic Multilingual Plane.
func TestRuneClasses(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if got, want := isSentenceEnd(r), strings.ContainsRune(sentenceEnds, r); got != want {
			t.Errorf("isSentenceEnd(%q) = %v, want %v", r, got, want)
		}
		if got, want := isCloser(r), strings.ContainsRune(closers, r); got != want {
			t.Errorf("isCloser(%q) = %v, want %v", r, got, want)
		}
		if got, want := isSpace(r), unicode.IsSpace(r); got != want {
			t.Errorf("isSpace(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestFNVString(t *testing.T) {
	for _, parts := range [][2]string{{"", ""}, {"Title", "Text\nwith lines"}, {"Заголовок", "東京"}} {
		h := fnv.New64a()
		h.Write([]byte(parts[0]))
		h.Write([]byte{0})
		h.Write([]byte(parts[1]))
		if got, want := fnvString(fnvString(fnvOffset, parts[0])*fnvPrime, parts[1]), h.Sum64(); got != want {
			t.Errorf("fnvString(%q, 0, %q) = %x, want %x", parts[0], parts[1], got, want)
		}
	}
}
