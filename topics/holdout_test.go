package topics_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/topics"
)

// holdoutLabel is one story of the held-out slice: where it is, and the
// topics a reader labelled it with (see docs/EVALUATION.md for the rules).
type holdoutLabel struct {
	feed, id string
	topics   map[string]bool
}

// readHoldout reads testdata/eval/holdout.tsv: feed file, item id, and a
// comma-separated list of topic ids or "-".
func readHoldout(tb testing.TB) []holdoutLabel {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "eval", "holdout.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []holdoutLabel
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			tb.Fatalf("holdout.tsv:%d: %d fields, want 3", n, len(f))
		}
		l := holdoutLabel{feed: f[0], id: f[1], topics: map[string]bool{}}
		if f[2] != "-" {
			for _, t := range strings.Split(f[2], ",") {
				l.topics[t] = true
			}
		}
		out = append(out, l)
	}
	return out
}

// evalTopics are the topics measured on the hold-out: every built-in pack
// as it is, and the combined topic the packs are meant to express.
func evalTopics() []topics.Spec {
	var specs []topics.Spec
	for _, p := range topics.Packs() {
		specs = append(specs, topics.Spec{ID: p.ID, Include: []string{p.ID}})
	}
	return specs
}

// score counts one topic's (or one language's) outcomes.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// holdoutStory is one labelled story after the whole analysis path.
type holdoutStory struct {
	label holdoutLabel
	item  *wirewatch.Item
}

// runHoldout parses every feed of the hold-out, analyses and matches every
// story of those feeds in feed order (so that boilerplate learning sees
// what the pipeline would), and returns the labelled stories.
func runHoldout(tb testing.TB, dir string, m *topics.Matcher) []holdoutStory {
	tb.Helper()
	labels := readHoldout(tb)
	byFeed := map[string]map[string]holdoutLabel{}
	for _, l := range labels {
		if byFeed[l.feed] == nil {
			byFeed[l.feed] = map[string]holdoutLabel{}
		}
		byFeed[l.feed][l.id] = l
	}
	det, err := detect.New(detect.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var out []holdoutStory
	for _, file := range mapsKeys(byFeed) {
		body, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			tb.Fatal(err)
		}
		f, err := feeds.Parse(body, "", feeds.ParseOptions{Feed: file})
		if err != nil {
			tb.Fatalf("feeds.Parse(%s): %v", file, err)
		}
		found := 0
		for _, it := range f.Items {
			app.Enrich(det, m, it)
			if l, ok := byFeed[file][it.ID]; ok {
				out = append(out, holdoutStory{label: l, item: it})
				found++
			}
		}
		if found != len(byFeed[file]) {
			tb.Errorf("%s: found %d of the %d labelled stories", file, found, len(byFeed[file]))
		}
	}
	return out
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestHoldout measures every evaluated topic on the held-out labels and
// prints precision and recall per topic and per language, with every miss
// and false match.
func TestHoldout(t *testing.T) {
	dir := corpusDir(t)
	specs := evalTopics()
	m, _, err := topics.Compile(specs)
	if err != nil {
		t.Fatal(err)
	}
	stories := runHoldout(t, dir, m)
	perTopic := map[string]*score{}
	perLang := map[string]map[string]*score{}
	var errs []string
	for _, sp := range specs {
		perTopic[sp.ID] = &score{}
		perLang[sp.ID] = map[string]*score{}
	}
	for _, s := range stories {
		got := map[string]wirewatch.Match{}
		for _, mt := range s.item.Matches {
			got[mt.Topic] = mt
		}
		lang := strings.Split(s.label.feed, "/")[1]
		for _, sp := range specs {
			want := s.label.topics[sp.ID]
			mt, matched := got[sp.ID]
			ls := perLang[sp.ID][lang]
			if ls == nil {
				ls = &score{}
				perLang[sp.ID][lang] = ls
			}
			switch {
			case want && matched:
				perTopic[sp.ID].tp++
				ls.tp++
			case want:
				perTopic[sp.ID].fn++
				ls.fn++
				errs = append(errs, fmt.Sprintf("miss  %-18s %s %s %q", sp.ID, s.label.feed, s.label.id, s.item.Title))
			case matched:
				perTopic[sp.ID].fp++
				ls.fp++
				var hits []string
				for _, h := range mt.Hits {
					hits = append(hits, h.Term+"@"+h.Field)
				}
				errs = append(errs, fmt.Sprintf("false %-18s %s %s %q %v", sp.ID, s.label.feed, s.label.id, s.item.Title, hits))
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| topic | labelled | matched | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|---|---|\n")
	for _, sp := range specs {
		s := perTopic[sp.ID]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %.3f | %.3f |\n", sp.ID, s.tp+s.fn, s.tp+s.fp, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	fmt.Fprintf(&b, "\nper language (topic: lang TP/FP/FN)\n")
	for _, sp := range specs {
		var parts []string
		for _, l := range mapsKeys(perLang[sp.ID]) {
			s := perLang[sp.ID][l]
			if s.tp+s.fp+s.fn > 0 {
				parts = append(parts, fmt.Sprintf("%s %d/%d/%d", l, s.tp, s.fp, s.fn))
			}
		}
		fmt.Fprintf(&b, "%s: %s\n", sp.ID, strings.Join(parts, ", "))
	}
	sort.Strings(errs)
	fmt.Fprintf(&b, "\n%s\n", strings.Join(errs, "\n"))
	t.Log(b.String())
}
