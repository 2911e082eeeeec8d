package detect

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"
)

// script identifies a Unicode script, or a group of them, as far as
// language detection and noise finding need to tell them apart.
type script uint8

// The scripts told apart. scriptNone is for runes that are not letters of a
// script (digits, punctuation, symbols, spaces).
const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptArabic
	scriptHebrew
	scriptDevanagari
	scriptBengali
	scriptGurmukhi
	scriptGujarati
	scriptTamil
	scriptTelugu
	scriptKannada
	scriptMalayalam
	scriptThai
	scriptArmenian
	scriptGeorgian
	scriptHan
	scriptHiragana
	scriptKatakana
	scriptHangul
	scriptOther
	numScripts
)

// scriptNames are the Unicode names of the scripts, as reported in
// Analysis.Scripts.
var scriptNames = [numScripts]string{
	scriptNone:       "",
	scriptLatin:      "Latin",
	scriptCyrillic:   "Cyrillic",
	scriptGreek:      "Greek",
	scriptArabic:     "Arabic",
	scriptHebrew:     "Hebrew",
	scriptDevanagari: "Devanagari",
	scriptBengali:    "Bengali",
	scriptGurmukhi:   "Gurmukhi",
	scriptGujarati:   "Gujarati",
	scriptTamil:      "Tamil",
	scriptTelugu:     "Telugu",
	scriptKannada:    "Kannada",
	scriptMalayalam:  "Malayalam",
	scriptThai:       "Thai",
	scriptArmenian:   "Armenian",
	scriptGeorgian:   "Georgian",
	scriptHan:        "Han",
	scriptHiragana:   "Hiragana",
	scriptKatakana:   "Katakana",
	scriptHangul:     "Hangul",
	scriptOther:      "Other",
}

// String returns the script's Unicode name.
func (s script) String() string { return scriptNames[s] }

// scriptTables maps the scripts to their Unicode range tables, in the order
// they are tried for runes outside ASCII.
var scriptTables = []struct {
	s script
	t *unicode.RangeTable
}{
	{scriptLatin, unicode.Latin},
	{scriptCyrillic, unicode.Cyrillic},
	{scriptHan, unicode.Han},
	{scriptArabic, unicode.Arabic},
	{scriptHangul, unicode.Hangul},
	{scriptHiragana, unicode.Hiragana},
	{scriptKatakana, unicode.Katakana},
	{scriptGreek, unicode.Greek},
	{scriptDevanagari, unicode.Devanagari},
	{scriptHebrew, unicode.Hebrew},
	{scriptThai, unicode.Thai},
	{scriptBengali, unicode.Bengali},
	{scriptGurmukhi, unicode.Gurmukhi},
	{scriptGujarati, unicode.Gujarati},
	{scriptTamil, unicode.Tamil},
	{scriptTelugu, unicode.Telugu},
	{scriptKannada, unicode.Kannada},
	{scriptMalayalam, unicode.Malayalam},
	{scriptArmenian, unicode.Armenian},
	{scriptGeorgian, unicode.Georgian},
}

// scriptOf returns the script of a letter, or scriptNone for anything that
// is not a letter (combining marks count for nothing either). Runes of the
// Basic Multilingual Plane are looked up in a table built once from
// scriptOfSlow; the rest are classified by scriptOfSlow.
func scriptOf(r rune) script {
	if r < 0x80 {
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return scriptLatin
		}
		return scriptNone
	}
	if r <= 0xFFFF {
		return bmpScripts()[r]
	}
	return scriptOfSlow(r)
}

// bmpScripts returns the script of every rune of the Basic Multilingual
// Plane. It is built on first use (a few milliseconds) and never changes.
var bmpScripts = sync.OnceValue(func() *[0x10000]script {
	var t [0x10000]script
	for r := range rune(len(t)) {
		t[r] = scriptOfSlow(r)
	}
	return &t
})

// scriptOfSlow is scriptOf from the Unicode tables.
func scriptOfSlow(r rune) script {
	if r < 0x80 {
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return scriptLatin
		}
		return scriptNone
	}
	if !unicode.IsLetter(r) {
		// The prolonged sound mark and iteration marks are Common but
		// belong with kana.
		if r == 'ー' || r == 'ゝ' || r == 'ゞ' || r == 'ヽ' || r == 'ヾ' {
			return scriptKatakana
		}
		return scriptNone
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	if r == 'ー' {
		return scriptKatakana
	}
	return scriptOther
}

// scriptCounts counts letters per script.
type scriptCounts [numScripts]int

// add counts the letters of s.
func (c *scriptCounts) add(s string) {
	var bmp *[0x10000]script
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') {
				c[scriptLatin]++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xFFFF {
			c[scriptOfSlow(r)]++
			continue
		}
		if bmp == nil {
			bmp = bmpScripts()
		}
		c[bmp[r]]++
	}
}

// addCounts adds the counts of o.
func (c *scriptCounts) addCounts(o *scriptCounts) {
	for s := range c {
		c[s] += o[s]
	}
}

// letters returns the number of letters counted, of any script.
func (c *scriptCounts) letters() int {
	n := 0
	for s := scriptLatin; s < numScripts; s++ {
		n += c[s]
	}
	return n
}

// mixedShare is the share of letters outside the dominant script above
// which text is mixed.
const mixedShare = 0.1

// mixed reports whether more than mixedShare of the letters are in
// another script than the dominant one (kana and Han count as one in
// Japanese, Han as Korean in Korean).
func (c *scriptCounts) mixed() bool {
	dom := c.dominant()
	in := 0
	for s := scriptLatin; s < numScripts; s++ {
		if compatible(dom, s) {
			in += c[s]
		}
	}
	return float64(c.letters()-in) > mixedShare*float64(c.letters())
}

// kana returns the number of hiragana and katakana letters.
func (c *scriptCounts) kana() int { return c[scriptHiragana] + c[scriptKatakana] }

// dominant returns the writing system that most letters belong to, with
// Japanese text (Han and kana together) reported as scriptHiragana when it
// holds a fair share of kana, and Korean text with hanja as scriptHangul.
// It returns scriptNone when there are no letters.
func (c *scriptCounts) dominant() script {
	best, bestN := scriptNone, 0
	for s := scriptLatin; s < numScripts; s++ {
		n := c[s]
		switch s {
		case scriptHiragana, scriptKatakana:
			continue
		case scriptHan:
			n += c.kana()
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	if k := c.kana(); k > bestN {
		return scriptHiragana
	}
	if best == scriptHan && c.kana() > 0 && c.kana()*10 >= c[scriptHan] {
		return scriptHiragana
	}
	return best
}

// names returns the names of the scripts counted, most letters first.
func (c *scriptCounts) names() []string {
	type sn struct {
		s script
		n int
	}
	var all []sn
	for s := scriptLatin; s < numScripts; s++ {
		if c[s] > 0 {
			all = append(all, sn{s, c[s]})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].n > all[j].n })
	out := make([]string, len(all))
	for i, x := range all {
		out[i] = x.s.String()
	}
	return out
}

// compatible reports whether text mostly in script seg belongs with a story
// whose dominant writing system is story: Japanese mixes Han and kana,
// Korean may carry hanja, Chinese may quote kana-free Japanese names.
func compatible(story, seg script) bool {
	if story == seg || seg == scriptNone || story == scriptNone {
		return true
	}
	cjk := func(s script) bool {
		return s == scriptHan || s == scriptHiragana || s == scriptKatakana
	}
	switch {
	case story == scriptHiragana && cjk(seg):
		return true
	case story == scriptHan && seg == scriptHan:
		return true
	case story == scriptHangul && seg == scriptHan:
		return true
	}
	return false
}
