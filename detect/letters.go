package detect

import (
	"unicode"
)

// letterLines counts, for each letter outside ASCII of a story, the lines
// it appears in. It lets the story's long lines be checked against the
// story's language without running the language detector on each of
// them: languages that share a script differ in the letters they add to
// it (French é and ç, German ä and ß, Ukrainian і and є against Russian ы
// and э, Persian پ and گ against Arabic), and a line in the story's
// language uses the letters the rest of the story uses. It compares a line
// with the majority of the story, so it relies on the story's language
// being that of the majority: when the sample the story's language is
// detected on is mostly in a minority language, the majority's lines are
// taken to be in it.
type letterLines struct {
	letters map[rune]letterCount
	n       int32
	// marked is how many lines have letters outside ASCII.
	marked int
}

// letterCount is how many lines a letter is in, and the index of the
// last line it was counted for, so that a letter repeated within a line
// counts once.
type letterCount struct{ lines, last int32 }

// newLetterLines returns empty counts.
func newLetterLines() *letterLines {
	return &letterLines{letters: make(map[rune]letterCount)}
}

// add counts the letters of one line.
func (c *letterLines) add(line string) {
	c.n++
	marked := false
	for _, r := range line {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		r = unicode.ToLower(r)
		marked = true
		if e := c.letters[r]; e.last != c.n {
			c.letters[r] = letterCount{lines: e.lines + 1, last: c.n}
		}
	}
	if marked {
		c.marked++
	}
}

// fits reports whether line, one of the lines added, writes its script
// the way the rest of the story does. A line without letters outside ASCII
// fits when at most a third of the other lines have some. A line with
// such letters fits when other lines have them too, and at most one in
// fifty of them (at least one) is a letter no other line uses, so that a
// rare letter of the story's language (Russian ё, French ç) does not make
// a line foreign while a language's own letters, which recur in every
// sentence, do.
func (c *letterLines) fits(line string) bool {
	marked, unshared := 0, 0
	for _, r := range line {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		marked++
		if c.letters[unicode.ToLower(r)].lines < 2 {
			unshared++
		}
	}
	if marked == 0 {
		return c.marked*3 <= int(c.n)-1
	}
	return c.marked >= 2 && unshared <= max(1, marked/50)
}
