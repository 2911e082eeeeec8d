package feeds

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/golden"
)

func TestParseGolden(t *testing.T) {
	tests := []struct {
		file, contentType, base, hint string
	}{
		{"rss2.xml", "application/rss+xml", "https://wire.example/feeds/main.xml", ""},
		{"atom.xml", "application/atom+xml", "https://atom.example/feed", ""},
		{"rdf.xml", "", "", ""},
		{"jsonfeed.json", "application/feed+json", "", "pt"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed, err := Parse(readTestdata(t, tt.file), tt.contentType, ParseOptions{
				Feed: strings.TrimSuffix(tt.file, filepath.Ext(tt.file)), BaseURL: tt.base, LanguageHint: tt.hint, Now: testNow,
			})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(feed, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden.json")
			golden.Assert(t, path, got)
		})
	}
}

func TestParseItemRules(t *testing.T) {
	feed, err := Parse(readTestdata(t, "rss2.xml"), "", ParseOptions{Feed: "wire", BaseURL: "https://wire.example/feeds/main.xml", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(feed.Items), 4; got != want {
		t.Fatalf("items: got %v, want %v (the repeated guid collapses)", got, want)
	}
	first, second, third, fourth := feed.Items[0], feed.Items[1], feed.Items[2], feed.Items[3]
	checks := []struct {
		what      string
		got, want any
	}{
		{"feed title", feed.Title, "Harbour & Coast Wire"},
		{"feed language", feed.Language, "en"},
		{"id from guid", first.ID, "wire-0001"},
		{"guid trimmed", first.GUID, "wire-0001"},
		{"relative link", first.Link, "https://wire.example/world/quake-61?id=7"},
		{"summary paragraphs", first.Summary, "No tsunami warning was issued.\nResidents felt strong shaking for 20 seconds."},
		{"published in UTC", first.Published, time.Date(2026, 2, 28, 8, 15, 0, 0, time.UTC)},
		{"first seen", first.FirstSeen, testNow},
		{"authors", strings.Join(first.Authors, "|"), "Ana Ruiz"},
		{"categories", strings.Join(first.Categories, "|"), "World|Disasters"},
		{"declared language", first.DeclaredLanguage, "en"},
		{"feed name", first.Feed, "wire"},
		{"twice-escaped title", second.Title, "Fish & chips prices soar"},
		{"twice-escaped summary", second.Summary, "Cod & haddock cost 40% more than last year."},
		{"canonical link", second.Link, "https://wire.example/food/prices?b=2&a=1"},
		{"id from link", second.ID, "https://wire.example/food/prices?b=2&a=1"},
		{"bad date falls back", second.Published, testNow},
		{"description before content", third.Summary, "Ministers agreed on Friday."},
		{"content beyond the summary", third.Content, "Full text that is not the summary."},
		{"dc:subject and media:keywords", strings.Join(third.Categories, "|"), "Russia|oil|price cap|Energy"},
		{"no content when it is the summary", fourth.Content, ""},
		{"id from hash", strings.HasPrefix(third.ID, "sha256:") && len(third.ID) == len("sha256:")+32, true},
		{"content when no description", fourth.Summary, "Heading\none\ntwo"},
		{"permalink guid as link", fourth.Link, "https://wire.example/only-content"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestParseLanguageHint(t *testing.T) {
	feed, err := Parse(readTestdata(t, "rss2.xml"), "", ParseOptions{LanguageHint: "ES-mx", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := feed.Items[0].DeclaredLanguage; got != "es" {
		t.Errorf("DeclaredLanguage: got %v, want es", got)
	}
	if feed.Language != "en" {
		t.Errorf("Language: got %v, want en", feed.Language)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", "  \n", "not a feed: empty body"},
		{"html", "<!-- x -->\n<!doctype html><html><body>hi</body></html>", "not a feed: looks like an HTML page"},
		{"html with xml declaration", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head></head></html>`, "not a feed: looks like an HTML page"},
		{"plain text", "hello world", "not a feed: no RSS, Atom or JSON Feed document found"},
		{"other xml", "<?xml version='1.0'?><svg></svg>", "not a feed: no RSS, Atom or JSON Feed document found"},
		{"truncated", "<rss><channel><item><title>cut", "parse feed: "},
		{"bad json", `{"version": "https://jsonfeed.org/version/1", "items": [`, "parse feed: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.body), "", ParseOptions{Now: testNow})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
			if strings.HasPrefix(tt.want, "not a feed") && !errors.Is(err, ErrNotAFeed) {
				t.Errorf("got %v, want it to wrap ErrNotAFeed", err)
			}
		})
	}
}

func TestParseRepairs(t *testing.T) {
	tests := []struct {
		name, body, wantLink string
	}{
		{"bare ampersand in attribute", `<rss version="2.0"><channel><item><title>A</title><link>https://x.example/a</link><enclosure url="https://x.example/i.jpg?w=1&h=2" type="image/jpeg"/></item></channel></rss>`, "https://x.example/a"},
		{"bare ampersand in text", `<rss version="2.0"><channel><item><title>A & B</title><link>https://x.example/a?a=1&b=2</link></item></channel></rss>`, "https://x.example/a?a=1&b=2"},
		{"cut-off end tag", "<rss version=\"2.0\"><channel><item><title>A</title><link>https://x.example/c</link></item></channel></rss", "https://x.example/c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.body), "", ParseOptions{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != 1 || feed.Items[0].Link != tt.wantLink {
				t.Errorf("got %+v, want one item linking %v", feed.Items, tt.wantLink)
			}
		})
	}
	out, changed := escapeBareAmpersands([]byte(`a & b &amp; &#38; &#x26; &eacute; <![CDATA[ & ]]> &`))
	if want := `a &amp; b &amp; &#38; &#x26; &eacute; <![CDATA[ & ]]> &amp;`; !changed || string(out) != want {
		t.Errorf("escapeBareAmpersands: got %s, want %s", out, want)
	}
}

func TestPrimaryLanguage(t *testing.T) {
	tests := map[string]string{"en-US": "en", "IT-it": "it", "pt_BR": "pt", "ru": "ru", "": "", "eng": "", "x-klingon": "", " de ": "de", "1a": ""}
	for in, want := range tests {
		if got := primaryLanguage(in); got != want {
			t.Errorf("primaryLanguage(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestParseContentAndSubjects checks that the full content and the
// subject fields are read in each format: RSS content:encoded beside a
// teaser, Atom content beside a summary, JSON Feed content_html beside a
// summary and tags, and media:keywords inside a media:group.
func TestParseContentAndSubjects(t *testing.T) {
	long := strings.Repeat("Ministers agreed to extend the sanctions on oil exports for six months. ", 3)
	cases := []struct {
		name, body          string
		content, categories string
	}{
		{"rss", `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>
			<title>A</title><description>Teaser.</description><category>World</category><dc:subject>Sanctions</dc:subject>
			<content:encoded><![CDATA[<p>` + long + `</p>]]></content:encoded></item></channel></rss>`,
			strings.TrimSpace(long), "World|Sanctions"},
		{"rss media group", `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
			<title>B</title><description>Teaser.</description>
			<media:group><media:keywords>North Korea, missiles</media:keywords></media:group></item></channel></rss>`,
			"", "North Korea|missiles"},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>C</title><id>c</id>
			<summary>Teaser.</summary><category term="Politik"/><content type="html">&lt;p&gt;` + long + `&lt;/p&gt;</content></entry></feed>`,
			strings.TrimSpace(long), "Politik"},
		{"json feed", `{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "d", "title": "D",
			"summary": "Teaser.", "tags": ["Iran", "nuclear"], "content_text": "` + long + `"}]}`,
			strings.TrimSpace(long), "Iran|nuclear"},
	}
	for _, c := range cases {
		feed, err := Parse([]byte(c.body), "", ParseOptions{Now: testNow})
		if err != nil {
			t.Errorf("%s: Parse: %v", c.name, err)
			continue
		}
		it := feed.Items[0]
		if it.Content != c.content {
			t.Errorf("%s: Content = %q, want %q", c.name, it.Content, c.content)
		}
		if got := strings.Join(it.Categories, "|"); got != c.categories {
			t.Errorf("%s: Categories = %q, want %q", c.name, got, c.categories)
		}
		if it.Summary != "Teaser." {
			t.Errorf("%s: Summary = %q, want the teaser", c.name, it.Summary)
		}
	}
}
