package detect_test

import (
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// benchHeadline is about 80 characters, benchSummary about 600.
const (
	benchHeadline = "North Korea fires ballistic missile into the sea, Seoul's military says"
	benchSummary  = "North Korea fired a ballistic missile into the sea off its east coast on Thursday, South Korea's military said, the latest in a series of launches that have raised tensions on the peninsula. " +
		"The Joint Chiefs of Staff said the missile flew about 600 kilometres before landing outside Japan's exclusive economic zone. " +
		"Japan's prime minister condemned the launch as a threat to regional peace, and Washington said it was consulting closely with its allies.\n" +
		"Share\nREAD MORE: Seoul and Washington plan joint drills"
)

func BenchmarkAnalyze(b *testing.B) {
	d := newDefault(b)
	for _, bc := range []struct {
		name string
		in   detect.Input
	}{
		{"headline", detect.Input{Title: benchHeadline, DeclaredLanguage: "en"}},
		{"summary", detect.Input{Title: benchHeadline, Text: benchSummary, DeclaredLanguage: "en"}},
		{"headline-ru", detect.Input{Title: "Северная Корея запустила баллистическую ракету в сторону Японского моря"}},
		{"headline-ja", detect.Input{Title: "北朝鮮が弾道ミサイルを発射、日本海に落下か　防衛省"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Analyze(bc.in)
			}
		})
	}
}

func BenchmarkAnalyzeSeed(b *testing.B) {
	d := newDefault(b)
	text := readFile(b, seedPath(b))
	in := detect.Input{Title: "North Korea Seeks More Concession Options", Text: text, DeclaredLanguage: "en"}
	b.ReportAllocs()
	for b.Loop() {
		d.Analyze(in)
	}
}

func BenchmarkFold(b *testing.B) {
	s := strings.Repeat("North Korea tests new ICВM from Pyongyаng. ", 14)
	b.ReportAllocs()
	for b.Loop() {
		detect.Fold(s)
	}
}

// benchStory is one story of testdata/bench-stories.txt.
type benchStory struct {
	lang string
	in   detect.Input
}

// readBenchStories reads testdata/bench-stories.txt: stories separated by
// "---", each a "lang: title" line and its paragraphs; lines starting
// with "#" before the first story are comments.
func readBenchStories(tb testing.TB) []benchStory {
	tb.Helper()
	blocks := strings.Split(readFile(tb, "testdata/bench-stories.txt"), "\n---\n")
	var out []benchStory
	for _, b := range blocks[1:] {
		head, text, _ := strings.Cut(strings.TrimSpace(b), "\n")
		lang, title, ok := strings.Cut(head, ": ")
		if !ok {
			tb.Fatalf("bench-stories.txt: story %q has no \"lang: title\" line", head)
		}
		out = append(out, benchStory{lang, detect.Input{Title: title, Text: text, DeclaredLanguage: lang}})
	}
	return out
}

// BenchmarkAnalyzeStory analyses realistic summaries (a title and a few
// paragraphs) per language; each iteration analyses every story of the
// language once, and ns/story is the figure to compare.
func BenchmarkAnalyzeStory(b *testing.B) {
	d := newDefault(b)
	stories := readBenchStories(b)
	for _, lang := range []string{"en", "ru", "fr", "zh", "ar", "all"} {
		var ins []detect.Input
		for _, s := range stories {
			if lang == "all" || s.lang == lang {
				ins = append(ins, s.in)
			}
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, in := range ins {
					d.Analyze(in)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ins)), "ns/story")
		})
	}
}
