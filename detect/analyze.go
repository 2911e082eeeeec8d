package detect

import (
	"strings"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
)

// Reasons given for noise segments.
const (
	// ReasonForeignScript is a short segment without sentence structure
	// in a script other than the story's, such as widget text.
	ReasonForeignScript = "foreign-script"
	// ReasonForeignLanguage is a short segment without sentence structure
	// in the story's script but confidently in another language.
	ReasonForeignLanguage = "foreign-language"
	// ReasonChrome is a known kind of site chrome: prompts, counters,
	// photo credits, cross-links, captions and teasers.
	ReasonChrome = "chrome"
	// ReasonMenu is a line in a run of short lines without sentence
	// structure, the way navigation menus, link lists, share buttons and
	// footers read once a page is turned into text.
	ReasonMenu = "menu"
	// ReasonBoilerplate is a segment seen in several items of the source.
	ReasonBoilerplate = "boilerplate"
	// ReasonMojibake is a segment in a broken encoding that could not be
	// repaired.
	ReasonMojibake = "mojibake"
)

// Flags set on an analysis.
const (
	// FlagConfusables: words mixing look-alike letters of several scripts
	// were folded to one script.
	FlagConfusables = "confusables"
	// FlagMojibakeRepaired: text in a broken encoding was repaired.
	FlagMojibakeRepaired = "mojibake-repaired"
	// FlagMojibake: text in a broken encoding remains.
	FlagMojibake = "mojibake"
	// FlagLanguageMismatch: the content's language is not the declared one.
	FlagLanguageMismatch = "language-mismatch"
)

// Sizes that bound the cost of detection.
const (
	// sampleRunes is how much of the clean text, after the title, the
	// story's language is detected on. It is first detected on
	// firstSampleRunes only, and on sampleRunes unless that gives the
	// declared language with at least settledConfidence.
	sampleRunes       = 250
	firstSampleRunes  = 100
	settledConfidence = 0.95
	// segmentRunes is how much of a segment its language is detected on.
	segmentRunes = 150
	// maxSegmentDetections bounds the extra detections per story for
	// segments that may be in another language.
	maxSegmentDetections = 6
	// minSegmentWords is how many words a line needs for its own language
	// to be detected.
	minSegmentWords = 8
	// minForeignRunLetters is how many letters of another script a kept
	// segment needs before their language is detected.
	minForeignRunLetters = 10
	// foreignLanguageConfidence is how sure detection must be that a short
	// segment is in another language, and foreignStoryConfidence the most
	// it may then give the story's language, to remove the segment.
	foreignLanguageConfidence = 0.8
	foreignStoryConfidence    = 0.05
	// minForeignWords is how many words a segment in a script written
	// with spaces needs to be judged by its language, and segments with
	// fewer than shortForeignLetters letters need shortForeignConfidence
	// instead of foreignLanguageConfidence.
	minForeignWords        = 3
	shortForeignLetters    = 40
	shortForeignConfidence = 0.95
	// segmentLanguageConfidence is how sure detection must be of a kept
	// segment's language to list it in Analysis.Languages.
	segmentLanguageConfidence = 0.7
	// mojibakeNoiseShare is the share of broken marks among a line's runes
	// above which the line is dropped as unrepairable mojibake.
	mojibakeNoiseShare = 0.1
)

// Input is one story to analyse.
type Input struct {
	// Source is the feed or site name: boilerplate is learnt per source,
	// and nothing is learnt when it is empty.
	Source string
	// Title is the plain-text headline.
	Title string
	// Text is the plain-text summary, lines separated by "\n".
	Text string
	// DeclaredLanguage is the feed's declared language or the configured
	// hint, as an ISO 639-1 code or a tag like "en-US"; may be empty.
	DeclaredLanguage string
}

// unit is a sentence of a line, with the spaces that follow it.
type unit struct {
	text   string
	reason string
	// counts are the letters of text by script.
	counts scriptCounts
}

// textLine is one non-empty line of a story's text.
type textLine struct {
	text        string
	reason      string
	blankBefore bool
	units       []unit
	// counts are the letters of text by script, and words its words,
	// counted once when the line is read and used by every pass after.
	counts scriptCounts
	words  int
}

// kept returns the part of the line that is not noise.
func (l *textLine) kept() string {
	if l.reason != "" {
		return ""
	}
	whole := true
	for _, u := range l.units {
		whole = whole && u.reason == ""
	}
	if whole {
		// The units are the line, cut into sentences.
		return l.text
	}
	var b strings.Builder
	for _, u := range l.units {
		if u.reason == "" {
			b.WriteString(u.text)
		}
	}
	return strings.TrimSpace(b.String())
}

// flagSet collects flags in a stable order.
type flagSet struct{ repaired, broken, confusables, mismatch bool }

// list returns the flags set.
func (f flagSet) list() []string {
	var out []string
	if f.confusables {
		out = append(out, FlagConfusables)
	}
	if f.repaired {
		out = append(out, FlagMojibakeRepaired)
	}
	if f.broken {
		out = append(out, FlagMojibake)
	}
	if f.mismatch {
		out = append(out, FlagLanguageMismatch)
	}
	return out
}

// Analyze finds the language and the noise of one story. It repairs
// mojibake, folds confusable letters, removes noise segments, and detects
// the language on the clean title and the start of the clean text, with
// the declared language as evidence for short texts.
func (d *Detector) Analyze(in Input) *wirewatch.Analysis {
	var flags flagSet
	title, titleCounts, lines, dom := d.noise(in, &flags)
	g, mismatch := d.detectStory(in.Source, title, lines, in.DeclaredLanguage)
	flags.mismatch = mismatch
	budget := maxSegmentDetections
	d.markForeignLanguage(lines, g, &budget)
	kept := make([]string, len(lines))
	for i := range lines {
		kept[i] = lines[i].kept()
	}

	a := &wirewatch.Analysis{
		Language:   g.code,
		Confidence: g.conf,
		CleanTitle: title,
		Flags:      nil,
	}
	all := titleCounts
	total, noise := 0, 0
	for i := range lines {
		l := &lines[i]
		all.addCounts(&l.counts)
		total += countRunes(l.text)
		switch {
		case l.reason != "":
			a.Noise = append(a.Noise, wirewatch.NoiseSegment{Text: l.text, Reason: l.reason})
			noise += countRunes(l.text)
		default:
			for _, u := range l.units {
				if u.reason != "" {
					t := strings.TrimSpace(u.text)
					a.Noise = append(a.Noise, wirewatch.NoiseSegment{Text: t, Reason: u.reason})
					noise += countRunes(t)
				}
			}
		}
	}
	a.CleanText = joinKept(lines, kept)
	if total > 0 {
		a.NoiseRatio = float64(noise) / float64(total)
	}
	a.Scripts = all.names()
	a.Languages = d.storyLanguages(title, g, dom, kept, &budget)
	a.Flags = flags.list()
	return a
}

// CleanText returns a story's text without its noise, as Analyze's
// CleanText, for a text whose language is already known: language is the
// story's (Analyze's Language on its title and summary) and is not
// detected again when the detector tells it apart; "" or "und" leaves it
// to be detected as Analyze does. It is Analyze without what only the
// rest of an analysis needs (the noise segments, the scripts, the other
// languages), for a story's full content.
func (d *Detector) CleanText(in Input, language string) string {
	var flags flagSet
	title, _, lines, _ := d.noise(in, &flags)
	g := guess{code: language, conf: 1}
	if _, ok := d.languages[language]; !ok {
		g, _ = d.detectStory(in.Source, title, lines, in.DeclaredLanguage)
	}
	budget := maxSegmentDetections
	d.markForeignLanguage(lines, g, &budget)
	return joinKept(lines, nil)
}

// noise runs the passes that find a story's noise before its language is
// known: it returns the clean title and its letters by script, the lines
// of the text with their noise marked (known chrome, menus, lists of
// headlines, boilerplate, sentences in a script foreign to the story's),
// and the story's script.
func (d *Detector) noise(in Input, flags *flagSet) (string, scriptCounts, []textLine, script) {
	title, titleCounts, _ := cleanLine(collapseSpaces(in.Title), flags)
	lines := splitLines(in.Text, flags)

	markChrome(lines)
	markMenus(lines)
	markHeadingBlocks(lines)
	d.markBoilerplate(in, lines)
	dom := storyScript(&titleCounts, lines)
	markForeignScript(lines, dom)
	return title, titleCounts, lines, dom
}

// joinKept returns the kept parts of the lines, one line each, with a
// blank line where the text had one; kept, when not nil, holds them
// already. A text with one kept line is that line, not a copy.
func joinKept(lines []textLine, kept []string) string {
	if kept == nil {
		kept = make([]string, len(lines))
		for i := range lines {
			kept[i] = lines[i].kept()
		}
	}
	size, n, only := 0, 0, ""
	for _, k := range kept {
		if k != "" {
			size += len(k) + 2
			n++
			only = k
		}
	}
	if n <= 1 {
		// One kept line is the clean text.
		return only
	}
	var (
		clean strings.Builder
		gap   bool // a blank line since the last kept line
	)
	clean.Grow(size)
	for i := range lines {
		gap = gap || lines[i].blankBefore
		k := kept[i]
		if k == "" {
			continue
		}
		if clean.Len() > 0 {
			clean.WriteString("\n")
			if gap {
				clean.WriteString("\n")
			}
		}
		clean.WriteString(k)
		gap = false
	}
	return clean.String()
}

// collapseSpaces returns s without leading and trailing spaces and with
// every run of spaces inside it made one ASCII space, as
// strings.Join(strings.Fields(s), " ") does, without copying s when it is
// already so.
func collapseSpaces(s string) string {
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && !prevSpace {
				prevSpace = true
				i++
				continue
			}
			if asciiSpace(c) {
				return strings.Join(strings.Fields(s), " ")
			}
			prevSpace = false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = false
		i += size
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// asciiSpace reports whether an ASCII byte is a space for strings.Fields.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// cleanLine repairs mojibake in a line and folds its confusables, noting
// what it did in flags. It returns the line, its letters by script, and
// the count of broken marks left in it. Only a line with letters of two
// of the scripts Fold folds can hold confusables.
func cleanLine(s string, flags *flagSet) (string, scriptCounts, int) {
	s, repaired, broken := repairMojibake(s)
	marks := 0
	if repaired {
		flags.repaired = true
	}
	if broken {
		flags.broken = true
		marks = brokenMarks(s)
	}
	var c scriptCounts
	c.add(s)
	if c.mayFold() {
		if f, ok := Fold(s); ok {
			s = f
			flags.confusables = true
			c = scriptCounts{}
			c.add(s)
		}
	}
	return s, c, marks
}

// splitLines splits a text into its non-empty lines, trimmed, repaired and
// folded; lines of unrepairable mojibake are marked as noise.
func splitLines(text string, flags *flagSet) []textLine {
	if text == "" {
		return nil
	}
	var (
		lines = make([]textLine, 0, strings.Count(text, "\n")+1)
		blank bool
	)
	for raw := range strings.SplitSeq(text, "\n") {
		s := collapseSpaces(raw)
		if s == "" {
			blank = true
			continue
		}
		s, counts, marks := cleanLine(s, flags)
		l := textLine{text: s, blankBefore: blank && len(lines) > 0, counts: counts, words: countWords(s)}
		if marks > 0 && float64(marks) >= mojibakeNoiseShare*float64(countRunes(s)) {
			l.reason = ReasonMojibake
		}
		lines = append(lines, l)
		blank = false
	}
	return lines
}

// markChrome marks the lines that are known chrome, and the teaser lines
// (section labels, headlines of other stories) that follow a captioned
// teaser image until the story's sentences resume.
func markChrome(lines []textLine) {
	teaser := false
	for i := range lines {
		l := &lines[i]
		if l.reason != "" {
			continue
		}
		if isKnownChrome(l.text) {
			l.reason = ReasonChrome
			teaser = teaser || hasSiteSuffix(l.text)
			continue
		}
		if teaser && isTeaserLine(l.text) {
			l.reason = ReasonChrome
			continue
		}
		teaser = false
	}
}

// maxTeaserWords is the longest headline a teaser line may be.
const maxTeaserWords = 20

// isTeaserLine reports whether a line could be a teaser's section label or
// headline: no sentence end and not too long.
func isTeaserLine(s string) bool {
	if countWords(s) > maxTeaserWords {
		return false
	}
	t := strings.TrimRight(s, " "+closers)
	r := []rune(t)
	return len(r) > 0 && !isSentenceEnd(r[len(r)-1])
}

// markBoilerplate records the item's lines for its source and marks those
// seen in enough distinct items of the source.
func (d *Detector) markBoilerplate(in Input, lines []textLine) {
	if in.Source == "" || len(lines) == 0 {
		return
	}
	// The item is its title, a zero byte and its text.
	item := fnvString(fnvString(fnvOffset, in.Title)*fnvPrime, in.Text)
	var (
		hashes []uint64
		idx    []int
	)
	for i := range lines {
		if eligibleBoilerplate(lines[i].text) {
			hashes = append(hashes, segmentHash(lines[i].text))
			idx = append(idx, i)
		}
	}
	for k, bp := range d.boilerplate.observe(in.Source, item, hashes) {
		if l := &lines[idx[k]]; bp && l.reason == "" {
			l.reason = ReasonBoilerplate
		}
	}
}

// The 64-bit FNV-1a hash's parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString continues the 64-bit FNV-1a hash h over the bytes of s, as
// hash/fnv's New64a does, without copying s.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// storyScript returns the story's dominant writing system: that of the
// title (counted twice) and of the kept lines that read as sentences, or
// of all kept lines when none does.
func storyScript(title *scriptCounts, lines []textLine) script {
	c := *title
	c.addCounts(title)
	var rest scriptCounts
	for i := range lines {
		if lines[i].reason != "" {
			continue
		}
		if lines[i].sentence() {
			c.addCounts(&lines[i].counts)
		} else {
			rest.addCounts(&lines[i].counts)
		}
	}
	if d := c.dominant(); d != scriptNone {
		return d
	}
	return rest.dominant()
}

// markForeignScript splits the kept lines into sentences and marks those
// in a script foreign to the story that read as chrome.
func markForeignScript(lines []textLine, dom script) {
	for i := range lines {
		l := &lines[i]
		if l.reason != "" {
			continue
		}
		sentences := splitSentences(l.text)
		l.units = make([]unit, 0, len(sentences))
		for _, s := range sentences {
			u := unit{text: s}
			if len(sentences) == 1 {
				u.counts = l.counts
			} else {
				u.counts.add(s)
			}
			if !compatible(dom, u.counts.dominant()) && readsAsChrome(s) {
				u.reason = ReasonForeignScript
			}
			l.units = append(l.units, u)
		}
		if l.kept() == "" {
			l.reason, l.units = ReasonForeignScript, nil
		}
	}
}

// storyText returns the text the story's language is detected on: the
// clean title and the start of the clean text, at least sampleRunes of it
// when there are that many; storySample cuts it.
func storyText(title string, lines []textLine) string {
	var b strings.Builder
	b.WriteString(title)
	for i := range lines {
		if b.Len() > len(title)+sampleRunes*4 {
			break
		}
		if k := lines[i].kept(); k != "" {
			b.WriteString("\n")
			b.WriteString(k)
		}
	}
	return b.String()
}

// storySample returns the title and at most n runes of the clean text
// that follow it in text, from storyText, and whether that is all of
// text.
func storySample(title, text string, n int) (string, bool) {
	if len(text) <= len(title) {
		return title, true
	}
	head := headRunes(text[len(title):], n)
	// The head is a prefix of what follows the title: the sample is a
	// prefix of text.
	return text[:len(title)+len(head)], len(head) == len(text)-len(title)
}

// markForeignLanguage marks the kept sentences that read as chrome and are
// confidently in another language than the story's.
func (d *Detector) markForeignLanguage(lines []textLine, g guess, budget *int) {
	if g.code == "und" {
		return
	}
	for i := range lines {
		l := &lines[i]
		if l.reason != "" {
			continue
		}
		for k := range l.units {
			u := &l.units[k]
			if u.reason != "" || !readsAsChrome(u.text) {
				continue
			}
			need, judge := foreignLanguageBar(u.text, &u.counts)
			if !judge {
				continue
			}
			if *budget <= 0 {
				return
			}
			*budget--
			if d.foreignSegment(u.text, &u.counts, g.code, need) {
				u.reason = ReasonForeignLanguage
			}
		}
		if l.kept() == "" {
			l.reason, l.units = ReasonForeignLanguage, nil
		}
	}
}

// foreignLanguageBar returns how sure detection must be that a segment
// that reads as chrome, in a script of the story, is in another language
// to remove it, and false when the segment is too short to be judged by
// its language at all. Language models are unreliable on a few words: a
// list item such as "Shorter shifts" in an English story reads as German.
// Text written without spaces (Han, kana) is judged from two parts on.
func foreignLanguageBar(s string, c *scriptCounts) (float64, bool) {
	words := countWords(s)
	letters := c.letters()
	if cjk := c[scriptHan] + c.kana(); cjk*2 >= letters {
		return foreignLanguageConfidence, words >= 2
	}
	switch {
	case words < minForeignWords:
		return 0, false
	case letters < shortForeignLetters:
		return shortForeignConfidence, true
	}
	return foreignLanguageConfidence, true
}

// storyLanguages lists the story's language and the other languages of its
// kept segments: runs of another script long enough to tell, and, when the
// text has several lines long enough to tell, each of those lines whose
// letters differ from the rest of the story's (see letterLines); the
// others are in the story's language. kept are the kept parts of the
// story's lines.
func (d *Detector) storyLanguages(title string, g guess, dom script, kept []string, budget *int) []string {
	var out []string
	add := func(code string) {
		for _, c := range out {
			if c == code {
				return
			}
		}
		out = append(out, code)
	}
	if g.code != "und" {
		add(g.code)
	}
	long := 0
	words := make([]int, len(kept))
	for i, k := range kept {
		if words[i] = countWords(k); words[i] >= minSegmentWords {
			long++
		}
	}
	var letters *letterLines
	if long >= 2 {
		// Only lines of a story with several long lines are compared.
		letters = newLetterLines()
		letters.add(title)
		for _, k := range kept {
			letters.add(k)
		}
	}
	for i, k := range kept {
		if k == "" || *budget <= 0 {
			continue
		}
		if run := foreignRun(k, dom); run != "" {
			*budget--
			if sg := d.detectSegment(headRunes(run, segmentRunes)); sg.code != "und" && sg.conf >= segmentLanguageConfidence {
				add(sg.code)
			}
			continue
		}
		if long < 2 || words[i] < minSegmentWords {
			continue
		}
		if g.code != "und" && letters.fits(k) {
			continue
		}
		// A line checked by its stop words counts against the budget
		// as one checked by lingua.
		*budget--
		if g.code != "und" && d.speaks(k, g.code) {
			continue
		}
		if sg := d.detectSegment(headRunes(k, segmentRunes)); sg.code != "und" && sg.conf >= segmentLanguageConfidence {
			add(sg.code)
		}
	}
	return out
}

// speaks reports whether a line is plainly in the language with the given
// code by its stop words (see stopIndex.favours), so that lingua need not
// be asked: its letters may differ from the rest of the story's for a name
// or a quoted word.
func (d *Detector) speaks(line, code string) bool {
	sc := scriptOfLanguage(code)
	return d.stopScripts[sc] && d.stops.favours(line, code, sc)
}

// foreignRun returns the letters of s in scripts foreign to the story,
// with the spaces and punctuation between them, when there are at least
// minForeignRunLetters of them; else "".
func foreignRun(s string, dom script) string {
	var (
		b       strings.Builder
		letters int
		in      bool
	)
	for _, r := range s {
		sc := scriptOf(r)
		switch {
		case sc != scriptNone && !compatible(dom, sc):
			b.WriteRune(r)
			letters++
			in = true
		case sc == scriptNone && in:
			b.WriteRune(r)
		default:
			if in {
				b.WriteRune(' ')
			}
			in = false
		}
	}
	if letters < minForeignRunLetters {
		return ""
	}
	return strings.TrimSpace(b.String())
}
