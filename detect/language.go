package detect

import (
	"sort"

	"github.com/pemistahl/lingua-go"
)

// Language detection thresholds.
const (
	// minLetters is how many letters a text needs for a language; texts
	// in Han or kana, where one letter is a word, need minCJKLetters.
	minLetters    = 3
	minCJKLetters = 2
	// shortLetters and mediumLetters bound the texts on which a declared
	// language weighs most (priorShort) and somewhat (priorMedium); on
	// longer texts it only breaks near ties (priorLong).
	shortLetters  = 40
	mediumLetters = 120
	priorShort    = 20.0
	priorMedium   = 5.0
	priorLong     = 1.5
	// mismatchLetters and mismatchConfidence are what a text in the
	// declared script needs before a different language is reported as
	// a mismatch with the declaration.
	mismatchLetters    = 30
	mismatchConfidence = 0.6
)

// guess is a language and the confidence in it.
type guess struct {
	code string
	conf float64
}

// und is the guess for text whose language cannot be told.
var und = guess{code: "und"}

// detectStory returns the language of a story, from its clean title and
// lines, using the declared language as a prior, and whether the
// declaration is contradicted by the content. It detects on the title and
// the first firstSampleRunes of text, and again on sampleRunes when that
// leaves the language in doubt (see settled). The scripts, which decide
// which languages the text can be in, are counted on the longer sample
// both times: a short one may end inside a quotation.
//
// A story of a feed with a language prior (see feedMemory) that confirms
// it (see confirm), or whose declared language is trusted (see trusted),
// is not shown to lingua at all; both read the stop words of the longer
// sample, which costs no lingua call. The language lingua finds for the
// feed's other stories teaches the prior, also between Chinese and
// Japanese in text written in Han alone (see detectHan), which the prior
// then decides.
func (d *Detector) detectStory(source, title string, lines []textLine, declared string) (guess, bool) {
	declared = baseCode(declared)
	text := storyText(title, lines)
	long, _ := storySample(title, text, sampleRunes)
	var c scriptCounts
	c.add(long)
	sample, whole := storySample(title, text, firstSampleRunes)
	if !whole && c.mixed() {
		sample, whole = long, true
	}
	if g, ok := d.confirm(source, long, &c, declared); ok {
		return g, d.mismatch(g, declared, &c)
	}
	if d.trusted(long, &c, declared) {
		return guess{code: declared, conf: settledConfidence}, false
	}
	expected := declared
	if _, ok := d.languages[expected]; !ok {
		expected = d.feeds.language(source)
	}
	g, values := d.detectValues(sample, &c, expected)
	if !whole && !settled(g, expected) {
		sample = long
		g, values = d.detectValues(sample, &c, expected)
	}
	if values != nil {
		d.feeds.learn(source, g, sample)
	}
	if g.conf < d.minConfidence {
		g = und
	}
	return g, d.mismatch(g, declared, &c)
}

// settled reports whether a guess on a story's first sample is sure
// enough to stand: confident, and the language expected, declared by the
// feed or learnt from it. Without one, a short sample is not trusted:
// lingua can be sure of a wrong language on a hundred runes ("a modern
// zeitgeist" reads as German).
func settled(g guess, expected string) bool {
	return g.conf >= settledConfidence && g.code == expected
}

// trusted reports whether the declared language can be taken without
// asking lingua: the detector knows it, the sample is written in its
// script alone, and the sample's words are clearly more of its stop words
// than of any other language of the script (see stopIndex.favours).
func (d *Detector) trusted(sample string, c *scriptCounts, declared string) bool {
	if _, known := d.languages[declared]; !known {
		return false
	}
	sc := scriptOfLanguage(declared)
	return d.stopScripts[sc] && c.dominant() == sc && !c.mixed() && d.stops.favours(sample, declared, sc)
}

// confirm returns the language prior of the story's feed when the story's
// sample agrees with it without asking lingua: no other language is
// declared, the sample is written in the language's script alone, uses no
// letter the feed's recent stories did not, and its words are clearly
// more of that language's stop words than of any other language of the
// script. Languages whose script no other configured language shares are
// decided by the script already; a script shared with a language without
// stop words is always left to lingua.
func (d *Detector) confirm(source, sample string, c *scriptCounts, declared string) (guess, bool) {
	f, ok := d.feeds.prior(source)
	if !ok {
		return und, false
	}
	if _, known := d.languages[declared]; known && declared != f.code {
		return und, false
	}
	sc := scriptOfLanguage(f.code)
	if !d.stopScripts[sc] || c.dominant() != sc || c.mixed() {
		return und, false
	}
	if !knowsLetters(f.letters, sample) || !d.stops.favours(sample, f.code, sc) {
		return und, false
	}
	d.feeds.confirmed(source)
	return guess{code: f.code, conf: f.conf}, true
}

// detect returns the most likely language of text, whose script counts are
// c, giving the declared language (if any) extra weight.
func (d *Detector) detect(text string, c *scriptCounts, declared string) guess {
	g, _ := d.detectValues(text, c, declared)
	return g
}

// detectValues is detect that also returns lingua's confidence values for
// every language, sorted, or nil when the script decided without lingua.
func (d *Detector) detectValues(text string, c *scriptCounts, declared string) (guess, []lingua.ConfidenceValue) {
	letters := c.letters()
	dom := c.dominant()
	switch dom {
	case scriptNone:
		return und, nil
	case scriptHan, scriptHiragana:
		if letters < minCJKLetters {
			return und, nil
		}
	default:
		if letters < minLetters {
			return und, nil
		}
	}
	if code := d.scriptLanguage[dom]; code != "" {
		return guess{code: code, conf: 1}, nil
	}
	if dom == scriptHan {
		return d.detectHan(text, declared)
	}
	values := d.lingua.ComputeLanguageConfidenceValues(text)
	weights := make([]float64, len(values))
	sum := 0.0
	prior := d.prior(declared, dom, letters)
	for i, v := range values {
		w := v.Value()
		code := codeOf(v.Language())
		if !fitsScript(code, dom, c) {
			// A language written in another script than most of the
			// letters: lingua counts words, not letters, and can be
			// swayed by a few Latin brand names in Cyrillic text.
			w = 0
		}
		if code == declared {
			w *= prior
		}
		weights[i] = w
		sum += w
	}
	if sum == 0 {
		return und, nil
	}
	best := 0
	for i := range weights {
		if weights[i] > weights[best] {
			best = i
		}
	}
	return guess{code: codeOf(values[best].Language()), conf: weights[best] / sum}, values
}

// fitsScript reports whether text with script counts c, dominated by dom,
// can be in the language with the given code: the language's script is
// the dominant one, or it is Chinese, Japanese or Korean and the text has
// a few letters of their scripts (tech headlines mix Latin words with
// kana).
func fitsScript(code string, dom script, c *scriptCounts) bool {
	switch s := scriptOfLanguage(code); {
	case s == dom:
		return true
	case s == scriptHiragana:
		return c.kana() >= minCJKLetters
	case s == scriptHan:
		return c[scriptHan] >= minCJKLetters && c.kana() == 0
	case s == scriptHangul:
		return c[scriptHangul] >= minCJKLetters
	}
	return false
}

// prior returns the weight of the declared language, by how short the text
// is; 1 when the declaration does not fit the text's script.
func (d *Detector) prior(declared string, dom script, letters int) float64 {
	if _, ok := d.languages[declared]; !ok || scriptOfLanguage(declared) != dom {
		return 1
	}
	switch {
	case letters < shortLetters:
		return priorShort
	case letters < mediumLetters:
		return priorMedium
	}
	return priorLong
}

// detectHan tells Chinese from Japanese in text written in Han only, where
// lingua's models are weak: the declared or expected language decides when
// it names one of them, else lingua's values for the two, which it returns
// too (nil when lingua was not asked).
func (d *Detector) detectHan(text, declared string) (guess, []lingua.ConfidenceValue) {
	_, zh := d.languages["zh"]
	_, ja := d.languages["ja"]
	switch {
	case zh && !ja:
		return guess{code: "zh", conf: 1}, nil
	case ja && !zh:
		return guess{code: "ja", conf: 1}, nil
	case !zh && !ja:
		return und, nil
	}
	if declared == "zh" || declared == "ja" {
		return guess{code: declared, conf: 0.9}, nil
	}
	var zv, jv float64
	values := d.lingua.ComputeLanguageConfidenceValues(text)
	for _, v := range values {
		switch v.Language() {
		case lingua.Chinese:
			zv = v.Value()
		case lingua.Japanese:
			jv = v.Value()
		}
	}
	if zv+jv == 0 {
		return guess{code: "zh", conf: 0.5}, values
	}
	if jv > zv {
		return guess{code: "ja", conf: jv / (zv + jv)}, values
	}
	return guess{code: "zh", conf: zv / (zv + jv)}, values
}

// mismatch reports whether a detected language contradicts the declared
// one: the text is in another script than the declared language's, or a
// long enough text in the same script is confidently another language.
// A declared language that the detector cannot tell is only checked by
// script.
func (d *Detector) mismatch(g guess, declared string, c *scriptCounts) bool {
	if declared == "" || g.code == "und" || g.code == declared {
		return false
	}
	_, linguaKnows := languageOf(declared)
	if _, scriptKnown := languageScripts[declared]; !linguaKnows && !scriptKnown {
		return false
	}
	dom := c.dominant()
	if scriptOfLanguage(declared) != dom {
		return true
	}
	if _, ok := d.languages[declared]; !ok {
		return false
	}
	return c.letters() >= mismatchLetters && g.conf >= mismatchConfidence
}

// detectSegment returns the language of a segment without any prior.
func (d *Detector) detectSegment(text string) guess {
	var c scriptCounts
	c.add(text)
	return d.detect(text, &c, "")
}

// foreignSegment reports whether a segment whose letters by script are c
// is in another language than the one with the given code: detected
// without any prior as another language with at least confidence need,
// while lingua gives the story's language at most foreignStoryConfidence.
// Lingua is asked for the story's language only when the rest holds and
// the script decided the segment's language without it.
func (d *Detector) foreignSegment(text string, c *scriptCounts, code string, need float64) bool {
	g, values := d.detectValues(text, c, "")
	if g.code == "und" || g.code == code || g.conf < need {
		return false
	}
	if values == nil {
		return d.confidenceOf(text, code) <= foreignStoryConfidence
	}
	l, ok := d.languages[code]
	if !ok {
		return true
	}
	for _, v := range values {
		if v.Language() == l {
			return v.Value() <= foreignStoryConfidence
		}
	}
	return true
}

// confidenceOf returns lingua's confidence that text is in the language
// with the given code.
func (d *Detector) confidenceOf(text, code string) float64 {
	l, ok := d.languages[code]
	if !ok {
		return 0
	}
	return d.lingua.ComputeLanguageConfidence(text, l)
}

// sortStrings sorts a slice of strings in place.
func sortStrings(s []string) { sort.Strings(s) }
