package article_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/detect"
)

// Aims for extraction plus noise removal over the corpus article pages.
const (
	aimStoryKept     = 0.99
	aimChromeRemoved = 0.85
)

// TestEvalArticles measures what extraction followed by detect's noise
// removal keeps of the corpus article pages: the share of story tokens
// kept and of chrome tokens removed, by the rule of detect's
// TestEvalArticles (words, Han and kana characters; story is the page's
// expected text, chrome the rest of the page's text). For the pages whose
// expected text is cut short, testdata/story-labels.txt names the element
// that holds the story (see docs/EVALUATION.md, "Articles"). The table
// also shows the figures under the unlabelled rule, for comparison.
func TestEvalArticles(t *testing.T) {
	root := filepath.Join(corpusDir(t), "articles")
	d, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("detect.New: %v", err)
	}
	labels := readLabels(t, filepath.Join("testdata", "story-labels.txt"))
	pages, err := filepath.Glob(filepath.Join(root, "*", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| page | lang | story tokens kept | chrome tokens removed | extraction alone: story kept | extraction alone: chrome removed | unlabelled: story kept | unlabelled: chrome removed | detected |\n|---|---|---|---|---|---|---|---|---|\n")
	var story, chrome, storyEx, chromeEx, storyRaw, chromeRaw tally
	used := map[string]bool{}
	for _, p := range pages {
		if strings.HasSuffix(p, ".expected.html") {
			continue
		}
		base := strings.TrimSuffix(p, ".html")
		expected, ok := expectedText(t, base)
		if !ok {
			continue
		}
		rel := filepath.ToSlash(strings.TrimPrefix(base, root+string(filepath.Separator)))
		page := readFile(t, p)
		_, pageTxt := pageText(t, page)
		labelled := expected
		if sel, ok := labels[rel]; ok {
			labelled = storyOf(t, page, sel)
			used[rel] = true
		}
		lang := filepath.Base(filepath.Dir(p))
		clean, extracted, detected := "", "", "-"
		ex, err := article.Extract([]byte(page), "text/html", "https://example.org/"+rel)
		if err != nil {
			t.Logf("%s: %v (counted as keeping nothing)", rel, err)
		} else {
			a := d.Analyze(detect.Input{Source: rel, Title: ex.Title, Text: ex.Text, DeclaredLanguage: ex.Language})
			clean, extracted, detected = a.CleanText, ex.Text, a.Language
			if a.Language != lang {
				t.Errorf("%s: Language = %q, want %q", rel, a.Language, lang)
			}
		}
		s, c := compareTokens(tokens(labelled), tokens(pageTxt), tokens(clean))
		se, ce := compareTokens(tokens(labelled), tokens(pageTxt), tokens(extracted))
		sr, cr := compareTokens(tokens(expected), tokens(pageTxt), tokens(clean))
		story.addAll(s)
		chrome.addAll(c)
		storyEx.addAll(se)
		chromeEx.addAll(ce)
		storyRaw.addAll(sr)
		chromeRaw.addAll(cr)
		fmt.Fprintf(&b, "| %s | %s | %v | %v | %v | %v | %v | %v | %s |\n", filepath.Base(base), lang, s, c, se, ce, sr, cr, detected)
		if testing.Verbose() && os.Getenv("WIREWATCH_EVAL_ARTICLES") == "1" {
			t.Logf("%s kept:\n%s", rel, clean)
		}
	}
	fmt.Fprintf(&b, "| all | | %v | %v | %v | %v | %v | %v | |\n", story, chrome, storyEx, chromeEx, storyRaw, chromeRaw)
	t.Log(b.String())
	for rel := range labels {
		if !used[rel] {
			t.Errorf("story-labels.txt: %s: no such page with an expected text", rel)
		}
	}
	if story.total == 0 {
		t.Fatalf("no article with an expected text under %s", root)
	}
	if story.rate() < aimStoryKept {
		t.Errorf("story tokens kept: %v, want at least %.0f%%", story, 100*aimStoryKept)
	}
	if chrome.rate() < aimChromeRemoved {
		t.Errorf("chrome tokens removed: %v, want at least %.0f%%", chrome, 100*aimChromeRemoved)
	}
}

// tally counts right and total tokens.
type tally struct{ right, total int }

// addAll adds another tally.
func (t *tally) addAll(o tally) { t.right += o.right; t.total += o.total }

// rate returns the share of right tokens.
func (t tally) rate() float64 { return float64(t.right) / float64(t.total) }

// String formats the tally as "right/total (pct)".
func (t tally) String() string {
	if t.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", t.right, t.total, 100*t.rate())
}

// corpusDir returns $WIREWATCH_CORPUS, skipping the test when it is unset.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	p := os.Getenv("WIREWATCH_CORPUS")
	if p == "" {
		tb.Skip("WIREWATCH_CORPUS is not set; set it to the corpus directory (CI: ../shared/corpus)")
	}
	if !filepath.IsAbs(p) {
		// Relative to the module root, one level up from this package.
		p = filepath.Join("..", p)
	}
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("WIREWATCH_CORPUS: %v", err)
	}
	return p
}

// readFile reads a file or fails the test.
func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return string(b)
}

// selector names an element by tag and class.
type selector struct{ tag, class string }

// readLabels reads story-labels.txt: page, then tag.class.
func readLabels(tb testing.TB, path string) map[string]selector {
	tb.Helper()
	m := map[string]selector{}
	sc := bufio.NewScanner(strings.NewReader(readFile(tb, path)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		tag, class, ok := strings.Cut(f[len(f)-1], ".")
		if len(f) != 2 || !ok {
			tb.Fatalf("%s:%d: want a page and tag.class", path, n)
		}
		m[f[0]] = selector{tag, class}
	}
	return m
}

// storyOf returns the text of the p and h2-h4 children of the first
// element sel names.
func storyOf(tb testing.TB, page string, sel selector) string {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		tb.Fatalf("parse page: %v", err)
	}
	var found *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == sel.tag && slices.Contains(strings.Fields(attr(n, "class")), sel.class) {
			found = n
			break
		}
	}
	if found == nil {
		tb.Fatalf("no %s.%s in the page", sel.tag, sel.class)
	}
	var b strings.Builder
	for c := range found.ChildNodes() {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "p", "h2", "h3", "h4":
			for t := range c.Descendants() {
				if t.Type == html.TextNode {
					b.WriteString(t.Data)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// The functions below read the corpus as detect's TestEvalArticles does,
// so that the figures compare.

// expectedText returns the expected clean text of the page at base:
// base.expected.txt, the cleaned_text of base.expected.json, or the text
// of base.expected.html.
func expectedText(tb testing.TB, base string) (string, bool) {
	tb.Helper()
	if b, err := os.ReadFile(base + ".expected.txt"); err == nil {
		return string(b), true
	}
	if b, err := os.ReadFile(base + ".expected.json"); err == nil {
		var v struct {
			Expected struct {
				CleanedText string `json:"cleaned_text"`
			} `json:"expected"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			tb.Fatalf("%s.expected.json: %v", base, err)
		}
		return v.Expected.CleanedText, true
	}
	if b, err := os.ReadFile(base + ".expected.html"); err == nil {
		_, text := pageText(tb, string(b))
		return text, true
	}
	return "", false
}

// blockElements end a line of text.
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "td": true, "section": true,
	"article": true, "header": true, "footer": true, "nav": true, "ul": true, "ol": true,
	"figcaption": true, "figure": true, "blockquote": true, "aside": true,
	"dd": true, "dt": true, "table": true, "form": true, "button": true,
}

// pageText returns the title and the text of an HTML page, one line per
// block element, without scripts, styles and the head.
func pageText(tb testing.TB, page string) (string, string) {
	tb.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	var (
		b     bytes.Buffer
		title string
		skip  int
		inT   bool
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(title), b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch n := string(name); n {
			case "script", "style", "noscript", "template", "svg", "iframe":
				skip++
			case "title":
				inT = true
			default:
				if blockElements[n] {
					b.WriteByte('\n')
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); n {
			case "script", "style", "noscript", "template", "svg", "iframe":
				if skip > 0 {
					skip--
				}
			case "title":
				inT = false
			default:
				if blockElements[n] {
					b.WriteByte('\n')
				}
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			txt := string(z.Text())
			if inT {
				title += txt
				continue
			}
			b.WriteString(strings.Join(strings.Fields(txt), " "))
			b.WriteByte(' ')
		}
	}
}

// tokens splits text into lowercased words, and Han and kana into single
// characters.
func tokens(s string) map[string]int {
	m := make(map[string]int)
	var w []rune
	flush := func() {
		if len(w) > 0 {
			m[string(w)]++
			w = w[:0]
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			flush()
			m[string(r)]++
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			w = append(w, r)
		default:
			flush()
		}
	}
	flush()
	return m
}

// compareTokens returns how many expected (story) tokens the clean text
// kept, and how many of the page's other (chrome) tokens it removed.
func compareTokens(expected, page, clean map[string]int) (story, chrome tally) {
	for tok, n := range expected {
		story.total += n
		story.right += min(n, clean[tok])
	}
	for tok, n := range page {
		extra := n - expected[tok]
		if extra <= 0 {
			continue
		}
		chrome.total += extra
		keptExtra := max(0, clean[tok]-expected[tok])
		chrome.right += extra - min(extra, keptExtra)
	}
	return story, chrome
}
