package events

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/cputime"
	"github.com/wirewatch/wirewatch/topics"
)

// synthStories makes n stories spread over two days: headlines and leads
// of words drawn from a Zipf vocabulary (a few frequent words, many rare
// ones), every tenth story a near-copy of an earlier one, and a few
// concepts and names each, so that every kind of index key is exercised.
func synthStories(n int, seed int64) []Story {
	r := rand.New(rand.NewSource(seed))
	zipf := rand.NewZipf(r, 1.1, 1, 50000)
	word := func() string { return fmt.Sprintf("w%d", zipf.Uint64()) }
	sentence := func(k int) string {
		s := ""
		for i := range k {
			if i > 0 {
				s += " "
			}
			s += word()
		}
		return s
	}
	names := []string{"north-korea", "iran", "japan", "china", "russia", "united-states", "pyongyang", "hokkaido"}
	subjects := []string{"icbm", "missile", "sanctions", "earthquake", "nuclear-test", "cyberattack", "missile-launch"}
	langs := []string{"en", "en", "en", "ru", "zh", "ko", "ja", "de"}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Story, n)
	for i := range out {
		s := Story{
			Key: Key(fmt.Sprintf("feed%d", i%500), fmt.Sprint(i)), Feed: fmt.Sprintf("feed%d", i%500),
			Link: fmt.Sprintf("https://n%d.example/%d", i%500, i), Language: langs[i%len(langs)],
			Title: sentence(8 + r.Intn(6)), Lead: sentence(30 + r.Intn(20)),
			Published: start.Add(time.Duration(r.Int63n(int64(48 * time.Hour)))),
		}
		if i%10 == 9 && i > 10 {
			src := out[r.Intn(i)]
			s.Title, s.Lead, s.Language = src.Title+" "+word(), src.Lead, src.Language
		}
		if r.Intn(3) == 0 {
			for range 1 + r.Intn(3) {
				s.Concepts = append(s.Concepts, topics.ConceptHit{ID: names[r.Intn(len(names))], Label: "n", Kind: topics.KindName, Where: wirewatch.PlaceTitle})
			}
			for range 1 + r.Intn(2) {
				s.Concepts = append(s.Concepts, topics.ConceptHit{ID: subjects[r.Intn(len(subjects))], Label: "s", Kind: topics.KindSubject, Where: wirewatch.PlaceLead})
			}
		}
		s.Seen = s.Published
		out[i] = s
	}
	return out
}

// BenchmarkAdd measures clustering one new story (finding its candidates
// through the indexes, judging them, keeping it) with a window already
// holding 1,000, 10,000 or 100,000 stories. The cost per story must stay
// flat as the window grows.
func BenchmarkAdd(b *testing.B) {
	for _, window := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("window=%d", window), func(b *testing.B) {
			fill := synthStories(window, 1)
			x := New(Options{Window: 72 * time.Hour})
			for _, s := range fill {
				x.Add(s)
			}
			fresh := synthStories(20000, 2)
			b.ReportAllocs()
			i := 0
			cpu0 := cputime.Used(b)
			for b.Loop() {
				s := fresh[i%len(fresh)]
				s.Key = fmt.Sprint("new", i)
				x.Add(s)
				i++
			}
			// CPU time, not wall time: the machine may be shared.
			b.ReportMetric(float64((cputime.Used(b)-cpu0).Nanoseconds())/float64(i), "cpu-ns/op")
		})
	}
}

// BenchmarkWindowMemory measures the heap a window holds per story: what
// the index keeps of each story and its keys. "synthetic" fills it with
// 100,000 synthetic stories; "corpus" with every dated story of the corpus
// (WIREWATCH_CORPUS).
func BenchmarkWindowMemory(b *testing.B) {
	b.Run("synthetic", func(b *testing.B) { windowMemory(b, synthStories(100000, 1)) })
	b.Run("corpus", func(b *testing.B) {
		root := os.Getenv("WIREWATCH_CORPUS")
		if root == "" {
			b.Skip("WIREWATCH_CORPUS is not set")
		}
		var stories []Story
		for _, l := range readCorpus(b, root) {
			stories = append(stories, l.s)
		}
		windowMemory(b, stories)
	})
}

func windowMemory(b *testing.B, stories []Story) {
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		x := New(Options{Window: 1 << 62, MaxStories: len(stories)})
		for _, s := range stories {
			x.Add(s)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(x.Len()), "heap-bytes/story")
		b.ReportMetric(float64(x.Len()), "stories")
		runtime.KeepAlive(x)
	}
}
