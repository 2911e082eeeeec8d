// Package opml reads and writes OPML subscription lists, the files feed
// readers (miniflux, Feedly, Inoreader, NetNewsWire...) import and export.
//
// Parse reads OPML 1.0, 1.1 and 2.0 as readers write them: feeds at the
// top or inside folders nested to any depth, titles in the title or text
// attribute, categories as folders or in the category attribute, any
// character encoding, and the bare ampersands some exporters leave in
// URLs. What it cannot read it refuses with the line: the whole file when
// it is not well-formed OPML, one outline when its feed URL is not an
// http(s) URL. Write produces OPML 2.0 with one folder per category, as
// readers expect on import.
package opml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/text"
)

// MaxSize bounds the OPML files Parse reads.
const MaxSize = 16 << 20

// Feed is one feed of a subscription list.
type Feed struct {
	// URL is the feed's address (xmlUrl); always http(s) in what Parse
	// returns ("feed://" addresses become http://).
	URL string
	// Title is the outline's title, else its text.
	Title string
	// SiteURL is the site's address (htmlUrl), if given.
	SiteURL string
	// Language is the outline's language attribute, if given.
	Language string
	// Categories are the folders the feed is in ("News/Asia" for a folder
	// inside a folder) and the entries of its category attribute, without
	// duplicates.
	Categories []string
	// Crawl is set when the exporting reader fetched the feed's articles
	// (miniflux's crawler setting).
	Crawl bool
	// Line is where the feed's outline starts in the file; 0 for feeds
	// that were not parsed.
	Line int
}

// Problem is an outline Parse refused, and why.
type Problem struct {
	Line int
	Msg  string
}

// Error formats the problem as "line N: message".
func (p Problem) Error() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// Document is a parsed subscription list.
type Document struct {
	// Title is the head's title.
	Title string
	// Feeds are the feeds, in file order.
	Feeds []Feed
	// Problems are the outlines that were refused.
	Problems []Problem
}

// SyntaxError is a file that is not well-formed OPML.
type SyntaxError struct {
	// Line is where the problem is; 0 when it is the whole file.
	Line int
	Msg  string
}

// Error formats the error as "line N: message".
func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// minifluxNS is miniflux's namespace for its own outline attributes.
const minifluxNS = "https://miniflux.app/opml"

// Parse reads an OPML document. A document that is not well-formed, or
// not OPML, is a *SyntaxError naming the line; outlines whose feed URL is
// not usable are left out and listed in Document.Problems.
func Parse(data []byte) (*Document, error) {
	if len(data) > MaxSize {
		return nil, &SyntaxError{Msg: fmt.Sprintf("file larger than %d MiB", MaxSize>>20)}
	}
	// DecodeXML drops white space before the first tag; count its lines
	// back so that line numbers are the file's.
	lead := bytes.Count(leadingSpace(data), []byte("\n"))
	utf8Data := feeds.DecodeXML(data, "")
	doc, err := parse(utf8Data, lead)
	if err != nil {
		if repaired, ok := feeds.RepairXML(utf8Data); ok {
			if d, rerr := parse(repaired, lead); rerr == nil {
				return d, nil
			}
		}
		return nil, err
	}
	return doc, nil
}

// leadingSpace returns the byte order mark and white space data starts
// with.
func leadingSpace(data []byte) []byte {
	rest := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	rest = bytes.TrimLeft(rest, " \t\r\n")
	return data[:len(data)-len(rest)]
}

// parser walks the outline tree.
type parser struct {
	d    *xml.Decoder
	lead int
	doc  *Document
	// folders is the path of folders around the current outline.
	folders []string
}

func parse(data []byte, lead int) (*Document, error) {
	p := &parser{d: xml.NewDecoder(bytes.NewReader(data)), lead: lead, doc: &Document{}}
	p.d.Strict = true
	p.d.Entity = xml.HTMLEntity
	root := false
	for {
		line := p.line()
		tok, err := p.d.Token()
		if errors.Is(err, io.EOF) {
			if !root {
				return nil, &SyntaxError{Msg: "not an OPML file: no <opml> element"}
			}
			return p.doc, nil
		}
		if err != nil {
			return nil, p.syntax(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root || start.Name.Local != "opml" {
			if !root {
				return nil, &SyntaxError{Line: line, Msg: fmt.Sprintf("not an OPML file: the document is <%s>, not <opml>", start.Name.Local)}
			}
			continue
		}
		root = true
		if err := p.opml(); err != nil {
			return nil, err
		}
	}
}

// line returns the line the next token starts on.
func (p *parser) line() int {
	l, _ := p.d.InputPos()
	return l + p.lead
}

// syntax turns a decoder error into a SyntaxError with the file's line.
func (p *parser) syntax(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := strings.TrimPrefix(se.Msg, "xml: ")
		if msg == "unexpected EOF" {
			msg = "the file ends too early (unexpected EOF)"
		}
		return &SyntaxError{Line: se.Line + p.lead, Msg: msg}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &SyntaxError{Line: p.line(), Msg: "the file ends inside an element"}
	}
	return &SyntaxError{Line: p.line(), Msg: strings.TrimPrefix(err.Error(), "xml: ")}
}

// opml reads the children of <opml> up to its end.
func (p *parser) opml() error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch t.Name.Local {
			case "head":
				if err := p.head(); err != nil {
					return err
				}
			case "body":
				if err := p.outlines(); err != nil {
					return err
				}
			default:
				if err := p.d.Skip(); err != nil {
					return p.syntax(err)
				}
			}
		}
	}
}

// head reads the head's title.
func (p *parser) head() error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local == "title" {
				var s string
				if err := p.d.DecodeElement(&s, &t); err != nil {
					return p.syntax(err)
				}
				p.doc.Title = text.OneLine(s)
				continue
			}
			if err := p.d.Skip(); err != nil {
				return p.syntax(err)
			}
		}
	}
}

// outlines reads outline elements up to the end of their parent.
func (p *parser) outlines() error {
	for {
		line := p.line()
		tok, err := p.d.Token()
		if err != nil {
			return p.syntax(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if t.Name.Local != "outline" {
				if err := p.d.Skip(); err != nil {
					return p.syntax(err)
				}
				continue
			}
			if err := p.outline(t, line); err != nil {
				return err
			}
		}
	}
}

// outline reads one outline: a feed when it has an xmlUrl, else a folder
// whose title its children's categories take.
func (p *parser) outline(t xml.StartElement, line int) error {
	var (
		f                       Feed
		xmlURL, label, category string
		hasXMLURL               bool
	)
	for _, a := range t.Attr {
		if a.Name.Space == minifluxNS || a.Name.Space == "miniflux" {
			if a.Name.Local == "crawler" {
				f.Crawl = a.Value == "true" || a.Value == "1"
			}
			continue
		}
		if a.Name.Space != "" {
			continue
		}
		switch a.Name.Local {
		case "xmlUrl", "xmlurl", "xmlURL":
			xmlURL, hasXMLURL = strings.TrimSpace(a.Value), true
		case "title":
			f.Title = text.OneLine(a.Value)
		case "text":
			label = text.OneLine(a.Value)
		case "htmlUrl", "htmlurl":
			f.SiteURL = strings.TrimSpace(a.Value)
		case "language":
			f.Language = strings.TrimSpace(a.Value)
		case "category":
			category = a.Value
		}
	}
	if f.Title == "" {
		f.Title = label
	}
	if !hasXMLURL || xmlURL == "" {
		// A folder (or an outline of another kind): its children are in
		// it.
		if f.Title != "" {
			p.folders = append(p.folders, f.Title)
			defer func() { p.folders = p.folders[:len(p.folders)-1] }()
		}
		return p.outlines()
	}
	f.Line = line
	u, err := feedURL(xmlURL)
	if err != nil {
		p.doc.Problems = append(p.doc.Problems, Problem{Line: line, Msg: err.Error()})
	} else {
		f.URL = u
		f.Categories = categories(p.folders, category)
		p.doc.Feeds = append(p.doc.Feeds, f)
	}
	// A feed's own children, which some exporters write, are read too.
	return p.outlines()
}

// feedURL checks and normalises an xmlUrl: feed:// and feed:http(s)://
// become http(s), anything else must be an absolute http(s) URL.
func feedURL(raw string) (string, error) {
	s := raw
	switch {
	case strings.HasPrefix(strings.ToLower(s), "feed:http"):
		s = s[len("feed:"):]
	case strings.HasPrefix(strings.ToLower(s), "feed://"):
		s = "http://" + s[len("feed://"):]
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("xmlUrl %q is not a URL", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", fmt.Errorf("xmlUrl %q has no host", raw)
		}
		return s, nil
	case "":
		return "", fmt.Errorf("xmlUrl %q is not an absolute URL", raw)
	default:
		return "", fmt.Errorf("xmlUrl %q: unsupported scheme %q", raw, u.Scheme)
	}
}

// categories joins the folder path and the category attribute's entries
// (comma-separated, each a "/"-separated path) into a list without
// duplicates (compared without case).
func categories(folders []string, attr string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		c = strings.Trim(text.OneLine(strings.ReplaceAll(c, ",", " ")), "/ ")
		if c == "" || seen[strings.ToLower(c)] {
			return
		}
		seen[strings.ToLower(c)] = true
		out = append(out, c)
	}
	if len(folders) > 0 {
		add(strings.Join(folders, "/"))
	}
	for _, c := range strings.Split(attr, ",") {
		add(c)
	}
	return out
}

// Write writes feeds as an OPML 2.0 document titled title, created at
// created: the feeds without categories at the top, then one folder per
// category, in the order categories first appear, with every feed in it
// (a feed with two categories is in both folders, as readers export
// them). Each feed's outline also lists its categories in the category
// attribute.
func Write(w io.Writer, title string, created time.Time, list []Feed) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<opml version=\"2.0\">\n  <head>\n")
	fmt.Fprintf(&b, "    <title>%s</title>\n", escape(title))
	fmt.Fprintf(&b, "    <dateCreated>%s</dateCreated>\n", created.UTC().Format(time.RFC1123Z))
	b.WriteString("  </head>\n  <body>\n")
	var order []string
	byCat := map[string][]Feed{}
	for _, f := range list {
		if len(f.Categories) == 0 {
			writeFeed(&b, "    ", f)
		}
		for _, c := range f.Categories {
			if _, ok := byCat[c]; !ok {
				order = append(order, c)
			}
			byCat[c] = append(byCat[c], f)
		}
	}
	for _, c := range order {
		fmt.Fprintf(&b, "    <outline text=\"%s\" title=\"%s\">\n", escape(c), escape(c))
		for _, f := range byCat[c] {
			writeFeed(&b, "      ", f)
		}
		b.WriteString("    </outline>\n")
	}
	b.WriteString("  </body>\n</opml>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// writeFeed writes one feed's outline.
func writeFeed(b *bytes.Buffer, indent string, f Feed) {
	fmt.Fprintf(b, "%s<outline type=\"rss\" text=\"%s\" title=\"%s\" xmlUrl=\"%s\"", indent, escape(f.Title), escape(f.Title), escape(f.URL))
	if f.SiteURL != "" {
		fmt.Fprintf(b, " htmlUrl=\"%s\"", escape(f.SiteURL))
	}
	if f.Language != "" {
		fmt.Fprintf(b, " language=\"%s\"", escape(f.Language))
	}
	if len(f.Categories) > 0 {
		cats := make([]string, len(f.Categories))
		for i, c := range f.Categories {
			cats[i] = "/" + c
		}
		fmt.Fprintf(b, " category=\"%s\"", escape(strings.Join(cats, ",")))
	}
	b.WriteString("/>\n")
}

// escape escapes text for an XML attribute or element.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
