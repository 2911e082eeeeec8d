package feeds

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// bigFeed returns an RSS feed of n entries whose dates are shuffled: entry
// i was published i minutes after base; every undated-th entry (if > 0)
// has no date.
func bigFeed(n, undated int, base time.Time) []byte {
	order := rand.New(rand.NewPCG(1, 2)).Perm(n)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`)
	for _, i := range order {
		date := ""
		if undated == 0 || i%undated != 0 {
			date = "<pubDate>" + base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z) + "</pubDate>"
		}
		fmt.Fprintf(&b, "<item><title>Story %d</title><guid>g%d</guid>%s</item>", i, i, date)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

func TestMaxItemsKeepsNewest(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feed, err := Parse(bigFeed(1200, 0, base), "", ParseOptions{Feed: "big", Now: testNow, MaxItems: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 500 || feed.Dropped != 700 {
		t.Fatalf("items, dropped = %d, %d; want 500, 700", len(feed.Items), feed.Dropped)
	}
	oldestKept := base.Add(700 * time.Minute)
	for _, it := range feed.Items {
		if it.Published.Before(oldestKept) {
			t.Errorf("kept %s published %s, older than the 500 newest (from %s)", it.ID, it.Published, oldestKept)
		}
	}
	all, err := Parse(bigFeed(1200, 0, base), "", ParseOptions{Feed: "big", Now: testNow})
	if err != nil || len(all.Items) != 1200 || all.Dropped != 0 {
		t.Fatalf("without MaxItems: %d items, %d dropped, %v; want 1200, 0", len(all.Items), all.Dropped, err)
	}
	// Kept entries stay in feed order.
	pos := map[string]int{}
	for i, it := range all.Items {
		pos[it.ID] = i
	}
	for i := 1; i < len(feed.Items); i++ {
		if pos[feed.Items[i-1].ID] > pos[feed.Items[i].ID] {
			t.Fatalf("kept entries out of feed order at %d", i)
		}
	}
}

func TestMaxItemsUndatedRankLast(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Every 3rd of 30 entries has no date: 20 dated, 10 undated.
	feed, err := Parse(bigFeed(30, 3, base), "", ParseOptions{Feed: "big", Now: testNow, MaxItems: 25})
	if err != nil {
		t.Fatal(err)
	}
	undated := 0
	for _, it := range feed.Items {
		if it.Published.Equal(testNow) {
			undated++
		}
	}
	if len(feed.Items) != 25 || undated != 5 {
		t.Errorf("kept %d entries, %d undated; want 25 with 5 undated (every dated one first)", len(feed.Items), undated)
	}
}

func BenchmarkParseMaxItems(b *testing.B) {
	body := bigFeed(50000, 0, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Parse(body, "", ParseOptions{Feed: "big", Now: testNow, MaxItems: 500}); err != nil {
			b.Fatal(err)
		}
	}
}
