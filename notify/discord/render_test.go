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

// smallDigest is a two-group digest for golden files.
func smallDigest(kind wirewatch.Kind) *wirewatch.Digest {
	d := &wirewatch.Digest{Output: "ops", Kind: kind, Created: published, Groups: []wirewatch.Group{
		{Topic: "quakes", Title: "Earthquakes", More: 3, Mention: "112233445566778899", Stories: []*wirewatch.Item{
			story("q1", "USGS", "M6.1 quake near *Honshu*", "Strong shaking reported.\nNo tsunami warning.", "en", "quakes", "quake", "tsunami"),
			story("q2", "NHK", "福島県沖で地震 震度5強", "気象庁によると、津波の心配はありません。", "ja", "quakes", "地震"),
		}},
		{Topic: "energy", Title: "Energy @everyone", Stories: []*wirewatch.Item{
			story("e1", "Al Jazeera", "أسعار النفط ترتفع <@&123>", "ارتفعت أسعار النفط اليوم.", "ar", "energy", "النفط"),
		}},
	}}
	d.Groups[0].Stories[1].Analysis = &wirewatch.Analysis{Language: "ja", CleanTitle: "福島県沖で地震 震度5強", CleanText: "津波の心配はありません。",
		NoiseRatio: 0.31, Flags: []string{"mojibake-repaired"}}
	return d
}

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
func bigDigest(n int) *wirewatch.Digest {
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
	d := &wirewatch.Digest{Output: "big", Kind: "digest", Created: published}
	keys := []string{"markets", "diplomacy", "alerts", "misc"}
	for g := range keys {
		d.Groups = append(d.Groups, wirewatch.Group{Topic: keys[g], Title: strings.Repeat("Topic "+keys[g]+" @here ", 30), More: 7})
	}
	for i := range n {
		k := i % 4
		it := story(fmt.Sprintf("s%03d", i), "Feed "+keys[k]+" <@1>", titles[k], summaries[k], langs[k], keys[k],
			"term @everyone", "語", "النفط")
		d.Groups[k].Stories = append(d.Groups[k].Stories, it)
	}
	return d
}

func TestMessagesSplitBigDigest(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		t.Run(string(kind), func(t *testing.T) {
			d := bigDigest(200)
			d.Kind = kind
			msgs := Messages(d)
			if len(msgs) < 2 {
				t.Fatalf("got %d messages, want several", len(msgs))
			}
			var ids []string
			nonces := map[string]bool{}
			for _, m := range msgs {
				checkMessage(t, m, "")
				for _, it := range m.Items {
					ids = append(ids, it.ID)
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
			again := Messages(bigDigest(200))
			if kind == "digest" && again[0].Nonce != msgs[0].Nonce {
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
		{"no groups", &wirewatch.Digest{Kind: "digest"}},
		{"empty group", &wirewatch.Digest{Kind: "alert", Groups: []wirewatch.Group{{Topic: "x"}}}},
	}
	for _, tt := range tests {
		if got := Messages(tt.d); len(got) != 0 {
			t.Errorf("%s: Messages = %d messages, want 0", tt.name, len(got))
		}
	}
}

func TestMessagesMoreOnly(t *testing.T) {
	d := &wirewatch.Digest{Output: "o", Kind: "digest", Groups: []wirewatch.Group{{Topic: "x", Title: "X", More: 4}}}
	msgs := Messages(d)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Embeds[0].Description, "and 4 more") {
		t.Fatalf("Messages = %+v, want one message saying and 4 more", msgs)
	}
	checkMessage(t, msgs[0], "")
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
		d := &wirewatch.Digest{Output: "o", Kind: "alert", Groups: []wirewatch.Group{{Topic: "k", Title: "K", Mention: tt.mention,
			Stories: []*wirewatch.Item{story("1", "f", "t", "s", "en", "k")}}}}
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
	d := smallDigest("digest")
	lead := d.Groups[0].Stories[0]
	copyOf := story("q9", "Kyodo", "M6.1 quake near Honshu", "", "en", "quakes", "quake")
	lead.Also = []*wirewatch.Item{copyOf}
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		d.Kind = kind
		msgs := Messages(d)
		found, shown := false, false
		for _, m := range msgs {
			for _, it := range m.Items {
				found = found || it == copyOf
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
