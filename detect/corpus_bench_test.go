package detect_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/cputime"
)

// corpusStories returns every story of the corpus feeds as the pipeline
// analyses it: the feed's file name as the source, the title, the summary
// and the feed's declared language, feed by feed in the feeds' order.
func corpusStories(tb testing.TB) []detect.Input {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir(tb), "feeds", "*", "*.xml"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no corpus feeds: %v", err)
	}
	var out []detect.Input
	for _, p := range paths {
		f, err := feeds.Parse([]byte(readFile(tb, p)), "", feeds.ParseOptions{Feed: filepath.Base(p)})
		if err != nil {
			continue
		}
		for _, it := range f.Items {
			if strings.TrimSpace(it.Title) == "" && strings.TrimSpace(it.Summary) == "" {
				continue
			}
			out = append(out, detect.Input{Source: filepath.Base(p), Title: it.Title, Text: it.Summary, DeclaredLanguage: it.DeclaredLanguage})
		}
	}
	return out
}

// BenchmarkAnalyzeCorpus analyses every story of the corpus feeds (title
// and summary, with the feed's declared language, as a poll does) once per
// iteration and reports stories per CPU-second, from getrusage: on a shared
// machine CPU time varies far less than wall time. "cold" analyses each
// iteration's stories under new source names, as a first poll of those
// feeds would; "warm" under the same names, as later polls of the same
// feeds do once the detector knows them.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	stories := corpusStories(b)
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			d := newFresh(b)
			if mode == "warm" {
				for _, in := range stories {
					d.Analyze(in)
				}
			}
			ins := make([]detect.Input, len(stories))
			copy(ins, stories)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cputime.Used(b)
			n := 0
			for b.Loop() {
				if mode == "cold" {
					for i := range ins {
						ins[i].Source = fmt.Sprintf("%s#%d", stories[i].Source, n)
					}
				}
				for _, in := range ins {
					d.Analyze(in)
				}
				n++
			}
			used := cputime.Used(b) - cpu
			b.ReportMetric(float64(n*len(ins))/(float64(used)/1e9), "stories/cpu-s")
			b.ReportMetric(float64(used)/float64(n*len(ins)), "cpu-ns/story")
		})
	}
}
