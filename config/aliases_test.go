package config

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// TestAliasBombFailsFast: the bomb in testdata (TestErrors checks its
// message) stands for 9^9 values; without the check the loader would walk
// them all. The watchdog turns a hang into a failure.
func TestAliasBombFailsFast(t *testing.T) {
	data, err := os.ReadFile("testdata/alias-bomb.yaml")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Parse("config.yaml", data, noEnv)
		done <- err
	}()
	select {
	case err := <-done:
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || !strings.Contains(errs[0].Msg, "alias bomb") {
			t.Errorf("Parse(alias bomb) = %v, want one problem naming the alias bomb", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Parse(alias bomb) still running after 30s")
	}
}

func TestAliasesWithinLimit(t *testing.T) {
	data := []byte(`
x-korea: &korea [North Korea*, DPRK, Pyongyang, КНДР, 朝鲜, 북한]
topics:
  - id: icbm
    any: [ICBM*]
    all: [*korea]
  - id: nukes
    any: [nuclear test*]
    all: [*korea]
`)
	_, err := Parse("config.yaml", data, noEnv)
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Parse = %v, want Errors", err)
	}
	// The only problem is the unknown key holding the anchor.
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, `unknown field "x-korea"`) {
		t.Errorf("Parse with reused aliases = %v, want only the unknown x-korea key", errs)
	}
	headers := []byte(`
feeds:
  - url: https://a.example/rss
    headers: &h {Authorization: "Bearer x", X-Client: wirewatch}
  - url: https://b.example/rss
    headers: *h
`)
	cfg, err := Parse("config.yaml", headers, noEnv)
	if err != nil {
		t.Fatalf("Parse with a reused header map = %v", err)
	}
	if got := cfg.Feeds[1].Headers["X-Client"]; got != "wirewatch" {
		t.Errorf("feeds[1].headers[X-Client] = %q, want wirewatch", got)
	}
}

func TestAliasToEnclosingValue(t *testing.T) {
	data := []byte("topics:\n  - &t\n    id: a\n    any: [*t]\n")
	_, err := Parse("config.yaml", data, noEnv)
	want := "config.yaml:4: topics[0].any[0]: alias *t refers to a value that contains it"
	if err == nil || err.Error() != want {
		t.Errorf("Parse of a self-referring alias = %v, want %q", err, want)
	}
}

func BenchmarkParseAliasBomb(b *testing.B) {
	data, err := os.ReadFile("testdata/alias-bomb.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse("config.yaml", data, noEnv); err == nil {
			b.Fatal("no error")
		}
	}
}
