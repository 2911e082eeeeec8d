package feeds

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain  text\twith   spaces ", "plain text with spaces"},
		{"<p>One</p><p>Two <b>bold</b></p>", "One\nTwo bold"},
		{"line<br>break<br/>again", "line\nbreak\nagain"},
		{"<div><script>var x = '<p>';</script>kept<style>p{}</style></div>", "kept"},
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"Tom &amp;amp; Jerry", "Tom & Jerry"},
		{"&lt;p&gt;escaped &lt;b&gt;html&lt;/b&gt;&lt;/p&gt;", "escaped html"},
		{"a &lt; b and c &gt; d", "a < b and c > d"},
		{"caf&eacute; &#8212; &#x41;", "café — A"},
		{"  <p>\n\n</p>  <p> x </p>\n\n\n<p>y</p>", "x\ny"},
		{"non\u00a0breaking\u200bzero", "non breaking\u200bzero"},
		{"ctrl\x07char", "ctrlchar"},
		{"<ul><li>a</li><li>b</li></ul>", "a\nb"},
		{"unclosed <b>tag", "unclosed tag"},
		{"Москва &mdash; <i>столица</i>", "Москва — столица"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalLink(t *testing.T) {
	tests := []struct{ raw, base, want string }{
		{"", "https://a.example/", ""},
		{"  https://a.example/x  ", "", "https://a.example/x"},
		{"/x?utm_source=rss&id=3&utm_campaign=y", "https://a.example/feed.xml", "https://a.example/x?id=3"},
		{"x/y", "https://a.example/dir/feed.xml", "https://a.example/dir/x/y"},
		{"HTTPS://A.Example:443/Path?B=1#frag", "", "https://a.example/Path?B=1"},
		{"http://a.example:80/p", "", "http://a.example/p"},
		{"http://a.example:8080/p", "", "http://a.example:8080/p"},
		{"https://a.example/p?z=1&fbclid=x&a=2&gclid=y&mc_cid=1&mc_eid=2&yclid=3&_hsenc=4&_hsmi=5&igshid=6&ref_src=7&cmpid=8&ocid=9&UTM_Medium=10", "", "https://a.example/p?z=1&a=2"},
		{"https://a.example/p?utm_source=x", "", "https://a.example/p"},
		{"https://a.example/p?", "", "https://a.example/p"},
		{"javascript:alert(1)", "", ""},
		{"//cdn.example/a", "https://a.example/", "https://cdn.example/a"},
		{"http://[::1", "", ""},
		{"https://ex.org/1\nFORGED", "", "https://ex.org/1FORGED"},
		{"java\tscript:alert(1)", "", ""},
		{"javascript\n:alert(1)", "", ""},
		{"file:///etc/passwd", "", ""},
		{"#frag", "https://feeds.example/rss?token=SECRET", ""},
		{"/a", "https://user:pw@feeds.example/rss?token=SECRET", "https://feeds.example/a"},
		{"?page=2", "https://feeds.example/rss?token=SECRET", "https://feeds.example/rss?page=2"},
		{"x/y", "", ""},
	}
	for _, tt := range tests {
		if got := CanonicalLink(tt.raw, tt.base); got != tt.want {
			t.Errorf("CanonicalLink(%q, %q) = %v, want %v", tt.raw, tt.base, got, tt.want)
		}
	}
}

func TestIdentity(t *testing.T) {
	hash := Identity("", "", "Quake  hits", "Coast")
	tests := []struct {
		name                       string
		guid, link, title, summary string
		want                       string
	}{
		{"guid wins", " g-1 ", "https://a.example/x", "T", "S", "g-1"},
		{"link next", "  ", "https://a.example/x", "T", "S", "https://a.example/x"},
		{"hash last", "", "", "Quake  hits", "Coast", hash},
		{"hash ignores case and spacing", "", "", "quake hits ", " coast", hash},
	}
	for _, tt := range tests {
		if got := Identity(tt.guid, tt.link, tt.title, tt.summary); got != tt.want {
			t.Errorf("%s: Identity = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !strings.HasPrefix(hash, "sha256:") || len(hash) != 7+32 {
		t.Errorf("hash identity: got %v, want sha256: and 32 hex digits", hash)
	}
	if Identity("", "", "Quake hits", "Coast!") == hash {
		t.Error("different summaries hash alike")
	}
}

func TestFullTextElements(t *testing.T) {
	body, err := os.ReadFile("testdata/fulltext.xml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(body, "application/rss+xml", ParseOptions{Feed: "ft", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"A short teaser. The body names the missile only here: an Iskander strike hit the city.",
		"Teaser two. The full body of the second story.",
	}
	for i, w := range want {
		if got := f.Items[i].Summary; got != w {
			t.Errorf("item %d summary = %q, want %q", i, got, w)
		}
	}
}

func TestHugeTitlesAndGUIDsAreBounded(t *testing.T) {
	title, guid := strings.Repeat("headline ", 5000), strings.Repeat("g", 5000)
	body := `<rss version="2.0"><channel><title>t</title><item><title>` + title + `</title><guid>` + guid + `</guid></item></channel></rss>`
	f, err := Parse([]byte(body), "application/rss+xml", ParseOptions{Feed: "x", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if n := len([]rune(it.Title)); n > maxTitleRunes {
		t.Errorf("title has %d runes, want at most %d", n, maxTitleRunes)
	}
	if len(it.GUID) > maxGUIDBytes || !strings.HasPrefix(it.ID, "sha256:") {
		t.Errorf("guid of %d bytes, id %q; want a hashed guid", len(it.GUID), it.ID)
	}
}

func TestCollapseSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"already clean", "already clean"},
		{"two\nlines", "two\nlines"},
		{"Москва — столица", "Москва — столица"},
		{" leading", "leading"},
		{"trailing ", "trailing"},
		{"trailing\n", "trailing"},
		{"double  space", "double space"},
		{"space \n newline", "space\nnewline"},
		{"\n\n\nblank\n\n\nlines\n", "blank\nlines"},
		{"tab\tand\vform\ffeed", "tab and form feed"},
		{"carriage\r\nreturn", "carriage\nreturn"},
		{"line\u2028separator\u2029paragraph", "line\nseparator\nparagraph"},
		{"non\u00a0breaking\u0085next", "non breaking next"},
		{"\ufeffbom\u200bkept", "bom\u200bkept"},
		{"ctrl\x07char\x7fdel\u009fc1", "ctrlchardelc1"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"cut\xe2\x80", "cut\ufffd\ufffd"},
	}
	for _, tt := range tests {
		if got := collapseSpace(tt.in); got != tt.want {
			t.Errorf("collapseSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := collapsed(tt.in); got != (tt.in == tt.want) {
			t.Errorf("collapsed(%q) = %v, want %v", tt.in, got, tt.in == tt.want)
		}
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exact", 5, "exact"},
		{"longer text", 6, "longer"},
		{"кириллица", 9, "кириллица"},
		{"кириллица", 4, "кири"},
		{"日本語のテキスト", 3, "日本語"},
	}
	for _, tt := range tests {
		if got := truncateRunes(tt.in, tt.n); got != tt.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
