package topics

import "testing"

// ruleCases exercise each matching rule in many languages: every rule has
// cases that must match and near misses that must not.
var ruleCases = []struct {
	rule, lang string
	term       string
	text       string
	want       bool
}{
	// Whole words by Unicode word boundaries, in spaced scripts.
	{"word", "en", "Iran", "Talks with Iran resume", true},
	{"word", "en", "Iran", "Kiran Desai returns", false},
	{"word", "ru", "ракета", "Упала «ракета» в поле", true},
	{"word", "ru", "ракета", "Ракетами обстреляли", false},
	{"word", "uk", "Іран", "Іран відповів", true},
	{"word", "uk", "Іран", "Ірана", false},
	{"word", "de", "Atom", "Das Atom zerfällt", true},
	{"word", "de", "Atom", "Atomkraft? Nein danke", false},
	{"word", "fr", "Iran", "l'Iran négocie", true},
	{"word", "fr", "séisme", "séismes en série", false},
	{"word", "es", "sismo", "Fuerte sismo en Chile", true},
	{"word", "es", "sismo", "sismógrafo nuevo", false},
	{"word", "el", "σεισμός", "Ισχυρός σεισμός στην Κρήτη", true},
	{"word", "el", "σεισμός", "σεισμόςκαι", false},
	{"word", "ar", "زلزال", "وقع زلزال قوي", true},
	{"word", "ar", "زلزال", "زلزالين", false},
	{"word", "he", "טיל", "שיגור טיל", true},
	{"word", "he", "טיל", "טילים", false},
	{"word", "hi", "भूकंप", "नेपाल में भूकंप से तबाही", true},
	{"word", "hi", "भूकंप", "भूकंपों", false},
	{"word", "tr", "deprem", "İzmir'de deprem oldu", true},
	{"word", "tr", "deprem", "depremzede", false},
	{"word", "fa", "موشک", "پرتاب موشک", true},
	{"word", "fa", "موشک", "موشکی", false},
	// A trailing * matches any continuation of the word.
	{"prefix", "en", "sanction*", "new sanctions on oil", true},
	{"prefix", "en", "sanction*", "unsanctioned", false},
	{"prefix", "ru", "ракет*", "обстрел ракетами", true},
	{"prefix", "ru", "ракет*", "сверхракета", false},
	{"prefix", "uk", "санкці*", "нові санкції", true},
	{"prefix", "uk", "санкці*", "антисанкції", false},
	{"prefix", "de", "Erdbeben*", "Erdbebenwarnung in Japan", true},
	{"prefix", "de", "Erdbeben*", "Seebeben", false},
	{"prefix", "fr", "nucléaire*", "armes nucléaires", true},
	{"prefix", "fr", "nucléaire*", "thermonucléaire", false},
	{"prefix", "it", "missil*", "Missili Polonia", true},
	{"prefix", "it", "missil*", "antimissile", false},
	{"prefix", "pt", "terremot*", "terremotos no Chile", true},
	{"prefix", "pt", "terremot*", "maremoto", false},
	{"prefix", "tr", "yaptırım*", "ABD'den yeni yaptırımlar", true},
	{"prefix", "tr", "yaptırım*", "yaptı", false},
	{"prefix", "ar", "صاروخ*", "إطلاق صاروخي", true},
	{"prefix", "ar", "صاروخ*", "صار", false},
	{"prefix", "hi", "मिसाइल*", "मिसाइलों का परीक्षण", true},
	{"prefix", "hi", "मिसाइल*", "मिसा", false},
	{"prefix", "ru", "межконтинентальн* баллистическ* ракет*", "Межконтинентальной баллистической ракетой", true},
	{"prefix", "ru", "межконтинентальн* баллистическ* ракет*", "межконтинентальный баллистический снаряд", false},
	// Phrases: words in order, across spaces, hyphens and other gaps
	// without punctuation.
	{"phrase", "en", "North Korea", "North Korea's missiles", true},
	{"phrase", "en", "North Korea", "North-Korea talks", true},
	{"phrase", "en", "North Korea", "north, Korea", false},
	{"phrase", "en", "North Korea", "North and South Korea", false},
	{"phrase", "ru", "Северная Корея", "Северная  Корея", true},
	{"phrase", "ru", "Северная Корея", "Северная. Корея", false},
	{"phrase", "de", "nukleare Abschreckung", "die nukleare Abschreckung", true},
	{"phrase", "de", "nukleare Abschreckung", "Abschreckung, nukleare", false},
	{"phrase", "fr", "Corée du Nord", "la Corée du Nord", true},
	{"phrase", "fr", "Corée du Nord", "Corée du Nordeste", false},
	{"phrase", "es", "Corea del Norte", "Corea del Norte lanza", true},
	{"phrase", "es", "Corea del Norte", "Corea del Sur", false},
	{"phrase", "pt", "Coreia do Norte", "Coreia do Norte anuncia", true},
	{"phrase", "pt", "Coreia do Norte", "Coreia do Sul", false},
	{"phrase", "ar", "كوريا الشمالية", "أطلقت كوريا الشمالية صاروخا", true},
	{"phrase", "ar", "كوريا الشمالية", "كوريا الجنوبية", false},
	{"phrase", "ur", "شمالی کوریا", "شمالی کوریا کے مزید میزائل تجربے", true},
	{"phrase", "ur", "شمالی کوریا", "جنوبی کوریا", false},
	{"phrase", "tr", "Kuzey Kore", "Kuzey Kore füze fırlattı", true},
	{"phrase", "tr", "Kuzey Kore", "Güney Kore", false},
	{"phrase", "hi", "उत्तर कोरिया", "उत्तर कोरिया ने मिसाइल दागी", true},
	{"phrase", "hi", "उत्तर कोरिया", "दक्षिण कोरिया", false},
	{"phrase", "fa", "هسته‌ای", "برنامه هسته ای ایران", true},
	{"phrase", "fa", "هسته‌ای", "هسته سلول", false},
	// Hangul terms match as word prefixes: particles attach.
	{"hangul", "ko", "북한", "북한이 미사일을 발사했다", true},
	{"hangul", "ko", "북한", "[정동칼럼]북한의 비핵화", true},
	{"hangul", "ko", "북한", "남북한 정상회담", false},
	{"hangul", "ko", "지진", "지진으로 피해", true},
	{"hangul", "ko", "지진", "대지진", false},
	{"hangul", "ko", "핵무기", "핵심 기술", false},
	// Han, Kana and Thai match as substrings.
	{"unspaced", "zh", "核武", "朝鲜核武器计划", true},
	{"unspaced", "zh", "核武", "数据模型是新产品的核心", false},
	{"unspaced", "zh", "导弹", "发射弹道导弹", true},
	{"unspaced", "zh", "导弹", "导航", false},
	{"unspaced", "ja", "ミサイル", "北朝鮮が弾道ミサイルを発射", true},
	{"unspaced", "ja", "ミサイル", "ミサ", false},
	{"unspaced", "ja", "地震", "震源・震度に関する情報：地震がありました", true},
	{"unspaced", "ja", "地震", "震度速報", false},
	{"unspaced", "th", "แผ่นดินไหว", "เกิดแผ่นดินไหวที่เชียงราย", true},
	{"unspaced", "th", "แผ่นดินไหว", "แผ่นดินทอง", false},
	// NFKC: full-width and compatibility forms match.
	{"nfkc", "ja", "ICBM", "北朝鮮がＩＣＢＭ発射", true},
	{"nfkc", "en", "ICBM", "ＩＣＢＭＳ", false},
	{"nfkc", "en", "official", "the ofﬁcial line", true},
	{"nfkc", "ko", "북한", "\u1107\u116e\u11a8\u1112\u1161\u11ab이", true}, // conjoining jamo
	// Full Unicode case folding.
	{"fold", "de", "STRASSE", "Die Straße ist gesperrt", true},
	{"fold", "de", "Straße", "STRASSE gesperrt", true},
	{"fold", "de", "Straße", "Strasburg", false},
	{"fold", "el", "ΣΕΙΣΜΟΣ", "ισχυρός σεισμος", true},
	{"fold", "el", "σεισμός", "ΣΕΙΣΜΌΣ ΤΏΡΑ", true},
	{"fold", "el", "ΣΕΙΣΜΟΣ", "ισχυρός σεισμός", true},
	{"fold", "el", "σεισμός", "ΙΣΧΥΡΟΣ ΣΕΙΣΜΟΣ", true},
	{"fold", "el", "σεισμός", "ΙΣΧΥΡΟΣ ΣΙΣΜΟΣ", false},
	{"fold", "tr", "İRAN", "iran ile görüşme", true},
	{"fold", "ru", "ЁЖ", "ёж и еж", true},
	{"fold", "ru", "ЁЖ", "ужи", false},
	{"fold", "fa", "ايران", "ایران", true}, // Arabic and Farsi yeh
	{"fold", "ar", "صَارُوخ", "صاروخ", true},
	// Apostrophes and quotes separate words.
	{"quotes", "it", "Iran", "dell'Iran", true},
	{"quotes", "ru", "ракета", "“ракета”", true},
}

func TestRules(t *testing.T) {
	langs := map[string]map[string]bool{}
	for _, c := range ruleCases {
		if langs[c.rule] == nil {
			langs[c.rule] = map[string]bool{}
		}
		langs[c.rule][c.lang] = true
		got := termMatches(t, T(c.term), c.text)
		if got != c.want {
			t.Errorf("%s/%s: %q in %q: got %v, want %v", c.rule, c.lang, c.term, c.text, got, c.want)
		}
	}
	for _, rule := range []string{"word", "prefix", "phrase"} {
		if n := len(langs[rule]); n < 10 {
			t.Errorf("rule %s is tested in %d languages, want at least 10", rule, n)
		}
	}
}

func TestCaseSensitive(t *testing.T) {
	cases := []struct {
		term Term
		text string
		want bool
	}{
		{Term{Text: "US", Case: true}, "US sanctions", true},
		{Term{Text: "US", Case: true}, "let us go", false},
		{Term{Text: "US", Case: true}, "Us and them", false},
		{Term{Text: "ИГИЛ", Case: true}, "боевики ИГИЛ", true},
		{Term{Text: "ИГИЛ", Case: true}, "игил", false},
		{Term{Text: "AIEA*", Case: true}, "l'AIEA inspecte", true},
		{Term{Text: "AIEA*", Case: true}, "Aiea, Hawaii", false},
		{Term{Text: "US", Case: false}, "let us go", true},
	}
	for _, c := range cases {
		if got := termMatches(t, c.term, c.text); got != c.want {
			t.Errorf("%+v in %q: got %v, want %v", c.term, c.text, got, c.want)
		}
	}
}

func TestRegexTerms(t *testing.T) {
	cases := []struct {
		term Term
		text string
		want bool
	}{
		{T(`/hwasong-?\d+/`), "Hwasong-18 launch", true},
		{T(`/hwasong-?\d+/`), "Hwasong launch", false},
		{T(`/\bM[5-9]\.\d\b/`), "a m6.1 quake", true},
		{Term{Text: `/\bM[5-9]\.\d\b/`, Case: true}, "a m6.1 quake", false},
		{T(`/ракет[а-я]*/`), "РАКЕТНЫЙ удар", true},
		{T(`/ракет[а-я]*/`), "ракушка", false},
	}
	for _, c := range cases {
		if got := termMatches(t, c.term, c.text); got != c.want {
			t.Errorf("%+v in %q: got %v, want %v", c.term, c.text, got, c.want)
		}
	}
}
