package detect_test

import (
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// foreignMenuStory is a German story followed by a line of English chrome.
const (
	foreignMenuTitle = "Hafenstreik geht in die zweite Woche"
	foreignMenuStory = "Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne und Nachtschichten gescheitert waren."
	foreignMenuLine  = "Breaking news alerts from our newsroom"
)

func TestCleanTextMatchesAnalyze(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name string
		in   detect.Input
	}{
		{"foreign-language chrome", detect.Input{Title: foreignMenuTitle, Text: foreignMenuStory + "\n" + foreignMenuLine}},
		{"chrome and a foreign script", detect.Input{Title: "港口罢工进入第二周",
			Text: "分享\n码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。\n\nSign up now\n相关阅读：运费持续上涨"}},
		{"a quote kept", detect.Input{Title: "Kremlin rejects talks proposal", DeclaredLanguage: "en",
			Text: "The Kremlin spokesman dismissed the proposal on Tuesday.\n«Мы не будем вести переговоры на таких условиях.»\nHe did not say whether Moscow would make a counter-offer."}},
		{"mojibake repaired", detect.Input{Title: "Les dockers prolongent la grÃ¨ve",
			Text: "Les dockers ont prolongÃ© leur grÃ¨ve lundi aprÃ¨s l'Ã©chec des nÃ©gociations.\nPartager"}},
		{"no text", detect.Input{Title: "Nurses accept new contract"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(tt.in)
			for _, lang := range []string{a.Language, ""} {
				if got := d.CleanText(tt.in, lang); got != a.CleanText {
					t.Errorf("CleanText(%q) = %q, want Analyze's %q", lang, got, a.CleanText)
				}
			}
		})
	}
}

func TestCleanTextTakesTheLanguageGiven(t *testing.T) {
	d := newDefault(t)
	in := detect.Input{Title: foreignMenuTitle, Text: foreignMenuStory + "\n" + foreignMenuLine}
	tests := []struct {
		lang, want string
	}{
		// The English line is chrome in a German story...
		{"de", foreignMenuStory},
		// ...and part of the story when the story is in English.
		{"en", foreignMenuStory + "\n" + foreignMenuLine},
		// Unknown: detected, as German.
		{"und", foreignMenuStory},
	}
	for _, tt := range tests {
		if got := d.CleanText(in, tt.lang); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
