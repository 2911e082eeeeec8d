package detect

import (
	"slices"
	"testing"
)

func TestLanguageName(t *testing.T) {
	for code, want := range map[string]string{"ko": "Korean", "ja": "Japanese", "en-US": "English", "pt_BR": "Portuguese", "xx": "", "": ""} {
		if got := LanguageName(code); got != want {
			t.Errorf("LanguageName(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestResolveLanguages(t *testing.T) {
	if got := ResolveLanguages(nil); !slices.Equal(got, DefaultLanguages()) {
		t.Errorf("ResolveLanguages(nil) = %v, want the default set %v", got, DefaultLanguages())
	}
	all := ResolveLanguages([]string{"all"})
	if len(all) < 70 || !slices.Contains(all, "sw") || !slices.Contains(all, "ko") {
		t.Errorf("ResolveLanguages(all) = %d codes %v, want every language, sw and ko among them", len(all), all)
	}
	if got := ResolveLanguages([]string{"KO", "ja-JP", "xx"}); !slices.Equal(got, []string{"ko", "ja"}) {
		t.Errorf("ResolveLanguages(KO, ja-JP, xx) = %v, want [ko ja]", got)
	}
}
