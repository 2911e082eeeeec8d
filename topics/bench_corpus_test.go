package topics_test

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/cputime"
	"github.com/wirewatch/wirewatch/topics"
)

// corpusDocs returns the corpus's stories as the matcher sees them: every
// 4th story of every feed, title and plain-text summary, in feed order.
func corpusDocs(tb testing.TB) []topics.Doc {
	tb.Helper()
	dir := corpusDir(tb)
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "feeds"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	var docs []topics.Doc
	n := 0
	for _, p := range files {
		body, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		f, err := feeds.Parse(body, "", feeds.ParseOptions{Feed: p})
		if err != nil {
			continue
		}
		for _, it := range f.Items {
			if n++; n%4 == 0 {
				docs = append(docs, topics.Doc{Title: it.Title, Text: it.Summary, Subjects: it.Categories, Language: it.DeclaredLanguage})
			}
		}
	}
	return docs
}

// corpusVocabulary returns a watch list of n real words: distinct words
// of the corpus, chosen by the hash of their text so that every
// language's vocabulary is represented as it occurs, leaving out function
// words (those in more than 1% of the stories, like "said", "sich", 밝혔다)
// and single Han or Kana characters, which no watch list holds (check
// warns about them). Words are of 4 to 20 letters in scripts written with
// spaces, Hangul words of 2 syllables and more, and the first 2 or 3
// characters of Han and Kana runs.
func corpusVocabulary(docs []topics.Doc, n int) []string {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range vocabularyWords(d.Title + " " + d.Text) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	words := make([]string, 0, len(df))
	for w, c := range df {
		if c*100 <= len(docs) {
			words = append(words, w)
		}
	}
	hash := func(s string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(s))
		return h.Sum64()
	}
	sort.Slice(words, func(i, j int) bool { return hash(words[i]) < hash(words[j]) })
	if len(words) > n {
		words = words[:n]
	}
	return words
}

func vocabularyWords(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		r, _ := utf8.DecodeRuneInString(f)
		count := utf8.RuneCountInString(f)
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			if rs := []rune(f); len(rs) >= 2 {
				out = append(out, string(rs[:min(len(rs), 2+len(rs)%2)]))
			}
		case unicode.Is(unicode.Hangul, r):
			if count >= 2 {
				out = append(out, f)
			}
		case count >= 4 && count <= 20:
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

// watchList returns a watch list of n real terms, as an analyst's would
// be: every term of the built-in concepts (the packs' terms in 16
// languages and the names of people, places and weapons), then words
// found in at most two stories of the corpus (names and specific nouns),
// chosen by hash.
func watchList(docs []topics.Doc, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range topics.Concepts() {
		for _, t := range c.Terms {
			if !seen[t.Text] && len(out) < n {
				seen[t.Text] = true
				out = append(out, t.Text)
			}
		}
	}
	df := map[string]int{}
	for _, d := range docs {
		here := map[string]bool{}
		for _, w := range vocabularyWords(d.Title + " " + d.Text) {
			if !here[w] {
				here[w] = true
				df[w]++
			}
		}
	}
	var rare []string
	for w, c := range df {
		if c <= 2 && !seen[w] {
			rare = append(rare, w)
		}
	}
	hash := func(s string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(s))
		return h.Sum64()
	}
	sort.Slice(rare, func(i, j int) bool { return hash(rare[i]) < hash(rare[j]) })
	for _, w := range rare {
		if len(out) == n {
			break
		}
		out = append(out, w)
	}
	return out
}

// wordSpecs groups words into topics of ten.
func wordSpecs(words []string) []topics.Spec {
	var specs []topics.Spec
	for i := 0; i < len(words); i += 10 {
		sp := topics.Spec{ID: fmt.Sprintf("v%d", i/10)}
		for _, w := range words[i:min(i+10, len(words))] {
			sp.Any = append(sp.Any, topics.T(w))
		}
		specs = append(specs, sp)
	}
	return specs
}

// randomSpecs returns topics of ten made-up words, phrases and prefixes in
// Latin, Cyrillic and Han letters, n terms in all.
func randomSpecs(n int) []topics.Spec {
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
	var words []string
	for range n {
		a := alphabets[rng.IntN(len(alphabets))]
		t := word(a)
		switch rng.IntN(4) {
		case 0:
			t += " " + word(a)
		case 1:
			t += "*"
		}
		words = append(words, t)
	}
	return wordSpecs(words)
}

// BenchmarkMatchCorpus matches real stories of the corpus (one story per
// op, cycling through a quarter of the corpus, 1,128 stories) against
// watch lists of 10 and 10,000 terms: made-up words; a real watch list
// (the built-in concepts' terms, then rare words of the corpus); and a
// sample of the corpus's own vocabulary, which hits every story many
// times. Run it with a -benchtime of several times the number of stories;
// cpu-ns/op (from getrusage) varies far less than ns/op on a shared
// machine.
func BenchmarkMatchCorpus(b *testing.B) {
	docs := corpusDocs(b)
	vocab := corpusVocabulary(docs, 10000)
	if len(vocab) < 10000 {
		b.Fatalf("corpus vocabulary has %d words, want 10000", len(vocab))
	}
	watch := watchList(docs, 10000)
	lists := []struct {
		name  string
		specs []topics.Spec
	}{
		{"random/terms=10", randomSpecs(10)},
		{"random/terms=10000", randomSpecs(10000)},
		{"watchlist/terms=10", wordSpecs(watch[:10])},
		{"watchlist/terms=10000", wordSpecs(watch)},
		{"vocabulary/terms=10", wordSpecs(vocab[:10])},
		{"vocabulary/terms=10000", wordSpecs(vocab)},
		{"packs", packSpecs()},
	}
	for _, l := range lists {
		b.Run(l.name, func(b *testing.B) {
			m, _, err := topics.Compile(l.specs)
			if err != nil {
				b.Fatal(err)
			}
			// One pass over the stories warms the caches and counts what
			// the watch list finds.
			matched, hits := 0, 0
			for _, d := range docs {
				ms := m.Match(d)
				matched += len(ms)
				for _, mt := range ms {
					hits += len(mt.Hits)
				}
			}
			runtime.GC()
			b.ReportAllocs()
			cpu := cputime.Used(b)
			i := 0
			for b.Loop() {
				m.Match(docs[i])
				if i++; i == len(docs) {
					i = 0
				}
			}
			b.ReportMetric(float64(cputime.Used(b)-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(matched)/float64(len(docs)), "matches/story")
			b.ReportMetric(float64(hits)/float64(len(docs)), "hits/story")
		})
	}
}

// packSpecs is every built-in pack as a topic of its own.
func packSpecs() []topics.Spec {
	var specs []topics.Spec
	for _, id := range topics.PackIDs() {
		specs = append(specs, topics.Spec{ID: id, Include: []string{id}})
	}
	return slices.Clip(specs)
}
