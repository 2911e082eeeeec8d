package detect

import (
	"strings"
	"unicode"
)

// LanguageName returns the English name of the language of an ISO 639-1
// code, "Korean" for "ko", or "" when the code names no language the
// detector knows.
func LanguageName(code string) string {
	l, ok := languageOf(code)
	if !ok {
		return ""
	}
	name := []rune(strings.ToLower(l.String()))
	name[0] = unicode.ToUpper(name[0])
	return string(name)
}

// ResolveLanguages returns the ISO 639-1 codes detection chooses from when
// Options.Languages is codes: the default set for none, every language the
// detector knows for ["all"], else the codes themselves, lower-cased and
// without region subtags. Invalid codes are left out.
func ResolveLanguages(codes []string) []string {
	langs, err := linguaLanguages(codes)
	if err != nil {
		var out []string
		for _, c := range codes {
			if l, ok := languageOf(c); ok {
				out = append(out, codeOf(l))
			}
		}
		return out
	}
	out := make([]string, 0, len(langs))
	for _, l := range langs {
		if c := codeOf(l); c != "" && c != "unknown" {
			out = append(out, c)
		}
	}
	return out
}
