package topics

import (
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	cases := []struct {
		name  string
		specs []Spec
		want  []string
	}{
		{"missing id", []Spec{{Any: Terms("x")}}, []string{"topics[0].id: missing id"}},
		{"bad id", []Spec{{ID: "Bad Id", Any: Terms("x")}},
			[]string{`topics[0].id: invalid id "Bad Id": use lowercase letters, digits, "-" and "_", starting with a letter or digit`}},
		{"duplicate id", []Spec{{ID: "a", Any: Terms("x")}, {ID: "a", Any: Terms("y")}},
			[]string{`topics[1].id: duplicate id "a" (also topics[0])`}},
		{"no terms", []Spec{{ID: "a"}}, []string{"topics[0]: no terms: give any, all, query, include or require"}},
		{"empty term", []Spec{{ID: "a", Any: Terms("x", " ")}}, []string{"topics[0].any[1]: empty term"}},
		{"punctuation only", []Spec{{ID: "a", Any: Terms("!!!")}}, []string{`topics[0].any[0]: term "!!!" has no letters or digits`}},
		{"star inside", []Spec{{ID: "a", Any: Terms("nu*clear")}}, []string{`topics[0].any[0]: "*" is allowed only at the end of a word`}},
		{"lone star", []Spec{{ID: "a", None: Terms("*"), Any: Terms("x")}}, []string{`topics[0].none[0]: "*" must follow the start of a word`}},
		{"regex paren", []Spec{{ID: "a", Any: Terms("x", "y", "z", "w", "/(abc/")}},
			[]string{`topics[0].any[4]: unbalanced "(" in regular expression /(abc/`}},
		{"regex empty match", []Spec{{ID: "a", Any: Terms("/a*/")}},
			[]string{"topics[0].any[0]: regular expression /a*/ matches empty text, so it would match every story"}},
		{"all group", []Spec{{ID: "a", Any: Terms("x"), All: [][]Term{Terms("y"), {}, Terms("*z")}}},
			[]string{"topics[0].all[1]: empty group", `topics[0].all[2][0]: "*" must follow the start of a word`}},
		{"query", []Spec{{ID: "a", Query: "(Korea* OR DPRK AND missile"}}, []string{`topics[0].query: unbalanced "(" at offset 0`}},
		{"query term", []Spec{{ID: "a", Query: "Korea AND nu*clear"}}, []string{`topics[0].query: "*" is allowed only at the end of a word at offset 10`}},
		{"query only negative", []Spec{{ID: "a", Query: "NOT game*"}},
			[]string{"topics[0].query: the topic matches stories that contain none of its terms: add a term that must occur"}},
		{"include", []Spec{{ID: "a", Include: []string{"missiles"}}},
			[]string{`topics[0].include: unknown pack "missiles" (known: ballistic-missiles, cyberattacks, earthquakes, iran-nuclear, north-korea, nuclear-tests, nuclear-weapons, sanctions)`}},
		{"include list", []Spec{{ID: "a", Include: []string{"sanctions", "missiles"}, Require: []string{"north_korea"}}},
			[]string{`topics[0].include[1]: unknown pack "missiles" (known: ballistic-missiles, cyberattacks, earthquakes, iran-nuclear, north-korea, nuclear-tests, nuclear-weapons, sanctions)`,
				`topics[0].require: unknown pack "north_korea" (known: ballistic-missiles, cyberattacks, earthquakes, iran-nuclear, north-korea, nuclear-tests, nuclear-weapons, sanctions)`}},
		{"scope", []Spec{{ID: "a", Any: Terms("x"), Scope: "body"}}, []string{`topics[0].scope: scope "body" is not lead or all`}},
		{"language", []Spec{{ID: "a", Any: Terms("x"), Languages: []string{"en", "english"}}},
			[]string{`topics[0].languages[1]: unknown language code "english": want an ISO 639-1 code like "en"`}},
		{"min score", []Spec{{ID: "a", Any: Terms("x"), MinScore: -1}}, []string{"topics[0].min_score: min_score -1 is negative"}},
		{"mention", []Spec{{ID: "a", Any: Terms("x"), Mention: "@here"}},
			[]string{`topics[0].mention: mention "@here" is not a Discord role id (digits only)`}},
		{"several topics", []Spec{{ID: "ok", Any: Terms("x")}, {ID: "b", Any: Terms("")}, {ID: "c", Query: "a AND"}},
			[]string{"topics[1].any[0]: empty term", `topics[2].query: unexpected end of query after "AND" at offset 5`}},
	}
	for _, c := range cases {
		m, _, err := Compile(c.specs)
		if err == nil {
			t.Errorf("%s: Compile: no error, want %q", c.name, c.want)
			continue
		}
		if m != nil {
			t.Errorf("%s: Compile returned a matcher with errors", c.name)
		}
		es, ok := err.(Errors)
		if !ok {
			t.Errorf("%s: got error type %T, want Errors", c.name, err)
			continue
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Error())
		}
		if !equalStrings(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		if err.Error() != strings.Join(c.want, "\n") {
			t.Errorf("%s: Error() = %q, want the messages one per line", c.name, err.Error())
		}
	}
}

func TestCompileWarnings(t *testing.T) {
	cases := []struct {
		name string
		spec Spec
		want []string
	}{
		{"duplicate", Spec{ID: "a", Any: Terms("Iran", "Kiran", "IRAN")},
			[]string{`topics[0].any[2]: duplicate term "IRAN" (also any[0])`}},
		{"duplicate phrase forms", Spec{ID: "a", Any: Terms("North Korea", "north-korea")},
			[]string{`topics[0].any[1]: duplicate term "north-korea" (also any[0])`}},
		{"covered by pack", Spec{ID: "a", Include: []string{"north-korea"}, Any: Terms("DPRK", "Pyongyang's", "Kim Jong Un*")},
			[]string{
				`topics[0].any[0]: term "DPRK" is already covered by pack north-korea ("DPRK"), so it adds nothing`,
				`topics[0].any[1]: term "Pyongyang's" is already covered by pack north-korea ("Pyongyang"), so it adds nothing`,
			}},
		{"covered by prefix", Spec{ID: "a", Include: []string{"ballistic-missiles", "sanctions"}, Any: Terms("missiles", "missile*", "ballistic", "sanctioned")},
			[]string{
				`topics[0].any[0]: term "missiles" is already covered by pack ballistic-missiles ("missil*"), so it adds nothing`,
				`topics[0].any[1]: term "missile*" is already covered by pack ballistic-missiles ("missil*"), so it adds nothing`,
			}},
		{"not covered by a pack with groups", Spec{ID: "a", Include: []string{"iran-nuclear"}, Any: Terms("uranium")}, nil},
		{"single characters", Spec{ID: "a", Any: Terms("核", "ミ", "핵", "核武器", "x")},
			[]string{
				`topics[0].any[0]: term "核" is a single Han character, which matches inside every longer word that contains it (核 is in 核心, "core"); write a whole word such as 核武器`,
				`topics[0].any[1]: term "ミ" is a single Kana character, which matches inside every longer word that contains it; write a whole word`,
				`topics[0].any[2]: term "핵" is a single Hangul syllable, which matches at the start of every longer word (핵 begins 핵심, "core"); write a whole word such as 핵무기`,
			}},
		{"unreachable min_score", Spec{ID: "a", MinScore: 5, Any: []Term{{Text: "x", Weight: 2}, {Text: "y"}, {Text: "z", Weight: -3}}},
			[]string{"topics[0].min_score: min_score 5 can never be reached: the weights of all the topic's terms add up to 3"}},
		{"reachable min_score", Spec{ID: "a", MinScore: 3, Any: []Term{{Text: "x", Weight: 2}, {Text: "y"}}}, nil},
		{"none equals any", Spec{ID: "a", Any: Terms("missile*", "rocket*"), None: Terms("Rocket*")},
			[]string{`topics[0].none[0]: none term "Rocket*" equals any[1], so stories containing it never match`}},
		{"languages exclude script", Spec{ID: "a", Any: Terms("ICBM", "朝鲜", "КНДР"), Languages: []string{"en", "ru"}},
			[]string{`topics[0].any[1]: term "朝鲜" is written in Han script, which none of the topic's languages (en, ru) uses, so it never matches`}},
		{"short prefix", Spec{ID: "a", Any: Terms("nu*", "核*")},
			[]string{`topics[0].any[0]: prefix "nu"* is very short and matches many unrelated words`,
				`topics[0].any[1]: term "核*" is a single Han character, which matches inside every longer word that contains it (核 is in 核心, "core"); write a whole word such as 核武器`}},
		{"weight without min_score", Spec{ID: "a", Any: []Term{{Text: "x", Weight: 2}}},
			[]string{"topics[0].any[0]: weight 2 has no effect unless the topic sets min_score"}},
		{"none", Spec{ID: "a", Any: Terms("x")}, nil},
	}
	for _, c := range cases {
		m, warns, err := Compile([]Spec{c.spec})
		if err != nil {
			t.Errorf("%s: Compile: %v", c.name, err)
			continue
		}
		if m == nil {
			t.Errorf("%s: no matcher", c.name)
		}
		var got []string
		for _, w := range warns {
			got = append(got, w.Error())
		}
		if !equalStrings(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestStructure(t *testing.T) {
	m := mustCompile(t, Spec{
		ID: "icbm", Name: "ICBMs",
		Any:       Terms("ICBM*", "intercontinental ballistic missile*", "Hwasong*", "межконтинентальн* баллистическ* ракет*", "洲际弹道导弹", "대륙간탄도미사일"),
		All:       [][]Term{Terms("North Korea*", "DPRK", "Pyongyang", "КНДР", "朝鲜", "북한", "北朝鮮")},
		None:      Terms("video game*", "fantasy"),
		Languages: []string{"en", "ru", "zh", "ko"},
		Alert:     true, Mention: "123",
	})
	cases := []struct {
		doc  Doc
		want bool
	}{
		{Doc{Title: "North Korea tests Hwasong-18", Language: "en"}, true},
		{Doc{Title: "North Korea tests Hwasong-18", Language: "de"}, false},
		{Doc{Title: "Hwasong-18 test", Language: "en"}, false},
		{Doc{Title: "North Korea ICBM in a video game", Language: "en"}, false},
		{Doc{Title: "КНДР запустила межконтинентальную баллистическую ракету", Language: "ru"}, true},
		{Doc{Title: "朝鲜试射洲际弹道导弹", Language: "zh"}, true},
		{Doc{Title: "북한, 대륙간탄도미사일 발사", Language: "ko"}, true},
		{Doc{Title: "北朝鮮がICBM発射", Language: "ja"}, false},
		// Unknown language: hits count when their script is one of the
		// topic's languages'.
		{Doc{Title: "北朝鮮がICBM発射", Language: "und"}, true},
		{Doc{Title: "北朝鮮がICBM発射", Language: ""}, true},
		{Doc{Title: "Hwasong 北朝鮮", Language: "und"}, true},
		{Doc{Title: "Hwasong", Text: "北朝鮮", Language: "und"}, true},
	}
	for _, c := range cases {
		got := len(m.Match(c.doc)) == 1
		if got != c.want {
			t.Errorf("Match(%+v): got %v, want %v", c.doc, got, c.want)
		}
	}
	infos := m.Topics()
	if len(infos) != 1 || infos[0].ID != "icbm" || infos[0].Name != "ICBMs" || !infos[0].Alert || infos[0].Mention != "123" {
		t.Errorf("Topics() = %+v, want the icbm topic", infos)
	}
	if got, want := m.Len(), 15; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestUnknownLanguageScripts(t *testing.T) {
	m := mustCompile(t, Spec{ID: "a", Any: Terms("ICBM", "北朝鮮"), Languages: []string{"ja"}})
	cases := []struct {
		doc  Doc
		want bool
	}{
		{Doc{Title: "北朝鮮の発表", Language: "und"}, true},
		{Doc{Title: "ICBM launch", Language: "und"}, false},
		{Doc{Title: "ICBM launch", Language: "ja"}, true},
		{Doc{Title: "ICBM launch", Language: "ja-JP"}, true},
	}
	for _, c := range cases {
		if got := len(m.Match(c.doc)) == 1; got != c.want {
			t.Errorf("Match(%+v): got %v, want %v", c.doc, got, c.want)
		}
	}
}

func TestMinScore(t *testing.T) {
	m := mustCompile(t, Spec{
		ID: "w", MinScore: 3,
		Any: []Term{{Text: "missile*", Weight: 2}, {Text: "launch*"}, {Text: "test*"}, {Text: "space*", Weight: -2}},
	})
	cases := []struct {
		title string
		score float64
		want  bool
	}{
		{"missile launch", 3, true},
		{"missile missile missile", 2, false},
		{"launch test", 2, false},
		{"missile launch test", 4, true},
		{"missile launch test from space", 2, false},
	}
	for _, c := range cases {
		ms := m.Match(Doc{Title: c.title})
		if got := len(ms) == 1; got != c.want {
			t.Errorf("Match(%q): got %v, want %v", c.title, got, c.want)
			continue
		}
		if c.want && ms[0].Score != c.score {
			t.Errorf("Match(%q).Score = %v, want %v", c.title, ms[0].Score, c.score)
		}
	}
}

func TestHits(t *testing.T) {
	m := mustCompile(t, Spec{ID: "nk", Any: Terms("Pyongyang", "North Korea*", "ICBM"), Query: "launch*"})
	ms := m.Match(Doc{
		Title: "North-Korea's missile",
		Text:  "Officials in Seoul said on Sunday that Pyongyang had launched what appeared to be an intercontinental ballistic missile into the sea, its third this year.",
	})
	if len(ms) != 1 {
		t.Fatalf("Match: got %d matches, want 1", len(ms))
	}
	got := ms[0].Hits
	want := []struct{ term, field, text string }{
		{"North Korea*", "title", "North-Korea's missile"},
		{"Pyongyang", "text", "…Seoul said on Sunday that Pyongyang had launched what appeared…"},
		{"launch*", "text", "…Sunday that Pyongyang had launched what appeared to be an…"},
	}
	if len(got) != len(want) {
		t.Fatalf("Hits = %+v, want %d hits", got, len(want))
	}
	for i, w := range want {
		if got[i].Term != w.term || got[i].Field != w.field || got[i].Text != w.text {
			t.Errorf("Hits[%d] = %+v, want %+v", i, got[i], w)
		}
	}
}

func TestConcurrentMatch(t *testing.T) {
	m := mustCompile(t, Spec{ID: "nk", Include: []string{"north-korea"}}, Spec{ID: "q", Query: `Korea* NEAR/3 missile*`})
	docs := []Doc{
		{Title: "North Korea fires a missile"},
		{Title: "북한이 미사일을 발사했다"},
		{Title: "Weather today"},
	}
	want := make([][]string, len(docs))
	for i, d := range docs {
		want[i] = matchedIDs(m, d)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for n := 0; n < 200; n++ {
				i := n % len(docs)
				if got := matchedIDs(m, docs[i]); !equalStrings(got, want[i]) {
					t.Errorf("Match(%q) = %v, want %v", docs[i].Title, got, want[i])
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

func TestEmptyCompile(t *testing.T) {
	m := mustCompile(t)
	if got := m.Match(Doc{Title: "anything"}); got != nil {
		t.Errorf("Match = %v, want nil", got)
	}
	if m.Len() != 0 || len(m.Topics()) != 0 {
		t.Errorf("Len() = %d, Topics() = %v, want none", m.Len(), m.Topics())
	}
}
