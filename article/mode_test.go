package article_test

import (
	"testing"

	"github.com/wirewatch/wirewatch/article"
)

func TestParseMode(t *testing.T) {
	for in, want := range map[string]article.Mode{"": article.Off, "false": article.Off, "TRUE": article.On, " auto ": article.Auto} {
		if got, err := article.ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"yes", "always", "1"} {
		if got, err := article.ParseMode(in); err == nil {
			t.Errorf("ParseMode(%q) = %q, want an error", in, got)
		}
	}
}

func TestModeWants(t *testing.T) {
	teaser := "Pyongyang fired a missile on Sunday, officials said."
	long := teaser + " " + teaser + " " + teaser + " " + teaser + " " + teaser
	cases := []struct {
		mode    article.Mode
		summary string
		want    bool
	}{
		{article.Off, teaser, false},
		{"", "", false},
		{article.On, long, true},
		{article.Auto, teaser, true},
		{article.Auto, "", true},
		{article.Auto, long, false},
	}
	for _, c := range cases {
		if got := c.mode.Wants(c.summary); got != c.want {
			t.Errorf("Mode(%q).Wants(%d runes) = %v, want %v", c.mode, len([]rune(c.summary)), got, c.want)
		}
	}
}
