package config

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func noEnv(string) (string, bool) { return "", false }

// TestErrors parses each testdata/*.yaml and asserts the exact messages in
// the .err file beside it, one per line: every problem, each once.
func TestErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wantB, err := os.ReadFile(strings.TrimSuffix(f, ".yaml") + ".err")
			if err != nil {
				t.Fatalf("missing .err file: %v", err)
			}
			want := strings.TrimSpace(string(wantB))
			_, err = Parse("config.yaml", data, noEnv)
			if err == nil {
				t.Fatalf("Parse(%s) = nil error, want %q", f, want)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Parse(%s) error is %T, want Errors", f, err)
			}
			if got := errs.Error(); got != want {
				t.Errorf("Parse(%s) error = %q, want %q", f, got, want)
			}
		})
	}
}

func TestAllErrorsListed(t *testing.T) {
	data := []byte(`
poll:
  concurrency: 0
  per_host: 0
feeds:
  - url: ftp://a
  - name: x
`)
	_, err := Parse("c.yaml", data, noEnv)
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error = %v, want Errors", err)
	}
	want := []string{
		"c.yaml:3: poll.concurrency: must be at least 1",
		"c.yaml:4: poll.per_host: must be at least 1",
		`c.yaml:6: feeds[0].url: unsupported scheme "ftp"`,
		"c.yaml:7: feeds[1].url: missing: every feed needs a url",
	}
	if got := errs.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors =\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

func TestUnknownKeysDoNotHideOtherErrors(t *testing.T) {
	data := []byte("feeds:\n  - url: ftp://a/b\n    nmae: x\npoll:\n  concurrency: 0\n")
	_, err := Parse("c.yaml", data, noEnv)
	want := strings.Join([]string{
		`c.yaml:2: feeds[0].url: unsupported scheme "ftp"`,
		`c.yaml:3: feeds[0].nmae: unknown field "nmae" (did you mean "name"?)`,
		"c.yaml:5: poll.concurrency: must be at least 1",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("errors =\n%v\nwant\n%s", err, want)
	}
}

func TestDefaultsAndExpansion(t *testing.T) {
	dir := t.TempDir()
	hookFile := filepath.Join(dir, "hook")
	if err := os.WriteFile(hookFile, []byte("https://discord.com/api/webhooks/123/from-file-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"FEED_HOST": "wire.example.org", "DISCORD_TOKEN": "bot-token-value", "HOOK": "https://discord.com/api/webhooks/42/env-token"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	data := []byte(`
store: state/ww.db
feeds:
  - url: https://${FEED_HOST}/rss?lang=${LANG_UNSET:-en}
  - url: feeds/local.xml
outputs:
  - type: discord
    webhook: ${HOOK}
  - type: discord
    name: from-file
    webhook_file: ` + hookFile + `
  - type: discord
    channel: "998877"
    schedule: daily 08:00
    time_zone: Asia/Tokyo
`)
	cfg, err := Parse(filepath.Join(dir, "config.yaml"), data, lookup)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checks := []struct{ name, got, want string }{
		{"store", cfg.Store, filepath.Join(dir, "state/ww.db")},
		{"feed url", cfg.Feeds[0].URL, "https://wire.example.org/rss?lang=en"},
		{"feed name", cfg.Feeds[0].Name, "wire.example.org/rss"},
		{"local path", cfg.Feeds[1].URL, filepath.Join(dir, "feeds/local.xml")},
		{"local name", cfg.Feeds[1].Name, "local"},
		{"poll schedule", cfg.Poll.Schedule, DefaultPollSchedule},
		{"webhook", cfg.Outputs[0].Webhook.Reveal(), env["HOOK"]},
		{"webhook name", cfg.Outputs[0].Name, "discord-webhook-42"},
		{"webhook file", cfg.Outputs[1].Webhook.Reveal(), "https://discord.com/api/webhooks/123/from-file-token"},
		{"channel name", cfg.Outputs[2].Name, "discord-998877"},
		{"token", cfg.Discord.Token.Reveal(), "bot-token-value"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if cfg.Poll.Timeout != 30*time.Second || cfg.Poll.MaxBody != 10<<20 {
		t.Errorf("poll defaults = %v, %v; want 30s, 10MiB", cfg.Poll.Timeout, cfg.Poll.MaxBody)
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"bot-token-value", "env-token", "from-file-token"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("marshalled config contains the secret %q", secret)
		}
	}
}

func TestHomeInPaths(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder")
	}
	cfg, err := Parse("/etc/ww/config.yaml", []byte("store: ~/ww/state.db\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, "ww/state.db"); cfg.Store != want {
		t.Errorf("store = %q, want %q", cfg.Store, want)
	}
}

func TestStorePostgresURL(t *testing.T) {
	env := map[string]string{"PGPASS": "pg-secret"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	tests := []struct{ in, want, err string }{
		{"postgres://ww:${PGPASS}@db.internal:5432/wirewatch", "postgres://ww:pg-secret@db.internal:5432/wirewatch", ""},
		{"postgresql://db/ww?sslmode=require", "postgresql://db/ww?sslmode=require", ""},
		{"postgres:///nohost", "", "store: invalid PostgreSQL URL"},
	}
	for _, tt := range tests {
		cfg, err := Parse("/etc/ww/config.yaml", []byte("store: "+tt.in+"\n"), lookup)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(store: %s) = %v, want error containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(store: %s) = %v", tt.in, err)
			continue
		}
		if cfg.Store != tt.want {
			t.Errorf("Parse(store: %s).Store = %q, want %q", tt.in, cfg.Store, tt.want)
		}
	}
}

func TestSecretNeverInErrors(t *testing.T) {
	data := []byte("outputs:\n  - type: discord\n    webhook: https://example.org/x/super-secret-token\n")
	_, err := Parse("config.yaml", data, noEnv)
	if err == nil {
		t.Fatal("Parse accepted a bad webhook URL")
	}
	if strings.Contains(err.Error(), "super-secret-token") {
		t.Errorf("error %q reveals the webhook token", err)
	}
}

func TestRetention(t *testing.T) {
	tests := []struct {
		yaml string
		want time.Duration
	}{
		{"", 90 * 24 * time.Hour},
		{"retention: 30d\n", 30 * 24 * time.Hour},
		{"retention: 2w\n", 14 * 24 * time.Hour},
		{"retention: 36h\n", 36 * time.Hour},
		{"retention: 0\n", 0},
	}
	for _, tt := range tests {
		cfg, err := Parse("c.yaml", []byte(tt.yaml), noEnv)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.yaml, err)
		}
		if got := time.Duration(cfg.Retention); got != tt.want {
			t.Errorf("Parse(%q).Retention = %v, want %v", tt.yaml, got, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want Size
	}{
		{"1024", 1024}, {"512KiB", 512 << 10}, {"10MiB", 10 << 20}, {"2 MB", 2000000}, {"1GiB", 1 << 30},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

// TestShippedConfigs keeps the example configurations valid.
func TestShippedConfigs(t *testing.T) {
	for _, f := range []string{"../config.yaml", "../examples/demo.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		env := func(k string) (string, bool) { return "set-for-test", k != EnvHTTPListen }
		if _, err := Parse(f, data, env); err != nil {
			t.Errorf("Parse(%s): %v", f, err)
		}
	}
}

// TestTopicPacks checks the topic keys for packs: include as one name (as
// before) or a list, require, and scope.
func TestTopicPacks(t *testing.T) {
	data := []byte(`
topics:
  - id: sanctions
    include: sanctions
  - id: nk-weapons
    include: [ballistic-missiles, nuclear-weapons]
    require: [north-korea]
    scope: all
`)
	cfg, err := Parse("c.yaml", data, noEnv)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	specs := cfg.TopicSpecs()
	if got := strings.Join(specs[0].Include, ","); got != "sanctions" {
		t.Errorf("include: sanctions = %q", got)
	}
	if got := strings.Join(specs[1].Include, ",") + "|" + strings.Join(specs[1].Require, ",") + "|" + string(specs[1].Scope); got != "ballistic-missiles,nuclear-weapons|north-korea|all" {
		t.Errorf("nk-weapons = %q", got)
	}
	if cfg.Matcher == nil || len(cfg.Matcher.Topics()) != 2 {
		t.Fatalf("no matcher for the topics")
	}
	data = []byte("topics:\n  - id: x\n    include: {pack: sanctions}\n")
	_, err = Parse("c.yaml", data, noEnv)
	if err == nil || !strings.Contains(err.Error(), "c.yaml:3: topics[0].include: expected a name or a list of names, got a mapping") {
		t.Errorf("include as a mapping: %v", err)
	}
}

func TestHTTPListen(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	tests := []struct {
		name, yaml string
		env        map[string]string
		want       string
	}{
		{"off by default", "feeds: []\n", nil, ""},
		{"from the file", "http:\n  listen: 127.0.0.1:9464\n", nil, "127.0.0.1:9464"},
		{"from the environment", "feeds: []\n", map[string]string{EnvHTTPListen: ":9464"}, ":9464"},
		{"the file wins", "http:\n  listen: 127.0.0.1:1\n", map[string]string{EnvHTTPListen: ":9464"}, "127.0.0.1:1"},
	}
	for _, tt := range tests {
		cfg, err := Parse("c.yaml", []byte(tt.yaml), env(tt.env))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if cfg.HTTP.Listen != tt.want {
			t.Errorf("%s: http.listen = %q, want %q", tt.name, cfg.HTTP.Listen, tt.want)
		}
		if cfg.Poll.MaxItems != DefaultMaxItems {
			t.Errorf("%s: poll.max_items = %d, want %d", tt.name, cfg.Poll.MaxItems, DefaultMaxItems)
		}
	}
	if _, err := Parse("c.yaml", []byte("feeds: []\n"), env(map[string]string{EnvHTTPListen: "nonsense"})); err == nil ||
		!strings.Contains(err.Error(), "http.listen") {
		t.Errorf("a bad %s = %v, want an http.listen error", EnvHTTPListen, err)
	}
}
