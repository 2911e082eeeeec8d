package topics

import (
	"strings"
	"unicode"
)

// scriptSet is a set of writing systems, one bit each.
type scriptSet uint32

const (
	scLatin scriptSet = 1 << iota
	scCyrillic
	scGreek
	scArabic
	scHebrew
	scDevanagari
	scBengali
	scHan
	scHiragana
	scKatakana
	scHangul
	scThai
	scGeorgian
	scArmenian
	scOther
)

var scriptTables = []struct {
	set   scriptSet
	name  string
	table *unicode.RangeTable
}{
	{scLatin, "Latin", unicode.Latin},
	{scCyrillic, "Cyrillic", unicode.Cyrillic},
	{scGreek, "Greek", unicode.Greek},
	{scArabic, "Arabic", unicode.Arabic},
	{scHebrew, "Hebrew", unicode.Hebrew},
	{scDevanagari, "Devanagari", unicode.Devanagari},
	{scBengali, "Bengali", unicode.Bengali},
	{scHan, "Han", unicode.Han},
	{scHiragana, "Hiragana", unicode.Hiragana},
	{scKatakana, "Katakana", unicode.Katakana},
	{scHangul, "Hangul", unicode.Hangul},
	{scThai, "Thai", unicode.Thai},
	{scGeorgian, "Georgian", unicode.Georgian},
	{scArmenian, "Armenian", unicode.Armenian},
}

// scriptsOf returns the scripts of the letters in s; digits and
// punctuation belong to none.
func scriptsOf(s string) scriptSet {
	var set scriptSet
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		found := false
		for _, st := range scriptTables {
			if unicode.Is(st.table, r) {
				set |= st.set
				found = true
				break
			}
		}
		if !found {
			set |= scOther
		}
	}
	return set
}

// String lists the set's script names, like "Han and Latin".
func (s scriptSet) String() string {
	var names []string
	for _, st := range scriptTables {
		if s&st.set != 0 {
			names = append(names, st.name)
		}
	}
	if s&scOther != 0 {
		names = append(names, "another")
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

const allScripts = ^scriptSet(0)

// languageScripts holds the scripts each language is usually written in.
// Languages missing here are taken to be written in any script.
var languageScripts = map[string]scriptSet{
	"af": scLatin, "az": scLatin | scCyrillic | scArabic, "be": scCyrillic,
	"bg": scCyrillic, "bn": scBengali, "bs": scLatin | scCyrillic,
	"ca": scLatin, "cs": scLatin, "cy": scLatin, "da": scLatin,
	"de": scLatin, "el": scGreek, "en": scLatin, "eo": scLatin,
	"es": scLatin, "et": scLatin, "eu": scLatin, "fa": scArabic,
	"fi": scLatin, "fr": scLatin, "ga": scLatin, "gl": scLatin,
	"he": scHebrew, "hi": scDevanagari, "hr": scLatin, "hu": scLatin,
	"hy": scArmenian, "id": scLatin, "is": scLatin, "it": scLatin,
	"ja": scHan | scHiragana | scKatakana, "ka": scGeorgian,
	"kk": scCyrillic | scLatin, "ko": scHangul | scHan, "ky": scCyrillic,
	"lt": scLatin, "lv": scLatin, "mk": scCyrillic, "mn": scCyrillic,
	"mr": scDevanagari, "ms": scLatin, "mt": scLatin, "nb": scLatin,
	"ne": scDevanagari, "nl": scLatin, "nn": scLatin, "no": scLatin,
	"pl": scLatin, "ps": scArabic, "pt": scLatin, "ro": scLatin,
	"ru": scCyrillic, "sk": scLatin, "sl": scLatin, "so": scLatin,
	"sq": scLatin, "sr": scCyrillic | scLatin, "sv": scLatin,
	"sw": scLatin, "tg": scCyrillic, "th": scThai, "tl": scLatin,
	"tr": scLatin, "uk": scCyrillic, "ur": scArabic, "uz": scLatin | scCyrillic,
	"vi": scLatin, "yi": scHebrew, "yo": scLatin, "zh": scHan, "zu": scLatin,
}

// iso639 holds every ISO 639-1 language code.
var iso639 = func() map[string]bool {
	const codes = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy " +
		"da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz " +
		"ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo " +
		"lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps " +
		"pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn " +
		"to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
	m := make(map[string]bool)
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

// baseLanguage reduces a language tag like "en-US" to "en".
func baseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// scriptsOfLanguages returns the union of the languages' scripts.
func scriptsOfLanguages(langs []string) scriptSet {
	var set scriptSet
	for _, l := range langs {
		s, ok := languageScripts[l]
		if !ok {
			return allScripts
		}
		set |= s
	}
	return set
}
