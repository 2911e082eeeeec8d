package discord

import (
	"strings"
	"unicode/utf8"
)

// Discord's message limits, counted in runes. See
// https://discord.com/developers/docs/resources/message#create-message-jsonform-params
// and https://discord.com/developers/docs/resources/message#embed-object-embed-limits.
const (
	maxContentRunes     = 2000 // message content
	maxEmbeds           = 10   // embeds in one message
	maxEmbedTitleRunes  = 256  // embed title
	maxEmbedDescRunes   = 4096 // embed description
	maxEmbedFields      = 25   // fields in one embed
	maxFieldNameRunes   = 256  // field name
	maxFieldValueRunes  = 1024 // field value
	maxFooterRunes      = 2048 // embed footer text
	maxAuthorNameRunes  = 256  // embed author name
	maxEmbedsTotalRunes = 6000 // titles, descriptions, fields, footers and authors of all embeds
	maxNonceRunes       = 25   // message nonce
	maxChoices          = 25   // autocomplete choices
	maxChoiceRunes      = 100  // autocomplete choice name and value
)

// Budgets keep a margin below Discord's limits so that Discord's own
// counting (whitespace trimming, normalisation) never tips a message over.
const (
	budgetContent     = maxContentRunes - 100
	budgetDescription = maxEmbedDescRunes - 196
	budgetEmbedsTotal = maxEmbedsTotalRunes - 400
	budgetEmbeds      = maxEmbeds
)

// Per-story caps applied before layout, so that one story always fits in an
// embed and a few stories fit in a message.
const (
	storyTitleRunes   = 240
	storySummaryRunes = 300
	storyTermsRunes   = 160
	storySourceRunes  = 80
	// glossRunes bounds a story's English gloss, and reachRunes the line
	// that links the other outlets carrying its event.
	glossRunes      = 200
	reachRunes      = 700
	groupTitleRunes = 200
	maxLinkRunes    = 512
)

const ellipsis = "…"

// runeLen returns the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// truncate cuts s to at most max runes on a rune boundary, ending it with an
// ellipsis when anything was cut. Trailing spaces before the ellipsis go.
func truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if runeLen(s) <= max {
		return s
	}
	if max == 1 {
		return ellipsis
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return strings.TrimRight(s[:i], " \t\n") + ellipsis
		}
		n++
	}
	return s
}
