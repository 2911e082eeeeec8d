package topics_test

import (
	"reflect"
	"testing"

	"github.com/wirewatch/wirewatch/topics"
)

// TestIndexAgainstAutomatonCorpus matches the corpus's stories with the
// literals found by the index of words and by the automaton, for the
// watch lists of BenchmarkMatchCorpus, and wants the same matches, hits
// and snippets.
func TestIndexAgainstAutomatonCorpus(t *testing.T) {
	docs := corpusDocs(t)
	watch := watchList(docs, 10000)
	vocab := corpusVocabulary(docs, 10000)
	lists := []struct {
		name  string
		specs []topics.Spec
	}{
		{"random", randomSpecs(10000)},
		{"watchlist", wordSpecs(watch)},
		{"vocabulary", wordSpecs(vocab)},
		{"packs", packSpecs()},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			ma, mx, err := topics.CompileScanners(l.specs)
			if err != nil {
				t.Fatal(err)
			}
			matched, bad := 0, 0
			for _, d := range docs {
				want, got := ma.Match(d), mx.Match(d)
				matched += len(want)
				if !reflect.DeepEqual(got, want) {
					if bad++; bad <= 3 {
						t.Errorf("Match(%q) with the index = %+v, want %+v", d.Title, got, want)
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d stories differ", bad, len(docs))
			}
			if matched == 0 {
				t.Errorf("no story matched; the comparison proves nothing")
			}
		})
	}
}
