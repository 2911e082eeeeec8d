package detect

import (
	"hash/fnv"
	"strings"
	"testing"
)

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

func TestCollapseSpaces(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\u00a0b", "a\u3000b", "Север  Корея",
		"already one space each", "trailing\n", "\u2003lead", "x\u0085y", "é è",
	} {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestSegmentHash(t *testing.T) {
	ref := func(s string) uint64 {
		h := fnv.New64a()
		for i, f := range strings.Fields(strings.ToLower(s)) {
			if i > 0 {
				h.Write([]byte{' '})
			}
			h.Write([]byte(f))
		}
		return h.Sum64()
	}
	for _, s := range []string{
		"", " ", "Share", "  Read  MORE: Seoul and Washington ", "Подписаться на НОВОСТИ", "İstanbul",
		"ΣΟΦΟΣ", "a\u00a0b", "関連記事", "bad \xff byte", "\tx\ny\u3000z ",
	} {
		if got, want := segmentHash(s), ref(s); got != want {
			t.Errorf("segmentHash(%q) = %x, want %x", s, got, want)
		}
	}
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b ", "a\u00a0b\tc", "Север Корея\u3000запустила", "x\xffy z"} {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}
