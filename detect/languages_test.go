package detect_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
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

func TestLanguagesOfLongLines(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name, title, text string
		want              []string
	}{
		{"english paragraphs", "Port workers vote to strike",
			"Dock workers at the country's three largest container ports voted on Tuesday to walk out next month unless employers improve their pay offer.\n" +
				"The union said most members who took part in the ballot backed strike action, and that talks had broken down over night-shift pay.\n" +
				"Shipping lines warned that even a short stoppage would add days to delivery times for retailers stocking up for the spring season.",
			[]string{"en"}},
		{"ukrainian paragraph in a russian story", "Переговоры в Стамбуле завершились без соглашения",
			"Делегации России и Украины завершили в пятницу переговоры в Стамбуле, не договорившись о прекращении огня, сообщили источники.\n" +
				"Следующая встреча может состояться в конце месяца, однако дата пока не согласована, добавили в министерстве.\n" +
				"Ми готові продовжувати переговори, але не на умовах, які нам намагаються нав'язати, заявив голова української делегації.",
			[]string{"ru", "uk"}},
		{"english paragraph in a german story", "Gipfel endet ohne Einigung",
			"Der Gipfel ist am Sonntag ohne gemeinsame Erklärung zu Ende gegangen, die Delegationen blieben bei der Finanzierung uneins.\n" +
				"The delegations could not agree on who should pay for the new climate fund, a senior diplomat told reporters after the meeting.\n" +
				"Die Gespräche sollen im Juni in Genf fortgesetzt werden, teilte die Präsidentschaft am Abend mit.",
			[]string{"de", "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: tt.text})
			if !slices.Equal(a.Languages, tt.want) {
				t.Errorf("Languages = %v (%s %.2f), want %v", a.Languages, a.Language, a.Confidence, tt.want)
			}
			if a.CleanText != tt.text {
				t.Errorf("CleanText = %q, want the text unchanged", a.CleanText)
			}
		})
	}
}
