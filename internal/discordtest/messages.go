package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// maxBodyBytes bounds a request body, like Discord's 25 MiB upload cap.
const maxBodyBytes = 25 << 20

// messageBody is the JSON body of a message create, edit, webhook
// execute or interaction response.
type messageBody struct {
	Content          string            `json:"content"`
	Embeds           []Embed           `json:"embeds"`
	AllowedMentions  *AllowedMentions  `json:"allowed_mentions"`
	Nonce            json.RawMessage   `json:"nonce"`
	EnforceNonce     bool              `json:"enforce_nonce"`
	Flags            int               `json:"flags"`
	TTS              bool              `json:"tts"`
	Components       json.RawMessage   `json:"components"`
	StickerIDs       []string          `json:"sticker_ids"`
	Attachments      []json.RawMessage `json:"attachments"`
	Poll             json.RawMessage   `json:"poll"`
	Username         string            `json:"username"`
	AvatarURL        string            `json:"avatar_url"`
	MessageReference json.RawMessage   `json:"message_reference"`

	// present lists the top-level keys the body had, to tell a field
	// left out of an edit from one set to null.
	present map[string]json.RawMessage
	// uploads are the files of a multipart body.
	uploads []upload
}

// errInvalidJSON marks a body that is not JSON at all.
var errInvalidJSON = errors.New("invalid json")

// decodeJSONBody decodes data into body, turning type mismatches into
// Discord's form errors.
func decodeJSONBody(data []byte, prefix string, body *messageBody) ([]fieldError, error) {
	if err := json.Unmarshal(data, &body.present); err != nil {
		return nil, errInvalidJSON
	}
	if err := json.Unmarshal(data, body); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return []fieldError{badValue(prefix+te.Field, "BASE_TYPE_BAD_TYPE", "Could not interpret value as "+te.Type.String()+".")}, nil
		}
		return nil, errInvalidJSON
	}
	if string(body.Poll) == "null" {
		body.Poll = nil
	}
	if string(body.Components) == "null" {
		body.Components = nil
	}
	if string(body.Nonce) == "null" {
		body.Nonce = nil
	}
	return nil, nil
}

// readMessageBody reads a JSON or multipart (payload_json + files[n]) body.
// A body past Discord's size limits is errTooLarge.
func readMessageBody(r *http.Request) (*messageBody, []fieldError, error) {
	data, err := readBody(r)
	if err != nil {
		return nil, nil, err
	}
	body := &messageBody{}
	if boundary, ok := isMultipart(r); ok {
		payload, files, err := readMultipart(data, boundary)
		if err != nil {
			return nil, nil, err
		}
		fe, err := decodeJSONBody(payload, "", body)
		body.uploads = files
		return body, fe, err
	}
	fe, err := decodeJSONBody(data, "", body)
	return body, fe, err
}

func hasComponents(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && string(t) != "null" && string(t) != "[]"
}

// nonceText validates a nonce (a string of at most 25 characters or an
// integer) and returns it as JSON text.
func nonceText(raw json.RawMessage) (string, []fieldError) {
	if len(raw) == 0 {
		return "", nil
	}
	var str string
	if err := json.Unmarshal(raw, &str); err == nil {
		if len(str) > MaxNonceLength {
			return "", []fieldError{maxLength("nonce", MaxNonceLength)}
		}
		return string(raw), nil
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err == nil {
		return string(raw), nil
	}
	return "", []fieldError{badValue("nonce", "BASE_TYPE_BAD_TYPE", "Must be a string or an integer.")}
}

type nonceKey struct{ channel, author, nonce string }

type nonceEntry struct {
	at  time.Time
	msg *Message
}

// postOptions describes who posts a message and how.
type postOptions struct {
	author        User
	webhookID     string
	allowedFlags  int
	msgType       int
	interactionID string
}

// validateNew checks a body for a new message, fe being the errors from
// decoding it, and returns the 400 answer to send, or nil.
func validateNew(b *messageBody, fe []fieldError, allowedFlags int) *APIError {
	if len(fe) > 0 {
		return formBodyError(fe)
	}
	var errs []fieldError
	errs = append(errs, validateContent("", b)...)
	errs = append(errs, validateUploads("", b, nil)...)
	_, nerrs := nonceText(b.Nonce)
	errs = append(errs, nerrs...)
	if b.Flags&^allowedFlags != 0 {
		errs = append(errs, badValue("flags", "MESSAGE_INVALID_FLAGS", "Invalid flags: "+strconv.Itoa(b.Flags&^allowedFlags)))
	}
	if len(errs) > 0 {
		return formBodyError(errs)
	}
	if b.isEmpty() {
		return &APIError{Code: CodeEmptyMessage, Message: "Cannot send an empty message"}
	}
	return nil
}

// postLocked stores a validated message in ch. With an enforced nonce seen
// in the channel from the same author within NonceWindow it returns the
// original message instead. Only Create Message honours nonces: Execute
// Webhook and interaction follow-ups have no nonce parameter, so Discord
// ignores one sent there, and so does the fake.
func (s *Server) postLocked(ch *channel, b *messageBody, o postOptions) *Message {
	nonce, _ := nonceText(b.Nonce)
	if o.webhookID != "" {
		nonce = ""
	}
	now := s.now()
	key := nonceKey{ch.id, o.author.ID + "/" + o.webhookID, nonce}
	if nonce != "" && b.EnforceNonce {
		if e, ok := s.nonces[key]; ok && now.Sub(e.at) < NonceWindow {
			s.log.Debug("nonce matched, returning the original message", slog.String("channel_id", ch.id), slog.String("nonce", nonce))
			return e.msg
		}
	}
	author := o.author
	if b.Username != "" {
		author.Username = b.Username
	}
	m := &Message{
		ID:              s.newID(),
		ChannelID:       ch.id,
		GuildID:         ch.guildID,
		Author:          author,
		WebhookID:       o.webhookID,
		Content:         b.Content,
		Embeds:          normalizeEmbeds(b.Embeds),
		AllowedMentions: b.AllowedMentions,
		Nonce:           nonce,
		EnforceNonce:    b.EnforceNonce,
		Flags:           b.Flags,
		TTS:             b.TTS,
		Type:            o.msgType,
		Timestamp:       now.UTC(),
		Components:      b.Components,
		InteractionID:   o.interactionID,
	}
	s.attachUploads(m, b)
	ch.messages = append(ch.messages, m)
	if nonce != "" && b.EnforceNonce {
		s.nonces[key] = nonceEntry{at: now, msg: m}
	}
	return m
}

func normalizeEmbeds(in []Embed) []Embed {
	out := make([]Embed, len(in))
	copy(out, in)
	for i := range out {
		if out[i].Type == "" {
			out[i].Type = "rich"
		}
	}
	return out
}

// applyEdit changes m by the fields present in an edit body.
func applyEdit(m *Message, b *messageBody, now time.Time) {
	if _, ok := b.present["content"]; ok {
		m.Content = b.Content
	}
	if _, ok := b.present["embeds"]; ok {
		m.Embeds = normalizeEmbeds(b.Embeds)
	}
	if _, ok := b.present["allowed_mentions"]; ok {
		m.AllowedMentions = b.AllowedMentions
	}
	if _, ok := b.present["components"]; ok {
		m.Components = b.Components
	}
	if _, ok := b.present["flags"]; ok {
		m.Flags = m.Flags&^FlagSuppressEmbeds | b.Flags&FlagSuppressEmbeds
	}
	t := now.UTC()
	m.EditedTimestamp = &t
}

// validateEdit checks the message an edit would produce.
func validateEdit(m *Message, b *messageBody) *APIError {
	next := *m
	applyEdit(&next, b, time.Time{})
	view := &messageBody{Content: next.Content, Embeds: next.Embeds, AllowedMentions: next.AllowedMentions, Components: next.Components}
	for range append(keptAfter(b, m.Attachments), make([]Attachment, len(b.uploads))...) {
		view.Attachments = append(view.Attachments, json.RawMessage(`{}`))
	}
	errs := validateContent("", view)
	errs = append(errs, validateUploads("", b, m.Attachments)...)
	if len(errs) > 0 {
		return formBodyError(errs)
	}
	if view.isEmpty() {
		return &APIError{Code: CodeEmptyMessage, Message: "Cannot send an empty message"}
	}
	return nil
}

// wire renders m as Discord's message object.
func (m *Message) wire() map[string]any {
	var edited any
	if m.EditedTimestamp != nil {
		edited = m.EditedTimestamp.Format(time.RFC3339Nano)
	}
	embeds := m.Embeds
	if embeds == nil {
		embeds = []Embed{}
	}
	components := m.Components
	if components == nil {
		components = json.RawMessage("[]")
	}
	w := map[string]any{
		"id":               m.ID,
		"channel_id":       m.ChannelID,
		"author":           m.Author,
		"content":          m.Content,
		"timestamp":        m.Timestamp.Format(time.RFC3339Nano),
		"edited_timestamp": edited,
		"tts":              m.TTS,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      m.attachmentsWire(),
		"embeds":           embeds,
		"components":       components,
		"pinned":           false,
		"type":             m.Type,
		"flags":            m.Flags,
	}
	if m.WebhookID != "" {
		w["webhook_id"] = m.WebhookID
	}
	if m.Nonce != "" {
		w["nonce"] = json.RawMessage(m.Nonce)
	}
	if m.GuildID != "" {
		w["guild_id"] = m.GuildID
	}
	if len(m.Reactions) > 0 {
		rs := make([]any, len(m.Reactions))
		for i, r := range m.Reactions {
			rs[i] = map[string]any{"count": len(r.Users), "me": false, "emoji": emojiJSON(r.Emoji)}
		}
		w["reactions"] = rs
	}
	return w
}

// botChannelLocked finds a channel the bot may use, writing the error if not.
func (s *Server) botChannelLocked(w http.ResponseWriter, id string) *channel {
	ch := s.channels[id]
	if ch == nil {
		unknownChannel(w)
		return nil
	}
	if ch.denied {
		writeError(w, http.StatusForbidden, CodeMissingAccess, "Missing Access")
		return nil
	}
	return ch
}

func findMessage(ch *channel, id string) (int, *Message) {
	for i, m := range ch.messages {
		if m.ID == id {
			return i, m
		}
	}
	return -1, nil
}

// botMessageLocked finds the channel and the message of a
// /channels/{channel}/messages/{message} route, writing the error if the
// channel is not the bot's or the message is unknown or ephemeral.
func (s *Server) botMessageLocked(w http.ResponseWriter, r *http.Request) (*channel, int, *Message) {
	ch := s.botChannelLocked(w, r.PathValue("channel"))
	if ch == nil {
		return nil, -1, nil
	}
	i, m := findMessage(ch, r.PathValue("message"))
	if m == nil || m.Flags&FlagEphemeral != 0 {
		unknownMessage(w)
		return nil, -1, nil
	}
	return ch, i, m
}

func (s *Server) handleCreateMessage(w http.ResponseWriter, r *http.Request) {
	b, fe, err := readMessageBody(r)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.botChannelLocked(w, r.PathValue("channel"))
	if ch == nil {
		return
	}
	if e := validateNew(b, fe, FlagSuppressEmbeds|FlagSuppressNotifications); e != nil {
		writeAPIError(w, http.StatusBadRequest, e)
		return
	}
	if !s.postableLocked(w, ch) {
		return
	}
	m := s.postLocked(ch, b, postOptions{author: s.bot})
	writeJSON(w, http.StatusOK, m.wire())
}

func (s *Server) handleGetChannel(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.botChannelLocked(w, r.PathValue("channel")); ch != nil {
		writeJSON(w, http.StatusOK, ch.json())
	}
}

func (s *Server) handleGetMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, _, m := s.botMessageLocked(w, r); m != nil {
		writeJSON(w, http.StatusOK, m.wire())
	}
}

// handleListMessages answers GET /channels/{channel}/messages, newest
// first, honouring limit (1-100, default 50).
func (s *Server) handleListMessages(w http.ResponseWriter, r *http.Request) {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{badValue("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.")}))
			return
		}
		limit = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.botChannelLocked(w, r.PathValue("channel"))
	if ch == nil {
		return
	}
	out := []any{}
	for i := len(ch.messages) - 1; i >= 0 && len(out) < limit; i-- {
		if ch.messages[i].Flags&FlagEphemeral == 0 {
			out = append(out, ch.messages[i].wire())
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleEditMessage(w http.ResponseWriter, r *http.Request) {
	b, fe, err := readMessageBody(r)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, _, m := s.botMessageLocked(w, r)
	if m == nil {
		return
	}
	if m.Author.ID != s.bot.ID || m.WebhookID != "" {
		writeError(w, http.StatusForbidden, CodeCannotEditOtherUserMessage, "Cannot edit a message authored by another user")
		return
	}
	if len(fe) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(fe))
		return
	}
	if e := validateEdit(m, b); e != nil {
		writeAPIError(w, http.StatusBadRequest, e)
		return
	}
	applyEdit(m, b, s.now())
	s.attachUploads(m, b)
	writeJSON(w, http.StatusOK, m.wire())
}

func (s *Server) handleDeleteMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, i, m := s.botMessageLocked(w, r)
	if m == nil {
		return
	}
	ch.messages = append(ch.messages[:i], ch.messages[i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
