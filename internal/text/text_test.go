package text

import "testing"

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
