package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"time"
)

// DefaultInteractWait is how long POST /_fake/interact waits for the bot's
// answer when the request names no timeout.
const DefaultInteractWait = 10 * time.Second

// controlHandler serves /_fake/..., the endpoints through which a test in
// another process drives the fake:
//
//	GET    /_fake/transcript/{channel}    the channel's messages, each with could_ping
//	POST   /_fake/interact                an Interaction (+ "timeout_ms"); waits for the answer
//	GET    /_fake/commands?guild_id=      registered commands ("" global)
//	GET    /_fake/requests                the request log
//	POST   /_fake/faults                  inject a fault; DELETE clears them
//	POST   /_fake/webhooks?channel_id=    create a webhook
//	DELETE /_fake/webhooks/{id}           delete a webhook
//	POST   /_fake/gateway/drop            drop gateway sockets
//	POST   /_fake/gateway/reconnect       send op 7
//	POST   /_fake/gateway/invalidate      send op 9 (?resumable=true to keep sessions)
func (s *Server) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_fake/transcript/{channel}", func(w http.ResponseWriter, r *http.Request) {
		type shown struct {
			Message
			CouldPing bool `json:"could_ping"`
		}
		out := []shown{}
		for _, m := range s.Transcript(r.PathValue("channel")) {
			out = append(out, shown{m, m.CouldPing()})
		}
		writeJSON(w, http.StatusOK, out)
	})
	mux.HandleFunc("POST /_fake/interact", s.controlInteract)
	mux.HandleFunc("GET /_fake/commands", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Commands(r.URL.Query().Get("guild_id")))
	})
	mux.HandleFunc("GET /_fake/requests", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Requests())
	})
	mux.HandleFunc("POST /_fake/faults", s.controlFault)
	mux.HandleFunc("DELETE /_fake/faults", func(w http.ResponseWriter, r *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_fake/webhooks", func(w http.ResponseWriter, r *http.Request) {
		chID := r.URL.Query().Get("channel_id")
		s.mu.Lock()
		ok := s.channels[chID] != nil
		s.mu.Unlock()
		if !ok {
			unknownChannel(w)
			return
		}
		id, token := s.AddWebhook(chID)
		writeJSON(w, http.StatusOK, map[string]string{"id": id, "token": token, "url": s.WebhookURL(id)})
	})
	mux.HandleFunc("DELETE /_fake/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.DeleteWebhook(r.PathValue("id"))
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_fake/gateway/drop", func(w http.ResponseWriter, r *http.Request) {
		s.DropGateway()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_fake/gateway/reconnect", func(w http.ResponseWriter, r *http.Request) {
		s.RequestReconnect()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /_fake/gateway/invalidate", func(w http.ResponseWriter, r *http.Request) {
		s.InvalidateSession(r.URL.Query().Get("resumable") == "true")
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// interactRequest is the body of POST /_fake/interact.
type interactRequest struct {
	Interaction
	TimeoutMS int `json:"timeout_ms"`
}

// interactAnswer is the answer of POST /_fake/interact.
type interactAnswer struct {
	ID           string          `json:"id"`
	Complete     bool            `json:"complete"`
	CallbackType int             `json:"callback_type"`
	Original     *Message        `json:"original"`
	Followups    []Message       `json:"followups"`
	Choices      []CommandChoice `json:"choices"`
}

func (s *Server) controlInteract(w http.ResponseWriter, r *http.Request) {
	var req interactRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	wait := DefaultInteractWait
	if req.TimeoutMS > 0 {
		wait = time.Duration(req.TimeoutMS) * time.Millisecond
	}
	ctx, cancel := context.WithTimeout(r.Context(), wait)
	defer cancel()
	res, err := s.Interact(ctx, req.Interaction)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	werr := res.Wait(ctx)
	ans := interactAnswer{ID: res.ID, Complete: werr == nil, CallbackType: res.CallbackType(), Followups: res.Followups(), Choices: res.Choices()}
	if m, ok := res.Original(); ok {
		ans.Original = &m
	}
	status := http.StatusOK
	if werr != nil && !errors.Is(werr, context.DeadlineExceeded) {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, ans)
}

// faultRequest is the body of POST /_fake/faults.
type faultRequest struct {
	Method       string `json:"method"`
	Path         string `json:"path"`
	Pattern      string `json:"pattern"`
	Status       int    `json:"status"`
	RetryAfterMS int    `json:"retry_after_ms"`
	Global       bool   `json:"global"`
	Count        int    `json:"count"`
	DurationMS   int    `json:"duration_ms"`
}

func (s *Server) controlFault(w http.ResponseWriter, r *http.Request) {
	var req faultRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	f := Fault{Method: req.Method, Path: req.Path, Status: req.Status, Global: req.Global, Count: req.Count,
		RetryAfter: time.Duration(req.RetryAfterMS) * time.Millisecond}
	if req.Pattern != "" {
		re, err := regexp.Compile(req.Pattern)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		f.Pattern = re
	}
	if req.DurationMS > 0 {
		f.Until = s.now().Add(time.Duration(req.DurationMS) * time.Millisecond)
	}
	s.Inject(f)
	w.WriteHeader(http.StatusNoContent)
}
