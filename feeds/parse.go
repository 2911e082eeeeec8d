package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/wirewatch/wirewatch"
)

// ErrNotAFeed is returned, wrapped with the reason, when a body is not
// RSS, Atom or JSON Feed at all, e.g. an HTML page.
var ErrNotAFeed = errors.New("not a feed")

// ParseOptions says where a body came from.
type ParseOptions struct {
	// Feed is the configured feed name, copied to Item.Feed.
	Feed string
	// LanguageHint is the configured language; when set it wins over the
	// channel's own declaration.
	LanguageHint string
	// BaseURL resolves relative links; usually Response.FinalURL.
	BaseURL string
	// Now is the first-seen time and the fallback published time; zero
	// means the current time.
	Now time.Time
	// MaxItems keeps only the newest MaxItems entries (see Feed.Dropped);
	// 0 keeps every entry.
	MaxItems int
}

// Feed is a parsed feed.
type Feed struct {
	// Title is the feed's plain-text title.
	Title string
	// Language is the ISO 639-1 code from the channel's declaration
	// ("en-US" gives "en"), or "".
	Language string
	// Encoding names the character encoding the body was decoded from,
	// e.g. "utf-8", "windows-1251", "gbk".
	Encoding string
	// Items are the normalised stories, in feed order, without
	// duplicates.
	Items []*wirewatch.Item
	// Dropped counts the entries left out by ParseOptions.MaxItems: the
	// oldest ones.
	Dropped int `json:"-"`
}

// Parse decodes body to UTF-8 (see the package documentation), parses it
// as RSS 0.9x/1.0/2.0, Atom or JSON Feed, and normalises its entries.
// contentType is the HTTP Content-Type, whose charset is one piece of
// evidence for the encoding. A body that does not parse is tried once more
// after escaping bare ampersands. Parse never panics; every failure is an
// error.
func Parse(body []byte, contentType string, opts ParseOptions) (feed *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("parse feed: internal error: %v", r)
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w: empty body", ErrNotAFeed)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Now = opts.Now.UTC()

	text, enc := toUTF8(body, contentType)
	if !isJSON(text) {
		text, _ = dropIllegalCharRefs(text)
	}
	parsed, err := parseGofeed(text)
	if err != nil {
		return nil, err
	}
	out := &Feed{
		Title:    singleLine(PlainText(parsed.Title)),
		Language: primaryLanguage(parsed.Language),
		Encoding: enc,
	}
	base := opts.BaseURL
	if base == "" {
		base = parsed.Link
	}
	declared := primaryLanguage(opts.LanguageHint)
	if declared == "" {
		declared = out.Language
	}
	entries, dropped := newest(parsed.Items, opts.MaxItems)
	out.Dropped = dropped
	seen := make(map[string]bool, len(entries))
	for _, it := range entries {
		if it == nil {
			continue
		}
		item := normaliseItem(it, opts, base, declared)
		if seen[item.ID] {
			continue
		}
		seen[item.ID] = true
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// newGofeed returns a gofeed parser that leaves out what stories do not
// use: the fallback that finds an RSS item's image by parsing its HTML
// (one more HTML parse of every description and content, about a tenth
// of a parse).
func newGofeed() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// parseGofeed runs gofeed, with one repair attempt for malformed XML.
func parseGofeed(text []byte) (*gofeed.Feed, error) {
	parsed, err := newGofeed().Parse(bytes.NewReader(text))
	if err == nil {
		return parsed, nil
	}
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		if looksLikeHTML(text) {
			return nil, fmt.Errorf("%w: looks like an HTML page", ErrNotAFeed)
		}
		return nil, fmt.Errorf("%w: no RSS, Atom or JSON Feed document found", ErrNotAFeed)
	}
	if repaired, changed := repairXML(text); changed {
		if parsed, err2 := newGofeed().Parse(bytes.NewReader(repaired)); err2 == nil {
			return parsed, nil
		}
	}
	return nil, fmt.Errorf("parse feed: %w", err)
}

// repairXML makes conservative repairs to a document that failed to
// parse: bare ampersands are escaped, and a closing tag cut off at the
// very end ("</rss") is finished.
func repairXML(text []byte) ([]byte, bool) {
	out, changed := escapeBareAmpersands(text)
	trimmed := bytes.TrimRight(out, " \t\r\n")
	if i := bytes.LastIndexByte(trimmed, '<'); i >= 0 && bytes.IndexByte(trimmed[i:], '>') < 0 &&
		bytes.HasPrefix(trimmed[i:], []byte("</")) && len(trimmed)-i < 64 {
		out = append(trimmed[:len(trimmed):len(trimmed)], '>')
		changed = true
	}
	return out, changed
}

// htmlStart matches what an HTML page starts with, after any XML
// declaration, comments and white space.
var htmlStart = regexp.MustCompile(`(?is)^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])`)

// looksLikeHTML reports whether a body is an HTML page.
func looksLikeHTML(text []byte) bool {
	return htmlStart.Match(text[:min(len(text), 4096)])
}

// entityStart matches what may follow '&' in well-formed XML.
var entityStart = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_:][A-Za-z0-9_:.-]*);`)

// escapeBareAmpersands escapes every '&' that does not start an entity or
// character reference, outside CDATA sections. It reports whether it
// changed anything.
func escapeBareAmpersands(text []byte) ([]byte, bool) {
	if bytes.IndexByte(text, '&') < 0 {
		return text, false
	}
	var out bytes.Buffer
	out.Grow(len(text) + 64)
	changed := false
	for i := 0; i < len(text); {
		if bytes.HasPrefix(text[i:], []byte("<![CDATA[")) {
			end := bytes.Index(text[i:], []byte("]]>"))
			if end < 0 {
				out.Write(text[i:])
				break
			}
			out.Write(text[i : i+end+3])
			i += end + 3
			continue
		}
		c := text[i]
		if c == '&' && !entityStart.Match(text[i:min(len(text), i+40)]) {
			out.WriteString("&amp;")
			changed = true
		} else {
			out.WriteByte(c)
		}
		i++
	}
	return out.Bytes(), changed
}

// primaryLanguage reduces a language tag to its primary subtag, lower
// case, when that is a two-letter ISO 639-1 code ("en-US", "IT-it",
// "pt_BR"); anything else gives "".
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || !isASCIILetter(rune(tag[0])) || !isASCIILetter(rune(tag[1])) {
		return ""
	}
	return strings.ToLower(tag)
}
