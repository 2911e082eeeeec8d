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

// benchTexts are ~600-rune stories in one script each, beside the mixed
// benchText: English exercises the ASCII path, Russian a non-Latin one.
var benchTexts = []struct{ name, title, text string }{
	{"mixed", "North Korea fires missile", benchText},
	{"en", "North Korea fires ballistic missile toward Japan",
		"SEOUL (Reuters) - North Korea fired a ballistic missile into the sea off its east coast on Sunday, " +
			"South Korea's military said, days after Pyongyang warned of \"overwhelming\" action against joint drills. " +
			"The missile flew about 800 km (500 miles) before landing outside Japan's exclusive economic zone, " +
			"Tokyo's defence ministry said. It was the third launch this month. Washington condemned the test " +
			"as a violation of U.N. Security Council resolutions and said it would push for tighter sanctions, " +
			"while analysts said the isolated state was refining solid-fuel engines for its long-range arsenal."},
	{"ru", "КНДР запустила баллистическую ракету в сторону Японии",
		"СЕУЛ, 12 мая — КНДР в воскресенье запустила баллистическую ракету в сторону Японского моря, " +
			"сообщил Объединённый комитет начальников штабов Южной Кореи. По данным военных, ракета пролетела " +
			"около 800 километров и упала за пределами исключительной экономической зоны Японии. Это уже третий " +
			"пуск за месяц. Вашингтон осудил испытание как нарушение резолюций Совета Безопасности ООН и заявил, " +
			"что добивается ужесточения санкций. Аналитики считают, что Пхеньян совершенствует твердотопливные " +
			"двигатели для своих ракет большой дальности, несмотря на международную изоляцию и давление."},
}

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
		m := mustCompile(b, benchSpecs(n)...)
		for _, bt := range benchTexts {
			b.Run(fmt.Sprintf("text=%s/terms=%d", bt.name, n), func(b *testing.B) {
				d := Doc{Title: bt.title, Text: bt.text}
				if len(m.Match(d)) == 0 {
					b.Fatal("no match")
				}
				b.ReportAllocs()
				for b.Loop() {
					m.Match(d)
				}
			})
		}
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
		specs = append(specs, Spec{ID: p.ID, Include: []string{p.ID}})
	}
	m := mustCompile(b, specs...)
	for _, bt := range benchTexts {
		b.Run("text="+bt.name, func(b *testing.B) {
			d := Doc{Title: bt.title, Text: bt.text}
			b.ReportAllocs()
			for b.Loop() {
				m.Match(d)
			}
		})
	}
}

func TestBenchText(t *testing.T) {
	for _, bt := range benchTexts {
		if n := len([]rune(bt.text)); n < 550 || n > 650 {
			t.Errorf("benchTexts[%s] has %d runes, want about 600", bt.name, n)
		}
	}
	for _, n := range []int{10, 1000, 10000} {
		m := mustCompile(t, benchSpecs(n)...)
		if m.Len() < n || m.Len() > n+20 {
			t.Errorf("benchSpecs(%d) compiles to %d terms", n, m.Len())
		}
	}
}
