package feeds

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rdf.xml", "jsonfeed.json", "bench-50.xml"} {
		f.Add(readTestdata(f, name), "")
	}
	for _, s := range legacySamples {
		f.Add(legacyFeed(f, s, ""), "")
		f.Add(legacyFeed(f, s, s.label), "text/xml; charset=iso-8859-1")
	}
	f.Add([]byte("<!doctype html><html></html>"), "text/html")
	f.Add([]byte(`<rss><channel><item><title>a &amp;amp; b</title><link>x?a=1&b=2</link></item></channel></rss`), "")
	if dir := os.Getenv("WIREWATCH_CORPUS"); dir != "" {
		dir = corpusDir(f)
		for _, sub := range []string{"feeds", "malformed"} {
			paths, _ := filepath.Glob(filepath.Join(dir, sub, "*", "*.xml"))
			more, _ := filepath.Glob(filepath.Join(dir, sub, "*.xml"))
			for _, p := range append(paths, more...) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
					f.Add(b, "")
				}
			}
		}
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := Parse(body, contentType, ParseOptions{Feed: "fuzz", BaseURL: "https://fuzz.example/feed", Now: now})
		if err != nil {
			if feed != nil {
				t.Fatalf("got a feed and an error %v", err)
			}
			return
		}
		seen := make(map[string]bool)
		for _, it := range feed.Items {
			if it.ID == "" {
				t.Fatalf("empty ID in %+v", it)
			}
			if seen[it.ID] {
				t.Fatalf("duplicate ID %q", it.ID)
			}
			seen[it.ID] = true
			if it.Published.IsZero() || !it.FirstSeen.Equal(now) {
				t.Fatalf("dates: published %v, first seen %v", it.Published, it.FirstSeen)
			}
		}
	})
}
