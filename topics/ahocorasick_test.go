package topics

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestAutomatonAgainstNaive compares the automaton with a naive search
// for every literal at every offset, on random texts over a small
// alphabet, where overlaps and shared suffixes are frequent.
func TestAutomatonAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "abcя"
	randStr := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := range 600 {
		var lits []string
		seen := map[string]bool{}
		for range 1 + rng.IntN(20) {
			l := randStr(1 + rng.IntN(5))
			if !seen[l] {
				seen[l] = true
				lits = append(lits, l)
			}
		}
		a := buildAutomaton(lits)
		// Every state dense, only the root, and some of each.
		dense := []int{a.states(), 1, 1 + rng.IntN(a.states())}
		a.makeDense(dense[round%3])
		text := randStr(rng.IntN(60))
		var got, want []acHit
		got = a.scan([]byte(text), nil)
		for i := 0; i <= len(text); i++ {
			for li, l := range lits {
				if strings.HasSuffix(text[:i], l) {
					want = append(want, acHit{int32(li), i})
				}
			}
		}
		sortHits := func(h []acHit) {
			slices.SortFunc(h, func(x, y acHit) int {
				if x.end != y.end {
					return x.end - y.end
				}
				return int(x.lit - y.lit)
			})
		}
		sortHits(got)
		sortHits(want)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: lits %q in %q: got %v, want %v", round, lits, text, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"North-Korea's ICBM", "north korea\x01s icbm"},
		{"  «Ракета»  ", "\x01ракета\x01"},
		{"ＩＣＢＭ　発射", "icbm 発射"},
		{"Straße", "strasse"},
		{"هسته‌ای", "هسته ای"},
		{"soft\u00adhyphen", "softhyphen"},
		{"a — b", "a b"},
		{"a, b", "a\x01b"},
	}
	for _, c := range cases {
		var nt normText
		nt.normalize(c.in, normOptions{fold: true})
		if got := string(nt.b); got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(nt.src) != len(nt.b)+1 {
			t.Errorf("normalize(%q): %d offsets for %d bytes", c.in, len(nt.src), len(nt.b))
		}
	}
}

func TestSrcRange(t *testing.T) {
	in := "Die ＳＴＲＡẞＥ nach Pjöngjang"
	var nt normText
	nt.normalize(in, normOptions{fold: true})
	for _, w := range []struct{ norm, src string }{{"strasse", "ＳＴＲＡẞＥ"}, {"pjöngjang", "Pjöngjang"}} {
		i := strings.Index(string(nt.b), w.norm)
		if i < 0 {
			t.Fatalf("%q not in %q", w.norm, nt.b)
		}
		s, e := nt.srcRange(i, i+len(w.norm))
		if got := in[s:e]; got != w.src {
			t.Errorf("srcRange(%q) = %q, want %q", w.norm, got, w.src)
		}
	}
}
