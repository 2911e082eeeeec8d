package events

import "testing"

func TestOutletOf(t *testing.T) {
	tests := []struct{ link, feed, want string }{
		{"https://www.dw.com/en/some-story/a-1?maca=rss", "dw-english", "dw.com"},
		{"https://www.deutschlandfunk.de/fdp-wahlprogramm-100.html", "dlf-science", "deutschlandfunk.de"},
		{"http://feeds.jn.pt/~r/JN-ULTIMAS/~3/x/story.html", "jn", "jn.pt"},
		{"https://M.Example.COM:8443/x#top", "example", "example.com"},
		{"https://user@news.example/path", "example", "news.example"},
		{"", "kyodo", "feed:kyodo"},
		{"urn:uuid:8f315090", "jma", "feed:jma"},
		{"https:///nohost", "odd", "feed:odd"},
	}
	for _, tt := range tests {
		if got := outletOf(tt.link, tt.feed); got != tt.want {
			t.Errorf("outletOf(%q, %q) = %q, want %q", tt.link, tt.feed, got, tt.want)
		}
	}
}
