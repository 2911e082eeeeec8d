package events

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"
)

// TestChains checks the index of keys against a plain map of lists
// through random adds and expiries, with node and story numbers that
// pass 1<<32, where the 32-bit numbers in the table wrap.
func TestChains(t *testing.T) {
	tests := []struct {
		name  string
		start int64
	}{
		{"from zero", 0},
		{"across 1<<32", 1<<32 - 3<<blockBits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(1))
			var c chains
			c.nodes.head, c.nodes.tail = tt.start, tt.start
			// want lists each key's stories, oldest first; stories
			// holds each story's keys, and ends where its nodes end.
			want := map[uint64][]int64{}
			type story struct {
				keys []uint64
				end  int64
			}
			var stories []story
			first := tt.start // number of stories[0]
			for step := range 20000 {
				n := first + int64(len(stories))
				var s story
				for range 1 + r.Intn(6) {
					// A few keys shared by many stories, most by few.
					k := uint64(r.Intn(50))
					if r.Intn(3) > 0 {
						k = uint64(r.Intn(1 << 20))
					}
					c.add(k, n)
					want[k] = append(want[k], n)
					s.keys = append(s.keys, k)
				}
				s.end = c.nodes.tail
				stories = append(stories, s)
				// Expire a run of old stories now and then, down to
				// none at times.
				if r.Intn(100) == 0 {
					drop := r.Intn(len(stories) + 1)
					for _, s := range stories[:drop] {
						for c.nodes.head < s.end {
							c.dropOldest()
						}
						for _, k := range s.keys {
							want[k] = want[k][1:]
							if len(want[k]) == 0 {
								delete(want, k)
							}
						}
					}
					stories = stories[drop:]
					first += int64(drop)
				}
				if step%997 != 0 {
					continue
				}
				if c.used != len(want) {
					t.Fatalf("step %d: %d keys in the table, want %d", step, c.used, len(want))
				}
				for k, l := range want {
					var got []int64
					c.chain(k, func(id int64) bool {
						got = append(got, first+int64(uint32(id)-uint32(first)))
						return true
					})
					slices.Reverse(got)
					if !slices.Equal(got, l) {
						t.Fatalf("step %d: chain(%d) = %v, want %v", step, k, got, l)
					}
				}
			}
			for _, s := range stories {
				for c.nodes.head < s.end {
					c.dropOldest()
				}
			}
			if c.used != 0 || c.nodes.len() != 0 {
				t.Errorf("after dropping every node: %d keys, %d nodes; want none", c.used, c.nodes.len())
			}
		})
	}
}

// TestIndexMaxStories checks that the window holds at most MaxStories,
// the first to arrive leaving first.
func TestIndexMaxStories(t *testing.T) {
	x := New(Options{MaxStories: 100})
	stories := synthStories(250, 3)
	for _, s := range stories {
		x.Add(s)
	}
	if x.Len() != 100 {
		t.Errorf("Len() = %d, want 100", x.Len())
	}
	for i, s := range stories {
		if _, ok := x.EventOf(s.Key); ok != (i >= 150) {
			t.Errorf("story %d in the window: %v, want %v", i, ok, i >= 150)
		}
	}
}

// TestIndexCrowded checks that the index counts the stories the bound on
// stories takes out while still inside the window, and only those.
func TestIndexCrowded(t *testing.T) {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		window     time.Duration
		wantLeft   int
		wantCovers time.Duration
	}{
		{"the bound keeps the whole window", time.Hour, 0, 99 * time.Minute},
		{"the bound cuts the window short", 48 * time.Hour, 50, 99 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := New(Options{Window: tt.window, MaxStories: 100})
			for i := range 150 {
				at := start.Add(time.Duration(i) * time.Minute)
				x.Add(Story{Feed: "f", Key: fmt.Sprintf("f\x00%d", i), Title: fmt.Sprintf("story number %d", i), Language: "en", Published: at, Seen: at})
			}
			left, covers := x.Crowded()
			if left != tt.wantLeft || covers != tt.wantCovers {
				t.Errorf("Crowded() = %d, %v; want %d, %v", left, covers, tt.wantLeft, tt.wantCovers)
			}
			if left, _ := x.Crowded(); left != 0 {
				t.Errorf("Crowded() again = %d, want 0", left)
			}
		})
	}
}
