package detect_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// langCase is one language's texts in testdata/languages.json, written for
// these tests: a short headline, a headline and a summary.
type langCase struct {
	Lang     string `json:"lang"`
	Short    string `json:"short"`
	Headline string `json:"headline"`
	Summary  string `json:"summary"`
}

// loadLangCases reads testdata/languages.json.
func loadLangCases(tb testing.TB) []langCase {
	tb.Helper()
	var cases []langCase
	if err := json.Unmarshal([]byte(readFile(tb, filepath.Join("testdata", "languages.json"))), &cases); err != nil {
		tb.Fatalf("languages.json: %v", err)
	}
	return cases
}

func TestAnalyzeLanguages(t *testing.T) {
	d := newDefault(t)
	cases := loadLangCases(t)
	seen := make(map[string]bool)
	for _, c := range cases {
		seen[c.Lang] = true
		for _, tc := range []struct {
			name string
			in   detect.Input
		}{
			{"short-declared", detect.Input{Title: c.Short, DeclaredLanguage: c.Lang}},
			{"headline", detect.Input{Title: c.Headline}},
			{"summary", detect.Input{Title: c.Headline, Text: c.Summary}},
			{"summary-only", detect.Input{Text: c.Summary}},
		} {
			t.Run(c.Lang+"/"+tc.name, func(t *testing.T) {
				a := d.Analyze(tc.in)
				if a.Language != c.Lang {
					t.Errorf("Language = %q (%.2f), want %q", a.Language, a.Confidence, c.Lang)
				}
				if a.Confidence < detect.DefaultMinConfidence || a.Confidence > 1 {
					t.Errorf("Confidence = %v, want between %v and 1", a.Confidence, detect.DefaultMinConfidence)
				}
				if len(a.Noise) != 0 {
					t.Errorf("Noise = %v, want none", a.Noise)
				}
				if len(a.Flags) != 0 {
					t.Errorf("Flags = %v, want none", a.Flags)
				}
				if a.CleanText != tc.in.Text {
					t.Errorf("CleanText = %q, want the text unchanged", a.CleanText)
				}
			})
		}
	}
	for _, code := range detect.DefaultLanguages() {
		if !seen[code] {
			t.Errorf("no test texts for default language %q", code)
		}
	}
}
