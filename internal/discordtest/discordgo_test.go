package discordtest

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// rewriteTransport sends discordgo's https://discord.com/api/v9/... requests
// to the fake, keeping the path.
type rewriteTransport struct{ base *url.URL }

func (t rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = t.base.Scheme
	r2.URL.Host = t.base.Host
	r2.Host = ""
	return http.DefaultTransport.RoundTrip(r2)
}

// newDiscordgo returns a discordgo session that talks to s.
func newDiscordgo(tb testing.TB, s *Server) *discordgo.Session {
	tb.Helper()
	dg, err := discordgo.New("Bot " + testToken)
	if err != nil {
		tb.Fatal(err)
	}
	base, _ := url.Parse(s.URL())
	dg.Client = &http.Client{Timeout: 5 * time.Second, Transport: rewriteTransport{base}}
	dg.LogLevel = -1
	return dg
}

func TestDiscordgoCompatibility(t *testing.T) {
	s := newTestServer(t, Options{HeartbeatInterval: time.Second})
	dg := newDiscordgo(t, s)

	ready := make(chan *discordgo.Ready, 1)
	dg.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	answered := make(chan error, 4)
	dg.AddHandler(func(ss *discordgo.Session, ic *discordgo.InteractionCreate) {
		if ic.Member == nil || ic.Member.Permissions != 16 || ic.ApplicationCommandData().Options[0].StringValue() != "quakes" {
			answered <- context.Canceled
			return
		}
		if err := ss.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			answered <- err
			return
		}
		content := "Subscribed to quakes"
		_, err := ss.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{
			Content: &content, AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		})
		answered <- err
	})
	if err := dg.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer dg.Close()
	select {
	case r := <-ready:
		if r.User.ID != s.ApplicationID() || r.SessionID == "" || len(r.Guilds) != 1 {
			t.Fatalf("Ready: got %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no Ready")
	}

	// Commands.
	manage := int64(discordgo.PermissionManageChannels)
	cmds, err := dg.ApplicationCommandBulkOverwrite(s.ApplicationID(), testGuild, []*discordgo.ApplicationCommand{{
		Name: "subscribe", Description: "Subscribe this channel", DefaultMemberPermissions: &manage,
		Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "Topic", Required: true, Autocomplete: true}},
	}})
	if err != nil || len(cmds) != 1 || cmds[0].ID == "" {
		t.Fatalf("ApplicationCommandBulkOverwrite: %v %+v", err, cmds)
	}

	// REST send with embeds and no mentions; a 429 first is retried by discordgo.
	s.Inject(Fault{Path: "/api/v9/channels/" + testChannel + "/messages", Status: 429, RetryAfter: 50 * time.Millisecond, Count: 1})
	msg, err := dg.ChannelMessageSendComplex(testChannel, &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{{Title: "Quake @everyone", Description: "M6.1", Fields: []*discordgo.MessageEmbedField{{Name: "Source", Value: "USGS"}}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
	})
	if err != nil || msg.ID == "" || msg.Embeds[0].Title != "Quake @everyone" {
		t.Fatalf("ChannelMessageSendComplex: %v %+v", err, msg)
	}
	// Limits are enforced on discordgo's requests too.
	_, err = dg.ChannelMessageSendComplex(testChannel, &discordgo.MessageSend{Content: string(make([]byte, 2001))})
	var rerr *discordgo.RESTError
	if !asRESTError(err, &rerr) || rerr.Message == nil || rerr.Message.Code != CodeInvalidFormBody {
		t.Errorf("oversized content: got %v, want a RESTError with code 50035", err)
	}
	_, err = dg.ChannelMessageSend("1", "x")
	if !asRESTError(err, &rerr) || rerr.Message == nil || rerr.Message.Code != CodeUnknownChannel {
		t.Errorf("unknown channel: got %v, want code 10003", err)
	}

	// Webhook execute.
	id, token := s.AddWebhook(otherChan)
	wm, err := dg.WebhookExecute(id, token, true, &discordgo.WebhookParams{Content: "via webhook"})
	if err != nil || wm.WebhookID != id {
		t.Fatalf("WebhookExecute: %v %+v", err, wm)
	}

	// An interaction delivered to the handler, deferred then edited.
	interact := func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		res, err := s.Interact(ctx, Interaction{GuildID: testGuild, ChannelID: testChannel, Permissions: 16,
			Command: "subscribe", Options: map[string]any{"topic": "quakes"}})
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Wait(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-answered; err != nil {
			t.Fatalf("handler: %v", err)
		}
		if m, _ := res.Original(); m.Content != "Subscribed to quakes" || res.CallbackType() != 5 {
			t.Errorf("response: got %+v", m)
		}
	}
	interact()

	msgs := s.Transcript(testChannel)
	if len(msgs) != 2 || msgs[0].CouldPing() || msgs[0].Embeds[0].Fields[0].Value != "USGS" {
		t.Errorf("transcript: got %+v", msgs)
	}

	// After a dropped socket discordgo resumes the same session.
	s.DropGateway()
	deadline := time.Now().Add(5 * time.Second)
	for !s.Connected() {
		if time.Now().After(deadline) {
			t.Fatal("discordgo did not reconnect")
		}
		time.Sleep(20 * time.Millisecond)
	}
	interact()
	if n := s.SessionCount(); n != 1 {
		t.Errorf("identifies: got %v, want 1 (a resume, not a new session)", n)
	}
}

func asRESTError(err error, target **discordgo.RESTError) bool {
	re, ok := err.(*discordgo.RESTError)
	if ok {
		*target = re
	}
	return ok
}
