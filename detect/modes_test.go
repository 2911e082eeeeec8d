package detect_test

import (
	"log/slog"
	"os"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// TestAccuracyModes compares low and high accuracy on the written texts,
// headlines without a declared language. It builds a high-accuracy
// detector (about 400 MB), so it runs only when WIREWATCH_DETECT_MODES=1.
func TestAccuracyModes(t *testing.T) {
	if os.Getenv("WIREWATCH_DETECT_MODES") != "1" {
		t.Skip("set WIREWATCH_DETECT_MODES=1 to compare accuracy modes (builds high-accuracy models)")
	}
	cases := loadLangCases(t)
	for _, high := range []bool{false, true} {
		d, err := detect.New(detect.Options{HighAccuracy: high, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		right, total := 0, 0
		for _, c := range cases {
			for _, title := range []string{c.Short, c.Headline} {
				total++
				a := d.Analyze(detect.Input{Title: title})
				if a.Language == c.Lang {
					right++
				} else {
					t.Logf("high=%v: %q: got %s (%.2f), want %s", high, title, a.Language, a.Confidence, c.Lang)
				}
			}
		}
		t.Logf("high=%v: %d/%d headlines right", high, right, total)
		if right*100 < total*95 {
			t.Errorf("high=%v: %d/%d headlines right, want at least 95%%", high, right, total)
		}
	}
}
