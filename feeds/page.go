package feeds

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on what ReadPage keeps from a page.
const (
	// metaPeek is how far into a page its meta charset is looked for. The
	// HTML standard's prescan reads 1024 bytes; real pages put long
	// scripts and comments first, so this reads further.
	metaPeek = 8 << 10
	// maxAlternates caps the feeds one page may declare.
	maxAlternates = 32
	// maxPageTitleRunes caps a page's or an alternate's title.
	maxPageTitleRunes = 300
)

// Page is what a web page says about itself in its markup: its title and
// language, and the feeds it declares.
type Page struct {
	// Title is the page's <title>, as one line of plain text.
	Title string
	// Language is the primary subtag of <html lang> ("en-GB" gives "en"),
	// or "".
	Language string
	// Alternates are the feeds declared by <link rel="alternate"> (or
	// rel="feed") elements, in document order, without duplicates.
	Alternates []Alternate
}

// Alternate is one feed a page declares.
type Alternate struct {
	// URL is absolute and canonical (see CanonicalLink); always http(s).
	URL string
	// Type is the declared media type, such as application/rss+xml; empty
	// for rel="feed" without one.
	Type string
	// Title is the link's title attribute, if any.
	Title string
}

// feedTypes are the media types of <link rel="alternate"> elements that
// name feeds.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/rdf+xml":   true,
	"application/json":      true,
	"application/xml":       true,
	"text/xml":              true,
}

// DecodePage returns an HTML page as UTF-8. The evidence is weighed as for
// feeds (see Parse): a byte order mark, then bytes that are valid UTF-8
// whatever is declared, then the page's meta charset and the Content-Type
// charset, which are favoured but can be overruled by a decoding that
// reads clearly better.
func DecodePage(body []byte, contentType string) []byte {
	text, _ := toUTF8Declared(body, contentType, metaCharset(body))
	return text
}

// metaCharset returns the charset a page declares in a <meta charset> or
// <meta http-equiv="Content-Type"> element near its start.
func metaCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), metaPeek)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return ""
			case atom.Meta:
				if !hasAttr {
					continue
				}
				attrs := attributes(z)
				if cs := strings.TrimSpace(attrs["charset"]); cs != "" {
					return cs
				}
				if strings.EqualFold(strings.TrimSpace(attrs["http-equiv"]), "content-type") {
					if _, params, err := mime.ParseMediaType(attrs["content"]); err == nil && params["charset"] != "" {
						return params["charset"]
					}
				}
			}
		}
	}
}

// ReadPage reads an HTML page's title, language and declared feeds. body
// is the page as fetched (DecodePage is applied), contentType its HTTP
// Content-Type and pageURL the URL it came from (Response.FinalURL), which
// relative links are resolved against unless the page has a <base href>.
// Links that are not http(s) are left out.
func ReadPage(body []byte, contentType, pageURL string) *Page {
	z := html.NewTokenizer(bytes.NewReader(DecodePage(body, contentType)))
	p := &Page{}
	base := pageURL
	seen := map[string]bool{}
	var title strings.Builder
	inTitle, titleDone := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			p.Title = truncateRunes(strings.Join(strings.Fields(title.String()), " "), maxPageTitleRunes)
			return p
		case html.TextToken:
			if inTitle && !titleDone {
				title.Write(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Title && inTitle {
				inTitle, titleDone = false, true
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Title && !titleDone && tt == html.StartTagToken {
				inTitle = true
				continue
			}
			if !hasAttr {
				continue
			}
			switch a {
			case atom.Html:
				if p.Language == "" {
					p.Language = primaryLanguage(attributes(z)["lang"])
				}
			case atom.Base:
				if href := attributes(z)["href"]; href != "" {
					if u := CanonicalLink(href, pageURL); u != "" {
						base = u
					}
				}
			case atom.Link:
				alt, ok := alternate(attributes(z), base)
				if ok && !seen[alt.URL] && len(p.Alternates) < maxAlternates {
					seen[alt.URL] = true
					p.Alternates = append(p.Alternates, alt)
				}
			}
		}
	}
}

// alternate reads a <link> element's attributes as a declared feed.
func alternate(attrs map[string]string, base string) (Alternate, bool) {
	rels := strings.Fields(strings.ToLower(attrs["rel"]))
	isAlt, isFeed := false, false
	for _, r := range rels {
		switch r {
		case "alternate":
			isAlt = true
		case "feed":
			isFeed = true
		case "stylesheet", "icon":
			return Alternate{}, false
		}
	}
	typ := strings.ToLower(strings.TrimSpace(attrs["type"]))
	if i := strings.IndexByte(typ, ';'); i >= 0 {
		typ = strings.TrimSpace(typ[:i])
	}
	href := strings.TrimSpace(attrs["href"])
	switch {
	case href == "":
		return Alternate{}, false
	case isAlt && feedTypes[typ]:
	case isFeed && (typ == "" || feedTypes[typ]):
	default:
		return Alternate{}, false
	}
	// WordPress declares its REST API as application/json alternates;
	// they are not feeds.
	if typ == "application/json" && strings.Contains(href, "wp-json") {
		return Alternate{}, false
	}
	u := CanonicalLink(href, base)
	if u == "" {
		return Alternate{}, false
	}
	title := truncateRunes(strings.Join(strings.Fields(attrs["title"]), " "), maxPageTitleRunes)
	return Alternate{URL: u, Type: typ, Title: title}, true
}

// attributes returns the current tag's attributes, names in lower case;
// the first of repeated names wins, as in browsers.
func attributes(z *html.Tokenizer) map[string]string {
	m := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		key := strings.ToLower(string(k))
		if _, dup := m[key]; !dup {
			m[key] = string(v)
		}
		if !more {
			return m
		}
	}
}

// DecodeXML returns an XML document other than a feed (an OPML file, for
// one) as UTF-8, weighing the same evidence as Parse; its declaration then
// says UTF-8, and white space before its first tag is removed.
func DecodeXML(body []byte, contentType string) []byte {
	text, _ := toUTF8(body, contentType)
	return text
}

// RepairXML makes the repairs Parse makes to a document that failed to
// parse: bare ampersands are escaped and a closing tag cut off at the very
// end is finished. It reports whether it changed anything; it never adds
// or removes a line.
func RepairXML(text []byte) ([]byte, bool) { return repairXML(text) }
