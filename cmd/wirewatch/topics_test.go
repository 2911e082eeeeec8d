package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTopicsCommand(t *testing.T) {
	code, out, errOut := runMain(t, "", nil, "topics")
	if code != exitOK {
		t.Fatalf("topics = %d: %s", code, errOut)
	}
	for _, want := range []string{"PACK", "north-korea", "nuclear-tests", "ballistic-missiles", "include: [ballistic-missiles, nuclear-weapons]"} {
		if !strings.Contains(out, want) {
			t.Errorf("topics printed no %q:\n%s", want, out)
		}
	}
	code, out, errOut = runMain(t, "", nil, "topics", "north-korea")
	if code != exitOK {
		t.Fatalf("topics north-korea = %d: %s", code, errOut)
	}
	for _, want := range []string{
		"north-korea: North Korea (name, country)",
		"kim-jong-un: Kim Jong Un (name, person)",
		"inter-korean: inter-Korean relations (subject)",
		"  ru  КНДР, Северн* Коре*",
		"北 [whole word; only in ko stories]",
		"북 [whole word; only in ko stories; within 3 words of 미사일*",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("topics north-korea printed no %q:\n%s", want, out)
		}
	}
	code, out, _ = runMain(t, "", nil, "topics", "iran-nuclear")
	if code != exitOK || !strings.Contains(out, "Group 1: one of these concepts must occur too:") || !strings.Contains(out, "iran: Iran (name, country)") {
		t.Errorf("topics iran-nuclear = %d, %q; want its Iran group", code, out)
	}
	code, out, _ = runMain(t, "", nil, "topics", "nuclear-weapons")
	if code != exitOK || !strings.Contains(out, "It also matches every story that pack iran-nuclear matches") || !strings.Contains(out, "nuclear-arms-control: nuclear arms control (subject)") {
		t.Errorf("topics nuclear-weapons = %d, %q; want its arms control concept and the pack it includes", code, out)
	}
	code, out, _ = runMain(t, "", nil, "topics", "-json", "nuclear-tests")
	var p struct {
		ID       string
		Scope    string
		Concepts []struct {
			ID, Label string
			Terms     []struct{ Text, Lang string }
		}
	}
	if err := json.Unmarshal([]byte(out), &p); code != exitOK || err != nil {
		t.Fatalf("topics -json nuclear-tests = %d, %v: %s", code, err, out)
	}
	if p.ID != "nuclear-tests" || p.Scope != "lead" || len(p.Concepts) == 0 || p.Concepts[0].ID != "nuclear-test" || p.Concepts[0].Label != "nuclear test" {
		t.Errorf("topics -json nuclear-tests = %+v", p)
	}
	code, _, errOut = runMain(t, "", nil, "topics", "missiles")
	if code != exitUsage || !strings.Contains(errOut, `unknown pack "missiles" (known: ballistic-missiles,`) {
		t.Errorf("topics missiles = %d, %q", code, errOut)
	}
	code, _, errOut = runMain(t, "", nil, "topics", "-h")
	if code != exitOK || !strings.Contains(errOut, "Usage: wirewatch topics [flags] [PACK]") || !strings.Contains(errOut, "wirewatch topics north-korea") {
		t.Errorf("topics -h = %d, %q", code, errOut)
	}
}

// TestMatchPacksJSON runs the real binary's match over the Korean demo
// feed with a topic written only as packs, and checks that hits carry
// their concept, English label and place.
func TestMatchPacksJSON(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "topics.yaml")
	os.WriteFile(cfg, []byte("topics:\n  - id: nk-weapons\n    include: [ballistic-missiles, nuclear-weapons]\n    require: [north-korea]\n"), 0o644)
	feed, _ := filepath.Abs("../../examples/feeds/yonhap-ko.xml")
	code, out, errOut := runMain(t, "", nil, "match", "-config", cfg, "-json", "-matches", feed)
	if code != exitOK {
		t.Fatalf("match = %d: %s", code, errOut)
	}
	var first struct {
		Topics []struct {
			ID   string
			Hits []struct {
				Term, Field, Text, Where, Concept string
				ConceptLabel                      string `json:"concept_label"`
			}
		}
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first); err != nil {
		t.Fatalf("match -json printed %q: %v", out, err)
	}
	if len(first.Topics) != 1 || first.Topics[0].ID != "nk-weapons" {
		t.Fatalf("first story's topics = %+v, want nk-weapons", first.Topics)
	}
	concepts := map[string]string{}
	for _, h := range first.Topics[0].Hits {
		concepts[h.Concept] = h.ConceptLabel
		if h.Where == "" || h.Field == "" {
			t.Errorf("hit %+v has no place", h)
		}
	}
	if concepts["icbm"] != "ICBM" || concepts["north-korea"] != "North Korea" {
		t.Errorf("hits' concepts = %v, want icbm (ICBM) and north-korea (North Korea)", concepts)
	}
}

// TestCheckTopicWarnings checks that `check` warns about single Han, Kana
// and Hangul characters, an unreachable min_score and terms a pack covers,
// and reports a bad language code once.
func TestCheckTopicWarnings(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte(`topics:
  - id: nuclear
    any: [核, 핵무기]
  - id: scored
    min_score: 4
    any:
      - {text: missile*, weight: 2}
      - launch
  - id: nk
    include: north-korea
    any: [DPRK, Pyongyang's]
`), 0o644)
	code, out, errOut := runMain(t, "", nil, "check", "-config", cfg)
	if code != exitOK {
		t.Fatalf("check = %d: %s %s", code, out, errOut)
	}
	for _, want := range []string{
		cfg + `:3: topics[0].any[0]: term "核" is a single Han character`,
		cfg + `:5: topics[1].min_score: min_score 4 can never be reached: the weights of all the topic's terms add up to 3`,
		cfg + `:11: topics[2].any[0]: term "DPRK" is already covered by pack north-korea ("DPRK"), so it adds nothing`,
	} {
		if !strings.Contains(out, "warning: "+want) {
			t.Errorf("check printed no warning %q:\n%s", want, out)
		}
	}
	os.WriteFile(cfg, []byte("topics:\n  - id: t\n    any: [x]\n    languages: [en, xx]\n"), 0o644)
	code, _, errOut = runMain(t, "", nil, "check", "-config", cfg)
	if code != exitConfig || strings.Count(errOut, "languages[1]") != 1 {
		t.Errorf("check with a bad language = %d, %q; want the code reported once", code, errOut)
	}
}
