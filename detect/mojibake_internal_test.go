package detect

import (
	"testing"
	"unicode/utf8"
)

// FuzzMayBeMojibake checks that the quick scan never passes text that
// repairMojibake would repair or count as broken.
func FuzzMayBeMojibake(f *testing.F) {
	for _, s := range []string{
		"plain ASCII",
		"“Quoted” – and ’tis café, señor, Straße",
		"Un sÃ©isme rÃ©veille les habitants",
		"Ã© alone", "Ã ", "â€™", "â€", "‚Äô", "Â‚Äô", "\u0082Äú",
		"bad \uFFFD rune", "C1 \u0085 control", "Ã\u0081", "ô’", "é€",
		"Москва", "東京", "Ελλάδα",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || mayBeMojibake(s) {
			return
		}
		if got, repaired, broken := repairMojibake(s); repaired || broken || got != s {
			t.Errorf("mayBeMojibake(%q) = false, but repairMojibake = %q, %v, %v", s, got, repaired, broken)
		}
	})
}

func TestMayBeMojibake(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"plain ASCII", false},
		{"“Quoted” – and ’tis café, señor, Straße", false},
		{"Un sÃ©isme", true},
		{"â€™", true},
		{"‚Äô", true},
		{"bad \uFFFD rune", true},
		{"C1 \u0085 control", true},
	}
	for _, tt := range tests {
		if got := mayBeMojibake(tt.s); got != tt.want {
			t.Errorf("mayBeMojibake(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
