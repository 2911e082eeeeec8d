package discordtest

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// png is the start of a PNG file, enough for content sniffing.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")

func file(name string, data []byte) *discordgo.File {
	return &discordgo.File{Name: name, ContentType: "image/png", Reader: bytes.NewReader(data)}
}

// TestUploads: a message, a webhook execution and their edits carry files
// sent as multipart/form-data (payload_json and files[n]), within
// Discord's limits: at most 10 files, 10 MiB each; an embed shows one as
// attachment://NAME.
func TestUploads(t *testing.T) {
	s := newTestServer(t, Options{})
	dg := newDiscordgo(t, s)
	chart := &discordgo.MessageEmbed{Title: "Trend", Image: &discordgo.MessageEmbedImage{URL: "attachment://trend.png"}}

	m, err := dg.ChannelMessageSendComplex(testChannel, &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{chart},
		Files: []*discordgo.File{file("trend.png", png)}})
	if err != nil {
		t.Fatalf("send with a file: %v", err)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "trend.png" || m.Attachments[0].Size != len(png) {
		t.Errorf("answer's attachments = %+v, want trend.png of %d bytes", m.Attachments, len(png))
	}
	tr := s.Transcript(testChannel)
	got, ok := tr[len(tr)-1].AttachmentNamed(tr[len(tr)-1].Embeds[0].Image.URL)
	if !ok || !bytes.Equal(got.Data, png) || got.ContentType != "image/png" {
		t.Errorf("transcript attachment = %+v, %v; want the PNG the embed names", got, ok)
	}

	// A file alone is a message.
	if _, err := dg.ChannelMessageSendComplex(testChannel, &discordgo.MessageSend{Files: []*discordgo.File{file("a.png", png)}}); err != nil {
		t.Errorf("send a file alone: %v", err)
	}

	// Limits.
	var eleven []*discordgo.File
	for i := 0; i < 11; i++ {
		eleven = append(eleven, file("f.png", png))
	}
	refusals := []struct {
		name   string
		files  []*discordgo.File
		embed  *discordgo.MessageEmbed
		status int
		code   int
	}{
		{"11 files", eleven, nil, http.StatusBadRequest, CodeInvalidFormBody},
		{"a file over 10 MiB", []*discordgo.File{file("big.png", make([]byte, MaxAttachmentBytes+1))}, nil, http.StatusRequestEntityTooLarge, CodeEntityTooLarge},
		{"an image of another scheme", nil, &discordgo.MessageEmbed{Title: "x", Image: &discordgo.MessageEmbedImage{URL: "file:///etc/passwd"}}, http.StatusBadRequest, CodeInvalidFormBody},
	}
	for _, r := range refusals {
		send := &discordgo.MessageSend{Content: "x", Files: r.files}
		if r.embed != nil {
			send.Embeds = []*discordgo.MessageEmbed{r.embed}
		}
		_, err := dg.ChannelMessageSendComplex(testChannel, send)
		var re *discordgo.RESTError
		if !errors.As(err, &re) || re.Response.StatusCode != r.status || re.Message == nil || re.Message.Code != r.code {
			t.Errorf("%s: err = %v, want %d code %d", r.name, err, r.status, r.code)
		}
	}

	// An edit keeps the file unless its attachments list leaves it out,
	// and may add one.
	edited, err := dg.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: m.ID, Channel: testChannel, Content: ptr("now edited")})
	if err != nil || len(edited.Attachments) != 1 {
		t.Fatalf("edit = %+v, %v; want the file kept", edited, err)
	}
	edited, err = dg.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: m.ID, Channel: testChannel,
		Attachments: &[]*discordgo.MessageAttachment{}, Files: []*discordgo.File{file("trend2.png", png)}})
	if err != nil || len(edited.Attachments) != 1 || edited.Attachments[0].Filename != "trend2.png" {
		t.Fatalf("edit replacing the file = %+v, %v", edited, err)
	}

	// Webhooks take files too, and their edits.
	id, token := s.AddWebhook(testChannel)
	wm, err := dg.WebhookExecute(id, token, true, &discordgo.WebhookParams{Content: "chart", Files: []*discordgo.File{file("trend.png", png)}})
	if err != nil || len(wm.Attachments) != 1 {
		t.Fatalf("webhook execute with a file = %+v, %v", wm, err)
	}
	wm, err = dg.WebhookMessageEdit(id, token, wm.ID, &discordgo.WebhookEdit{Content: ptr("chart, edited"), Files: []*discordgo.File{file("b.png", png)}})
	if err != nil || len(wm.Attachments) != 2 || !strings.Contains(wm.Content, "edited") {
		t.Fatalf("webhook edit adding a file = %+v, %v", wm, err)
	}
	_, err = dg.WebhookExecute(id, token, true, &discordgo.WebhookParams{Content: "x", Files: eleven})
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response.StatusCode != http.StatusBadRequest {
		t.Errorf("webhook with 11 files: err = %v, want 400", err)
	}
}

func ptr[T any](v T) *T { return &v }
