package detect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
)

// Accuracy aims over the corpus feeds, for the default languages.
const (
	aimHeadlines = 0.95
	aimSummaries = 0.99
)

// tally counts right and total answers.
type tally struct{ right, total int }

// add counts one answer.
func (t *tally) add(ok bool) {
	t.total++
	if ok {
		t.right++
	}
}

// String formats the tally as "right/total (pct)".
func (t tally) String() string {
	if t.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", t.right, t.total, 100*float64(t.right)/float64(t.total))
}

// rate returns the share of right answers.
func (t tally) rate() float64 { return float64(t.right) / float64(t.total) }

// share counts a part of a whole, such as the runes removed from texts.
type share struct{ part, whole int }

// String formats the share as a percentage.
func (s share) String() string {
	if s.whole == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(s.part)/float64(s.whole))
}

// nonSpaceRunes counts the runes of s that are not spaces, as the
// detector's noise ratio does.
func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// TestEvalFeeds measures language detection over the corpus feeds, whose
// language is the name of their directory: headlines with the feed's
// declared language, headlines alone, and summaries (with the declared
// language, without the title), and whole stories as a poll analyses them
// (title and summary, with the feed's declared language and name, so that
// the detector learns each feed's language as it goes, feed after feed).
// Items with an empty text are left out.
// It also reports the share of summary runes removed as noise, which
// should stay small: summaries are mostly story. WIREWATCH_EVAL_HIGH=1
// runs it in high-accuracy mode; WIREWATCH_EVAL_NOISE=1 with -v logs
// every segment removed from a summary, to check that it is noise.
func TestEvalFeeds(t *testing.T) {
	root := filepath.Join(corpusDir(t), "feeds")
	d := newDefault(t)
	if os.Getenv("WIREWATCH_EVAL_HIGH") == "1" {
		// The same evaluation in high-accuracy mode, to compare.
		var err error
		if d, err = detect.New(detect.Options{HighAccuracy: true}); err != nil {
			t.Fatalf("New: %v", err)
		}
	}
	paths, err := filepath.Glob(filepath.Join(root, "*", "*.xml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no feeds under %s: %v", root, err)
	}
	showNoise := os.Getenv("WIREWATCH_EVAL_NOISE") == "1" && testing.Verbose()
	polled := newFresh(t)
	type row struct {
		head, headBare, summary, story tally
		removed                        share
	}
	rows := make(map[string]*row)
	for _, p := range paths {
		lang := filepath.Base(filepath.Dir(p))
		f, err := feeds.Parse([]byte(readFile(t, p)), "", feeds.ParseOptions{Feed: filepath.Base(p)})
		if err != nil {
			t.Logf("%s: %v (skipped)", p, err)
			continue
		}
		r := rows[lang]
		if r == nil {
			r = &row{}
			rows[lang] = r
		}
		for _, it := range f.Items {
			if strings.TrimSpace(it.Title) != "" || strings.TrimSpace(it.Summary) != "" {
				a := polled.Analyze(detect.Input{Source: filepath.Base(p), Title: it.Title, Text: it.Summary, DeclaredLanguage: it.DeclaredLanguage})
				r.story.add(a.Language == lang)
				if testing.Verbose() && a.Language != lang {
					t.Logf("story %s: got %s (%.2f) declared %q: %q", filepath.Base(p), a.Language, a.Confidence, it.DeclaredLanguage, it.Title)
				}
			}
			if strings.TrimSpace(it.Title) != "" {
				a := d.Analyze(detect.Input{Title: it.Title, DeclaredLanguage: it.DeclaredLanguage})
				r.head.add(a.Language == lang)
				b := d.Analyze(detect.Input{Title: it.Title})
				r.headBare.add(b.Language == lang)
				if testing.Verbose() && a.Language != lang {
					t.Logf("headline %s: got %s (%.2f) declared %q: %q", filepath.Base(p), a.Language, a.Confidence, it.DeclaredLanguage, it.Title)
				}
			}
			if strings.TrimSpace(it.Summary) != "" {
				a := d.Analyze(detect.Input{Text: it.Summary, DeclaredLanguage: it.DeclaredLanguage})
				r.removed.whole += nonSpaceRunes(it.Summary)
				for _, n := range a.Noise {
					r.removed.part += nonSpaceRunes(n.Text)
					if showNoise {
						t.Logf("noise %s %s: %q", filepath.Base(p), n.Reason, n.Text)
					}
				}
				if a.CleanText == "" {
					continue
				}
				r.summary.add(a.Language == lang)
				if testing.Verbose() && a.Language != lang {
					t.Logf("summary %s: got %s (%.2f) declared %q: %.120q", filepath.Base(p), a.Language, a.Confidence, it.DeclaredLanguage, a.CleanText)
				}
			}
		}
	}
	defaults := detect.DefaultLanguages()
	langs := make([]string, 0, len(rows))
	for l := range rows {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var tot row
	var b strings.Builder
	fmt.Fprintf(&b, "\n| lang | headlines (declared) | headlines (bare) | summaries | stories as polled | summary runes removed |\n|---|---|---|---|---|---|\n")
	for _, l := range langs {
		r := rows[l]
		mark := ""
		if !slices.Contains(defaults, l) {
			mark = " (not default)"
		} else {
			tot.head.right += r.head.right
			tot.head.total += r.head.total
			tot.headBare.right += r.headBare.right
			tot.headBare.total += r.headBare.total
			tot.summary.right += r.summary.right
			tot.summary.total += r.summary.total
			tot.story.right += r.story.right
			tot.story.total += r.story.total
			tot.removed.part += r.removed.part
			tot.removed.whole += r.removed.whole
		}
		fmt.Fprintf(&b, "| %s%s | %v | %v | %v | %v | %v |\n", l, mark, r.head, r.headBare, r.summary, r.story, r.removed)
	}
	fmt.Fprintf(&b, "| default languages | %v | %v | %v | %v | %v |\n", tot.head, tot.headBare, tot.summary, tot.story, tot.removed)
	t.Log(b.String())
	if tot.head.rate() < aimHeadlines {
		t.Errorf("headlines: %v, want at least %.0f%%", tot.head, 100*aimHeadlines)
	}
	if tot.summary.rate() < aimSummaries {
		t.Errorf("summaries: %v, want at least %.0f%%", tot.summary, 100*aimSummaries)
	}
	if tot.story.rate() < aimSummaries {
		t.Errorf("stories as polled: %v, want at least %.0f%%", tot.story, 100*aimSummaries)
	}
}

// TestEvalArticles measures noise removal on the corpus article pages: the
// page's text is analysed as a story and compared with the extractor's
// expected clean text, by words (by characters for Han and kana): how much
// of the story is kept, and how much of the rest (chrome) is removed.
func TestEvalArticles(t *testing.T) {
	root := filepath.Join(corpusDir(t), "articles")
	d := newDefault(t)
	pages, err := filepath.Glob(filepath.Join(root, "*", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n| page | lang | story tokens kept | chrome tokens removed | detected |\n|---|---|---|---|---|\n")
	var storyAll, chromeAll tally
	for _, p := range pages {
		if strings.HasSuffix(p, ".expected.html") {
			continue
		}
		base := strings.TrimSuffix(p, ".html")
		expected, ok := expectedText(t, base)
		if !ok {
			continue
		}
		title, text := pageText(t, readFile(t, p))
		lang := filepath.Base(filepath.Dir(p))
		a := d.Analyze(detect.Input{Source: filepath.Base(base), Title: title, Text: text})
		story, chrome := compareTokens(tokens(expected), tokens(text), tokens(a.CleanText))
		storyAll.right += story.right
		storyAll.total += story.total
		chromeAll.right += chrome.right
		chromeAll.total += chrome.total
		fmt.Fprintf(&b, "| %s | %s | %v | %v | %s |\n", filepath.Base(base), lang, story, chrome, a.Language)
		if a.Language != lang {
			t.Errorf("%s: Language = %q, want %q", filepath.Base(base), a.Language, lang)
		}
	}
	fmt.Fprintf(&b, "| all | | %v | %v | |\n", storyAll, chromeAll)
	t.Log(b.String())
	if storyAll.total == 0 {
		t.Fatalf("no article with an expected text under %s", root)
	}
}

// expectedText returns the expected clean text of the page at base:
// base.expected.txt, the cleaned_text of base.expected.json (which the
// goose extractor may have cut short), or the text of base.expected.html.
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
	"figcaption": true, "figure": true, "blockquote": true, "aside": true, "a": false,
	"span": false, "dd": true, "dt": true, "table": true, "form": true, "button": true,
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
