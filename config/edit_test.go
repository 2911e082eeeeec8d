package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/internal/golden"
)

// newFeeds are the feeds every edit test adds: a duplicate of a feed in
// block.yaml, written differently; a name taken; titles in two scripts;
// a duplicate within the batch.
var newFeeds = []NewFeed{
	{URL: "http://feeds.bbci.co.uk/news/world/rss.xml/?utm_source=opml", Title: "BBC News - World"},
	{URL: "https://www3.nhk.or.jp/rss/news/cat6.xml", Title: "NHK ニュース 国際", Tags: []string{"Asia", "Japan"}},
	{URL: "https://www.yna.co.kr/rss/politics.xml", Name: "yonhap-nk", Language: "ko", Tags: []string{"Asia"}},
	{URL: "https://tass.ru/rss/v2.xml", Title: "ТАСС: Главное", FetchArticle: article.On},
	{URL: "https://TASS.ru:443/rss/v2.xml#top", Title: "TASS again"},
	{URL: "https://example.org/feed.xml", Title: "  ", FetchArticle: article.Auto},
}

// TestEditorGolden adds newFeeds to each testdata/edit/*.yaml and
// compares the result with the .golden file beside it. Every result must
// decode to the input's settings plus the new feeds, and every line of
// the input must still be there, in order, unless the input's list is
// one that is re-encoded (flow.yaml) or empty (empty-list.yaml, whose
// `feeds: []` line becomes `feeds:`).
func TestEditorGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "edit", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no edit testdata: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			e, err := NewEditor("config.yaml", src)
			if err != nil {
				t.Fatalf("NewEditor: %v", err)
			}
			var report []string
			for _, nf := range newFeeds {
				a, err := e.AddFeed(nf)
				if err != nil {
					t.Fatalf("AddFeed(%s): %v", nf.URL, err)
				}
				report = append(report, a.Name+"|"+a.Duplicate)
			}
			out, err := e.Bytes()
			if err != nil {
				t.Fatalf("Bytes: %v", err)
			}
			golden.Assert(t, strings.TrimSuffix(f, ".yaml")+".golden", out)

			kept := string(src)
			if name == "empty-list" {
				// The empty list's own line becomes the list's key.
				kept = strings.Replace(kept, "feeds: []   # none yet\n", "", 1)
			}
			if name != "flow" && !keepsLines(kept, string(out)) {
				t.Errorf("the edit lost or reordered lines of the input:\n%s", out)
			}
			checkDecodes(t, src, out)
			if _, err := Parse("config.yaml", out, noEnv); err != nil {
				t.Errorf("the edited file does not load: %v", err)
			}
			t.Logf("added: %v", report)
		})
	}
}

// keepsLines reports whether every line of in appears in out, in order.
func keepsLines(in, out string) bool {
	outLines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	j := 0
	for _, l := range strings.Split(strings.ReplaceAll(in, "\r\n", "\n"), "\n") {
		for j < len(outLines) && outLines[j] != l {
			j++
		}
		if j == len(outLines) {
			return false
		}
		j++
	}
	return true
}

// checkDecodes checks that out holds in's settings, with feeds grown.
func checkDecodes(t *testing.T, in, out []byte) {
	t.Helper()
	var before, after map[string]any
	if err := yaml.Unmarshal(in, &before); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(out, &after); err != nil {
		t.Fatalf("edited file does not parse: %v", err)
	}
	for k, v := range before {
		if k == "feeds" {
			continue
		}
		if !reflect.DeepEqual(after[k], v) {
			t.Errorf("%s changed: %v, want %v", k, after[k], v)
		}
	}
	old, _ := before["feeds"].([]any)
	grown, _ := after["feeds"].([]any)
	if len(grown) <= len(old) || (len(old) > 0 && !reflect.DeepEqual(grown[:len(old)], old)) {
		t.Errorf("feeds = %v, want the old ones %v then new ones", grown, old)
	}
}

func TestFeedKey(t *testing.T) {
	same := [][]string{
		{"https://Example.org/feed/", "http://example.org/feed", "https://example.org:443/feed?utm_source=x", "https://example.org/feed#top"},
		{"https://example.org/rss?cat=world", "http://example.org/rss?cat=world&fbclid=1"},
	}
	for _, group := range same {
		for _, u := range group[1:] {
			if FeedKey(u) != FeedKey(group[0]) {
				t.Errorf("FeedKey(%q) = %q, want the same as FeedKey(%q) = %q", u, FeedKey(u), group[0], FeedKey(group[0]))
			}
		}
	}
	if FeedKey("https://example.org/rss?cat=world") == FeedKey("https://example.org/rss?cat=asia") {
		t.Error("feeds that differ by a query parameter have the same key")
	}
	if got := FeedKey("feeds/local.xml"); got != "feeds/local.xml" {
		t.Errorf("FeedKey(local path) = %q, want it as written", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"BBC News - World":         "bbc-news-world",
		"ТАСС: Главное":            "тасс-главное",
		"NHK ニュース 国際":              "nhk-ニュース-国際",
		"  --  ":                   "",
		"Le Monde.fr - Actualités": "le-monde-fr-actualités",
		strings.Repeat("abc ", 20): "abc-abc-abc-abc-abc-abc-abc-abc-abc-abc",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEditorSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	src := "# mine\nfeeds:\n  - url: https://example.org/a.xml\n"
	if err := os.WriteFile(path, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	e, err := OpenEditor(link)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := e.AddFeed(NewFeed{URL: "https://example.org/b.xml", Title: "B"}); a.Name != "b" {
		t.Errorf("AddFeed name = %q, want b", a.Name)
	}
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	// The link still names the file, which has the feed and its mode.
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v", err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after Save = %v, %v; want 0640", fi.Mode().Perm(), err)
	}
	got, _ := os.ReadFile(path)
	if want := src + "  - url: https://example.org/b.xml\n    name: b\n"; string(got) != want {
		t.Errorf("saved file =\n%s\nwant\n%s", got, want)
	}
	// The editor goes on from the saved file.
	if a, _ := e.AddFeed(NewFeed{URL: "http://example.org/b.xml"}); a.Duplicate != "b" {
		t.Errorf("AddFeed after Save = %+v, want a duplicate of b", a)
	}

	// A file that does not exist is created.
	fresh := filepath.Join(dir, "new.yaml")
	e, err = OpenEditor(fresh)
	if err != nil {
		t.Fatal(err)
	}
	e.AddFeed(NewFeed{URL: "https://example.org/c.xml"})
	if err := e.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(fresh)
	if want := "feeds:\n  - url: https://example.org/c.xml\n    name: example.org/c.xml\n"; string(got) != want {
		t.Errorf("new file =\n%s\nwant\n%s", got, want)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode = %v, want 0600", fi.Mode().Perm())
	}
}

func TestEditorRefuses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"feeds: {url: x}\n", "config.yaml:1: feeds: expected a list, got a mapping"},
		{"- a\n- b\n", "config.yaml:1: the file must be a mapping of settings"},
		{"feeds:\n  - url: [\n", "config.yaml:2: did not find expected node content"},
	} {
		_, err := NewEditor("config.yaml", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("NewEditor(%q) = %v, want an error starting %q", c.src, err, c.want)
		}
	}
}
