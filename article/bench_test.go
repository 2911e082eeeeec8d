package article_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wirewatch/wirewatch/article"
)

// BenchmarkExtract extracts the article of pages of different sizes: a
// small page written for the tests, and the corpus's largest article
// pages when WIREWATCH_CORPUS is set.
func BenchmarkExtract(b *testing.B) {
	pages := map[string]string{"missile-en-4KB": filepath.Join("testdata", "missile-en.html")}
	if dir := os.Getenv("WIREWATCH_CORPUS"); dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join("..", dir)
		}
		pages["bbc-1-264KB"] = filepath.Join(dir, "articles", "en", "bbc-1.html")
		pages["qq-320KB"] = filepath.Join(dir, "articles", "zh", "qq.html")
		pages["politico-95KB"] = filepath.Join(dir, "articles", "en", "politico.html")
	}
	for name, path := range pages {
		page, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := article.Extract(page, "text/html", "https://example.org/a"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
