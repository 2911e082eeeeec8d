package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchJSONEvents runs `match -json` over the demo's five feeds with a
// topic-only configuration: the launch told by five outlets in four
// languages shares one event id, stories alone carry none, and only the
// stories not in English carry a gloss.
func TestMatchJSONEvents(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "topics.yaml")
	os.WriteFile(cfg, []byte("topics:\n  - id: icbm\n    any: [ICBM*, 대륙간탄도미사일]\n"), 0o644)
	var args []string
	for _, f := range []string{"wire-en.xml", "press-en.xml", "lenta-ru.xml", "yonhap-ko.xml", "xinhua-zh.json"} {
		abs, _ := filepath.Abs("../../examples/feeds/" + f)
		args = append(args, abs)
	}
	code, out, errOut := runMain(t, "", nil, append([]string{"match", "-config", cfg, "-json"}, args...)...)
	if code != exitOK {
		t.Fatalf("match = %d: %s", code, errOut)
	}
	type line struct {
		Title, Language string
		Event           *string
		Gloss           *string
	}
	events := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var got line
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		launch := strings.Contains(got.Title, "ICBM") && !strings.Contains(got.Title, "game") ||
			strings.Contains(got.Title, "пуск") || strings.Contains(got.Title, "발사") || strings.Contains(got.Title, "发射")
		switch {
		case launch && (got.Event == nil || *got.Event == ""):
			t.Errorf("launch story %q has no event: %s", got.Title, l)
		case launch:
			events[*got.Event] = append(events[*got.Event], got.Language)
		case got.Event != nil:
			t.Errorf("story alone %q has event %q, want none", got.Title, *got.Event)
		}
		if got.Language == "en" && got.Gloss != nil {
			t.Errorf("English story %q has gloss %q, want none", got.Title, *got.Gloss)
		}
		if launch && got.Language != "en" && (got.Gloss == nil || !strings.HasPrefix(*got.Gloss, "about: North Korea")) {
			t.Errorf("%s story %q: gloss %v, want about: North Korea ...", got.Language, got.Title, got.Gloss)
		}
	}
	if len(events) != 1 {
		t.Fatalf("launch stories in %d events, want 1: %v", len(events), events)
	}
	for _, langs := range events {
		if strings.Join(langs, ",") != "en,en,ru,ko,zh" {
			t.Errorf("event languages %v, want en,en,ru,ko,zh", langs)
		}
	}
}

// TestEventsCommand runs the demo once and lists its events: the launch,
// with each story's reason to join, in text and in JSON.
func TestEventsCommand(t *testing.T) {
	cfg := demoConfig(t)
	if code, _, errOut := runMain(t, "", nil, "once", "-config", cfg); code != exitOK {
		t.Fatalf("once = %d: %s", code, errOut)
	}
	code, out, errOut := runMain(t, "", nil, "events", "-config", cfg, "-since", "3650d")
	if code != exitOK {
		t.Fatalf("events = %d: %s", code, errOut)
	}
	for _, want := range []string{"5 stories · 5 outlets · 4 languages (en, ko, ru, zh)", "began the event", "joined with", "names: North Korea",
		"gloss, not a translation: about: North Korea"} {
		if !strings.Contains(out, want) {
			t.Errorf("events printed no %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "1 event in the last") {
		t.Errorf("events summary = %q", errOut)
	}
	code, out, _ = runMain(t, "", nil, "events", "-config", cfg, "-since", "3650d", "-json")
	var ev struct {
		ID        string
		Outlets   int
		Languages []string
		Members   []struct {
			Feed, Why string
			Score     float64
			With      *struct{ Feed, ID string }
			Evidence  struct{ Names []string }
		}
	}
	if err := json.Unmarshal([]byte(out), &ev); code != exitOK || err != nil {
		t.Fatalf("events -json = %d, %v: %s", code, err, out)
	}
	if ev.Outlets != 5 || len(ev.Languages) != 4 || len(ev.Members) != 5 || ev.Members[0].With != nil {
		t.Errorf("events -json = %+v", ev)
	}
	for _, m := range ev.Members[1:] {
		if m.With == nil || m.Score <= 0 || m.Why == "" || len(m.Evidence.Names) == 0 {
			t.Errorf("member %s joined without its reason: %+v", m.Feed, m)
		}
	}
}
