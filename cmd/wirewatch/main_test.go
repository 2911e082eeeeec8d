package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/store"
)

// runMain runs the program in-process and returns its exit code and output.
func runMain(t testing.TB, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, getenv)
	return code, out.String(), errb.String()
}

// demoConfig copies the bundled demo's feeds next to a config whose store
// is in a temp dir, and returns the config's path.
func demoConfig(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("../../examples/demo.yaml")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("../../examples/feeds")
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.ReplaceAll(string(b), "url: feeds/", "url: "+abs+"/")
	path := filepath.Join(dir, "demo.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, exitUsage, "", "Usage:"},
		{[]string{"help"}, exitOK, "Commands:", ""},
		{[]string{"--help"}, exitOK, "Exit codes:", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{[]string{"once", "-h"}, exitOK, "", "Usage: wirewatch once"},
		{[]string{"help", "match"}, exitOK, "", "Usage: wirewatch match"},
		{[]string{"help", "more"}, exitOK, "", "Usage: wirewatch more"},
		// Help on help is the usage, never a recursion.
		{[]string{"help", "-h"}, exitOK, "Commands:", ""},
		{[]string{"-h", "-h"}, exitOK, "Commands:", ""},
		{[]string{"help", "help"}, exitOK, "Commands:", ""},
		{[]string{"--help", "--help"}, exitOK, "Commands:", ""},
		{[]string{"check", "-nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"version"}, exitOK, "wirewatch dev", ""},
	}
	for _, tt := range tests {
		code, out, errOut := runMain(t, "", nil, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errOut, tt.inStderr) {
			t.Errorf("wirewatch %v = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tt.args, code, firstLine(out), firstLine(errOut), tt.code, tt.inStdout, tt.inStderr)
		}
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func TestCheck(t *testing.T) {
	code, out, _ := runMain(t, "", nil, "check", "-config", "../../config.yaml")
	if code != exitOK || !strings.Contains(out, "ok: 5 feeds") {
		t.Errorf("check config.yaml = %d, %q; want 0 and ok", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("feeds:\n  - url: ftp://x/y\n  - name: nourl\n"), 0o644)
	code, _, errOut := runMain(t, "", nil, "check", "-config", bad)
	want := []string{"2 problems", bad + `:2: feeds[0].url: unsupported scheme "ftp"`, bad + ":3: feeds[1].url: missing"}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("check bad.yaml stderr = %q, want it to contain %q", errOut, w)
		}
	}
	if code != exitConfig {
		t.Errorf("check bad.yaml = %d, want %d", code, exitConfig)
	}
	code, _, errOut = runMain(t, "", map[string]string{"WIREWATCH_CONFIG": filepath.Join(t.TempDir(), "missing.yaml")}, "check")
	if code != exitConfig || !strings.Contains(errOut, "missing.yaml") {
		t.Errorf("check with a missing file = %d, %q; want %d naming the file", code, errOut, exitConfig)
	}
}

func TestOnceDemoTwice(t *testing.T) {
	cfg := demoConfig(t)
	code, out, errOut := runMain(t, "", nil, "once", "-config", cfg, "-log-level", "warn")
	if code != exitOK {
		t.Fatalf("once = %d, stderr %s", code, errOut)
	}
	// The launch is one event, shown once: its lead in English, then how
	// widely it is carried and the other outlets' stories, each foreign
	// one with its gloss.
	for _, w := range []string{"== ICBMs and long-range missiles ==", "[ru] КНДР", "[ko] 북한", "[zh] 朝鲜", "== Sanctions",
		"5 outlets · 4 languages (en, ko, ru, zh); also in: ", "matched: North Korea*, ICBM*",
		"- [zh] 朝鲜发射一枚洲际弹道导弹 | example-xinhua | https://news.example.cn/world/7001.html\n      about: North Korea · Japan · ballistic missile · ICBM · Sea of Japan (East Sea) (gloss, not a translation)",
		"- [ru] КНДР провела пуск межконтинентальной баллистической ракеты | example-lenta | https://lenta.example.org/news/2026/11/26/kndr-pusk/\n      about: North Korea",
		"- [ko] 북한, 동해상으로 대륙간탄도미사일 발사 | example-yonhap | https://news.example.kr/nk/5501\n      about: North Korea"} {
		if !strings.Contains(out, w) {
			t.Errorf("digest lacks %q:\n%s", w, out)
		}
	}
	if n := strings.Count(out, "\n* "); n != 2 {
		t.Errorf("digest shows %d stories, want 2 (the launch once, the sanctions):\n%s", n, out)
	}
	for _, not := range []string{"game", "Заголовок открываемого материала", "Subscribe", "log in or register"} {
		if strings.Contains(out, not) {
			t.Errorf("digest contains %q, which is noise or a decoy:\n%s", not, out)
		}
	}
	if !strings.Contains(errOut, "polled 5 feeds: 12 new stories, 0 failed") {
		t.Errorf("summary = %q", errOut)
	}
	code, out, errOut = runMain(t, "", nil, "once", "-config", cfg, "-log-level", "warn")
	if code != exitOK || out != "" || !strings.Contains(errOut, "delivered 0") {
		t.Errorf("second once = %d, stdout %q, stderr %q; want 0, nothing delivered", code, out, errOut)
	}
	code, out, _ = runMain(t, "", nil, "status", "-config", cfg)
	if code != exitOK || !strings.Contains(out, "example-wire") || !strings.Contains(out, "stdout") {
		t.Errorf("status = %d, %q", code, out)
	}
	code, out, errOut = runMain(t, "", nil, "replay", "-config", cfg, "-since", "8760h")
	if code != exitOK || !strings.Contains(errOut, "6 of 12 stored stories") || !strings.Contains(out, "icbm") {
		t.Errorf("replay = %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestDetectJSON(t *testing.T) {
	text := "North Korea fired an intercontinental ballistic missile on Thursday, the military said.\nSubscribe\nЗаголовок открываемого материала\n"
	code, out, errOut := runMain(t, text, nil, "detect", "-json", "-")
	if code != exitOK {
		t.Fatalf("detect = %d: %s", code, errOut)
	}
	var got struct {
		Language   string  `json:"language"`
		Confidence float64 `json:"confidence"`
		Noise      []struct {
			Text, Reason string
		} `json:"noise"`
		Clean string `json:"clean"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("detect -json printed %q: %v", out, err)
	}
	if got.Language != "en" || strings.Contains(got.Clean, "Subscribe") || strings.Contains(got.Clean, "Заголовок") || len(got.Noise) != 2 {
		t.Errorf("detect -json = %+v; want en, two noise segments, clean text without them", got)
	}
}

func TestMatchJSON(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "topics.yaml")
	os.WriteFile(cfg, []byte("topics:\n  - id: icbm\n    any: [ICBM*, 대륙간탄도미사일]\n"), 0o644)
	feed, _ := filepath.Abs("../../examples/feeds/yonhap-ko.xml")
	code, out, errOut := runMain(t, "", nil, "match", "-config", cfg, "-json", feed)
	if code != exitOK {
		t.Fatalf("match = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("match printed %d lines, want 2:\n%s", len(lines), out)
	}
	var first struct {
		Source, GUID, Link, Title, Language string
		Topics                              []struct {
			ID   string
			Hits []struct{ Term, Field, Text string }
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Source != feed || first.Language != "ko" || len(first.Topics) != 1 || first.Topics[0].ID != "icbm" || first.Topics[0].Hits[0].Term != "대륙간탄도미사일" {
		t.Errorf("first story = %+v", first)
	}
	if !strings.Contains(lines[1], `"topics":[]`) {
		t.Errorf("an unmatched story must have an empty topics list: %s", lines[1])
	}
	code, _, errOut = runMain(t, "", nil, "match", "-config", cfg, filepath.Join(t.TempDir(), "nope.xml"))
	if code != exitError || !strings.Contains(errOut, "nope.xml") {
		t.Errorf("match on a missing file = %d, %q", code, errOut)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	code, out, errOut := runMain(t, "", nil, "detect", "North Korea fired an intercontinental ballistic missile on Thursday.", "-json")
	if code != exitOK || !strings.HasPrefix(out, "{") {
		t.Errorf("detect TEXT -json = %d, %q, %q; want JSON", code, out, errOut)
	}
	code, out, _ = runMain(t, "", nil, "detect", "--", "-json")
	if code != exitOK || !strings.Contains(out, "clean text:\n-json") {
		t.Errorf("detect -- -json = %d, %q; want -json read as the text", code, out)
	}
}

func TestRetry(t *testing.T) {
	cfgPath := demoConfig(t)
	if code, _, errOut := runMain(t, "", nil, "once", "-config", cfgPath, "-log-level", "error"); code != exitOK {
		t.Fatalf("once: %s", errOut)
	}
	cfg, code := (&cli{stderr: io.Discard}).loadConfig(cfgPath)
	if cfg == nil {
		t.Fatalf("config: %d", code)
	}
	ctx := context.Background()
	st, err := openStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	added, err := st.AddItems(ctx, []*wirewatch.Item{{Feed: "f", ID: "x", Title: "t"}}, func(*wirewatch.Item) []store.Delivery {
		return []store.Delivery{{Output: "hook", Kind: "digest"}}
	})
	if err != nil || len(added) != 1 {
		t.Fatalf("AddItems = %v, %v", added, err)
	}
	pend, _ := st.Pending(ctx, "hook", "", 0)
	st.MarkFailed(ctx, []int64{pend[0].ID}, "404", true)
	st.DisableOutput(ctx, "hook", "gone")
	st.Close()

	code, out, errOut := runMain(t, "", nil, "retry", "-config", cfgPath)
	if code != exitOK || strings.TrimSpace(out) != "1 failed delivery back in the outbox; re-enabled [hook]" {
		t.Errorf("retry = %d, %q, %q", code, out, errOut)
	}
	code, out, _ = runMain(t, "", nil, "replay", "-config", cfgPath, "-since", "3650d")
	if code != exitOK || !strings.Contains(out, "icbm") {
		t.Errorf("replay -since 3650d = %d, %q", code, out)
	}
}

// TestMoreListsWhatDigestsLeftOut: a digest capped at one story a group
// says "and N more"; `more` lists those stories and `once` says how many.
// An events window of a second keeps most of the demo's launch stories,
// published minutes to hours apart, from joining one event, so that the
// group has stories to leave out; the two published at the same minute
// (press and xinhua) still join, and the wire's copy of press's story
// brings them both.
func TestMoreListsWhatDigestsLeftOut(t *testing.T) {
	cfgPath := demoConfig(t)
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, append(b, []byte("digest:\n  max_per_group: 1\nevents:\n  window: 1s\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runMain(t, "", nil, "once", "-config", cfgPath, "-log-level", "warn")
	if code != exitOK || !strings.Contains(out, "... and 2 more (wirewatch more -output stdout)") {
		t.Fatalf("once = %d, stdout %q, stderr %q; want a capped digest", code, out, errOut)
	}
	if !strings.Contains(errOut, "2 more only counted (wirewatch more)") {
		t.Errorf("summary %q does not say what was only counted", errOut)
	}
	code, out, errOut = runMain(t, "", nil, "more", "-config", cfgPath, "-since", "3650d")
	if code != exitOK {
		t.Fatalf("more = %d, %s", code, errOut)
	}
	for _, w := range []string{"OUTPUT", "stdout", "example-yonhap", "example-lenta", "КНДР"} {
		if !strings.Contains(out, w) {
			t.Errorf("more lacks %q:\n%s", w, out)
		}
	}
	if n := strings.Count(strings.TrimSpace(out), "\n"); n != 2 {
		t.Errorf("more lists %d stories, want 2:\n%s", n, out)
	}
}
