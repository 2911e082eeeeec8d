package detect_test

import (
	"slices"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestAnalyzeMojibake(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name      string
		title     string
		text      string
		wantTitle string
		wantText  string
		wantLang  string
		flags     []string
		noise     []string
	}{
		{"french read as windows-1252",
			"Un sÃ©isme rÃ©veille les habitants",
			"Les habitants ont Ã©tÃ© rÃ©veillÃ©s par un tremblement de terre Ã  trois heures du matin.",
			"Un séisme réveille les habitants",
			"Les habitants ont été réveillés par un tremblement de terre à trois heures du matin.",
			"fr", []string{detect.FlagMojibakeRepaired}, nil},
		{"lost no-break space",
			"Neige et pluie verglaÃ§anteÂ : alerte Ã©tendue Ã 37 dÃ©partements", "",
			"Neige et pluie verglaçante : alerte étendue à 37 départements", "",
			"fr", []string{detect.FlagMojibakeRepaired}, nil},
		{"smart quotes",
			"Kimâ€™s â€œbig pushâ€ on missiles", "",
			"Kim’s “big push” on missiles", "",
			"en", []string{detect.FlagMojibakeRepaired}, nil},
		{"russian read as windows-1252",
			"Ð¯Ð½Ð´ÐµÐºÑ\u0081 Ð¾Ñ‚ÐºÑ€Ñ‹Ð» Ð½Ð¾Ð²Ñ‹Ð¹ Ð¾Ñ„Ð¸Ñ\u0081", "",
			"Яндекс открыл новый офис", "",
			"ru", []string{detect.FlagMojibakeRepaired}, nil},
		{"double encoded",
			"Ã¢â‚¬Å“We will winÃ¢â‚¬Â\u009d, says cafÃƒÂ© owner in Paris", "",
			"“We will win”, says café owner in Paris", "",
			"en", []string{detect.FlagMojibakeRepaired}, nil},
		{"mac roman punctuation",
			"Fort Lauderdale‚Äìbound flight diverted after bomb threat", "",
			"Fort Lauderdale–bound flight diverted after bomb threat", "",
			"en", []string{detect.FlagMojibakeRepaired}, nil},
		{"unrepairable line dropped",
			"Bank raises interest rates again",
			"The central bank raised its main rate by a quarter point on Thursday.\n\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd",
			"Bank raises interest rates again",
			"The central bank raised its main rate by a quarter point on Thursday.",
			"en", []string{detect.FlagMojibake}, []string{"\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd"}},
		{"genuine latin-1 text untouched",
			"São Paulo: preços sobem após a greve", "",
			"São Paulo: preços sobem após a greve", "",
			"pt", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: tt.text})
			if a.CleanTitle != tt.wantTitle {
				t.Errorf("CleanTitle = %q, want %q", a.CleanTitle, tt.wantTitle)
			}
			if a.CleanText != tt.wantText {
				t.Errorf("CleanText = %q, want %q", a.CleanText, tt.wantText)
			}
			if a.Language != tt.wantLang {
				t.Errorf("Language = %q, want %q", a.Language, tt.wantLang)
			}
			if !slices.Equal(a.Flags, tt.flags) {
				t.Errorf("Flags = %v, want %v", a.Flags, tt.flags)
			}
			if got := noiseTexts(a, detect.ReasonMojibake); !slices.Equal(got, tt.noise) {
				t.Errorf("mojibake noise = %q, want %q", got, tt.noise)
			}
		})
	}
}
