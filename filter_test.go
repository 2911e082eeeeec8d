package wirewatch

import "testing"

func TestFeedMatches(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"yonhap", "yonhap", true},
		{"Yonhap", "yonhap", true},
		{"yonhap", "yonhap-en", false},
		{"yonhap-*", "yonhap-en", true},
		{"yonhap-*", "yonhap-", true},
		{"yonhap-*", "yonhap", false},
		{"*.co.kr/*", "www.yna.co.kr/rss/news.xml", true},
		{"*nhk*", "www3.nhk.or.jp/rss", true},
		{"n?k", "nhk", true},
		{"n?k", "nk", false},
		{"??", "日本", true},
		{"*本", "日本", true},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"*", "", true},
		{"", "", true},
		{"", "x", false},
	}
	for _, tt := range tests {
		if got := FeedMatches(tt.pattern, tt.name); got != tt.want {
			t.Errorf("FeedMatches(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestFilterAllows(t *testing.T) {
	ko := &Item{Feed: "yonhap-ko", Analysis: &Analysis{Language: "ko"}}
	ja := &Item{Feed: "nhk", DeclaredLanguage: "ja"}
	en := &Item{Feed: "reuters", Analysis: &Analysis{Language: "en"}}
	tests := []struct {
		name string
		f    Filter
		it   *Item
		want bool
	}{
		{"zero", Filter{}, en, true},
		{"language in", Filter{Languages: []string{"ko", "ja"}}, ko, true},
		{"declared language in", Filter{Languages: []string{"ko", "ja"}}, ja, true},
		{"language out", Filter{Languages: []string{"ko", "ja"}}, en, false},
		{"feed glob in", Filter{Feeds: []string{"yonhap-*"}}, ko, true},
		{"feed out", Filter{Feeds: []string{"yonhap-*", "nhk"}}, en, false},
		{"both must pass", Filter{Languages: []string{"ja"}, Feeds: []string{"yonhap-*"}}, ko, false},
	}
	for _, tt := range tests {
		if got := tt.f.Allows(tt.it); got != tt.want {
			t.Errorf("%s: %+v.Allows(%s) = %v, want %v", tt.name, tt.f, tt.it.Feed, got, tt.want)
		}
	}
	if got, want := (Filter{Languages: []string{"ko", "ja"}, Feeds: []string{"nhk"}}).String(), "languages ko, ja · feeds nhk"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
