package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Interaction types.
// See https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type.
const (
	InteractionCommand      = 2
	InteractionComponent    = 3
	InteractionAutocomplete = 4
)

// Interaction callback types.
// See https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type.
const (
	CallbackChannelMessage         = 4
	CallbackDeferredChannelMessage = 5
	CallbackDeferredUpdateMessage  = 6
	CallbackUpdateMessage          = 7
	CallbackAutocompleteResult     = 8
	CallbackModal                  = 9
)

// PermissionAdministrator is the Administrator permission bit, which
// implies every other.
const PermissionAdministrator = 1 << 3

// Errors Interact returns (wrapped).
var (
	ErrUnknownChannel = errors.New("unknown channel")
	ErrUnknownCommand = errors.New("command not registered")
	ErrCommandHidden  = errors.New("member lacks the command's default member permissions")
	ErrBadOption      = errors.New("bad option")
	ErrNoGateway      = errors.New("no bot session on the gateway")
	ErrNoComponent    = errors.New("the message has no such component")
)

// Interaction is a user running a slash command (or typing in one of its
// autocompleted options) in a channel.
type Interaction struct {
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	UserID    string `json:"user_id"`
	// Permissions is the member's permission bitfield in the channel.
	Permissions int64 `json:"permissions"`
	// Command is the name of a registered slash command.
	Command string `json:"command"`
	// Options maps option names to values: string, bool, a number
	// (int, int64 or a whole float64 for integer options), or an id
	// string for user, channel, role and mentionable options.
	Options map[string]any `json:"options"`
	// Focused names the option being typed, for autocomplete.
	Focused string `json:"focused,omitempty"`
	// Type is InteractionCommand (the default), InteractionAutocomplete
	// or InteractionComponent.
	Type int `json:"type,omitempty"`
	// Roles are the member's role ids; empty takes those AddMember gave.
	Roles []string `json:"roles,omitempty"`
	// MessageID, CustomID and Values are a component interaction's: the
	// message holding the component, the component's custom id, and the
	// values chosen in a select.
	MessageID string   `json:"message_id,omitempty"`
	CustomID  string   `json:"custom_id,omitempty"`
	Values    []string `json:"values,omitempty"`
	// IgnoreCommandPermissions lets the member run a command whose
	// default member permissions they lack, as when a server admin
	// overrides the command's permissions.
	IgnoreCommandPermissions bool `json:"ignore_command_permissions,omitempty"`
}

// interaction is the fake's record of one interaction.
type interaction struct {
	id, token string
	typ       int
	guildID   string
	channelID string
	created   time.Time

	ackType int
	// message is the message holding the component, for a component
	// interaction; an update edits it.
	message   *Message
	original  *Message
	followups []*Message
	choices   []CommandChoice
	modal     json.RawMessage
	changed   chan struct{}
}

// notifyLocked wakes waiters on the interaction.
func (it *interaction) notifyLocked() {
	close(it.changed)
	it.changed = make(chan struct{})
}

// completeLocked reports whether the bot has answered in full: an initial
// response, and for a deferred one the edit or follow-up that fills it.
func (it *interaction) completeLocked() bool {
	if it.ackType == 0 {
		return false
	}
	if it.ackType == CallbackDeferredChannelMessage {
		return it.original.Flags&FlagLoading == 0 || len(it.followups) > 0
	}
	if it.ackType == CallbackDeferredUpdateMessage {
		return it.message.EditedTimestamp != nil || len(it.followups) > 0
	}
	return true
}

// InteractionResult is the bot's answer to an interaction, filled in as
// it arrives.
type InteractionResult struct {
	// ID and Token identify the interaction as sent to the bot.
	ID    string
	Token string
	s     *Server
	it    *interaction
}

// Wait blocks until the bot has answered: the initial response, and for a
// deferred response also the edit of the original message or a
// follow-up. It returns ctx's error if that comes first.
func (r *InteractionResult) Wait(ctx context.Context) error {
	for {
		r.s.mu.Lock()
		done := r.it.completeLocked()
		ch := r.it.changed
		r.s.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for interaction %s: %w", r.ID, ctx.Err())
		case <-ch:
		}
	}
}

// CallbackType returns the initial response's callback type, 0 if none yet.
func (r *InteractionResult) CallbackType() int {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	return r.it.ackType
}

// Original returns the response message as it stands now (after any
// edits), and false when there is none.
func (r *InteractionResult) Original() (Message, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if r.it.original == nil {
		return Message{}, false
	}
	return r.it.original.clone(), true
}

// Followups returns the follow-up messages, in order.
func (r *InteractionResult) Followups() []Message {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	out := make([]Message, 0, len(r.it.followups))
	for _, m := range r.it.followups {
		out = append(out, m.clone())
	}
	return out
}

// Messages returns the original response (if any) and the follow-ups.
func (r *InteractionResult) Messages() []Message {
	var out []Message
	if m, ok := r.Original(); ok {
		out = append(out, m)
	}
	return append(out, r.Followups()...)
}

// Choices returns the choices of an autocomplete result.
func (r *InteractionResult) Choices() []CommandChoice {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	return slices.Clone(r.it.choices)
}

// Interact simulates a user running a slash command in a channel: it sends
// INTERACTION_CREATE over the gateway to the connected bot and returns a
// handle to wait for the bot's response.
func (s *Server) Interact(ctx context.Context, in Interaction) (*InteractionResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interact: %w", err)
	}
	if in.Type == 0 {
		in.Type = InteractionCommand
	}
	if in.UserID == "" {
		in.UserID = "100000000000000001"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[in.ChannelID]
	if ch == nil || ch.guildID != in.GuildID {
		return nil, fmt.Errorf("interact in channel %q of guild %q: %w", in.ChannelID, in.GuildID, ErrUnknownChannel)
	}
	if in.Type == InteractionComponent {
		return s.componentInteractLocked(ch, in)
	}
	cmd := s.findCommandLocked(in.GuildID, in.Command)
	if cmd == nil {
		return nil, fmt.Errorf("interact /%s: %w", in.Command, ErrUnknownCommand)
	}
	if need := cmd.DefaultMemberPermissions; need != nil && !in.IgnoreCommandPermissions &&
		in.Permissions&PermissionAdministrator == 0 && (*need == 0 || in.Permissions&*need != *need) {
		return nil, fmt.Errorf("interact /%s: %w", in.Command, ErrCommandHidden)
	}
	opts, err := buildOptions(cmd, in)
	if err != nil {
		return nil, fmt.Errorf("interact /%s: %w", in.Command, err)
	}
	resolved, err := s.resolvedLocked(cmd, in)
	if err != nil {
		return nil, fmt.Errorf("interact /%s: %w", in.Command, err)
	}
	data := map[string]any{"id": cmd.ID, "name": cmd.Name, "type": cmd.Type, "options": opts, "guild_id": cmd.GuildID}
	if len(resolved) > 0 {
		data["resolved"] = resolved
	}
	return s.dispatchInteractionLocked(ch, in, data, nil)
}

// componentInteractLocked sends a member's click on a component of a
// message, as INTERACTION_CREATE with the message.
func (s *Server) componentInteractLocked(ch *channel, in Interaction) (*InteractionResult, error) {
	_, m := findMessage(ch, in.MessageID)
	if m == nil {
		return nil, fmt.Errorf("interact with message %q: %w", in.MessageID, ErrUnknownMessage)
	}
	c := findComponent(m.ComponentList(), in.CustomID)
	if c == nil || c.Disabled {
		return nil, fmt.Errorf("interact with %q of message %q: %w", in.CustomID, in.MessageID, ErrNoComponent)
	}
	data := map[string]any{"custom_id": c.CustomID, "component_type": c.Type}
	if c.Type == ComponentStringSelect {
		minV, maxV := 1, 1
		if c.MinValues != nil {
			minV = *c.MinValues
		}
		if c.MaxValues != nil {
			maxV = *c.MaxValues
		}
		if len(in.Values) < minV || len(in.Values) > maxV {
			return nil, fmt.Errorf("select %q: %d values, want %d to %d: %w", c.CustomID, len(in.Values), minV, maxV, ErrBadOption)
		}
		for _, v := range in.Values {
			if !slices.ContainsFunc(c.Options, func(o SelectOption) bool { return o.Value == v }) {
				return nil, fmt.Errorf("select %q: %q is not one of its options: %w", c.CustomID, v, ErrBadOption)
			}
		}
		data["values"] = append([]string{}, in.Values...)
	}
	return s.dispatchInteractionLocked(ch, in, data, m)
}

// dispatchInteractionLocked records an interaction and sends it to the
// bot's sessions.
func (s *Server) dispatchInteractionLocked(ch *channel, in Interaction, data map[string]any, m *Message) (*InteractionResult, error) {
	sessions := s.liveSessionsLocked()
	if len(sessions) == 0 {
		return nil, fmt.Errorf("interact /%s: %w", in.Command, ErrNoGateway)
	}
	it := &interaction{
		id: s.newID(), token: "aW50ZXJhY3Rpb24" + randomToken(), typ: in.Type,
		guildID: in.GuildID, channelID: in.ChannelID, created: s.now(), changed: make(chan struct{}), message: m,
	}
	s.interactions[it.id] = it
	s.byToken[it.token] = it
	appPerms := int64(1<<10 | 1<<11 | 1<<14 | 1<<15 | 1<<16 | 1<<31)
	if ch.denied {
		appPerms = 0
	}
	member := s.memberLocked(in.GuildID, in.UserID)
	if in.Roles != nil {
		member["roles"] = append([]string{}, in.Roles...)
	}
	member["permissions"] = strconv.FormatInt(in.Permissions, 10)
	payload := map[string]any{
		"id":                             it.id,
		"application_id":                 s.appID,
		"type":                           in.Type,
		"data":                           data,
		"guild_id":                       in.GuildID,
		"channel_id":                     in.ChannelID,
		"channel":                        ch.json(),
		"member":                         member,
		"app_permissions":                strconv.FormatInt(appPerms, 10),
		"locale":                         "en-US",
		"guild_locale":                   "en-US",
		"token":                          it.token,
		"version":                        1,
		"entitlements":                   []any{},
		"context":                        0,
		"authorizing_integration_owners": map[string]string{"0": in.GuildID},
	}
	if m != nil {
		payload["message"] = m.wire()
	}
	for _, ss := range sessions {
		ss.dispatchLocked(s, "INTERACTION_CREATE", payload)
	}
	return &InteractionResult{ID: it.id, Token: it.token, s: s, it: it}, nil
}

// resolvedLocked builds an interaction's resolved data: the channels and
// roles its options name. A channel option must name a channel of the
// guild, of the types the option allows.
func (s *Server) resolvedLocked(cmd *Command, in Interaction) (map[string]any, error) {
	channels, roles := map[string]any{}, map[string]any{}
	for _, o := range cmd.Options {
		v, ok := in.Options[o.Name].(string)
		if !ok || in.Type == InteractionAutocomplete {
			continue
		}
		switch o.Type {
		case 7:
			ch := s.channels[v]
			if ch == nil || ch.guildID != in.GuildID {
				return nil, fmt.Errorf("option %q: channel %q: %w", o.Name, v, ErrUnknownChannel)
			}
			if len(o.ChannelTypes) > 0 && !slices.Contains(o.ChannelTypes, ch.typ) {
				return nil, fmt.Errorf("option %q: channel %q of type %d not allowed: %w", o.Name, v, ch.typ, ErrBadOption)
			}
			r := map[string]any{"id": ch.id, "name": ch.name, "type": ch.typ, "permissions": strconv.FormatInt(in.Permissions, 10)}
			if ch.thread != nil {
				r["parent_id"] = ch.parentID
				r["thread_metadata"] = ch.json()["thread_metadata"]
			}
			channels[v] = r
		case 8:
			g := s.guilds[in.GuildID]
			role := g.roles[v]
			if role == nil {
				return nil, fmt.Errorf("option %q: role %q: %w", o.Name, v, ErrBadOption)
			}
			roles[v] = role
		}
	}
	out := map[string]any{}
	if len(channels) > 0 {
		out["channels"] = channels
	}
	if len(roles) > 0 {
		out["roles"] = roles
	}
	return out, nil
}

func (s *Server) findCommandLocked(guildID, name string) *Command {
	for _, scope := range []string{guildID, ""} {
		for i, c := range s.commands[scope] {
			if c.Name == name && c.Type == 1 {
				return &s.commands[scope][i]
			}
		}
	}
	return nil
}

// buildOptions turns in.Options into the interaction's data.options, in
// the command's declared order, checking them as Discord's client would.
func buildOptions(cmd *Command, in Interaction) ([]map[string]any, error) {
	for name := range in.Options {
		if !slices.ContainsFunc(cmd.Options, func(o CommandOption) bool { return o.Name == name }) {
			return nil, fmt.Errorf("option %q: not declared: %w", name, ErrBadOption)
		}
	}
	if in.Type == InteractionAutocomplete {
		i := slices.IndexFunc(cmd.Options, func(o CommandOption) bool { return o.Name == in.Focused })
		if i < 0 || !cmd.Options[i].Autocomplete {
			return nil, fmt.Errorf("focused option %q: not an autocomplete option: %w", in.Focused, ErrBadOption)
		}
	}
	out := []map[string]any{}
	for _, o := range cmd.Options {
		v, ok := in.Options[o.Name]
		if in.Type == InteractionAutocomplete && o.Name == in.Focused {
			str, _ := v.(string)
			out = append(out, map[string]any{"name": o.Name, "type": o.Type, "value": str, "focused": true})
			continue
		}
		if !ok {
			if o.Required && in.Type == InteractionCommand {
				return nil, fmt.Errorf("option %q: required: %w", o.Name, ErrBadOption)
			}
			continue
		}
		val, err := optionValue(o, v)
		if err != nil {
			return nil, fmt.Errorf("option %q: %w: %w", o.Name, err, ErrBadOption)
		}
		out = append(out, map[string]any{"name": o.Name, "type": o.Type, "value": val})
	}
	return out, nil
}

func optionValue(o CommandOption, v any) (any, error) {
	var val any
	switch o.Type {
	case 3, 6, 7, 8, 9, 11:
		str, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("want a string, got %T", v)
		}
		if o.MaxLength != nil && utf8.RuneCountInString(str) > *o.MaxLength {
			return nil, fmt.Errorf("longer than %d", *o.MaxLength)
		}
		if o.MinLength != nil && utf8.RuneCountInString(str) < *o.MinLength {
			return nil, fmt.Errorf("shorter than %d", *o.MinLength)
		}
		val = str
	case 4, 10:
		var f float64
		switch n := v.(type) {
		case int:
			f = float64(n)
		case int64:
			f = float64(n)
		case float64:
			f = n
		default:
			return nil, fmt.Errorf("want a number, got %T", v)
		}
		if o.Type == 4 && f != math.Trunc(f) {
			return nil, fmt.Errorf("want an integer, got %v", f)
		}
		if (o.MinValue != nil && f < *o.MinValue) || (o.MaxValue != nil && f > *o.MaxValue) {
			return nil, fmt.Errorf("%v out of range", f)
		}
		val = f
		if o.Type == 4 {
			val = int64(f)
		}
	case 5:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("want a bool, got %T", v)
		}
		val = b
	default:
		return nil, fmt.Errorf("option type %d not supported", o.Type)
	}
	if len(o.Choices) > 0 && !slices.ContainsFunc(o.Choices, func(c CommandChoice) bool { return fmt.Sprint(c.Value) == fmt.Sprint(val) }) {
		return nil, fmt.Errorf("%v is not one of the choices", val)
	}
	return val, nil
}

// callbackBody is an interaction response.
type callbackBody struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
}

// handleCallback answers POST /interactions/{interaction}/{token}/callback.
func (s *Server) handleCallback(w http.ResponseWriter, r *http.Request) {
	cb, uploads, err := readCallback(r)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.interactions[r.PathValue("interaction")]
	if it == nil || it.token != r.PathValue("token") {
		unknownInteraction(w)
		return
	}
	if it.ackType != 0 {
		writeError(w, http.StatusBadRequest, CodeAlreadyAcknowledged, "Interaction has already been acknowledged.")
		return
	}
	if s.now().Sub(it.created) > InteractionResponseDeadline {
		unknownInteraction(w)
		return
	}
	allowed := []int{CallbackChannelMessage, CallbackDeferredChannelMessage, CallbackModal}
	switch it.typ {
	case InteractionAutocomplete:
		allowed = []int{CallbackAutocompleteResult}
	case InteractionComponent:
		allowed = append(allowed, CallbackDeferredUpdateMessage, CallbackUpdateMessage)
	}
	if !slices.Contains(allowed, cb.Type) {
		writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{badValue("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type "+strconv.Itoa(cb.Type)+" is not valid for this interaction")}))
		return
	}
	b := &messageBody{uploads: uploads}
	if len(cb.Data) > 0 && string(cb.Data) != "null" {
		fe, err := decodeJSONBody(cb.Data, "data.", b)
		if err != nil {
			invalidJSON(w)
			return
		}
		if len(fe) > 0 {
			writeAPIError(w, http.StatusBadRequest, formBodyError(fe))
			return
		}
	}
	ch := s.channels[it.channelID]
	if ch == nil {
		unknownChannel(w)
		return
	}
	o := postOptions{author: s.bot, webhookID: s.appID, msgType: 20, interactionID: it.id}
	switch cb.Type {
	case CallbackChannelMessage:
		var errs []fieldError
		errs = append(errs, validateContent("data.", b)...)
		errs = append(errs, validateUploads("data.", b, nil)...)
		if b.Flags&^(FlagEphemeral|FlagSuppressEmbeds|FlagSuppressNotifications) != 0 {
			errs = append(errs, badValue("data.flags", "MESSAGE_INVALID_FLAGS", "Invalid flags"))
		}
		if len(errs) > 0 {
			writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
			return
		}
		if b.isEmpty() {
			writeError(w, http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
			return
		}
		b.Nonce, b.EnforceNonce = nil, false
		it.original = s.postLocked(ch, b, o)
	case CallbackDeferredChannelMessage:
		if b.Flags&^FlagEphemeral != 0 {
			writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{badValue("data.flags", "MESSAGE_INVALID_FLAGS", "Invalid flags")}))
			return
		}
		placeholder := &messageBody{Flags: b.Flags&FlagEphemeral | FlagLoading}
		it.original = s.postLocked(ch, placeholder, o)
	case CallbackUpdateMessage:
		if e := validateEdit(it.message, b); e != nil {
			writeAPIError(w, http.StatusBadRequest, e)
			return
		}
		applyEdit(it.message, b, s.now())
		s.attachUploads(it.message, b)
		it.original = it.message
	case CallbackDeferredUpdateMessage:
		it.original = it.message
	case CallbackAutocompleteResult:
		var d struct {
			Choices []CommandChoice `json:"choices"`
		}
		if json.Unmarshal(cb.Data, &d) != nil {
			invalidJSON(w)
			return
		}
		var errs []fieldError
		if len(d.Choices) > MaxAutocompleteChoices {
			errs = append(errs, maxLength("data.choices", MaxAutocompleteChoices))
		}
		for i, c := range d.Choices {
			if n := utf8.RuneCountInString(c.Name); n < 1 || n > MaxChoiceNameRunes {
				errs = append(errs, badValue("data.choices."+strconv.Itoa(i)+".name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
			}
			if str, ok := c.Value.(string); ok && utf8.RuneCountInString(str) > MaxChoiceValueRunes {
				errs = append(errs, maxLength("data.choices."+strconv.Itoa(i)+".value", MaxChoiceValueRunes))
			}
		}
		if len(errs) > 0 {
			writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
			return
		}
		it.choices = d.Choices
	case CallbackModal:
		var d struct {
			CustomID   string          `json:"custom_id"`
			Title      string          `json:"title"`
			Components json.RawMessage `json:"components"`
		}
		_ = json.Unmarshal(cb.Data, &d)
		if d.CustomID == "" || d.Title == "" || !hasComponents(d.Components) {
			writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{required("data.custom_id")}))
			return
		}
		it.modal = cb.Data
	}
	it.ackType = cb.Type
	it.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

// tokenInteractionLocked finds the interaction of a webhook-style route
// (/webhooks/{app}/{token}...), writing the error if it is unknown or its
// token expired.
func (s *Server) tokenInteractionLocked(w http.ResponseWriter, r *http.Request) *interaction {
	it := s.byToken[r.PathValue("token")]
	if it == nil {
		unknownWebhook(w)
		return nil
	}
	if s.now().Sub(it.created) > InteractionTokenLifetime {
		writeError(w, http.StatusUnauthorized, CodeInvalidWebhookToken, "Invalid Webhook Token")
		return nil
	}
	return it
}

// handleFollowup answers POST /webhooks/{app}/{token}: a follow-up. Right
// after a deferred response it edits the loading message instead, as
// Discord does.
func (s *Server) handleFollowup(w http.ResponseWriter, r *http.Request) {
	b, fe, err := readMessageBody(r)
	if err != nil {
		writeBodyError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.tokenInteractionLocked(w, r)
	if it == nil {
		return
	}
	if it.ackType == 0 || it.ackType == CallbackAutocompleteResult {
		unknownWebhook(w)
		return
	}
	if e := validateNew(b, fe, FlagEphemeral|FlagSuppressEmbeds|FlagSuppressNotifications); e != nil {
		writeAPIError(w, http.StatusBadRequest, e)
		return
	}
	ch := s.channels[it.channelID]
	if ch == nil {
		unknownChannel(w)
		return
	}
	var m *Message
	if it.ackType == CallbackDeferredChannelMessage && it.original.Flags&FlagLoading != 0 && len(it.followups) == 0 {
		m = it.original
		b.present = map[string]json.RawMessage{"content": nil, "embeds": nil, "allowed_mentions": nil, "components": nil}
		applyEdit(m, b, s.now())
		s.attachUploads(m, b)
		m.Flags &^= FlagLoading
		m.EditedTimestamp = nil
	} else {
		b.Nonce, b.EnforceNonce = nil, false
		m = s.postLocked(ch, b, postOptions{author: s.bot, webhookID: s.appID, msgType: 0, interactionID: it.id})
		it.followups = append(it.followups, m)
	}
	it.notifyLocked()
	answerExecute(w, r, m)
}

// handleInteractionMessage answers GET, PATCH and DELETE of
// /webhooks/{app}/{token}/messages/{message} ("@original" or a follow-up).
func (s *Server) handleInteractionMessage(w http.ResponseWriter, r *http.Request) {
	b, ok := readEditBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.tokenInteractionLocked(w, r)
	if it == nil {
		return
	}
	var m *Message
	if id := r.PathValue("message"); id == "@original" {
		m = it.original
	} else {
		for _, f := range it.followups {
			if f.ID == id {
				m = f
			}
		}
	}
	if m == nil {
		unknownMessage(w)
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, m.wire())
	case http.MethodDelete:
		if ch := s.channels[m.ChannelID]; ch != nil {
			if i, _ := findMessage(ch, m.ID); i >= 0 {
				ch.messages = append(ch.messages[:i], ch.messages[i+1:]...)
			}
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		if e := validateEdit(m, b); e != nil {
			writeAPIError(w, http.StatusBadRequest, e)
			return
		}
		loading := m.Flags&FlagLoading != 0
		applyEdit(m, b, s.now())
		s.attachUploads(m, b)
		if loading {
			m.Flags &^= FlagLoading
			m.EditedTimestamp = nil
		}
		it.notifyLocked()
		writeJSON(w, http.StatusOK, m.wire())
	}
}

// readCallback reads an interaction callback, as JSON or as multipart
// (payload_json holding the callback, files[n] its data's files).
func readCallback(r *http.Request) (callbackBody, []upload, error) {
	var cb callbackBody
	data, err := readBody(r)
	if err != nil {
		return cb, nil, err
	}
	var uploads []upload
	if boundary, ok := isMultipart(r); ok {
		if data, uploads, err = readMultipart(data, boundary); err != nil {
			return cb, nil, err
		}
	}
	if json.Unmarshal(data, &cb) != nil {
		return cb, nil, errInvalidJSON
	}
	return cb, uploads, nil
}
