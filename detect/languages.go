package detect

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pemistahl/lingua-go"
)

// AllLanguages is the value of Options.Languages, alone, that selects every
// language lingua knows.
const AllLanguages = "all"

// defaultLanguages is the default set: the languages of the world's main
// wire services and of the regions a wire monitor watches most, kept small
// enough that the low-accuracy models stay around 40 MB.
var defaultLanguages = []string{
	"en", "ru", "uk", "zh", "ja", "ko", "ar", "fa", "fr", "de", "es", "pt",
	"it", "tr", "hi", "ur", "he", "pl", "nl", "el", "id", "vi",
}

// DefaultLanguages returns the ISO 639-1 codes of the languages detected
// when Options.Languages is empty.
func DefaultLanguages() []string {
	return append([]string(nil), defaultLanguages...)
}

// ValidateLanguages checks that every code names a language the detector
// knows, as an ISO 639-1 code, or that codes is ["all"] alone. The error
// names every unknown code.
func ValidateLanguages(codes []string) error {
	_, err := linguaLanguages(codes)
	return err
}

// linguaLanguages returns the lingua languages for codes, with the default
// set for an empty list.
func linguaLanguages(codes []string) ([]lingua.Language, error) {
	if len(codes) == 0 {
		codes = defaultLanguages
	}
	if len(codes) == 1 && strings.EqualFold(strings.TrimSpace(codes[0]), AllLanguages) {
		return lingua.AllLanguages(), nil
	}
	var (
		langs []lingua.Language
		errs  []error
		seen  = make(map[lingua.Language]bool)
	)
	for _, c := range codes {
		if strings.EqualFold(strings.TrimSpace(c), AllLanguages) {
			errs = append(errs, fmt.Errorf("language code %q must be used alone", c))
			continue
		}
		l, ok := languageOf(c)
		if !ok {
			errs = append(errs, fmt.Errorf("unknown language code %q", c))
			continue
		}
		if !seen[l] {
			seen[l] = true
			langs = append(langs, l)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(langs) < 2 {
		return nil, fmt.Errorf("at least two languages are needed, got %q", codes)
	}
	return langs, nil
}

// languageOf returns the lingua language of an ISO 639-1 code; region
// subtags ("en-US", "pt_BR") are ignored.
func languageOf(code string) (lingua.Language, bool) {
	code = baseCode(code)
	if len(code) != 2 {
		return lingua.Unknown, false
	}
	iso := lingua.GetIsoCode639_1FromValue(code)
	if iso == lingua.UnknownIsoCode639_1 {
		return lingua.Unknown, false
	}
	l := lingua.GetLanguageFromIsoCode639_1(iso)
	return l, l != lingua.Unknown
}

// baseCode lowercases a language tag and drops its region or script
// subtags: "en-US" becomes "en".
func baseCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// codeOf returns the ISO 639-1 code of a lingua language.
func codeOf(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}

// languageScripts maps ISO 639-1 codes to the writing system their text is
// mostly in, for the languages not written in Latin script. Japanese is
// scriptHiragana, the value scriptCounts.dominant gives Japanese text.
var languageScripts = map[string]script{
	"ru": scriptCyrillic, "uk": scriptCyrillic, "be": scriptCyrillic,
	"bg": scriptCyrillic, "mk": scriptCyrillic, "sr": scriptCyrillic,
	"kk": scriptCyrillic, "mn": scriptCyrillic,
	"el": scriptGreek,
	"ar": scriptArabic, "fa": scriptArabic, "ur": scriptArabic, "ps": scriptArabic,
	"he": scriptHebrew, "yi": scriptHebrew,
	"hi": scriptDevanagari, "mr": scriptDevanagari, "ne": scriptDevanagari,
	"bn": scriptBengali, "pa": scriptGurmukhi, "gu": scriptGujarati,
	"ta": scriptTamil, "te": scriptTelugu, "kn": scriptKannada, "ml": scriptMalayalam,
	"th": scriptThai, "hy": scriptArmenian, "ka": scriptGeorgian,
	"zh": scriptHan, "ja": scriptHiragana, "ko": scriptHangul,
}

// scriptOfLanguage returns the main script of a language code: Latin for
// every code not listed in languageScripts.
func scriptOfLanguage(code string) script {
	if s, ok := languageScripts[code]; ok {
		return s
	}
	return scriptLatin
}

// scriptLanguages returns, for each script other than Latin and Han, the
// code of the only language among codes written in it, or "" when none
// or several are: text in such a script can only be in that language
// (Hangul is Korean, Greek Greek, Devanagari Hindi when Marathi is not
// among codes), so lingua need not be asked.
func scriptLanguages(codes []string) [numScripts]string {
	var out [numScripts]string
	var n [numScripts]int
	for _, c := range codes {
		s := scriptOfLanguage(c)
		n[s]++
		out[s] = c
	}
	for s := range out {
		if n[s] != 1 || script(s) == scriptLatin || script(s) == scriptHan {
			out[s] = ""
		}
	}
	return out
}
