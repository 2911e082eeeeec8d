package detect

import (
	"log/slog"
	"slices"
	"testing"
)

// TestTwoStepSample checks that the first, short sample decides when it
// confirms the declared language with confidence, and that the longer one
// is read otherwise: here the text turns to French after its first
// hundred runes.
func TestTwoStepSample(t *testing.T) {
	d, err := New(Options{Languages: []string{"en", "fr", "de"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	title := "Port strike enters its second week"
	text := "Dock workers extended their strike on Monday after talks failed.\n" +
		"Les dockers ont prolongé leur grève lundi après l'échec des négociations avec les autorités portuaires sur les salaires et les horaires de nuit. " +
		"Le syndicat a indiqué que quatre mille de ses membres avaient cessé le travail dans les trois principaux ports du pays."
	tests := []struct {
		declared, want string
	}{
		{"en", "en"}, // the first sample settles it
		{"", "fr"},   // no declaration: the longer sample, mostly French
		{"fr", "fr"}, // the first sample disagrees with the declaration
	}
	for _, tt := range tests {
		var flags flagSet
		lines := splitLines(text, &flags)
		g, _ := d.detectStory("", title, lines, tt.declared)
		if g.code != tt.want {
			t.Errorf("declared %q: detectStory = %v, want %s", tt.declared, g, tt.want)
		}
	}
}

// TestTrustedDeclaration checks that a declared language is taken without
// lingua only when the text is in its script and its stop words, and that
// a story in another language is still found and flagged.
func TestTrustedDeclaration(t *testing.T) {
	d := newTestDetector(t)
	tests := []struct {
		name, declared, title, text string
		trusted                     bool
		want                        string
	}{
		{"english", "en", "Port workers vote to strike over pay",
			"The union said that most of the members who took part in the ballot backed the strike.", true, "en"},
		{"german declared english", "en", "Hafenarbeiter stimmen für einen Streik",
			"Die Gewerkschaft sagte, dass die meisten Mitglieder, die an der Abstimmung teilnahmen, den Streik unterstützten.", false, "de"},
		{"few words", "en", "Kim inspects missile launch", "", false, "en"},
		{"russian declared ukrainian", "uk", "Портовые рабочие проголосовали за забастовку",
			"Профсоюз заявил, что большинство членов, которые участвовали в голосовании, поддержали забастовку, и это не первый раз.", false, "ru"},
		{"unknown declaration", "sk", "Port workers vote to strike over pay",
			"The union said that most of the members who took part in the ballot backed the strike.", false, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flags flagSet
			lines := splitLines(tt.text, &flags)
			sample, _ := storySample(tt.title, storyText(tt.title, lines), firstSampleRunes)
			var c scriptCounts
			c.add(sample)
			if got := d.trusted(sample, &c, tt.declared); got != tt.trusted {
				t.Errorf("trusted = %v, want %v", got, tt.trusted)
			}
			a := d.Analyze(Input{Title: tt.title, Text: tt.text, DeclaredLanguage: tt.declared})
			if a.Language != tt.want {
				t.Errorf("Language = %q, want %q", a.Language, tt.want)
			}
			mismatch := slices.Contains(a.Flags, FlagLanguageMismatch)
			if wantMismatch := tt.want != tt.declared && tt.declared != "sk"; mismatch != wantMismatch {
				t.Errorf("Flags = %v, want mismatch %v", a.Flags, wantMismatch)
			}
		})
	}
}
