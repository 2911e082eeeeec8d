package feedgen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/feeds"
)

func TestRSSParses(t *testing.T) {
	body := RSS(Options{Title: "Example Wire", Link: "http://127.0.0.1/", Prefix: "w", First: 10, Items: 50})
	f, err := feeds.Parse(body, "application/rss+xml", feeds.ParseOptions{Feed: "wire"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(f.Items) != 50 {
		t.Fatalf("items = %d, want 50", len(f.Items))
	}
	if got, want := f.Items[0].ID, "w-59"; got != want {
		t.Errorf("newest guid = %q, want %q", got, want)
	}
	for _, it := range f.Items {
		if strings.Contains(it.Summary, "<p>") || strings.Contains(it.Summary, "&mdash;") {
			t.Errorf("summary of %s kept markup: %q", it.ID, it.Summary)
		}
		if n := len([]rune(it.Summary)); n < 150 {
			t.Errorf("summary of %s has %d characters, want 150 or more", it.ID, n)
		}
	}
	t.Logf("%d bytes for 50 items", len(body))
}

func TestRSSOneLanguage(t *testing.T) {
	body := string(RSS(Options{Title: "Lenta", Link: "http://127.0.0.1/", Prefix: "r", Language: "ru", Items: 4}))
	if !strings.Contains(body, "<language>ru</language>") || strings.Contains(body, "North Korea") {
		t.Errorf("a Russian feed holds other languages or no declaration:\n%s", body[:400])
	}
}

func TestRSSTitleSuffix(t *testing.T) {
	body := RSS(Options{Title: "Wire", Link: "http://127.0.0.1/", Prefix: "w", Language: "en", First: 4, Items: 2,
		TitleSuffix: func(n int) string { return fmt.Sprintf("tag%d", n) }})
	f, err := feeds.Parse(body, "application/rss+xml", feeds.ParseOptions{Feed: "wire"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	for _, it := range f.Items {
		_, n, _ := strings.Cut(it.ID, "-")
		if want := " tag" + n; !strings.HasSuffix(it.Title, want) {
			t.Errorf("title of %s = %q, want it to end in %q", it.ID, it.Title, want)
		}
	}
}
