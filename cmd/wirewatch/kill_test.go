package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// TestKilledMidDigestRepeatsAtMostOneMessage runs the real binary's once
// against a webhook of the fake Discord with a 200-story digest, which
// Discord's webhook rate limit spreads over several seconds, kills it
// (SIGKILL) after the third message landed, and runs it again. Each
// message was marked as it landed, so the rerun repeats at most the one
// message in flight, and nothing is lost.
func TestKilledMidDigestRepeatsAtMostOneMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildBinary(t)
	fake := discordtest.New(discordtest.Options{})
	defer fake.Close()
	fake.AddGuild(e2eGuild, "newsroom")
	fake.AddChannel(e2eGuild, e2eChannel, "missile-watch")
	hook, token := fake.AddWebhook(e2eChannel)

	feed := &liveFeed{}
	for i := range 200 {
		feed.add(fmt.Sprintf("s%03d", i), fmt.Sprintf("ICBM report %03d: ", i)+strings.Repeat("officials describe the launch and its flight in detail ", 3), strings.Repeat("Officials described the launch in detail. ", 6))
	}
	srv := httptest.NewServer(feed)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`
store: %s
feeds:
  - url: %s/rss
    name: wire
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*]
digest:
  max_per_group: 500
outputs:
  - type: discord
    webhook: ${HOOK_URL}
discord:
  api_base: %s
`, filepath.Join(dir, "ww.db"), srv.URL, fake.URL())), 0o600); err != nil {
		t.Fatal(err)
	}
	once := func() *exec.Cmd {
		cmd := exec.Command(bin, "once", "-config", cfg, "-log-format", "json")
		cmd.Env = append(os.Environ(), "HOOK_URL="+fake.WebhookURL(hook))
		return cmd
	}

	first := once()
	var logs syncBuffer
	first.Stdout, first.Stderr = &logs, &logs
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "three messages in the channel", 60*time.Second, func() bool { return len(fake.Transcript(e2eChannel)) >= 3 })
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	before := len(fake.Transcript(e2eChannel))

	out, err := once().CombinedOutput()
	if err != nil {
		t.Fatalf("once after the kill: %v\n%s", err, out)
	}
	if strings.Contains(string(out)+logs.String(), token) {
		t.Errorf("the webhook token reached the logs")
	}
	// Count each story's appearances and find the largest message.
	shown := map[string]int{}
	perMessage := 0
	for _, m := range fake.Transcript(e2eChannel) {
		n := 0
		for _, e := range m.Embeds {
			for _, part := range strings.Split(e.Description, "(https://wire.test/")[1:] {
				id, _, _ := strings.Cut(part, ")")
				shown[id]++
				n++
			}
		}
		perMessage = max(perMessage, n)
	}
	repeated := 0
	for i := range 200 {
		switch n := shown[fmt.Sprintf("s%03d", i)]; {
		case n == 0:
			t.Errorf("story s%03d was lost", i)
		case n > 1:
			repeated++
		}
	}
	if repeated > perMessage {
		t.Errorf("%d stories shown twice after the kill, want at most one message's %d", repeated, perMessage)
	}
	t.Logf("killed after %d messages; the rerun posted %d; %d stories repeated (a message holds up to %d)",
		before, len(fake.Transcript(e2eChannel))-before, repeated, perMessage)
}
