package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/topics"
)

const rigYAML = "710000000000000005" // a channel a configured webhook posts to

// TestMinOutletsThroughDigests: feeds served on 127.0.0.1 tell one launch in four
// languages, one outlet at a time. A channel subscribed from Discord with
// min_outlets:2 gets nothing while one outlet carries it, then the event
// once, with both stories, when the second joins, then each later story;
// a webhook output with min_outlets: 3 in the YAML gets the event at the
// third; a channel without the filter gets every story as it comes. A
// min_outlets no event can reach is refused with the reason, and
// /subscriptions shows the filter.
func TestMinOutletsThroughDigests(t *testing.T) {
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	r := newCurationRigMore(t, tagger, func(fake *discordtest.Server) string {
		fake.AddChannel(rigGuild, rigYAML, "wide-stories")
		id, _ := fake.AddWebhook(rigYAML)
		return fmt.Sprintf("outputs:\n  - {type: discord, name: wide, webhook: %q, schedule: instant, min_outlets: 3}\n", fake.WebhookURL(id))
	})
	got := strings.ReplaceAll(r.subscribe(rigWire, map[string]any{"topic": "icbm", "min_outlets": 5}), `\`, "")
	if want := "5 outlets: only 4 feeds are configured"; !strings.Contains(got, "Could not subscribe") || !strings.Contains(got, want) {
		t.Errorf("/subscribe min_outlets:5 = %q, want a refusal saying %q", got, want)
	}
	if got := r.subscribe(rigWire, map[string]any{"topic": "icbm", "schedule": "instant", "min_outlets": 2}); !strings.Contains(got, "events carried by 2+ outlets") {
		t.Fatalf("/subscribe min_outlets:2 = %q", got)
	}
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant"}); !strings.Contains(got, "Subscribed") {
		t.Fatalf("/subscribe = %q", got)
	}
	step := func(lang string, wire, yaml, all []string) {
		t.Helper()
		r.feeds.add(lang, "launch", launch[lang][0], launch[lang][1])
		r.once()
		for _, c := range []struct {
			name, channel string
			want          []string
		}{{"min_outlets:2", rigWire, wire}, {"min_outlets: 3", rigYAML, yaml}, {"unfiltered", rigAll, all}} {
			if got := r.posts(c.channel); strings.Join(got, " | ") != strings.Join(c.want, " | ") {
				t.Errorf("after the %s story, the %s channel's posts show %q, want %q", lang, c.name, got, c.want)
			}
		}
	}
	step("en", nil, nil, []string{"en"})
	// The second outlet: the event, both stories in one post, not the
	// first story again after it.
	step("ko", []string{"en ko"}, nil, []string{"en", "ko"})
	step("ja", []string{"en ko", "ja"}, []string{"en ja ko"}, []string{"en", "ko", "ja"})
	step("zh", []string{"en ko", "ja", "zh"}, []string{"en ja ko", "zh"}, []string{"en", "ko", "ja", "zh"})
	if m, _ := r.do(discordtest.Interaction{ChannelID: rigWire, Command: "subscriptions", UserID: rigEditor, Roles: []string{rigRole},
		Permissions: discordgo.PermissionManageChannels}); len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "events carried by 2+ outlets") {
		t.Errorf("/subscriptions = %+v, want min_outlets shown", m.Embeds)
	}
}

// posts returns, for each message a channel received that shows stories,
// the languages of the stories it links, sorted.
func (r *curationRig) posts(channel string) []string {
	var out []string
	for _, m := range r.fake.Transcript(channel) {
		if m.InteractionID != "" {
			continue
		}
		var langs []string
		for _, e := range m.Embeds {
			for _, part := range strings.Split(e.Description+"("+e.URL+")", "(https://")[1:] {
				lang, _, _ := strings.Cut(part, ".example/")
				if len(lang) == 2 && !strings.Contains(strings.Join(langs, " "), lang) {
					langs = append(langs, lang)
				}
			}
		}
		if len(langs) > 0 {
			slices.Sort(langs)
			out = append(out, strings.Join(langs, " "))
		}
	}
	return out
}
