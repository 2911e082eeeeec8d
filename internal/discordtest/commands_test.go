package discordtest

import (
	"strings"
	"testing"
)

func TestCommandValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	opt := func(name, desc string, required bool) map[string]any {
		return map[string]any{"type": 3, "name": name, "description": desc, "required": required}
	}
	many := make([]map[string]any, 26)
	for i := range many {
		many[i] = opt("o"+strings.Repeat("x", i), "d", false)
	}
	tests := []struct {
		name    string
		cmd     map[string]any
		errPath string
	}{
		{"valid", map[string]any{"name": "subscribe", "description": "Subscribe", "options": []any{opt("topic", "Topic", true)}}, ""},
		{"upper case name", map[string]any{"name": "Subscribe", "description": "d"}, "0.name"},
		{"name too long", map[string]any{"name": strings.Repeat("a", 33), "description": "d"}, "0.name"},
		{"empty name", map[string]any{"name": "", "description": "d"}, "0.name"},
		{"space in name", map[string]any{"name": "sub scribe", "description": "d"}, "0.name"},
		{"no description", map[string]any{"name": "status"}, "0.description"},
		{"description too long", map[string]any{"name": "status", "description": strings.Repeat("d", 101)}, "0.description"},
		{"26 options", map[string]any{"name": "status", "description": "d", "options": many}, "0.options"},
		{"required after optional", map[string]any{"name": "status", "description": "d", "options": []any{opt("a", "d", false), opt("b", "d", true)}}, "0.options"},
		{"option without description", map[string]any{"name": "status", "description": "d", "options": []any{opt("a", "", false)}}, "0.options.0.description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := botCall(t, s, "PUT", "/applications/"+s.ApplicationID()+"/commands", []any{tt.cmd})
			if tt.errPath == "" {
				if r.status != 200 {
					t.Fatalf("got %v %s, want 200", r.status, r.body)
				}
				return
			}
			if r.status != 400 || r.code(t) != CodeInvalidFormBody || errorAt(t, r.body, tt.errPath) == "" {
				t.Errorf("got %v %s, want 400 50035 at %s", r.status, r.body, tt.errPath)
			}
		})
	}
}

func TestCommandRegistration(t *testing.T) {
	s := newTestServer(t, Options{})
	registerCommands(t, s)
	got := s.Commands(testGuild)
	if len(got) != 3 || got[0].Name != "subscribe" || got[0].DefaultMemberPermissions == nil || *got[0].DefaultMemberPermissions != 16 {
		t.Fatalf("Commands: got %+v", got)
	}
	id := got[0].ID
	registerCommands(t, s)
	if again := s.Commands(testGuild); again[0].ID != id {
		t.Errorf("overwrite changed the id: got %v, want %v", again[0].ID, id)
	}
	if g := s.Commands(""); len(g) != 0 {
		t.Errorf("global commands: got %v, want none", len(g))
	}
	r := botCall(t, s, "GET", "/applications/"+s.ApplicationID()+"/guilds/"+testGuild+"/commands", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `"default_member_permissions":"16"`) {
		t.Errorf("GET commands: %v %s", r.status, r.body)
	}
	if r := botCall(t, s, "PUT", "/applications/1/commands", []any{}); r.status != 403 {
		t.Errorf("other application: got %v, want 403", r.status)
	}
}
