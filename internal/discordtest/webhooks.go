package discordtest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

type webhook struct {
	id        string
	token     string
	channelID string
	name      string
}

// AddWebhook creates an incoming webhook in the channel and returns its id
// and token. Its URL is URL()+"/api/webhooks/"+id+"/"+token; the versioned
// /api/v9/webhooks/... form works too.
func (s *Server) AddWebhook(channelID string) (id, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id = s.newID()
	token = randomToken()
	s.webhooks[id] = &webhook{id: id, token: token, channelID: channelID, name: "Captain Hook"}
	return id, token
}

// WebhookURL returns the URL of the webhook with the given id, or "".
func (s *Server) WebhookURL(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	wh := s.webhooks[id]
	if wh == nil {
		return ""
	}
	return s.URL() + "/api/webhooks/" + wh.id + "/" + wh.token
}

// DeleteWebhook deletes a webhook: executing it then answers 404 with code
// 10015 (Unknown Webhook).
func (s *Server) DeleteWebhook(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.webhooks, id)
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// webhookLocked finds the webhook of a request, writing the error if none.
func (s *Server) webhookLocked(w http.ResponseWriter, r *http.Request) *webhook {
	wh := s.webhooks[r.PathValue("webhook")]
	if wh == nil {
		unknownWebhook(w)
		return nil
	}
	if wh.token != r.PathValue("token") {
		writeError(w, http.StatusUnauthorized, CodeInvalidWebhookToken, "Invalid Webhook Token")
		return nil
	}
	return wh
}

func (wh *webhook) user() User {
	return User{ID: wh.id, Username: wh.name, Bot: true}
}

// handleWebhookExecute answers POST /webhooks/{webhook}/{token}: an
// incoming webhook, or an interaction follow-up when the id is the
// application's.
func (s *Server) handleWebhookExecute(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("webhook") == s.appID {
		s.handleFollowup(w, r)
		return
	}
	b, fe, err := readMessageBody(r)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	if r.URL.Query().Has("thread_id") {
		writeError(w, http.StatusBadRequest, CodeUnknownChannel, "Unknown Channel")
		return
	}
	s.mu.Lock()
	wh := s.webhookLocked(w, r)
	if wh == nil {
		s.mu.Unlock()
		return
	}
	ch := s.channels[wh.channelID]
	if ch == nil {
		s.mu.Unlock()
		unknownWebhook(w)
		return
	}
	chID := ch.id
	s.mu.Unlock()
	if !s.takeShared(w, specWebhookChannel, chID) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch = s.channels[chID]
	if ch == nil {
		unknownWebhook(w)
		return
	}
	if e := validateNew(b, fe, FlagSuppressEmbeds|FlagSuppressNotifications); e != nil {
		writeAPIError(w, http.StatusBadRequest, e)
		return
	}
	m := s.postLocked(ch, b, postOptions{author: wh.user(), webhookID: wh.id})
	answerExecute(w, r, m)
}

// answerExecute answers a webhook execute that posted m: the message with
// ?wait=true, else 204.
func answerExecute(w http.ResponseWriter, r *http.Request, m *Message) {
	if r.URL.Query().Get("wait") == "true" {
		writeJSON(w, http.StatusOK, m.wire())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// readEditBody reads the body of a PATCH of a webhook message (nil for
// other methods), writing the error if it is not a valid message body.
func readEditBody(w http.ResponseWriter, r *http.Request) (*messageBody, bool) {
	if r.Method != http.MethodPatch {
		return nil, true
	}
	b, fe, err := readMessageBody(r)
	if err != nil {
		writeBodyError(w, err)
		return nil, false
	}
	if len(fe) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(fe))
		return nil, false
	}
	return b, true
}

// handleGetWebhook answers GET /webhooks/{webhook}/{token}.
func (s *Server) handleGetWebhook(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wh := s.webhookLocked(w, r)
	if wh == nil {
		return
	}
	guildID := ""
	if ch := s.channels[wh.channelID]; ch != nil {
		guildID = ch.guildID
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": wh.id, "type": 1, "channel_id": wh.channelID, "guild_id": guildID,
		"name": wh.name, "avatar": nil, "token": wh.token, "application_id": nil,
	})
}

// handleWebhookMessage answers GET, PATCH and DELETE of
// /webhooks/{webhook}/{token}/messages/{message}.
func (s *Server) handleWebhookMessage(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("webhook") == s.appID {
		s.handleInteractionMessage(w, r)
		return
	}
	b, ok := readEditBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	wh := s.webhookLocked(w, r)
	if wh == nil {
		return
	}
	ch := s.channels[wh.channelID]
	if ch == nil {
		unknownWebhook(w)
		return
	}
	i, m := findMessage(ch, r.PathValue("message"))
	if m == nil || m.WebhookID != wh.id {
		unknownMessage(w)
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, m.wire())
	case http.MethodDelete:
		ch.messages = append(ch.messages[:i], ch.messages[i+1:]...)
		w.WriteHeader(http.StatusNoContent)
	default:
		if e := validateEdit(m, b); e != nil {
			writeAPIError(w, http.StatusBadRequest, e)
			return
		}
		applyEdit(m, b, s.now())
		s.attachUploads(m, b)
		writeJSON(w, http.StatusOK, m.wire())
	}
}
