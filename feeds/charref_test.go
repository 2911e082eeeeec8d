package feeds

import (
	"strings"
	"testing"
)

// TestIllegalCharRefsDropped: references to characters XML forbids, or to
// no character, are dropped; the feed and its other text survive.
func TestIllegalCharRefsDropped(t *testing.T) {
	feed, err := Parse(readTestdata(t, "charrefs.xml"), "application/rss+xml", ParseOptions{Feed: "cr", Now: testNow})
	if err != nil {
		t.Fatalf("Parse of a feed with &#11; and &#27; = %v, want the feed", err)
	}
	if len(feed.Items) != 2 {
		t.Fatalf("items = %d, want 2", len(feed.Items))
	}
	checks := []struct{ what, got, want string }{
		{"feed title", feed.Title, "ControlWire"},
		{"title", feed.Items[0].Title, "Quake shakes the coast[0m"},
		{"summary", feed.Items[0].Summary, "Residents felt it — for 20 seconds."},
		{"legal references", feed.Items[1].Title, "Second story été intact"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if s := feed.Items[1].Summary; !strings.HasPrefix(s, "Kept as written") {
		t.Errorf("CDATA summary = %q", s)
	}
}

func TestDropIllegalCharRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a&#11;b", "ab"},
		{"a&#x1b;b&#X1B;c", "abc"},
		{"&#9;&#10;&#13;&#32;", "&#9;&#10;&#13;&#32;"},
		{"&#xD7FF;&#xD800;&#xDFFF;&#xE000;", "&#xD7FF;&#xE000;"},
		{"&#xFFFD;&#xFFFE;&#xFFFF;&#x10000;&#x10FFFF;&#x110000;", "&#xFFFD;&#x10000;&#x10FFFF;"},
		{"&#0000000000000000000000065;", ""},
		{"&#;&#x;&#12a;&# 11;&#11", "&#;&#x;&#12a;&# 11;&#11"}, // not references: left for repairXML
		{"<![CDATA[&#11;]]>&#11;<!-- &#11; -->", "<![CDATA[&#11;]]><!-- &#11; -->"},
		{"<![CDATA[unterminated &#11;", "<![CDATA[unterminated &#11;"},
		{"&amp;#11;", "&amp;#11;"},
	}
	for _, tt := range tests {
		got, changed := dropIllegalCharRefs([]byte(tt.in))
		if string(got) != tt.want || changed != (tt.in != tt.want) {
			t.Errorf("dropIllegalCharRefs(%q) = %q, %v, want %q", tt.in, got, changed, tt.want)
		}
	}
}

func TestJSONFeedKeepsReferenceText(t *testing.T) {
	body := `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","title":"Escape codes: &#27; in a title"}]}`
	feed, err := Parse([]byte(body), "application/feed+json", ParseOptions{Feed: "j", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := feed.Items[0].Title; strings.ContainsRune(got, 0x1b) {
		t.Errorf("title = %q, want no escape character", got)
	}
}
