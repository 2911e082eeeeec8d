package app

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/topics"
)

// TestEnrichReadsContentAndSubjects parses a real RSS body whose teasers
// say nothing and whose content:encoded and categories carry the subject,
// and checks that matching reads both, after the noise pass.
func TestEnrichReadsContentAndSubjects(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title><language>en</language>
<item><guid>a</guid><title>What the week brought</title>
<description>Our editors look back at the week.</description>
<content:encoded><![CDATA[<p>The Treasury imposed new sanctions on three shipping companies on Friday, officials said, widening measures against vessels that carry oil above the agreed cap.</p><p>The companies denied wrongdoing.</p>]]></content:encoded>
</item>
<item><guid>b</guid><title>Markets close higher</title>
<description>Stocks rose on Friday.</description>
<category>Sanctions</category>
</item>
<item><guid>c</guid><title>Weather turns cold</title>
<description>Snow is expected in the north.</description>
<content:encoded><![CDATA[<p>Forecasters expect snow across the north on Saturday, with temperatures falling well below freezing in the hills and on the coast.</p><p>Главная | Санкции | Войти</p>]]></content:encoded>
</item>
</channel></rss>`
	f, err := feeds.Parse([]byte(body), "", feeds.ParseOptions{Feed: "wire"})
	if err != nil {
		t.Fatal(err)
	}
	det, err := detect.New(detect.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := topics.Compile([]topics.Spec{{ID: "sanctions", Include: []string{"sanctions"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "content/lead", "b": "subject/subject", "c": ""}
	for _, it := range f.Items {
		Enrich(det, m, it)
		got := ""
		if len(it.Matches) == 1 {
			h := it.Matches[0].Hits[0]
			got = h.Field + "/" + string(h.Where)
			if h.Concept != "sanctions" || h.ConceptLabel != "sanctions" {
				t.Errorf("story %s: hit concept %q (%q), want sanctions", it.GUID, h.Concept, h.ConceptLabel)
			}
		}
		if got != want[it.GUID] {
			t.Errorf("Enrich(story %s): matched at %q, want %q (matches %+v)", it.GUID, got, want[it.GUID], it.Matches)
		}
	}
	// The menu line in another script was noise, not matched text.
	if c := f.Items[2]; len(c.Matches) != 0 || !strings.Contains(c.Content, "Санкции") {
		t.Errorf("story c: matches %+v; content %q should hold the menu the noise pass removes", c.Matches, c.Content)
	}
}
