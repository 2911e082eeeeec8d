package topics

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// isoRegions are the ISO 3166-1 alpha-2 codes of countries and
// territories.
const isoRegions = "AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW " +
	"BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FK FM " +
	"FO FR GA GB GD GE GH GI GL GM GN GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE " +
	"KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT " +
	"MU MV MW MX MY MZ NA NC NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA " +
	"SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY " +
	"UZ VA VC VE VN VU WS XK YE ZA ZM ZW"

// cldrLanguages are the languages whose CLDR country names the tagger
// reads: the detector's default languages, and traditional Chinese.
var cldrLanguages = []string{
	"en", "ru", "uk", "zh", "zh-Hant", "ja", "ko", "ar", "fa", "fr", "de", "es", "pt",
	"it", "tr", "hi", "ur", "he", "pl", "nl", "el", "id", "vi",
}

// cldrDenied are CLDR names that are also common words or names, in any
// of the languages: Chad, Jersey and Jordan in English, Georgia the US
// state, Mali ("ills") in Italian, 수단 ("means"), 가나 (kana) and 말리다
// in Korean, مالی ("financial") in Persian and Urdu, مالي in Arabic.
var cldrDenied = map[string]bool{
	"Chad": true, "Jersey": true, "Jordan": true, "Georgia": true, "Mali": true,
	"수단": true, "가나": true, "말리": true, "مالی": true, "مالي": true,
}

// countryConcepts returns a name concept for every country, from CLDR's
// display names in the languages of cldrLanguages, merged into the
// country concepts of the names table: a CLDR name a hand-written term
// already matches is left out.
func countryConcepts(table []Concept) []Concept {
	byRegion := map[string]int{}
	out := slices.Clone(table)
	for i, c := range out {
		if c.Region != "" {
			byRegion[c.Region] = i
		}
	}
	english := display.Regions(language.English)
	var names []string // every country name, for containment guards
	type entry struct{ region, lang, name string }
	var entries []entry
	for _, code := range strings.Fields(isoRegions) {
		region := language.MustParseRegion(code)
		for _, l := range cldrLanguages {
			n := cleanCountryName(display.Regions(language.MustParse(l)).Name(region))
			base := baseLanguage(l)
			if n == "" || n == code || cldrDenied[n] || !usableName(base, n) {
				continue
			}
			entries = append(entries, entry{code, base, n})
			names = append(names, n)
		}
		if _, ok := byRegion[code]; !ok {
			label := cleanCountryName(english.Name(region))
			byRegion[code] = len(out)
			out = append(out, Concept{ID: countryID(label, code), Label: label, Kind: KindName, Class: ClassCountry, Region: code})
		}
	}
	for _, e := range entries {
		c := &out[byRegion[e.region]]
		if slices.ContainsFunc(c.Terms, func(t Term) bool {
			p, err := parseTerm(Term{Text: t.Text, Case: t.Case})
			return err == nil && t.Guard == nil && p.matchesText(e.name)
		}) {
			continue
		}
		if slices.ContainsFunc(c.Terms, func(t Term) bool { return t.Text == e.name && t.Lang == e.lang }) {
			continue // a guarded hand-written term of the same text wins
		}
		t := countryTerm(c.ID, e.lang, e.name, names)
		if stem, ok := slavicStem(e.lang, e.name); ok {
			t.Text = stem + "*"
		}
		c.Terms = append(c.Terms, t)
	}
	return out
}

// minSlavicStem is the shortest stem a declined country name is matched
// by: Чад and Мали stay whole.
const minSlavicStem = 4

// slavicStem returns the stem of a one-word Russian or Ukrainian country
// name, which headlines decline: России, Японии, Китая, Украины and
// Израиля are Россия, Япония, Китай, Украина and Израиль. Names ending in
// another vowel (Мали, Перу) do not decline.
func slavicStem(lang, name string) (string, bool) {
	if lang != "ru" && lang != "uk" || strings.ContainsAny(name, " -‑") {
		return "", false
	}
	rs := []rune(name)
	stem := rs
	switch last := rs[len(rs)-1]; {
	case strings.ContainsRune("аяйьї", last):
		stem = rs[:len(rs)-1]
	case strings.ContainsRune("оеиуыэюёєі", last):
		return "", false
	}
	if len(stem) < minSlavicStem {
		return "", false
	}
	return string(stem), true
}

// cleanCountryName drops a parenthesised qualifier: 홍콩(중국 특별행정구)
// is written 홍콩.
func cleanCountryName(n string) string {
	if i := strings.IndexAny(n, "(（"); i > 0 {
		n = n[:i]
	}
	return strings.TrimSpace(n)
}

// usableName leaves out very short single-word names in the Arabic and
// Hebrew scripts, which are often also common words.
func usableName(lang, n string) bool {
	switch lang {
	case "ar", "fa", "ur", "he":
		return strings.ContainsAny(n, " \u200c") || utf8.RuneCountInString(n) >= 5
	}
	return true
}

// countryTerm makes a term of a CLDR country name: case-sensitive in
// scripts with case, since the names are proper nouns (china, turkey); a
// whole word in Kana and Hangul (インド is not インドネシア, 인도 not
// 인도네시아); and never inside a longer country name of any language
// (Guinea in Papua New Guinea, 印度 in 印度尼西亚).
func countryTerm(id, lang, name string, all []string) Term {
	t := Term{Text: name, Lang: lang, Concept: id}
	r, _ := utf8.DecodeRuneInString(name)
	if unicode.IsUpper(r) {
		t.Case = true
	}
	var g Guard
	if unicode.In(r, unicode.Hangul, unicode.Katakana, unicode.Hiragana) {
		g.Whole = true
	}
	for _, other := range all {
		if other != name && strings.Contains(other, name) && !slices.Contains(g.NotIn, other) {
			g.NotIn = append(g.NotIn, other)
		}
	}
	if g.Whole || len(g.NotIn) > 0 {
		t.Guard = &g
	}
	return t
}

// countryID is a concept id made from an English country name: "Côte
// d’Ivoire" is "cote-d-ivoire"; the region code when nothing is left.
func countryID(label, code string) string {
	plain, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn))), label)
	if err != nil {
		plain = label
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "country-" + strings.ToLower(code)
	}
	return b.String()
}
