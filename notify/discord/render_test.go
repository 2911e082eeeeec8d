package discord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/internal/golden"
)

// published is a fixed time so that golden files are stable.
var published = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// story returns a story matching topic with the given terms.
func story(id, feed, title, summary, lang, topic string, terms ...string) *wirewatch.Item {
	var hits []wirewatch.Hit
	for _, t := range terms {
		hits = append(hits, wirewatch.Hit{Term: t, Field: "title", Text: t})
	}
	return &wirewatch.Item{
		ID: id, Feed: feed, Link: "https://news.example/" + id, Title: title, Summary: summary,
		Published: published, DeclaredLanguage: lang,
		Matches: []wirewatch.Match{{Topic: topic, Hits: hits}},
	}
}

// topicOrder names the topics of the render tests, in display order, with
// the role the quakes topic's alerts mention.
var topicOrder = []wirewatch.TopicInfo{
	{ID: "quakes", Name: "Earthquakes", Mention: "112233445566778899"},
	{ID: "energy", Name: "Energy @everyone"},
	{ID: "markets", Name: "Markets"}, {ID: "diplomacy", Name: "Diplomacy"}, {ID: "alerts", Name: "Alerts"}, {ID: "misc", Name: "Misc"},
}

// build assembles a digest the way the pipeline does, through digest.Build:
// folded, capped at max stories a group (0: no cap).
func build(kind wirewatch.Kind, max int, items ...*wirewatch.Item) *wirewatch.Digest {
	return digest.Build(items, digest.Options{Output: "ops", Kind: kind, Order: topicOrder, MaxPerGroup: max, Fold: true, Now: published})
}

// smallItems are the stories of the golden files: two topics, one story
// noisy and in Japanese, three more quakes stories past a cap of two.
func smallItems() []*wirewatch.Item {
	ja := story("q2", "NHK", "福島県沖で地震 震度5強", "気象庁によると、津波の心配はありません。", "ja", "quakes", "地震")
	ja.Analysis = &wirewatch.Analysis{Language: "ja", CleanTitle: "福島県沖で地震 震度5強", CleanText: "津波の心配はありません。",
		NoiseRatio: 0.31, Flags: []string{"mojibake-repaired"}}
	items := []*wirewatch.Item{
		story("q1", "USGS", "M6.1 quake near *Honshu*", "Strong shaking reported.\nNo tsunami warning.", "en", "quakes", "quake", "tsunami"),
		ja,
		story("e1", "Al Jazeera", "أسعار النفط ترتفع <@&123>", "ارتفعت أسعار النفط اليوم.", "ar", "energy", "النفط"),
	}
	for i := range 3 {
		old := story(fmt.Sprintf("q%d", 3+i), "USGS", fmt.Sprintf("Aftershock %d", i+1), "", "en", "quakes", "quake")
		old.Published = published.Add(-time.Duration(i+1) * time.Hour)
		items = append(items, old)
	}
	return items
}

// messageText returns the text a message shows: content, embed titles,
// descriptions, fields and footers.
func messageText(m Message) string {
	parts := []string{m.Content}
	for _, e := range m.Embeds {
		parts = append(parts, e.Title, e.Description)
		for _, f := range e.Fields {
			parts = append(parts, f.Name, f.Value)
		}
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// smallDigest is the golden files' digest.
func smallDigest(kind wirewatch.Kind) *wirewatch.Digest { return build(kind, 2, smallItems()...) }

func TestMessagesGolden(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		t.Run(string(kind), func(t *testing.T) {
			msgs := Messages(smallDigest(kind))
			for _, m := range msgs {
				checkMessage(t, m, "112233445566778899")
			}
			wires := make([]wireMessage, len(msgs))
			for i, m := range msgs {
				wires[i] = m.wire()
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(wires); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", string(kind)+".golden.json"), buf.Bytes())
		})
	}
}

// checkMessage fails tb when m breaks any Discord limit or could ping
// anyone but role.
func checkMessage(tb testing.TB, m Message, role string) {
	tb.Helper()
	if runeLen(m.Content) > maxContentRunes {
		tb.Errorf("content has %d runes, want at most %d", runeLen(m.Content), maxContentRunes)
	}
	if m.Content == "" && len(m.Embeds) == 0 {
		tb.Errorf("message is empty")
	}
	if len(m.Embeds) > maxEmbeds {
		tb.Errorf("message has %d embeds, want at most %d", len(m.Embeds), maxEmbeds)
	}
	if n := runeLen(m.Nonce); n == 0 || n > maxNonceRunes {
		tb.Errorf("nonce %q has %d runes, want 1 to %d", m.Nonce, n, maxNonceRunes)
	}
	total := 0
	texts := []string{m.Content}
	for _, e := range m.Embeds {
		total += embedRunes(e)
		if got := runeLen(e.Title); got > maxEmbedTitleRunes {
			tb.Errorf("embed title has %d runes, want at most %d", got, maxEmbedTitleRunes)
		}
		if got := runeLen(e.Description); got > maxEmbedDescRunes {
			tb.Errorf("embed description has %d runes, want at most %d", got, maxEmbedDescRunes)
		}
		if len(e.Fields) > maxEmbedFields {
			tb.Errorf("embed has %d fields, want at most %d", len(e.Fields), maxEmbedFields)
		}
		for _, f := range e.Fields {
			if runeLen(f.Name) > maxFieldNameRunes || runeLen(f.Value) > maxFieldValueRunes {
				tb.Errorf("field %q over its limits", f.Name)
			}
			texts = append(texts, f.Name, f.Value)
		}
		if e.Footer != nil {
			if got := runeLen(e.Footer.Text); got > maxFooterRunes {
				tb.Errorf("footer has %d runes, want at most %d", got, maxFooterRunes)
			}
			texts = append(texts, e.Footer.Text)
		}
		if e.Author != nil && runeLen(e.Author.Name) > maxAuthorNameRunes {
			tb.Errorf("author name over its limit")
		}
		texts = append(texts, e.Title, e.Description)
	}
	if total > maxEmbedsTotalRunes {
		tb.Errorf("embeds total %d runes, want at most %d", total, maxEmbedsTotalRunes)
	}
	am := m.wire().AllowedMentions
	if am == nil || am.Parse == nil || len(am.Parse) != 0 {
		tb.Errorf("allowed_mentions = %+v, want an empty parse list", am)
	}
	if len(am.Users) != 0 || len(am.Roles) > 1 || (len(am.Roles) == 1 && am.Roles[0] != role) {
		tb.Errorf("allowed_mentions roles %v users %v, want at most [%s]", am.Roles, am.Users, role)
	}
	mention := "<@&" + role + ">"
	for _, s := range texts {
		s = strings.Replace(s, mention, "", 1)
		for _, bad := range []string{"@everyone", "@here", "<@", "<#"} {
			if strings.Contains(s, bad) {
				tb.Errorf("text %q contains %q", truncate(s, 80), bad)
			}
		}
	}
}

// bigDigest returns a digest of n stories over four groups with long CJK
// and Arabic titles, mention attempts and markdown.
func bigDigest(n int, kind wirewatch.Kind) *wirewatch.Digest {
	titles := []string{
		strings.Repeat("東京証券取引所で株価が大幅に下落、日経平均は一時千円超安。", 12),
		strings.Repeat("أعلنت وزارة الخارجية اليوم عن مباحثات جديدة بشأن وقف إطلاق النار ", 8),
		"@everyone BREAKING: <@&123> **urgent** [click](https://evil.example) ||spoiler|| `rm -rf`",
		"# Heading title\n> quoted\n- item @here <#42> <@99>",
	}
	summaries := []string{
		strings.Repeat("中国人民银行宣布下调存款准备金率。", 40),
		strings.Repeat("قال مسؤولون إن المحادثات ستستمر حتى نهاية الأسبوع. ", 30),
		strings.Repeat("Markdown *everywhere* _and_ @everyone ~~pings~~ ", 20),
		"",
	}
	langs := []string{"ja", "ar", "en", "en"}
	keys := []string{"markets", "diplomacy", "alerts", "misc"}
	var items []*wirewatch.Item
	for i := range n {
		k := i % 4
		it := story(fmt.Sprintf("s%03d", i), "Feed "+keys[k]+" <@1>", titles[k], summaries[k], langs[k], keys[k],
			"term @everyone", "語", "النفط")
		it.Link += fmt.Sprintf("?n=%d", i)
		it.Published = published.Add(-time.Duration(i) * time.Minute)
		items = append(items, it)
	}
	return build(kind, 0, items...)
}

func TestMessagesSplitBigDigest(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		t.Run(string(kind), func(t *testing.T) {
			d := bigDigest(200, kind)
			msgs := Messages(d)
			if len(msgs) < 2 {
				t.Fatalf("got %d messages, want several", len(msgs))
			}
			var ids []string
			nonces := map[string]bool{}
			for _, m := range msgs {
				checkMessage(t, m, "")
				for _, it := range m.Part.Shown {
					ids = append(ids, it.ID)
				}
				for _, it := range m.Part.Shown {
					if terms := it.MatchedTerms(it.Matches[0].Topic); len(terms) == 0 || !strings.Contains(messageText(m), "matched: ") {
						t.Errorf("story %s is shown without its matched terms", it.ID)
					}
				}
				if nonces[m.Nonce] {
					t.Errorf("nonce %q repeated", m.Nonce)
				}
				nonces[m.Nonce] = true
			}
			// Every story appears once, in group order.
			var want []string
			for _, g := range d.Groups {
				for _, it := range g.Stories {
					want = append(want, it.ID)
				}
			}
			if got, w := strings.Join(ids, ","), strings.Join(want, ","); got != w {
				t.Errorf("stories in messages = %.200s..., want %.200s...", got, w)
			}
			again := Messages(bigDigest(200, kind))
			if again[0].Nonce != msgs[0].Nonce {
				t.Errorf("nonce of a re-rendered digest = %q, want %q", again[0].Nonce, msgs[0].Nonce)
			}
			t.Logf("%s: 200 stories in %d messages", kind, len(msgs))
		})
	}
}

func TestMessagesEmpty(t *testing.T) {
	tests := []struct {
		name string
		d    *wirewatch.Digest
	}{
		{"nil", nil},
		{"no stories", build(wirewatch.KindDigest, 10)},
		{"no stories, alert", build(wirewatch.KindAlert, 10)},
	}
	for _, tt := range tests {
		if got := Messages(tt.d); len(got) != 0 {
			t.Errorf("%s: Messages = %d messages, want 0", tt.name, len(got))
		}
	}
}

// The stories past the cap are counted in "and N more", carried by the
// message that says it, so that they are marked counted when it lands.
func TestMessagesCountTheRest(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		msgs := Messages(smallDigest(kind))
		var counted []string
		for _, m := range msgs {
			for _, it := range m.Part.Counted {
				counted = append(counted, it.ID)
				if !strings.Contains(messageText(m), "and 3 more") {
					t.Errorf("%s: the message counting %s does not say and 3 more", kind, it.ID)
				}
			}
		}
		if got, want := strings.Join(counted, ","), "q3,q4,q5"; got != want {
			t.Errorf("%s: counted %s, want %s", kind, got, want)
		}
	}
}

func TestAlertMentionsOnlyTheTopicRole(t *testing.T) {
	tests := []struct {
		mention   string
		wantRoles []string
		wantPing  bool
	}{
		{"112233", []string{"112233"}, true},
		{"", nil, false},
		{"everyone", nil, false},
		{"123>@everyone", nil, false},
	}
	for _, tt := range tests {
		d := digest.Build([]*wirewatch.Item{story("1", "f", "t", "s", "en", "k")}, digest.Options{Output: "o", Kind: wirewatch.KindAlert,
			Order: []wirewatch.TopicInfo{{ID: "k", Name: "K", Mention: tt.mention}}})
		m := Messages(d)[0]
		if got := fmt.Sprint(m.AllowedMentions.Roles); got != fmt.Sprint(tt.wantRoles) {
			t.Errorf("mention %q: roles = %v, want %v", tt.mention, got, tt.wantRoles)
		}
		if got := strings.HasPrefix(m.Content, "<@&"); got != tt.wantPing {
			t.Errorf("mention %q: content %q pings = %v, want %v", tt.mention, m.Content, got, tt.wantPing)
		}
		checkMessage(t, m, tt.mention)
	}
}

func TestCopiesAreShownAndDeliveredWithTheirStory(t *testing.T) {
	copyOf := story("q9", "Kyodo", "M6.1 quake near Honshu", "", "en", "quakes", "quake")
	copyOf.Link = "https://news.example/q1"
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		msgs := Messages(build(kind, 10, append(smallItems(), copyOf)...))
		found, shown := false, false
		for _, m := range msgs {
			for _, it := range m.Part.Shown {
				found = found || it.ID == "q9"
			}
			for _, e := range m.Embeds {
				shown = shown || strings.Contains(e.Description, "also in Kyodo")
			}
		}
		if !found || !shown {
			t.Errorf("%s: copy delivered with its story %v, named %v; want both", kind, found, shown)
		}
	}
}

// Every story of every kind of post says why it matched: the terms that
// hit, found through the digest's group topic. Groups built by
// digest.Build must reach the renderer with their topic.
func TestEveryStoryShowsItsMatchedTerms(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		for _, m := range Messages(smallDigest(kind)) {
			text := messageText(m)
			for _, it := range m.Part.Shown {
				for _, term := range it.MatchedTerms(it.Matches[0].Topic) {
					if !strings.Contains(text, escapeText(term.String(), storyTermsRunes)) {
						t.Errorf("%s: story %s shown without its matched term %q", kind, it.ID, term)
					}
				}
			}
			if !strings.Contains(text, "matched: ") {
				t.Errorf("%s: message without matched terms: %s", kind, text)
			}
		}
	}
}

// TestDigestMentionsOutputRole: an output's role (set on every group by the
// pipeline) is mentioned once, by a digest's first message, and is the only
// mention allowed.
func TestDigestMentionsOutputRole(t *testing.T) {
	const role = "223344556677889900"
	d := bigDigest(60, wirewatch.KindDigest)
	for i := range d.Groups {
		d.Groups[i].Mention = role
	}
	msgs := Messages(d)
	if len(msgs) < 2 {
		t.Fatalf("want a digest of several messages, got %d", len(msgs))
	}
	for i, m := range msgs {
		checkMessage(t, m, role)
		mentions := strings.Count(m.Content, "<@&"+role+">")
		if want := map[bool]int{true: 1, false: 0}[i == 0]; mentions != want || (i == 0) != (len(m.AllowedMentions.Roles) == 1) {
			t.Errorf("message %d mentions the role %d times (allowed %v), want %d", i, mentions, m.AllowedMentions.Roles, want)
		}
	}
	if plain := Messages(bigDigest(60, wirewatch.KindDigest)); strings.Contains(plain[0].Content, "<@&") {
		t.Errorf("a digest without a role mentions one: %q", plain[0].Content)
	}
}
