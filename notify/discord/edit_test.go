package discord

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

// TestEditAlert: an alert posted by the bot in a channel, or through a
// webhook, is edited in place to say how widely its event is carried now
// (PATCH /channels/{channel}/messages/{message} and PATCH
// /webhooks/{id}/{token}/messages/{message}); an alert whose message was
// deleted is a permanent failure of the edit.
func TestEditAlert(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(t, &logs)
	id, token := fake.AddWebhook(otherChan)
	hook, err := NewWebhook(fake.URL()+"/api/webhooks/"+id+"/"+token, Options{APIBase: apiBase(t, fake), SendDeadline: 5 * time.Second, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	d := build(wirewatch.KindAlert, 0, smallItems()[0])
	reach := wirewatch.Reach{Outlets: 9, Languages: []string{"en", "ja", "ko", "ru", "zh"}}
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		channel string
		sender  interface {
			notify.Sender
			notify.Editor
		}
		route string
	}{
		{"bot", fakeChannel, bot.Channel(fakeChannel), "PATCH /channels/{channel}/messages/{message}"},
		{"webhook", otherChan, hook, "PATCH /webhooks/{webhook}/{token}/messages/{message}"},
	} {
		var p idProgress
		if err := tc.sender.Send(ctx, d, &p); err != nil || len(p.ids) != 1 {
			t.Fatalf("%s: Send = %v, ids %v", tc.name, err, p.ids)
		}
		if err := tc.sender.EditAlert(ctx, p.ids[0], d, reach); err != nil {
			t.Fatalf("%s: EditAlert: %v", tc.name, err)
		}
		msgs := fake.Transcript(tc.channel)
		m := msgs[len(msgs)-1]
		if m.ID != p.ids[0] || m.EditedTimestamp == nil || len(msgs) != 1 {
			t.Fatalf("%s: transcript = %+v, want the one alert, edited", tc.name, msgs)
		}
		if want := "now carried by 9 outlets in 5 languages (en, ja, ko, ru, zh)"; !strings.Contains(m.Content, "**Alert** · Earthquakes · "+want) {
			t.Errorf("%s: edited content %q, want the alert saying %q", tc.name, m.Content, want)
		}
		if am := m.AllowedMentions; len(m.Embeds) != 1 || am == nil || len(am.Parse) != 0 || len(am.Users) != 0 || len(am.Roles) != 1 {
			t.Errorf("%s: edited alert has %d embeds, allowed mentions %+v; want its embed and its one role", tc.name, len(m.Embeds), am)
		}
		found := false
		for _, r := range fake.Requests() {
			found = found || r.Route == tc.route && r.Status == 200
		}
		if !found {
			t.Errorf("%s: no %s answered 200", tc.name, tc.route)
		}
		err := tc.sender.EditAlert(ctx, "1577000000000000000", d, reach)
		var perm *notify.PermanentError
		if !errors.As(err, &perm) {
			t.Errorf("%s: edit of an unknown message = %v, want a permanent failure", tc.name, err)
		}
	}
}
