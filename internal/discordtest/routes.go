package discordtest

import (
	"net/http"
)

// route is one REST endpoint and the rules in front of it.
type route struct {
	pattern string
	// auth requires "Bot <token>"; such requests count against the
	// global limit.
	auth bool
	// limit picks the request's bucket; nil means none.
	limit func(r *http.Request) (rateSpec, string)
	h     http.HandlerFunc
}

func byPath(spec rateSpec, param string) func(*http.Request) (rateSpec, string) {
	return func(r *http.Request) (rateSpec, string) { return spec, r.PathValue(param) }
}

func byWebhook(r *http.Request) (rateSpec, string) {
	return specWebhook, r.PathValue("webhook") + "/" + r.PathValue("token")
}

func defaultBucket(name string) func(*http.Request) (rateSpec, string) {
	return func(*http.Request) (rateSpec, string) { return specDefault, name }
}

// routes lists the REST endpoints, relative to /api/v9.
func (s *Server) routes() []route {
	return []route{
		{pattern: "GET /gateway", h: s.handleGateway},
		{pattern: "GET /gateway/bot", auth: true, limit: defaultBucket("gateway-bot"), h: s.handleGatewayBot},
		{pattern: "GET /users/@me", auth: true, limit: defaultBucket("users-me"), h: s.handleMe},
		{pattern: "GET /applications/@me", auth: true, limit: defaultBucket("app-me"), h: s.handleApplication},
		{pattern: "GET /oauth2/applications/@me", auth: true, limit: defaultBucket("app-me"), h: s.handleApplication},

		{pattern: "GET /guilds/{guild}", auth: true, limit: byPath(specDefault, "guild"), h: s.handleGetGuild},
		{pattern: "GET /guilds/{guild}/roles", auth: true, limit: byPath(specDefault, "guild"), h: s.handleGuildRoles},
		{pattern: "GET /guilds/{guild}/threads/active", auth: true, limit: byPath(specDefault, "guild"), h: s.handleActiveThreads},

		{pattern: "GET /channels/{channel}", auth: true, limit: byPath(specDefault, "channel"), h: s.handleGetChannel},
		{pattern: "PATCH /channels/{channel}", auth: true, limit: byPath(specDefault, "channel"), h: s.handleModifyChannel},
		{pattern: "POST /channels/{channel}/threads", auth: true, limit: byPath(specChannelMessages, "channel"), h: s.handleStartThread},
		{pattern: "GET /channels/{channel}/threads/archived/public", auth: true, limit: byPath(specDefault, "channel"), h: s.handleArchivedThreads},
		{pattern: "POST /channels/{channel}/messages/{message}/threads", auth: true, limit: byPath(specChannelMessages, "channel"), h: s.handleStartThreadFromMessage},
		{pattern: "PUT /channels/{channel}/messages/{message}/reactions/{emoji}/@me", auth: true, limit: byPath(specReaction, "channel"), h: s.handleAddOwnReaction},
		{pattern: "DELETE /channels/{channel}/messages/{message}/reactions/{emoji}/@me", auth: true, limit: byPath(specReaction, "channel"), h: s.handleDeleteOwnReaction},
		{pattern: "POST /channels/{channel}/messages", auth: true, limit: byPath(specChannelMessages, "channel"), h: s.handleCreateMessage},
		{pattern: "GET /channels/{channel}/messages", auth: true, limit: byPath(specDefault, "channel"), h: s.handleListMessages},
		{pattern: "GET /channels/{channel}/messages/{message}", auth: true, limit: byPath(specDefault, "channel"), h: s.handleGetMessage},
		{pattern: "PATCH /channels/{channel}/messages/{message}", auth: true, limit: byPath(specMessageEdit, "channel"), h: s.handleEditMessage},
		{pattern: "DELETE /channels/{channel}/messages/{message}", auth: true, limit: byPath(specMessageDelete, "channel"), h: s.handleDeleteMessage},

		{pattern: "GET /applications/{app}/commands", auth: true, limit: defaultBucket("commands"), h: s.handleListCommands},
		{pattern: "PUT /applications/{app}/commands", auth: true, limit: defaultBucket("commands"), h: s.handleOverwriteCommands},
		{pattern: "POST /applications/{app}/commands", auth: true, limit: defaultBucket("commands"), h: s.handleCreateCommand},
		{pattern: "GET /applications/{app}/commands/{command}", auth: true, limit: defaultBucket("commands"), h: s.handleGetCommand},
		{pattern: "DELETE /applications/{app}/commands/{command}", auth: true, limit: defaultBucket("commands"), h: s.handleDeleteCommand},
		{pattern: "GET /applications/{app}/guilds/{guild}/commands", auth: true, limit: byPath(specDefault, "guild"), h: s.handleListCommands},
		{pattern: "PUT /applications/{app}/guilds/{guild}/commands", auth: true, limit: byPath(specDefault, "guild"), h: s.handleOverwriteCommands},
		{pattern: "POST /applications/{app}/guilds/{guild}/commands", auth: true, limit: byPath(specDefault, "guild"), h: s.handleCreateCommand},
		{pattern: "GET /applications/{app}/guilds/{guild}/commands/{command}", auth: true, limit: byPath(specDefault, "guild"), h: s.handleGetCommand},
		{pattern: "DELETE /applications/{app}/guilds/{guild}/commands/{command}", auth: true, limit: byPath(specDefault, "guild"), h: s.handleDeleteCommand},

		// Interaction endpoints take no bot token and are exempt from the
		// global limit.
		{pattern: "POST /interactions/{interaction}/{token}/callback", h: s.handleCallback},

		{pattern: "POST /webhooks/{webhook}/{token}", limit: byWebhook, h: s.handleWebhookExecute},
		{pattern: "GET /webhooks/{webhook}/{token}", limit: byWebhook, h: s.handleGetWebhook},
		{pattern: "GET /webhooks/{webhook}/{token}/messages/{message}", limit: byWebhook, h: s.handleWebhookMessage},
		{pattern: "PATCH /webhooks/{webhook}/{token}/messages/{message}", limit: byWebhook, h: s.handleWebhookMessage},
		{pattern: "DELETE /webhooks/{webhook}/{token}/messages/{message}", limit: byWebhook, h: s.handleWebhookMessage},
	}
}

// wrap puts faults, authentication, the global limit and the route's
// bucket in front of a handler, and logs the request.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		faulted := false
		defer func() {
			status := sw.status
			if status == 0 && faulted {
				return // a dropped connection, recorded as it was dropped
			}
			if status == 0 {
				status = http.StatusOK
			}
			s.record(r, rt.pattern, status, sw.Header().Get("X-RateLimit-Bucket"), faulted)
		}()
		if s.applyFault(sw, r, rt.pattern) {
			faulted = true
			return
		}
		if rt.auth {
			if !s.botAuthorized(r) {
				unauthorized(sw)
				return
			}
			if !s.takeGlobal(sw) {
				return
			}
		}
		if rt.limit != nil {
			spec, major := rt.limit(r)
			if _, ok := s.takeBucket(sw, spec, major); !ok {
				return
			}
		}
		rt.h(sw, r)
	})
}

func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"id": s.bot.ID, "username": s.bot.Username, "discriminator": "0000", "global_name": nil,
		"avatar": nil, "bot": true, "verified": true, "mfa_enabled": false, "flags": 0,
	})
}

func (s *Server) handleApplication(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"id": s.appID, "name": s.bot.Username, "icon": nil, "description": "", "bot_public": false,
		"bot_require_code_grant": false, "flags": 0, "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
		"bot": map[string]any{"id": s.bot.ID, "username": s.bot.Username, "bot": true, "discriminator": "0000"},
	})
}
