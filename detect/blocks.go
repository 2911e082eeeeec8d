package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of the menu items found by markMenus. A menu item is a line with
// at most menuItemWords words and menuItemRunes runes (menuItemCJKRunes
// letters of scripts written without spaces), or a list of at most
// menuListWords single words, without a sentence end. A run of
// minMenuRun such lines, minMenuNew of them not yet marked, is a menu.
const (
	menuItemWords        = 5
	menuItemRunes        = 40
	menuItemCJKRunes     = 12
	menuListWords        = 12
	menuListWordRunes    = 12
	menuListUncasedRunes = 4
	minMenuRun           = 4
	minMenuNew           = 2
)

// A run shorter than longMenuRun is a menu only when its items have at
// most maxMenuMeanWords words on average: the short lines that open some
// stories (a deck of subtitles) are longer than menu items.
const (
	longMenuRun      = 8
	maxMenuMeanWords = 3
)

// menuSeparators are the marks that separate or end menu items.
const menuSeparators = "|•·¦/>›»"

// markMenus marks as menus the runs of consecutive short lines without
// sentence structure: navigation menus, link lists, share buttons, footers.
// A single short line between paragraphs, such as a subheading, is kept, and
// so is a list that a line of the story introduces with a colon.
func markMenus(lines []textLine) {
	first, last := len(lines), -1
	for i := range lines {
		if lines[i].reason == "" && lines[i].paragraph() {
			first, last = min(first, i), i
		}
	}
	for i := 0; i < len(lines); {
		if !isMenuItem(&lines[i]) {
			i++
			continue
		}
		j, fresh, words := i, 0, 0
		for ; j < len(lines) && isMenuItem(&lines[j]); j++ {
			if lines[j].reason == "" {
				fresh++
				words += countWords(lines[j].text)
			}
		}
		menu := j-i >= longMenuRun || (words <= maxMenuMeanWords*fresh && (i < first || j > last))
		if menu && j-i >= minMenuRun && fresh >= minMenuNew && !introducesList(lines, i) {
			for k := i; k < j; k++ {
				if lines[k].reason == "" {
					lines[k].reason = ReasonMenu
				}
			}
		}
		i = j
	}
}

// isMenuItem reports whether a line can be an item of a menu: already
// marked as noise, or short, without a sentence end, and not a quotation.
func isMenuItem(l *textLine) bool {
	if l.reason != "" {
		return true
	}
	s := strings.TrimRight(l.text, " "+menuSeparators)
	if s == "" {
		return true
	}
	if isQuoted(s) || isBracketed(s) {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
	})
	if r, _ := utf8.DecodeLastRuneInString(t); t == "" || isSentenceEnd(r) {
		return t == ""
	}
	return isShortItem(s) || isWordList(s)
}

// isShortItem reports whether s is short enough for a menu item.
func isShortItem(s string) bool {
	if countWords(s) > menuItemWords || utf8.RuneCountInString(s) > menuItemRunes {
		return false
	}
	return cjkLetters(s) <= menuItemCJKRunes
}

// isWordList reports whether s is a list of single words, as menus are
// laid out on one line ("News Sport Weather", "ENG 日本語 中國語"): at least
// three words, without the punctuation of a phrase, each capitalised or a
// short word of a script without case.
func isWordList(s string) bool {
	words := strings.Fields(s)
	if len(words) < 3 || len(words) > menuListWords {
		return false
	}
	for _, w := range words {
		if strings.ContainsAny(w, ",;:.!?。，、") {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch n := utf8.RuneCountInString(w); {
		case unicode.IsUpper(r) || unicode.IsDigit(r) || r == '&':
			if n > menuListWordRunes {
				return false
			}
		case unicode.IsLetter(r) && !unicode.IsLower(r):
			if n > menuListUncasedRunes {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// cjkLetters counts the letters of s in scripts written without spaces.
func cjkLetters(s string) int {
	var c scriptCounts
	c.add(s)
	return c[scriptHan] + c.kana() + c[scriptThai]
}

// minIntroWords is how many words a line ending in a colon needs to
// introduce a list that belongs to the story.
const minIntroWords = 4

// introducesList reports whether the line before lines[i] is a line of the
// story ending in a colon, which introduces the list that follows it.
func introducesList(lines []textLine, i int) bool {
	if i == 0 || lines[i-1].reason != "" {
		return false
	}
	s := strings.TrimSpace(lines[i-1].text)
	return (strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：")) &&
		countWords(s) >= minIntroWords
}

// isBracketed reports whether s is wrapped in brackets, as the notes that
// end a story are: "(Reporting by ...)", "（编辑：...）".
func isBracketed(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	switch first {
	case '(':
		return last == ')'
	case '（':
		return last == '）'
	case '[':
		return last == ']'
	case '【':
		return last == '】'
	}
	return false
}

// Bounds of a paragraph of the story: a sentence of at least
// paragraphWords words, or paragraphCJKRunes letters of scripts written
// without spaces.
const (
	paragraphWords    = 12
	paragraphCJKRunes = 30
)

// isParagraph reports whether a line reads as a paragraph of a story.
func isParagraph(s string) bool {
	if !hasSentenceStructure(s) {
		return false
	}
	return countWords(s) >= paragraphWords || cjkLetters(s) >= paragraphCJKRunes
}

// paragraph is isParagraph for the line, from the words and letters
// counted when it was read.
func (l *textLine) paragraph() bool {
	if !l.sentence() {
		return false
	}
	return l.words >= paragraphWords || l.counts[scriptHan]+l.counts.kana()+l.counts[scriptThai] >= paragraphCJKRunes
}

// sentence is hasSentenceStructure for the line, from the words and
// letters counted when it was read.
func (l *textLine) sentence() bool {
	t := trimClosing(l.text)
	if len(t) != len(l.text) {
		// What was trimmed may have been words of their own.
		return hasSentenceStructure(l.text)
	}
	if t == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(t); isSentenceEnd(r) {
		return true
	}
	return !shortCounts(l.words, &l.counts)
}
