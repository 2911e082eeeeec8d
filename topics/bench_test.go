package topics

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchText is a ~600-rune story: English with Russian and Chinese
// passages, so that every script path of the matcher is exercised.
var benchText = strings.Repeat("North Korea fired a ballistic missile on Sunday, officials in Seoul said. ", 4) +
	"Северная Корея запустила баллистическую ракету в сторону Японского моря. " +
	"朝鲜周日发射了一枚弹道导弹，韩国军方表示。" +
	strings.Repeat("The launch came days after talks on sanctions stalled in Geneva. ", 3)

// benchSpecs returns topics with n terms in all: words, phrases and
// prefixes made of random letters in Latin, Cyrillic and Han, ten per
// topic, plus one topic of real terms that hit benchText.
func benchSpecs(n int) []Spec {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]rune{
		[]rune("abcdefghijklmnopqrstuvwxyz"),
		[]rune("абвгдежзийклмнопрстуфхцчшщыэюя"),
		[]rune("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"),
	}
	word := func(a []rune) string {
		var b strings.Builder
		for range 3 + rng.IntN(6) {
			b.WriteRune(a[rng.IntN(len(a))])
		}
		return b.String()
	}
	specs := []Spec{{ID: "real", Any: Terms("North Korea*", "ballistic missile*", "ракет*", "导弹", "sanction*")}}
	for i := 0; len(specs)*10 < n+10; i++ {
		sp := Spec{ID: fmt.Sprintf("t%d", i)}
		for range 10 {
			a := alphabets[rng.IntN(len(alphabets))]
			t := word(a)
			switch rng.IntN(4) {
			case 0:
				t += " " + word(a)
			case 1:
				t += "*"
			}
			sp.Any = append(sp.Any, T(t))
		}
		specs = append(specs, sp)
	}
	return specs
}

func BenchmarkMatch(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			m := mustCompile(b, benchSpecs(n)...)
			d := Doc{Title: "North Korea fires missile", Text: benchText}
			if len(m.Match(d)) == 0 {
				b.Fatal("no match")
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m.Match(d)
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			specs := benchSpecs(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Compile(specs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMatchPacks(b *testing.B) {
	var specs []Spec
	for _, p := range Packs() {
		specs = append(specs, Spec{ID: p.ID, Include: p.ID})
	}
	m := mustCompile(b, specs...)
	d := Doc{Title: "North Korea fires missile", Text: benchText}
	b.ReportAllocs()
	for b.Loop() {
		m.Match(d)
	}
}

func TestBenchText(t *testing.T) {
	if n := len([]rune(benchText)); n < 550 || n > 650 {
		t.Errorf("benchText has %d runes, want about 600", n)
	}
	for _, n := range []int{10, 1000, 10000} {
		m := mustCompile(t, benchSpecs(n)...)
		if m.Len() < n || m.Len() > n+20 {
			t.Errorf("benchSpecs(%d) compiles to %d terms", n, m.Len())
		}
	}
}
