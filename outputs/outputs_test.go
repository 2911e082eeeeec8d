package outputs

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/notify/discord"
)

func TestBuilderBuildsEveryType(t *testing.T) {
	var stdout bytes.Buffer
	b := Builder{Stdout: &stdout, APIBase: "http://127.0.0.1:9"}
	dir := t.TempDir()
	tests := []struct {
		oc   config.Output
		want string // the sender's type, as %T
	}{
		{config.Output{Type: config.OutputStdout, Name: "stdout"}, "*notify.Text"},
		{config.Output{Type: config.OutputJSONL, Name: "file", Path: filepath.Join(dir, "out.jsonl")}, "*notify.JSONLines"},
		{config.Output{Type: config.OutputDiscord, Name: "hook", Webhook: "http://127.0.0.1:9/api/webhooks/123/secret-token"}, "*discord.Webhook"},
	}
	for _, tt := range tests {
		s, err := b.Output(tt.oc)
		if err != nil {
			t.Fatalf("Output(%s): %v", tt.oc.Type, err)
		}
		if got := strings.TrimSpace(typeName(s)); got != tt.want {
			t.Errorf("Output(%s) = %s, want %s", tt.oc.Type, got, tt.want)
		}
	}
	// The stdout output writes where the builder says.
	s, _ := b.Output(config.Output{Type: config.OutputStdout, Name: "stdout"})
	d := digest.Build([]*wirewatch.Item{{Feed: "f", ID: "1", Title: "A story"}}, digest.Options{Output: "stdout", Kind: wirewatch.KindDigest, Now: time.Now()})
	if err := s.Send(context.Background(), d, notify.Discard{}); err != nil || !strings.Contains(stdout.String(), "A story") {
		t.Errorf("stdout sender wrote %q (%v)", stdout.String(), err)
	}
}

func TestBuilderChannelNeedsTheBot(t *testing.T) {
	b := Builder{}
	if _, err := b.Channel("123"); !errors.Is(err, ErrNoBot) {
		t.Errorf("Channel without a bot = %v, want ErrNoBot", err)
	}
	if _, err := b.Output(config.Output{Type: config.OutputDiscord, Name: "c", Channel: "123"}); !errors.Is(err, ErrNoBot) {
		t.Errorf("channel output without a bot = %v, want ErrNoBot", err)
	}
	if _, err := b.Output(config.Output{Type: "carrier-pigeon", Name: "p"}); err == nil {
		t.Errorf("an unknown type built")
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *notify.Text:
		return "*notify.Text"
	case *notify.JSONLines:
		return "*notify.JSONLines"
	case *discord.Webhook:
		return "*discord.Webhook"
	case *discord.Channel:
		return "*discord.Channel"
	}
	return "unknown"
}
