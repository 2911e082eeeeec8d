package feeds

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// corpusResult is what the real fetch-and-parse path made of one file.
type corpusResult struct {
	feed *Feed
	err  error
}

// runCorpus fetches (as a plain path) and parses every file under the
// corpus's feeds/ and malformed/ directories.
func runCorpus(t *testing.T) map[string]corpusResult {
	t.Helper()
	dir := corpusDir(t)
	var files []string
	for _, sub := range []string{"feeds", "malformed"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	f := NewFetcher(Options{Logger: discardLogger()})
	results := make(map[string]corpusResult, len(files))
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		resp, err := f.Fetch(context.Background(), Request{URL: path})
		if err != nil {
			results[filepath.ToSlash(rel)] = corpusResult{err: err}
			continue
		}
		feed, err := Parse(resp.Body, resp.ContentType, ParseOptions{Feed: rel, BaseURL: resp.FinalURL, Now: testNow})
		results[filepath.ToSlash(rel)] = corpusResult{feed: feed, err: err}
	}
	return results
}

func TestCorpus(t *testing.T) {
	results := runCorpus(t)
	names := make([]string, 0, len(results))
	for name := range results {
		names = append(names, name)
	}
	sort.Strings(names)
	ok, failed, items := 0, 0, 0
	for _, name := range names {
		r := results[name]
		switch {
		case r.err != nil:
			failed++
			t.Logf("%-55s error: %v", name, r.err)
			if !strings.HasPrefix(r.err.Error(), "not a feed") && !strings.HasPrefix(r.err.Error(), "parse feed") {
				t.Errorf("%s: unclear error %q", name, r.err)
			}
		default:
			ok++
			items += len(r.feed.Items)
			t.Logf("%-55s %4d items  %-12s %s", name, len(r.feed.Items), r.feed.Encoding, r.feed.Title)
		}
	}
	t.Logf("corpus totals: %d files, %d ok, %d erroring, %d items", len(names), ok, failed, items)
	if ok == 0 {
		t.Fatal("no corpus file parsed")
	}
}

// scriptShare is the share of the letters in s that are in one of tables.
func scriptShare(s string, tables ...*unicode.RangeTable) float64 {
	letters, in := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.In(r, tables...) {
			in++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(in) / float64(letters)
}

// TestCorpusFacts checks what SOURCES.md says about a few corpus files.
func TestCorpusFacts(t *testing.T) {
	results := runCorpus(t)
	cyrillic := []*unicode.RangeTable{unicode.Cyrillic}
	han := []*unicode.RangeTable{unicode.Han}
	japanese := []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana}
	hangul := []*unicode.RangeTable{unicode.Hangul}
	tests := []struct {
		file     string
		encoding string
		items    int // -1: do not check
		script   []*unicode.RangeTable
	}{
		{"malformed/synthetic-koi8r-ru.xml", "koi8-r", 2, cyrillic},
		{"malformed/synthetic-undeclared-koi8r-ru.xml", "koi8-r", 1, cyrillic},
		{"malformed/windows1251-ibash-ru.xml", "windows-1251", 50, cyrillic},
		{"feeds/ru/oren-ru-1.xml", "windows-1251", 10, cyrillic},
		{"feeds/ru/xakep-1.xml", "windows-1251", 25, cyrillic},
		{"malformed/synthetic-undeclared-gb2312-zh.xml", "gbk", 1, han},
		{"malformed/gb2312-forum-kc0011-zh.xml", "gbk", 20, han},
		{"malformed/synthetic-undeclared-big5-zh.xml", "big5", 0, han},
		{"malformed/synthetic-undeclared-euckr-ko.xml", "euc-kr", 1, hangul},
		{"malformed/synthetic-declared-euckr-ko.xml", "euc-kr", 0, hangul},
		{"malformed/synthetic-undeclared-eucjp-ja.xml", "euc-jp", 1, japanese},
		{"malformed/synthetic-undeclared-shiftjis-ja.xml", "shift_jis", 1, japanese},
		{"malformed/synthetic-utf8-korean-declared-latin1.xml", "utf-8", 1, hangul},
		{"malformed/synthetic-invalid-encoding-name.xml", "utf-8", 1, hangul},
		{"feeds/el/liberal-1.xml", "iso-8859-7", 1, []*unicode.RangeTable{unicode.Greek}},
		{"malformed/declared-utf16-actually-utf8-en.xml", "utf-8", 59, nil},
		{"malformed/gzip-bytes-named-xml.xml", "utf-8", 25, nil},
		{"malformed/unescaped-ampersand-guardian-world-en.xml", "utf-8", 54, nil},
		{"feeds/de/heise-1.xml", "utf-8", 60, nil},
		{"feeds/ru/lenta-1.xml", "utf-8", 198, cyrillic}, // 200 entries, 2 repeated guids
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, ok := results[tt.file]
			if !ok {
				t.Fatalf("%s not in corpus", tt.file)
			}
			if r.err != nil {
				t.Fatalf("Parse: %v", r.err)
			}
			if r.feed.Encoding != tt.encoding {
				t.Errorf("encoding: got %v, want %v", r.feed.Encoding, tt.encoding)
			}
			if tt.items >= 0 && len(r.feed.Items) != tt.items {
				t.Errorf("items: got %v, want %v", len(r.feed.Items), tt.items)
			}
			if tt.script != nil {
				var b strings.Builder
				b.WriteString(r.feed.Title)
				for _, it := range r.feed.Items {
					b.WriteString(" " + it.Title + " " + it.Summary)
				}
				if share := scriptShare(b.String(), tt.script...); share < 0.5 {
					t.Errorf("share of letters in the expected script: got %.2f, want >= 0.5 (%.80q)", share, b.String())
				}
			}
		})
	}
	// heise has no dates at all: every story falls back to now.
	for _, it := range results["feeds/de/heise-1.xml"].feed.Items {
		if !it.Published.Equal(testNow) {
			t.Errorf("heise: Published got %v, want %v", it.Published, testNow)
			break
		}
	}
}
