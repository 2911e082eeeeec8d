package discordtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Command is a registered application command.
type Command struct {
	ID            string `json:"id"`
	ApplicationID string `json:"application_id"`
	GuildID       string `json:"guild_id,omitempty"`
	Version       string `json:"version"`
	// Type is 1 for slash commands, 2 user, 3 message.
	Type        int    `json:"type"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// DefaultMemberPermissions is the permission bitfield a member needs
	// to see and use the command; nil means everyone.
	DefaultMemberPermissions *int64          `json:"-"`
	Options                  []CommandOption `json:"options,omitempty"`
	NSFW                     bool            `json:"nsfw"`
	Contexts                 []int           `json:"contexts,omitempty"`
}

// CommandOption is an option of a command.
type CommandOption struct {
	// Type is the option type: 3 string, 4 integer, 5 boolean, 6 user,
	// 7 channel, 8 role, 9 mentionable, 10 number, 11 attachment
	// (1 and 2 are subcommands, which the fake does not support).
	Type         int             `json:"type"`
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Required     bool            `json:"required,omitempty"`
	Autocomplete bool            `json:"autocomplete,omitempty"`
	Choices      []CommandChoice `json:"choices,omitempty"`
	MinValue     *float64        `json:"min_value,omitempty"`
	MaxValue     *float64        `json:"max_value,omitempty"`
	MinLength    *int            `json:"min_length,omitempty"`
	MaxLength    *int            `json:"max_length,omitempty"`
	ChannelTypes []int           `json:"channel_types,omitempty"`
}

// CommandChoice is one predefined choice of an option.
type CommandChoice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// MarshalJSON encodes c the way Discord does.
func (c Command) MarshalJSON() ([]byte, error) {
	type plain Command
	var perms any
	if c.DefaultMemberPermissions != nil {
		perms = strconv.FormatInt(*c.DefaultMemberPermissions, 10)
	}
	return json.Marshal(struct {
		plain
		DefaultMemberPermissions any `json:"default_member_permissions"`
	}{plain(c), perms})
}

// UnmarshalJSON decodes c, accepting default_member_permissions as a
// string, a number or null.
func (c *Command) UnmarshalJSON(data []byte) error {
	type plain Command
	var aux struct {
		plain
		DefaultMemberPermissions json.RawMessage `json:"default_member_permissions"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	*c = Command(aux.plain)
	raw := bytes.Trim(bytes.TrimSpace(aux.DefaultMemberPermissions), `"`)
	if len(raw) > 0 && string(raw) != "null" {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			return &json.UnmarshalTypeError{Value: string(raw), Field: "default_member_permissions"}
		}
		c.DefaultMemberPermissions = &n
	}
	return nil
}

// commandNameRE is Discord's pattern for command and option names.
var commandNameRE = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

func validName(name string) bool {
	return commandNameRE.MatchString(name) && strings.ToLower(name) == name
}

func validateCommand(p string, c *Command) []fieldError {
	var errs []fieldError
	if c.Type == 0 {
		c.Type = 1
	}
	if !validName(c.Name) {
		errs = append(errs, badValue(p+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"))
	}
	switch c.Type {
	case 1:
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > MaxCommandDescriptionRunes {
			errs = append(errs, badValue(p+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
		}
	case 2, 3:
		if c.Description != "" || len(c.Options) > 0 {
			errs = append(errs, badValue(p+"description", "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description or options"))
		}
	default:
		errs = append(errs, badValue(p+"type", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3)."))
	}
	if len(c.Options) > MaxCommandOptions {
		errs = append(errs, maxLength(p+"options", MaxCommandOptions))
	}
	seen := map[string]bool{}
	optional := false
	for i, o := range c.Options {
		op := p + "options." + strconv.Itoa(i) + "."
		if o.Type < 3 || o.Type > 11 {
			errs = append(errs, badValue(op+"type", "BASE_TYPE_CHOICES", "Value must be one of (3, 4, 5, 6, 7, 8, 9, 10, 11)."))
		}
		if !validName(o.Name) {
			errs = append(errs, badValue(op+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"))
		}
		if seen[o.Name] {
			errs = append(errs, badValue(op+"name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique"))
		}
		seen[o.Name] = true
		if n := utf8.RuneCountInString(o.Description); n < 1 || n > MaxCommandDescriptionRunes {
			errs = append(errs, badValue(op+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
		}
		if o.Required && optional {
			errs = append(errs, badValue(p+"options", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options"))
		}
		optional = optional || !o.Required
		if len(o.Choices) > MaxOptionChoices {
			errs = append(errs, maxLength(op+"choices", MaxOptionChoices))
		}
		if o.Autocomplete && len(o.Choices) > 0 {
			errs = append(errs, badValue(op+"autocomplete", "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE", "Autocomplete cannot be set with choices"))
		}
		if o.Autocomplete && o.Type != 3 && o.Type != 4 && o.Type != 10 {
			errs = append(errs, badValue(op+"autocomplete", "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_TYPE", "Autocomplete is only allowed on string, integer and number options"))
		}
		for j, ch := range o.Choices {
			cp := op + "choices." + strconv.Itoa(j) + "."
			if n := utf8.RuneCountInString(ch.Name); n < 1 || n > MaxChoiceNameRunes {
				errs = append(errs, badValue(cp+"name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
			}
			if str, ok := ch.Value.(string); ok && utf8.RuneCountInString(str) > MaxChoiceValueRunes {
				errs = append(errs, maxLength(cp+"value", MaxChoiceValueRunes))
			}
		}
	}
	return errs
}

// Commands returns the application commands registered for a guild, or
// the global ones for "".
func (s *Server) Commands(guildID string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Command(nil), s.commands[guildID]...)
}

// commandScopeLocked checks the application and guild of a command route and
// returns the guild id ("" for global), writing the error if invalid.
func (s *Server) commandScopeLocked(w http.ResponseWriter, r *http.Request) (string, bool) {
	if r.PathValue("app") != s.appID {
		writeError(w, http.StatusForbidden, CodeMissingAccess, "Missing Access")
		return "", false
	}
	g := r.PathValue("guild")
	if g != "" && s.guilds[g] == nil {
		writeError(w, http.StatusForbidden, CodeMissingAccess, "Missing Access")
		return "", false
	}
	return g, true
}

func (s *Server) handleListCommands(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.commandScopeLocked(w, r)
	if !ok {
		return
	}
	cmds := s.commands[g]
	if cmds == nil {
		cmds = []Command{}
	}
	writeJSON(w, http.StatusOK, cmds)
}

func (s *Server) handleGetCommand(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.commandScopeLocked(w, r)
	if !ok {
		return
	}
	i := commandIndex(s.commands[g], r.PathValue("command"))
	if i < 0 {
		unknownCommand(w)
		return
	}
	writeJSON(w, http.StatusOK, s.commands[g][i])
}

// commandIndex returns the index of the command with the given id in list,
// or -1.
func commandIndex(list []Command, id string) int {
	return slices.IndexFunc(list, func(c Command) bool { return c.ID == id })
}

// finishCommandLocked fills the server-side fields of c, keeping the id of an
// existing command of the same name and type.
func (s *Server) finishCommandLocked(c *Command, guildID string) {
	c.ApplicationID = s.appID
	c.GuildID = guildID
	c.Version = s.newID()
	c.ID = ""
	for _, old := range s.commands[guildID] {
		if old.Name == c.Name && old.Type == c.Type {
			c.ID = old.ID
		}
	}
	if c.ID == "" {
		c.ID = s.newID()
	}
}

func (s *Server) handleOverwriteCommands(w http.ResponseWriter, r *http.Request) {
	var cmds []Command
	if !readJSON(w, r, &cmds) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.commandScopeLocked(w, r)
	if !ok {
		return
	}
	var errs []fieldError
	names := map[string]bool{}
	chat := 0
	for i := range cmds {
		p := strconv.Itoa(i) + "."
		errs = append(errs, validateCommand(p, &cmds[i])...)
		key := strconv.Itoa(cmds[i].Type) + "/" + cmds[i].Name
		if names[key] {
			errs = append(errs, badValue(p+"name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"))
		}
		names[key] = true
		if cmds[i].Type == 1 {
			chat++
		}
	}
	if chat > MaxChatInputCommands {
		errs = append(errs, maxLength("", MaxChatInputCommands))
	}
	if len(errs) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
		return
	}
	for i := range cmds {
		s.finishCommandLocked(&cmds[i], g)
	}
	if cmds == nil {
		cmds = []Command{}
	}
	s.commands[g] = cmds
	writeJSON(w, http.StatusOK, cmds)
}

func (s *Server) handleCreateCommand(w http.ResponseWriter, r *http.Request) {
	var c Command
	if !readJSON(w, r, &c) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.commandScopeLocked(w, r)
	if !ok {
		return
	}
	if errs := validateCommand("", &c); len(errs) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
		return
	}
	s.finishCommandLocked(&c, g)
	if i := commandIndex(s.commands[g], c.ID); i >= 0 {
		s.commands[g][i] = c
		writeJSON(w, http.StatusOK, c)
		return
	}
	s.commands[g] = append(s.commands[g], c)
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) handleDeleteCommand(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.commandScopeLocked(w, r)
	if !ok {
		return
	}
	list := s.commands[g]
	i := commandIndex(list, r.PathValue("command"))
	if i < 0 {
		unknownCommand(w)
		return
	}
	s.commands[g] = append(list[:i:i], list[i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
