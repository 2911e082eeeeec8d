package discord

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"hello", 10, "hello"},
		{"hello", 5, "hello"},
		{"hello world", 6, "hello…"},
		{"日本語のニュース", 4, "日本語…"},
		{"خبر عاجل من القاهرة", 5, "خبر…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.max); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"plain title", 100, "plain title"},
		{"**bold** _it_ ~~s~~ ||spoiler|| `code`", 100, `\*\*bold\*\* \_it\_ \~\~s\~\~ \|\|spoiler\|\| \` + "`code\\`"},
		{"# Heading", 100, `\# Heading`},
		{"- list", 100, `\- list`},
		{"> quote", 100, `\> quote`},
		{"a - b", 100, "a - b"},
		{"1. ordered", 100, `1\. ordered`},
		{"2026. year", 100, `2026\. year`},
		{"v1.2 release", 100, "v1.2 release"},
		{"[click](https://evil.example)", 100, `\[click\]\(https://evil.example\)`},
		{"@everyone look", 100, "@\u200beveryone look"},
		{"hi @here", 100, "hi @\u200bhere"},
		{"invoice\u202egnp.exe", 100, "invoicegnp.exe"},
		{"a\u2066b\u2069c", 100, "abc"},
		{"<@&123> and <@456> in <#789>", 100, "<\u200b@\u200b&123\\> and <\u200b@\u200b456\\> in <\u200b\\#789\\>"},
		{"@\u200beveryone", 100, "@\u200beveryone"},
		{"line one\n\nline two\ttab", 100, "line one line two tab"},
		{"***", 4, `\*…`},
		{"日本語のニュース速報", 5, "日本語の…"},
		{"", 10, ""},
	}
	for _, tt := range tests {
		got := escapeText(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("escapeText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max {
			t.Errorf("escapeText(%q, %d) has %d runes, want at most %d", tt.in, tt.max, n, tt.max)
		}
	}
}

func TestSafeLink(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/a?b=c", "https://example.com/a?b=c"},
		{"https://example.com/wiki/Foo_(bar)", "https://example.com/wiki/Foo_%28bar%29"},
		{"https://user:pw@example.com/@everyone", "https://example.com/%40everyone"},
		{"javascript:alert(1)", ""},
		{"/relative", ""},
		{"https://example.com/" + strings.Repeat("a", 600), ""},
	}
	for _, tt := range tests {
		if got := safeLink(tt.in); got != tt.want {
			t.Errorf("safeLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNonce(t *testing.T) {
	a := nonce("out", []string{"f\x001", "f\x002"})
	if got := len(a); got != maxNonceRunes {
		t.Errorf("len(nonce) = %d, want %d", got, maxNonceRunes)
	}
	tests := []struct {
		name   string
		output string
		keys   []string
		same   bool
	}{
		{"same input", "out", []string{"f\x001", "f\x002"}, true},
		{"other output", "out2", []string{"f\x001", "f\x002"}, false},
		{"other order", "out", []string{"f\x002", "f\x001"}, false},
		{"fewer stories", "out", []string{"f\x001"}, false},
	}
	for _, tt := range tests {
		if got := nonce(tt.output, tt.keys) == a; got != tt.same {
			t.Errorf("%s: nonce equal = %v, want %v", tt.name, got, tt.same)
		}
	}
}

func TestSeconds(t *testing.T) {
	nan := 0.0
	tests := []struct {
		in   float64
		want time.Duration
	}{
		{0.25, 250 * time.Millisecond}, {2, 2 * time.Second}, {-1, 0}, {nan / nan, 0}, {1e10, maxWait}, {math.Inf(1), maxWait},
	}
	for _, tt := range tests {
		if got := seconds(tt.in); got != tt.want {
			t.Errorf("seconds(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
