package detect_test

import (
	"log/slog"
	"slices"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestValidateLanguages(t *testing.T) {
	tests := []struct {
		codes []string
		want  string
	}{
		{nil, ""},
		{[]string{"en", "ru"}, ""},
		{[]string{"EN", "pt-BR", "zh"}, ""},
		{[]string{"all"}, ""},
		{[]string{"en", "xx"}, `unknown language code "xx"`},
		{[]string{"xx", "en", "qq"}, "unknown language code \"xx\"\nunknown language code \"qq\""},
		{[]string{"all", "en"}, `language code "all" must be used alone`},
		{[]string{"en"}, `at least two languages are needed, got ["en"]`},
		{[]string{"english", "fr"}, `unknown language code "english"`},
	}
	for _, tt := range tests {
		err := detect.ValidateLanguages(tt.codes)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("ValidateLanguages(%q) = %q, want %q", tt.codes, got, tt.want)
		}
	}
}

func TestDefaultLanguages(t *testing.T) {
	got := detect.DefaultLanguages()
	for _, code := range []string{"en", "ru", "uk", "zh", "ja", "ko", "ar", "fa", "fr", "de", "es", "pt", "it", "tr", "hi", "ur"} {
		if !slices.Contains(got, code) {
			t.Errorf("DefaultLanguages() = %v, missing %q", got, code)
		}
	}
	got[0] = "changed"
	if detect.DefaultLanguages()[0] == "changed" {
		t.Errorf("DefaultLanguages returns shared state")
	}
	d := newDefault(t)
	want := detect.DefaultLanguages()
	slices.Sort(want)
	if !slices.Equal(d.Languages(), want) {
		t.Errorf("Languages() = %v, want %v", d.Languages(), want)
	}
}

func TestNewOptions(t *testing.T) {
	if _, err := detect.New(detect.Options{Languages: []string{"en", "xx"}}); err == nil || err.Error() != `new detector: unknown language code "xx"` {
		t.Errorf("New with an unknown code: err = %v, want it named", err)
	}
	if _, err := detect.New(detect.Options{MinConfidence: 2}); err == nil {
		t.Errorf("New with MinConfidence 2: err = nil, want an error")
	}
	d, err := detect.New(detect.Options{Languages: []string{"en", "de"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	// A two-language detector: Russian text has no language it knows.
	if a := d.Analyze(detect.Input{Title: "Парламент одобрил новый бюджет"}); a.Language != "und" {
		t.Errorf("en/de detector on Russian: Language = %q, want und", a.Language)
	}
}
