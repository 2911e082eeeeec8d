package feeds

import (
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/wirewatch/wirewatch"
)

// maxSummaryRunes caps a summary; whole articles in content:encoded are
// far longer than anything a digest or the detector needs.
const maxSummaryRunes = 20000

// maxContentRunes caps the full text kept beyond the summary.
const maxContentRunes = 20000

// maxCategories caps the subject fields kept per story.
const maxCategories = 50

// maxTitleRunes caps a title; a longer one is a broken feed, not a headline.
const maxTitleRunes = 1000

// maxGUIDBytes caps a guid; a longer one is replaced by its hash, so that
// identity still holds without storing it.
const maxGUIDBytes = 1024

// earliestDate is the oldest publication date taken at face value; older
// ones are parsing accidents (year 0001, 1970 epochs).
var earliestDate = time.Date(1971, 1, 1, 0, 0, 0, 0, time.UTC)

// normaliseItem turns one gofeed entry into a story.
func normaliseItem(it *gofeed.Item, opts ParseOptions, base, language string) *wirewatch.Item {
	guid := strings.TrimSpace(it.GUID)
	link := itemLink(it, guid)
	if len(guid) > maxGUIDBytes {
		guid = "sha256:" + hashHex(guid)
	}
	title := truncateRunes(singleLine(PlainText(it.Title)), maxTitleRunes)
	summary := PlainText(it.Description)
	content := PlainText(it.Content)
	if summary == "" {
		summary, content = content, ""
	}
	if full := PlainText(fullText(it)); len(full) > len(summary) {
		summary = full
	}
	summary = truncateRunes(summary, maxSummaryRunes)
	// The full content is kept when it says more than the summary.
	if len(content) <= len(summary) {
		content = ""
	}
	content = truncateRunes(content, maxContentRunes)
	canonical := CanonicalLink(link, base)
	return &wirewatch.Item{
		ID:               Identity(guid, canonical, title, summary),
		Feed:             opts.Feed,
		GUID:             guid,
		Link:             canonical,
		Title:            title,
		Summary:          summary,
		Content:          content,
		Published:        itemDate(it, opts.Now),
		FirstSeen:        opts.Now,
		Authors:          authors(it),
		Categories:       subjects(it),
		DeclaredLanguage: language,
	}
}

// fullText returns the article body that Yandex.News and ukr.net style
// feeds carry in a full-text element, which is often the only place a
// story's key words appear; "" when there is none.
func fullText(it *gofeed.Item) string {
	for _, k := range []string{"full-text", "fulltext", "yandex:full-text"} {
		if v := strings.TrimSpace(it.Custom[k]); v != "" {
			return v
		}
	}
	for _, byName := range it.Extensions {
		for _, name := range []string{"full-text", "fulltext"} {
			for _, e := range byName[name] {
				if v := strings.TrimSpace(e.Value); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// itemLink is the entry's link, else its first alternate link, else a
// guid that is a web address.
func itemLink(it *gofeed.Item, guid string) string {
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if strings.HasPrefix(guid, "http://") || strings.HasPrefix(guid, "https://") {
		return guid
	}
	return ""
}

// itemDate is the published date, else the updated date, else now.
func itemDate(it *gofeed.Item, now time.Time) time.Time {
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil && t.After(earliestDate) {
			return t.UTC()
		}
	}
	return now
}

func authors(it *gofeed.Item) []string {
	people := it.Authors
	if len(people) == 0 && it.Author != nil {
		people = []*gofeed.Person{it.Author}
	}
	var names []string
	for _, p := range people {
		if p == nil {
			continue
		}
		name := strings.TrimSpace(p.Name)
		if name == "" {
			name = strings.TrimSpace(p.Email)
		}
		names = append(names, singleLine(PlainText(name)))
	}
	return cleanList(names)
}

// cleanList trims entries and drops empty and repeated ones.
func cleanList(in []string) []string {
	var out []string
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// subjects returns the feed's subject fields for an entry: its categories
// (which gofeed gathers from <category>, dc:subject, Atom categories and
// JSON Feed tags) and its media:keywords, as plain text, without
// repetitions.
func subjects(it *gofeed.Item) []string {
	list := make([]string, 0, len(it.Categories))
	for _, c := range it.Categories {
		list = append(list, singleLine(PlainText(c)))
	}
	for _, kw := range mediaKeywords(it) {
		for k := range strings.SplitSeq(kw, ",") {
			list = append(list, singleLine(PlainText(k)))
		}
	}
	list = cleanList(list)
	if len(list) > maxCategories {
		list = list[:maxCategories]
	}
	return list
}

// mediaKeywords returns the values of an entry's media:keywords, on the
// entry or inside its media:group.
func mediaKeywords(it *gofeed.Item) []string {
	media := it.Extensions["media"]
	if media == nil {
		return nil
	}
	var out []string
	for _, e := range media["keywords"] {
		out = append(out, e.Value)
	}
	for _, g := range media["group"] {
		for _, e := range g.Children["keywords"] {
			out = append(out, e.Value)
		}
	}
	return out
}
