package chart

import (
	"bytes"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// week returns a trend of 7 days in 6-hour steps for the languages given,
// with a burst in the last step.
func week(langs ...string) wirewatch.Trend {
	t := wirewatch.Trend{Topic: "icbm", Name: "ICBMs", Start: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC), Step: 6 * time.Hour}
	for i, l := range langs {
		s := wirewatch.TrendSeries{Language: l, Counts: make([]int, 28)}
		for j := range s.Counts {
			s.Counts[j] = (i + j) % 3
		}
		s.Counts[27] = 20 - i
		t.Series = append(t.Series, s)
	}
	return t
}

// TestPNG: a week of stories by language is a small PNG image, within
// Discord's upload limit many times over, with a line of each language's
// colour.
func TestPNG(t *testing.T) {
	for _, tc := range []struct {
		name  string
		trend wirewatch.Trend
		lines int
	}{
		{"four languages", week("en", "ko", "ja", "zh"), 4},
		{"nine languages, three folded", week("en", "ko", "ja", "zh", "ru", "fr", "de", "ar", "fa"), MaxLanguages + 1},
		{"no story", wirewatch.Trend{Topic: "quiet", Start: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC), Step: 6 * time.Hour}, 0},
	} {
		b, err := PNG(tc.trend)
		if err != nil {
			t.Fatalf("%s: PNG: %v", tc.name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", tc.name, err)
		}
		if sz := img.Bounds().Size(); sz.X < 500 || sz.X > 700 || sz.Y < 250 || sz.Y > 350 {
			t.Errorf("%s: size %v, want about 600 x 300", tc.name, sz)
		}
		if len(b) > 200<<10 {
			t.Errorf("%s: %d bytes, want a small image", tc.name, len(b))
		}
		for i := 0; i < tc.lines; i++ {
			if !hasColor(img, palette[min(i, len(palette)-1)]) {
				t.Errorf("%s: no pixel of line %d's colour", tc.name, i)
			}
		}
	}
	if _, err := PNG(wirewatch.Trend{Topic: "x"}); err == nil {
		t.Error("PNG of a trend without a step = nil error")
	}
}

func TestFold(t *testing.T) {
	got := Fold(week("en", "ko", "ja", "zh", "ru", "fr", "de", "ar", "fa").Series)
	if len(got) != MaxLanguages+1 || got[MaxLanguages].Language != "other" {
		t.Fatalf("Fold = %d series, last %q; want %d, the last other", len(got), got[len(got)-1].Language, MaxLanguages+1)
	}
	// de, ar and fa end with 14, 13 and 12 stories.
	if got, want := got[MaxLanguages].Counts[27], 14+13+12; got != want {
		t.Errorf("other's last step = %d, want %d", got, want)
	}
	if got := Fold(week("en", "ko").Series); len(got) != 2 {
		t.Errorf("Fold of two languages = %d series, want them as they are", len(got))
	}
}

// hasColor reports whether any pixel of img is c.
func hasColor(img image.Image, c interface{ RGBA() (r, g, b, a uint32) }) bool {
	wr, wg, wb, _ := c.RGBA()
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r == wr && g == wg && b == wb {
				return true
			}
		}
	}
	return false
}
