package detect_test

import (
	"slices"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestDeclaredLanguage(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name     string
		in       detect.Input
		want     string
		mismatch bool
	}{
		// Short Portuguese that the models alone take for Spanish: the
		// declaration tips it.
		{"short pt declared", detect.Input{Title: "Forte sismo abala a costa norte do país", DeclaredLanguage: "pt"}, "pt", false},
		{"short pt region tag", detect.Input{Title: "Forte sismo abala a costa norte do país", DeclaredLanguage: "pt-BR"}, "pt", false},
		// A declaration in another script is no evidence, and is a mismatch.
		{"kannada declared, english text", detect.Input{
			Title:            "Bank opens new branch in the city centre",
			Text:             "The bank said the branch would serve small businesses and offer longer opening hours for customers.",
			DeclaredLanguage: "kn"}, "en", true},
		{"english declared, chinese text", detect.Input{
			Title: "求推荐适合新手的编程书籍", Text: "最近想学习编程，但是不知道从哪里开始，希望大家推荐几本入门的书。",
			DeclaredLanguage: "en"}, "zh", true},
		// Same script, long text, confidently another language.
		{"german declared, english summary", detect.Input{
			Title:            "Government announces plan to cut energy prices for households",
			Text:             "The government said on Tuesday that it would cap electricity and gas prices for households until the end of next year, paid for by a windfall tax on energy companies.",
			DeclaredLanguage: "de"}, "en", true},
		// A kanji-only headline is Japanese when the feed says so.
		{"kanji-only ja declared", detect.Input{Title: "震度速報", DeclaredLanguage: "ja"}, "ja", false},
		{"kanji-only zh declared", detect.Input{Title: "地震速报", DeclaredLanguage: "zh"}, "zh", false},
		// Too short to tell.
		{"too short", detect.Input{Title: "AI", DeclaredLanguage: ""}, "und", false},
		{"digits only", detect.Input{Title: "2024", Text: "12:30"}, "und", false},
		{"unknown declaration ignored", detect.Input{Title: "Strong earthquake shakes northern coast of the island", DeclaredLanguage: "xx"}, "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(tt.in)
			if a.Language != tt.want {
				t.Errorf("Language = %q (%.2f), want %q", a.Language, a.Confidence, tt.want)
			}
			if got := slices.Contains(a.Flags, detect.FlagLanguageMismatch); got != tt.mismatch {
				t.Errorf("language-mismatch flagged = %v, want %v (flags %v)", got, tt.mismatch, a.Flags)
			}
		})
	}
}
