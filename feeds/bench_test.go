package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/cputime"
	"github.com/wirewatch/wirewatch/internal/golden"
)

// benchFeed renders a deterministic RSS 2.0 feed of n stories shaped like
// a real wire feed: HTML descriptions of a few paragraphs, tracking
// parameters on links, categories, authors, CDATA and entities.
func benchFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Benchmark Wire</title>
<link>https://bench.example/</link>
<description>Generated for benchmarks</description>
<language>en-gb</language>
`)
	topics := []string{"Earthquake", "Sanctions", "Election", "Markets", "Storm", "Summit", "Missile test", "Floods"}
	places := []string{"Chile", "Japan", "Kenya", "Norway", "Peru", "Vietnam", "Greece", "Canada"}
	start := time.Date(2026, 2, 1, 6, 0, 0, 0, time.UTC)
	for i := range n {
		topic, place := topics[i%len(topics)], places[(i/3)%len(places)]
		fmt.Fprintf(&b, `<item>
<title>%s in %s: officials give update &amp; outline next steps (%d)</title>
<link>https://bench.example/news/%d-%s?utm_source=rss&amp;utm_medium=feed&amp;ref=home</link>
<guid isPermaLink="false">bench-%05d</guid>
<pubDate>%s</pubDate>
<dc:creator>Desk %d</dc:creator>
<category>World</category><category>%s</category>
<description><![CDATA[<p>%s reported in %s on %s. Authorities said the situation was being monitored closely and that further information would follow during the day.</p><p>Residents were advised to follow official channels. <a href="https://bench.example/live">Live updates</a> &mdash; <em>analysis</em> to come.</p><p>Correspondents in the region said that the &ldquo;next 24 hours&rdquo; would be decisive for the response.</p>]]></description>
</item>
`, topic, place, i, i, strings.ToLower(strings.ReplaceAll(topic, " ", "-")), i, start.Add(time.Duration(i)*17*time.Minute).Format(time.RFC1123Z), i%7, topic, topic, place, start.Format("2 January"))
	}
	b.WriteString("</channel>\n</rss>\n")
	return []byte(b.String())
}

// TestBenchFeedFixture keeps testdata/bench-50.xml in step with benchFeed
// (regenerate with -update) and checks it parses to 50 stories.
func TestBenchFeedFixture(t *testing.T) {
	path := filepath.Join("testdata", "bench-50.xml")
	if golden.Updating() {
		if err := os.WriteFile(path, benchFeed(50), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	body := readTestdata(t, "bench-50.xml")
	if string(body) != string(benchFeed(50)) {
		t.Fatal("testdata/bench-50.xml is stale; run go test -run TestBenchFeedFixture -update")
	}
	feed, err := Parse(body, "", ParseOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 50 {
		t.Errorf("items: got %v, want 50", len(feed.Items))
	}
}

func BenchmarkParse(b *testing.B) {
	body := readTestdata(b, "bench-50.xml")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		feed, err := Parse(body, "application/rss+xml", ParseOptions{Feed: "bench", Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		items += len(feed.Items)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkParseLegacy measures the encoding detector's cost: the same
// feed in windows-1251, undeclared.
func BenchmarkParseLegacy(b *testing.B) {
	s := legacySamples[0]
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`)
	for i := range 50 {
		fmt.Fprintf(&doc, "<item><guid>%d</guid><title>%s</title><description>%s %s</description></item>", i, s.title, s.summary, s.summary)
	}
	doc.WriteString("</channel></rss>")
	body, _ := s.enc.NewEncoder().Bytes([]byte(doc.String()))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		feed, err := Parse(body, "", ParseOptions{Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		items += len(feed.Items)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

func BenchmarkFetchParse(b *testing.B) {
	body := readTestdata(b, "bench-50.xml")
	gz := gzipBytes(b, body)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz)
	}))
	defer srv.Close()
	f := NewFetcher(Options{Logger: discardLogger()})
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	items := 0
	for b.Loop() {
		resp, err := f.Fetch(ctx, Request{URL: srv.URL})
		if err != nil {
			b.Fatal(err)
		}
		feed, err := Parse(resp.Body, resp.ContentType, ParseOptions{Feed: "bench", BaseURL: resp.FinalURL, Now: testNow})
		if err != nil {
			b.Fatal(err)
		}
		items += len(feed.Items)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkParseCorpus parses every feed file of the corpus
// (WIREWATCH_CORPUS), as served without a declared charset; each op is
// the whole corpus. It reports CPU microseconds per story (getrusage, so
// that the figure holds on a shared machine) beside the usual per-op
// figures.
func BenchmarkParseCorpus(b *testing.B) {
	bodies := corpusBodies(b)
	size := 0
	for _, body := range bodies {
		size += len(body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	stories := 0
	began := cputime.Used(b)
	for b.Loop() {
		for _, body := range bodies {
			feed, err := Parse(body, "application/xml", ParseOptions{Feed: "bench", Now: testNow})
			if err != nil {
				b.Fatal(err)
			}
			stories += len(feed.Items)
		}
	}
	b.ReportMetric(float64((cputime.Used(b)-began).Microseconds())/float64(stories), "cpu-us/story")
}

// corpusBodies reads every file of $WIREWATCH_CORPUS/feeds, sorted by
// path.
func corpusBodies(tb testing.TB) [][]byte {
	tb.Helper()
	root := filepath.Join(corpusDir(tb), "feeds")
	var bodies [][]byte
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(p)
		bodies = append(bodies, body)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return bodies
}
