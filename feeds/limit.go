package feeds

import (
	"slices"
	"time"

	"github.com/mmcdole/gofeed"
)

// newest returns the max newest entries of items, in feed order, and how
// many it left out; max <= 0 keeps them all. Entries are ranked by their
// published (else updated) date, newest first; entries without a date
// rank after every dated one, in feed order, which keeps the first max
// entries of a feed that dates nothing. It runs before entries are
// normalised, so that a feed with hundreds of thousands of entries costs
// only what the kept ones cost.
func newest(items []*gofeed.Item, max int) ([]*gofeed.Item, int) {
	if max <= 0 || len(items) <= max {
		return items, 0
	}
	type ranked struct {
		at  time.Time
		pos int
	}
	r := make([]ranked, len(items))
	for i, it := range items {
		r[i] = ranked{entryDate(it), i}
	}
	slices.SortStableFunc(r, func(a, b ranked) int {
		switch {
		case a.at.IsZero() != b.at.IsZero():
			if a.at.IsZero() {
				return 1
			}
			return -1
		default:
			return b.at.Compare(a.at)
		}
	})
	keep := make([]int, max)
	for i := range keep {
		keep[i] = r[i].pos
	}
	slices.Sort(keep)
	out := make([]*gofeed.Item, max)
	for i, pos := range keep {
		out[i] = items[pos]
	}
	return out, len(items) - max
}

// entryDate is an entry's published, else updated, date; zero when it has
// none that is plausible.
func entryDate(it *gofeed.Item) time.Time {
	if it == nil {
		return time.Time{}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil && t.After(earliestDate) {
			return *t
		}
	}
	return time.Time{}
}
