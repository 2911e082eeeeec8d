package discord

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// Embed colours.
const (
	colorDigest = 0x3b82f6
	colorAlert  = 0xdc2626
)

// alertBatch is how many stories of one alert group share a message.
const alertBatch = 5

// shortSummaryAbove is the number of stories above which summaries are cut
// shorter, so that long digests take fewer messages.
const shortSummaryAbove = 30

// Messages renders a digest into Discord messages, in order, each within
// every Discord limit. A digest becomes embeds grouped under each group's
// title; an alert becomes one message per small batch of stories, which
// mentions the group's role when it names one. Every message allows no
// mention except that role, and all feed text is escaped. Messages returns
// nil for a digest with nothing to show.
func Messages(d *wirewatch.Digest) []Message {
	if d == nil {
		return nil
	}
	if d.Kind == wirewatch.KindAlert {
		return alertMessages(d)
	}
	return digestMessages(d)
}

// digestMessages lays out a scheduled digest.
func digestMessages(d *wirewatch.Digest) []Message {
	summaryRunes := storySummaryRunes
	if d.Len() > shortSummaryAbove {
		summaryRunes = storySummaryRunes / 2
	}
	l := &layout{output: d.Output}
	for _, g := range d.Groups {
		title := escapeText(groupTitle(g), groupTitleRunes)
		for _, it := range g.Stories {
			if it == nil {
				continue
			}
			l.add(title, storyBlock(it, g.Topic, summaryRunes), itemKey(it), it)
		}
		if g.More > 0 {
			l.add(title, fmt.Sprintf("*and %d more*", g.More), "more\x00"+groupKey(g), nil)
			l.count(g.Rest)
		}
	}
	msgs := l.finish()
	stories := d.Len()
	// The roles a digest's groups name (an output's role) are mentioned
	// once, by its first message.
	var roles []string
	for _, g := range d.Groups {
		if IsSnowflake(g.Mention) && !slices.Contains(roles, g.Mention) {
			roles = append(roles, g.Mention)
		}
	}
	for i := range msgs {
		c := fmt.Sprintf("**Digest** · %d %s", stories, text.Plural(stories, "story", "stories"))
		if len(msgs) > 1 {
			c += fmt.Sprintf(" · part %d/%d", i+1, len(msgs))
		}
		if i == 0 && len(roles) > 0 {
			c = "<@&" + strings.Join(roles, "> <@&") + "> " + c
			msgs[i].AllowedMentions.Roles = roles
		}
		msgs[i].Content = c
	}
	return msgs
}

// layout packs story blocks into embeds and embeds into messages.
type layout struct {
	output string
	msgs   []Message
	keys   [][]string // nonce keys of each message
	total  int        // embed runes counted against the 6000 limit in the last message
	embed  *discordgo.MessageEmbed
	group  string // title the current embed was opened for
}

// add appends one block under the group title, opening a new embed or a
// new message when the current one would overflow.
func (l *layout) add(title, block, key string, it *wirewatch.Item) {
	if l.embed != nil && l.group == title &&
		runeLen(l.embed.Description)+1+runeLen(block) <= budgetDescription &&
		l.total+1+runeLen(block) <= budgetEmbedsTotal {
		l.embed.Description += "\n" + block
		l.total += 1 + runeLen(block)
	} else {
		heading := title
		if l.embed != nil && l.group == title {
			heading = truncate(title, groupTitleRunes) + " (cont.)"
		}
		cost := runeLen(heading) + runeLen(block)
		if len(l.msgs) == 0 || len(l.msgs[len(l.msgs)-1].Embeds) >= budgetEmbeds || l.total+cost > budgetEmbedsTotal {
			l.msgs = append(l.msgs, Message{})
			l.keys = append(l.keys, nil)
			l.total = 0
		}
		l.embed = &discordgo.MessageEmbed{Title: heading, Description: block, Color: colorDigest}
		l.group = title
		m := &l.msgs[len(l.msgs)-1]
		m.Embeds = append(m.Embeds, l.embed)
		l.total += cost
	}
	i := len(l.msgs) - 1
	l.keys[i] = append(l.keys[i], key)
	if it != nil {
		// Copies shown with the story are delivered with it.
		l.msgs[i].Part.Shown = append(append(l.msgs[i].Part.Shown, it), it.Also...)
		l.msgs[i].stories = append(l.msgs[i].stories, it)
	}
}

// count adds stories that the last message counts in "and N more".
func (l *layout) count(rest []*wirewatch.Item) {
	m := &l.msgs[len(l.msgs)-1]
	m.Part.Counted = append(m.Part.Counted, rest...)
}

// finish sets each message's nonce and allowed mentions and returns them.
func (l *layout) finish() []Message {
	for i := range l.msgs {
		l.msgs[i].Nonce = nonce(l.output, l.keys[i])
		l.msgs[i].AllowedMentions = noMentions()
	}
	return l.msgs
}

// alertMessages lays out immediate alerts: one embed per story, a few per
// message, and each group's role mentioned when it names one.
func alertMessages(d *wirewatch.Digest) []Message {
	var msgs []Message
	for _, g := range d.Groups {
		title := escapeText(groupTitle(g), groupTitleRunes)
		content := "**Alert** · " + title
		var roles []string
		if role := g.Mention; IsSnowflake(role) {
			content = "<@&" + role + "> " + content
			roles = []string{role}
		}
		var (
			cur   *Message
			keys  []string
			total int
		)
		flush := func() {
			if cur != nil {
				cur.Nonce = nonce(d.Output, append(keys, "alert\x00"+groupKey(g)))
				msgs = append(msgs, *cur)
			}
			cur, keys, total = nil, nil, 0
		}
		for _, it := range g.Stories {
			if it == nil {
				continue
			}
			e := alertEmbed(it, g.Topic, title)
			cost := embedRunes(e)
			if cur != nil && (len(cur.Embeds) >= alertBatch || total+cost > budgetEmbedsTotal) {
				flush()
			}
			if cur == nil {
				am := noMentions()
				am.Roles = roles
				cur = &Message{Content: truncate(content, budgetContent), AllowedMentions: am}
			}
			cur.Embeds = append(cur.Embeds, e)
			cur.Part.Shown = append(append(cur.Part.Shown, it), it.Also...)
			cur.stories = append(cur.stories, it)
			keys = append(keys, itemKey(it))
			total += cost
		}
		if g.More > 0 && cur != nil {
			more := fmt.Sprintf("\n*and %d more*", g.More)
			last := cur.Embeds[len(cur.Embeds)-1]
			// Stories count as seen only where the count is shown; when it
			// does not fit they stay pending for the next alert.
			if total+runeLen(more) <= budgetEmbedsTotal && runeLen(last.Description)+runeLen(more) <= budgetDescription {
				last.Description += more
				cur.Part.Counted = append(cur.Part.Counted, g.Rest...)
			}
		}
		flush()
	}
	return msgs
}

// embedRunes counts the runes of an embed that Discord counts against the
// 6000 limit of a message.
func embedRunes(e *discordgo.MessageEmbed) int {
	n := runeLen(e.Title) + runeLen(e.Description)
	if e.Footer != nil {
		n += runeLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += runeLen(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += runeLen(f.Name) + runeLen(f.Value)
	}
	return n
}

// alertEmbed renders one story as an embed of its own.
func alertEmbed(it *wirewatch.Item, topic, groupTitle string) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       escapeText(displayTitle(it), storyTitleRunes),
		URL:         safeLink(it.Link),
		Description: metaLine(it, topic) + eventLines(it),
		Color:       colorAlert,
		Footer:      &discordgo.MessageEmbedFooter{Text: groupTitle},
	}
	if s := escapeText(it.DisplayText(), storySummaryRunes*2); s != "" {
		e.Description += "\n" + s
	}
	if t := storyTime(it); !t.IsZero() {
		e.Timestamp = t.UTC().Format(time.RFC3339)
	}
	return e
}

// storyBlock renders one story as lines of an embed description: the title
// as a link, a line of facts, and the summary.
func storyBlock(it *wirewatch.Item, topic string, summaryRunes int) string {
	title := escapeText(displayTitle(it), storyTitleRunes)
	var b strings.Builder
	if link := safeLink(it.Link); link != "" {
		b.WriteString("**[" + title + "](" + link + ")**")
	} else {
		b.WriteString("**" + title + "**")
	}
	b.WriteString("\n" + metaLine(it, topic))
	b.WriteString(eventLines(it))
	if s := escapeText(it.DisplayText(), summaryRunes); s != "" {
		b.WriteString("\n" + s)
	}
	return b.String()
}

// eventLines renders, each on a line of its own, the story's gloss and,
// when other outlets carry it, how widely ("5 outlets · 4 languages (en,
// ko, ru, zh)") followed by a line for each other outlet's story with its
// link and gloss, as many as fit in reachRunes; the rest are counted.
// Empty when there is neither.
func eventLines(it *wirewatch.Item) string {
	var b strings.Builder
	if it.Gloss != "" {
		b.WriteString("\n*" + escapeText(it.Gloss, glossRunes) + "* (gloss, not a translation)")
	}
	if it.Translation != "" {
		b.WriteString("\nmachine translation: " + escapeText(it.Translation, storyTitleRunes))
	}
	reach := it.Reach()
	if reach == "" {
		return b.String()
	}
	b.WriteString("\n" + reach)
	used, left := 0, 0
	for i, o := range it.Also {
		l := "\n› "
		if link := safeLink(o.Link); link != "" {
			l += "[" + escapeText(o.Feed, storySourceRunes) + "](" + link + ")"
		} else {
			l += escapeText(o.Feed, storySourceRunes)
		}
		l += " `" + languageCode(o.Language()) + "`"
		if o.Translation != "" {
			l += " · " + escapeText(o.Translation, storyTitleRunes) + " (machine translation)"
		} else if o.Gloss != "" {
			l += " · *" + escapeText(o.Gloss, glossRunes) + "* (gloss)"
		}
		if used+runeLen(l) > reachRunes {
			left = len(it.Also) - i
			break
		}
		used += runeLen(l)
		b.WriteString(l)
	}
	if left > 0 {
		fmt.Fprintf(&b, "\n› and %d more", left)
	}
	return b.String()
}

// metaLine renders a story's source, language, time and matched terms.
func metaLine(it *wirewatch.Item, topic string) string {
	parts := []string{escapeText(it.Feed, storySourceRunes), "`" + languageCode(it.Language()) + "`"}
	if t := storyTime(it); !t.IsZero() {
		parts = append(parts, "<t:"+strconv.FormatInt(t.Unix(), 10)+":R>")
	}
	if terms := it.MatchedTerms(topic); len(terms) > 0 {
		parts = append(parts, "matched: "+escapeText(wirewatch.JoinTerms(terms), storyTermsRunes))
	}
	if also := it.AlsoIn(); len(also) > 0 {
		parts = append(parts, "also in "+escapeText(strings.Join(also, ", "), storySourceRunes*2))
	}
	if a := it.Analysis; a != nil && a.NoiseRatio >= 0.05 {
		parts = append(parts, "noise removed "+strconv.Itoa(int(a.NoiseRatio*100+0.5))+"%")
	}
	if a := it.Analysis; a != nil && len(a.Flags) > 0 {
		parts = append(parts, escapeText(strings.Join(a.Flags, ", "), storyTermsRunes))
	}
	return strings.Join(parts, " · ")
}

// languageCode keeps a language code safe inside inline code.
func languageCode(code string) string {
	var b strings.Builder
	for _, r := range code {
		if r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || b.Len() > 16 {
		return "und"
	}
	return b.String()
}

// storyTime returns when the story was published, else first seen.
func storyTime(it *wirewatch.Item) time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.FirstSeen
}

// displayTitle returns the story's title, or a placeholder when it has none.
func displayTitle(it *wirewatch.Item) string {
	if t := strings.TrimSpace(it.DisplayTitle()); t != "" {
		return t
	}
	return "(untitled)"
}

// groupTitle returns the heading of a group.
func groupTitle(g wirewatch.Group) string {
	if strings.TrimSpace(g.Title) != "" {
		return g.Title
	}
	if id := cmp.Or(g.Topic, g.Feed); id != "" {
		return id
	}
	return "Stories"
}

// groupKey identifies a group within a digest, for nonces.
func groupKey(g wirewatch.Group) string {
	if g.Topic != "" {
		return "topic\x00" + g.Topic
	}
	return "feed\x00" + g.Feed
}

// itemKey identifies a story across feeds for nonces.
func itemKey(it *wirewatch.Item) string { return it.Feed + "\x00" + it.ID }

// noMentions returns allowed mentions that allow nothing.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// IsSnowflake reports whether s looks like a Discord id.
func IsSnowflake(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
