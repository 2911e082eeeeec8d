package detect

import "testing"

func TestScriptOf(t *testing.T) {
	tests := []struct {
		r    rune
		want script
	}{
		{'a', scriptLatin}, {'Z', scriptLatin}, {'7', scriptNone}, {' ', scriptNone},
		{'é', scriptLatin}, {'ß', scriptLatin}, {'ə', scriptLatin},
		{'Ж', scriptCyrillic}, {'ї', scriptCyrillic}, {'Ω', scriptGreek},
		{'ب', scriptArabic}, {'ی', scriptArabic}, {'א', scriptHebrew},
		{'ह', scriptDevanagari}, {'\u093e', scriptNone}, // a vowel sign is a mark
		{'ক', scriptBengali}, {'ก', scriptThai}, {'Ա', scriptArmenian}, {'ა', scriptGeorgian},
		{'中', scriptHan}, {'あ', scriptHiragana}, {'ゝ', scriptHiragana}, {'カ', scriptKatakana},
		{'ー', scriptKatakana}, {'ｶ', scriptKatakana}, {'한', scriptHangul},
		{'𠀋', scriptHan}, // outside the Basic Multilingual Plane
		{'ሀ', scriptOther}, {'。', scriptNone}, {'\u00a0', scriptNone}, {'€', scriptNone},
	}
	for _, tt := range tests {
		if got := scriptOf(tt.r); got != tt.want {
			t.Errorf("scriptOf(%q) = %v, want %v", tt.r, got, tt.want)
		}
		if got := scriptOfSlow(tt.r); got != tt.want {
			t.Errorf("scriptOfSlow(%q) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestScriptLanguages(t *testing.T) {
	tests := []struct {
		codes []string
		s     script
		want  string
	}{
		{[]string{"en", "ko", "ru"}, scriptHangul, "ko"},
		{[]string{"en", "hi", "ru"}, scriptDevanagari, "hi"},
		{[]string{"en", "hi", "mr"}, scriptDevanagari, ""},
		{[]string{"en", "ru", "uk"}, scriptCyrillic, ""},
		{[]string{"en", "ru", "fr"}, scriptCyrillic, "ru"},
		{[]string{"en", "fr"}, scriptLatin, ""},
		{[]string{"en", "zh"}, scriptHan, ""},
		{[]string{"en", "ja"}, scriptHiragana, "ja"},
		{[]string{"en", "ru"}, scriptGreek, ""},
	}
	for _, tt := range tests {
		if got := scriptLanguages(tt.codes)[tt.s]; got != tt.want {
			t.Errorf("scriptLanguages(%q)[%v] = %q, want %q", tt.codes, tt.s, got, tt.want)
		}
	}
}
