package article

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/text"
)

// Limits on extraction.
const (
	// maxElements refuses pages with more elements than a news article
	// ever has; readability's work grows with the element count.
	maxElements = 50000
	// MaxTextRunes caps an article's text; matching and storage need no
	// more than a long article's worth.
	MaxTextRunes = 40000
)

// ErrNoArticle is returned, wrapped, when a page holds no readable
// article (an index page, a video, a consent wall).
var ErrNoArticle = errors.New("no article found")

// Extracted is the readable part of an article page.
type Extracted struct {
	// Title is the article's title as the page gives it.
	Title string
	// Text is the article's text: paragraphs separated by a blank line,
	// at most MaxTextRunes runes.
	Text string
	// Language is the primary subtag of the page's declared language
	// ("pt-BR" gives "pt"), or "".
	Language string
}

// Extract finds the article in an HTML page: body as fetched,
// contentType its HTTP Content-Type, pageURL where it came from. The page
// is decoded to UTF-8 first, whatever its charset.
func Extract(body []byte, contentType, pageURL string) (Extracted, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return Extracted{}, fmt.Errorf("extract: page url: %w", err)
	}
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	a, err := p.Parse(bytes.NewReader(feeds.DecodePage(body, contentType)), u)
	if err != nil {
		return Extracted{}, fmt.Errorf("extract: %w", err)
	}
	if a.Node == nil {
		return Extracted{}, fmt.Errorf("extract: %w", ErrNoArticle)
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return Extracted{}, fmt.Errorf("extract: %w", err)
	}
	readable := strings.TrimSpace(b.String())
	if readable == "" {
		return Extracted{}, fmt.Errorf("extract: %w", ErrNoArticle)
	}
	return Extracted{
		Title:    text.OneLine(a.Title()),
		Text:     truncateRunes(readable, MaxTextRunes),
		Language: primaryLanguage(a.Language()),
	}, nil
}

// truncateRunes cuts s to at most n runes, at a line break when one is
// near the end.
func truncateRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			cut := s[:i]
			if j := strings.LastIndexByte(cut, '\n'); j > len(cut)*9/10 {
				cut = cut[:j]
			}
			return strings.TrimSpace(cut)
		}
		count++
	}
	return s
}

// primaryLanguage returns the lower-case primary subtag of a language
// tag when it is a two-letter code, else "".
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	tag = strings.ToLower(tag)
	if tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
