package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// openAt opens the store at path (on PostgreSQL, the schema that stands
// for it: see testDSN) and closes it when the test ends.
func openAt(tb testing.TB, path string, opts ...Option) *Store {
	tb.Helper()
	s, err := Open(context.Background(), testDSN(tb, path), opts...)
	if err != nil {
		tb.Fatalf("Open(%q) = %v", path, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// openTemp opens a new store in a temporary directory and returns it with
// its path.
func openTemp(tb testing.TB) (*Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "wirewatch.db")
	return openAt(tb, path), path
}

// testItem returns a realistic story of feed with the given id.
func testItem(feed, id string) *wirewatch.Item {
	pub := time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.FixedZone("CET", 3600))
	return &wirewatch.Item{
		ID:               id,
		Feed:             feed,
		GUID:             "urn:uuid:" + id,
		Link:             "https://news.example.org/world/" + id,
		Title:            "Сильный шторм обрушился на побережье — " + id,
		Summary:          strings.Repeat("Эвакуированы тысячи жителей прибрежных районов, сообщают власти. ", 6),
		Published:        pub,
		Authors:          []string{"Анна Петрова", "Reuters"},
		Categories:       []string{"world", "weather"},
		DeclaredLanguage: "ru",
		Analysis: &wirewatch.Analysis{
			Language:   "ru",
			Confidence: 0.97,
			CleanTitle: "Сильный шторм обрушился на побережье",
			CleanText:  strings.Repeat("Эвакуированы тысячи жителей прибрежных районов. ", 6),
			NoiseRatio: 0.04,
			Noise:      []wirewatch.NoiseSegment{{Text: "Подписывайтесь на наш канал", Reason: "boilerplate"}},
			Languages:  []string{"ru", "en"},
			Scripts:    []string{"Cyrillic", "Latin"},
			Flags:      []string{"confusables"},
		},
		Matches: []wirewatch.Match{
			{Topic: "storms", Name: "Storms", Alert: true, Score: 2.5,
				Hits: []wirewatch.Hit{{Term: "шторм", Field: "title", Text: "Сильный шторм обрушился"}}},
			{Topic: "evacuations", Name: "Evacuations",
				Hits: []wirewatch.Hit{{Term: "эвакуация", Field: "text", Text: "Эвакуированы тысячи"}}},
		},
	}
}

// testItems returns n stories of feed with ids prefix0, prefix1...
func testItems(feed, prefix string, n int) []*wirewatch.Item {
	items := make([]*wirewatch.Item, n)
	for i := range items {
		items[i] = testItem(feed, fmt.Sprintf("%s%d", prefix, i))
	}
	return items
}

// routeTo returns a route sending every story to each delivery given.
func routeTo(ds ...Delivery) func(*wirewatch.Item) []Delivery {
	return func(*wirewatch.Item) []Delivery { return ds }
}

// ids returns the Item.ID of each item.
func ids(items []*wirewatch.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// rowIDs returns the outbox row id of each pending row.
func rowIDs(ps []Pending) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// count returns the result of a count query on the store's writer.
func count(tb testing.TB, s *Store, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := s.w.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}
