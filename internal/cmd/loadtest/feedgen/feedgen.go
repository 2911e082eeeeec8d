// Package feedgen writes realistic RSS 2.0 feeds for benchmarks and load
// tests: wire stories in eleven languages and six scripts, headlines of
// 25-90 characters, descriptions of two paragraphs (about 400-650
// characters of text, 200-300 in Chinese and Japanese) wrapped in HTML with an image, entities and a
// repeated "read more" line of site chrome, and links that carry tracking
// parameters. Half of the stories are about missiles, sanctions or nuclear
// programmes, so the built-in topic packs have something to match.
//
// Output is deterministic: the same options always give the same bytes.
package feedgen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
)

// Options describes one feed.
type Options struct {
	// Title is the channel's title.
	Title string
	// Link is the site's address; story links are built under it.
	Link string
	// Prefix starts every guid, so that feeds (or versions of one feed)
	// with different prefixes never share a story.
	Prefix string
	// Language restricts the feed to one language of Languages() and
	// declares it in the channel; "" mixes every language, as an
	// aggregator does, and declares none.
	Language string
	// First and Items select the stories: story numbers First to
	// First+Items-1, newest (highest) first. A feed that later shows
	// First+k keeps the guids of the stories both versions hold.
	First, Items int
	// Newest is the publication time of the newest story; each older one
	// is ten minutes earlier. Zero means 2026-03-05 09:00 UTC.
	Newest time.Time
	// TitleSuffix, when set, returns words appended to the title of story
	// number n: a harness makes each feed's copy of a story a story of its
	// own, or marks the stories a topic should match.
	TitleSuffix func(n int) string
}

// Languages returns the ISO 639-1 codes of the languages stories come in.
func Languages() []string {
	var out []string
	for _, s := range stories {
		if len(out) == 0 || out[len(out)-1] != s.Lang {
			out = append(out, s.Lang)
		}
	}
	return out
}

// RSS returns the feed as RSS 2.0 in UTF-8.
func RSS(opts Options) []byte {
	pool := stories
	if opts.Language != "" {
		pool = nil
		for _, s := range stories {
			if s.Lang == opts.Language {
				pool = append(pool, s)
			}
		}
		if len(pool) == 0 {
			pool = stories
		}
	}
	newest := opts.Newest
	if newest.IsZero() {
		newest = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	}
	var b bytes.Buffer
	b.Grow(opts.Items * 2200)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">` + "\n<channel>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>%s</link>\n", esc(opts.Title), esc(opts.Link))
	fmt.Fprintf(&b, "<description>%s: latest stories</description>\n", esc(opts.Title))
	if opts.Language != "" {
		fmt.Fprintf(&b, "<language>%s</language>\n", opts.Language)
	}
	fmt.Fprintf(&b, "<lastBuildDate>%s</lastBuildDate>\n<ttl>10</ttl>\n", newest.Format(time.RFC1123Z))
	for i := range opts.Items {
		n := opts.First + opts.Items - 1 - i
		writeItem(&b, opts, pool[n%len(pool)], n, newest.Add(-time.Duration(i)*10*time.Minute))
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Bytes()
}

// writeItem writes story number n.
func writeItem(b *bytes.Buffer, opts Options, s story, n int, pub time.Time) {
	// Two numbers that make this copy of the story differ from others, so
	// that its paragraphs are not taken for repeated boilerplate.
	fill := strings.NewReplacer("{x}", strconv.Itoa(3+n%97), "{y}", strconv.Itoa(10+(n*7)%80))
	title := fill.Replace(s.Title)
	if opts.TitleSuffix != nil {
		if suffix := opts.TitleSuffix(n); suffix != "" {
			title += " " + suffix
		}
	}
	lead := fill.Replace(s.Lead)
	body := fill.Replace(s.Body)
	guid := fmt.Sprintf("%s-%d", opts.Prefix, n)
	link := fmt.Sprintf("%s/%s/story/%s?utm_source=rss&utm_medium=feed&utm_campaign=wire", strings.TrimSuffix(opts.Link, "/"), s.Lang, guid)
	desc := fmt.Sprintf(`<p><img src="%[1]s/media/%[2]s.jpg" alt="%[3]s" width="640" height="360" /></p>`+
		`<p><strong>%[4]s</strong> &mdash; %[5]s</p><p>%[6]s</p>`+
		`<p><a href="%[1]s/%[7]s/">%[8]s</a> &middot; <a href="%[1]s/subscribe?ref=rss">Newsletter</a></p>`,
		strings.TrimSuffix(opts.Link, "/"), guid, html.EscapeString(title), pub.Format("2 Jan 2006"),
		html.EscapeString(lead), html.EscapeString(body), s.Lang, readMore(opts.Title))
	b.WriteString("<item>\n")
	fmt.Fprintf(b, "<title>%s</title>\n<link>%s</link>\n", esc(title), esc(link))
	fmt.Fprintf(b, "<guid isPermaLink=\"false\">%s</guid>\n", esc(guid))
	fmt.Fprintf(b, "<pubDate>%s</pubDate>\n", pub.Format(time.RFC1123Z))
	fmt.Fprintf(b, "<dc:creator>%s</dc:creator>\n", esc(opts.Title+" staff"))
	fmt.Fprintf(b, "<category>%s</category>\n", category(n))
	fmt.Fprintf(b, "<description><![CDATA[%s]]></description>\n", desc)
	fmt.Fprintf(b, "<media:content url=\"%s/media/%s.jpg\" medium=\"image\" />\n", esc(strings.TrimSuffix(opts.Link, "/")), esc(guid))
	b.WriteString("</item>\n")
}

// readMore is the line of site chrome every item of a feed ends with.
func readMore(site string) string {
	return "Read more on " + html.EscapeString(site)
}

func category(n int) string {
	if n%2 == 0 {
		return "World"
	}
	return "Economy"
}

// esc escapes text for an XML element or attribute.
func esc(s string) string {
	var b strings.Builder
	// EscapeText fails only when the writer does; a Builder never does.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
