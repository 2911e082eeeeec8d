package detect_test

import (
	"slices"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestFold(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		changed bool
	}{
		{"North Korea tests new ICВM", "North Korea tests new ICBM", true},           // Cyrillic В
		{"Missile launched from Pyongyаng", "Missile launched from Pyongyang", true}, // Cyrillic а
		{"Сaнкции против России", "Санкции против России", true},                     // Latin C and a in Cyrillic
		{"Νuclear talks resume", "Nuclear talks resume", true},                       // Greek Ν
		{"ΑΘΗΝΑ: Η Βουλή", "ΑΘΗΝΑ: Η Βουλή", false},                                  // Greek only
		{"Путин и ICBM", "Путин и ICBM", false},                                      // words in one script each
		{"plain ascii", "plain ascii", false},
		{"café déjà vu", "café déjà vu", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, changed := detect.Fold(tt.in)
		if got != tt.want || changed != tt.changed {
			t.Errorf("Fold(%q) = %q, %v, want %q, %v", tt.in, got, changed, tt.want, tt.changed)
		}
	}
}

func TestAnalyzeFoldsConfusables(t *testing.T) {
	d := newDefault(t)
	a := d.Analyze(detect.Input{
		Title: "North Korea fires ICВM from Pyongyаng",
		Text:  "The ICВM flew for 70 minutes before falling into the sea, officials in Seoul said.",
	})
	if a.CleanTitle != "North Korea fires ICBM from Pyongyang" {
		t.Errorf("CleanTitle = %q, want folded", a.CleanTitle)
	}
	if a.CleanText != "The ICBM flew for 70 minutes before falling into the sea, officials in Seoul said." {
		t.Errorf("CleanText = %q, want folded", a.CleanText)
	}
	if !slices.Equal(a.Flags, []string{detect.FlagConfusables}) {
		t.Errorf("Flags = %v, want [confusables]", a.Flags)
	}
	if a.Language != "en" || len(a.Noise) != 0 {
		t.Errorf("Language = %q, Noise = %v, want en and no noise", a.Language, a.Noise)
	}
}
