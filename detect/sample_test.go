package detect

import (
	"log/slog"
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
