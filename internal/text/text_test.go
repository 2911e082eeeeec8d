package text

import (
	"testing"
	"time"
)

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\nb", "a b"},
		{"  lead\r\n\ttrail  ", "lead trail"},
		{"x\u2028y\u0085z", "x y z"},
		{"bell\x07 ok", "bell ok"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"北朝鮮がミサイル発射", 5, "北朝鮮が…"},
		{"one two three", 8, "one two…"},
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	if got := Plural(1, "story", "stories"); got != "story" {
		t.Errorf("Plural(1) = %q", got)
	}
	if got := Plural(0, "story", "stories"); got != "stories" {
		t.Errorf("Plural(0) = %q", got)
	}
}

func TestRelative(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, ""},
		{now.Add(-20 * time.Second), "now"},
		{now.Add(20 * time.Second), "now"},
		{now.Add(-5 * time.Minute), "5m ago"},
		{now.Add(2*time.Hour + 3*time.Minute), "in 2h03m"},
		{now.Add(-47 * time.Hour), "47h00m ago"},
		{now.Add(-72 * time.Hour), "3d ago"},
	}
	for _, tt := range tests {
		if got := Relative(now, tt.t); got != tt.want {
			t.Errorf("Relative(now, %v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}
