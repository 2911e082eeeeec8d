package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const (
	testForum  = "900000000000000010"
	testThread = "900000000000000011"
)

func TestForumPosts(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	s.AddForum(testGuild, testForum, "news-forum")
	msg := map[string]any{"content": "first", "allowed_mentions": map[string]any{"parse": []string{}}}
	long := strings.Repeat("界", MaxThreadNameRunes+1)
	tests := []struct {
		name   string
		path   string
		body   any
		status int
		code   int
	}{
		{"message in a forum", "/channels/" + testForum + "/messages", msg, 400, CodeCannotSendInForum},
		{"post without a name", "/channels/" + testForum + "/threads", map[string]any{"message": msg}, 400, CodeInvalidFormBody},
		{"name too long", "/channels/" + testForum + "/threads", map[string]any{"name": long, "message": msg}, 400, CodeInvalidFormBody},
		{"blank name", "/channels/" + testForum + "/threads", map[string]any{"name": "   ", "message": msg}, 400, CodeInvalidFormBody},
		{"bad auto archive", "/channels/" + testForum + "/threads", map[string]any{"name": "x", "auto_archive_duration": 30, "message": msg}, 400, CodeInvalidFormBody},
		{"post without a message", "/channels/" + testForum + "/threads", map[string]any{"name": "x"}, 400, CodeInvalidFormBody},
		{"empty message", "/channels/" + testForum + "/threads", map[string]any{"name": "x", "message": map[string]any{"content": ""}}, 400, CodeEmptyMessage},
		{"message too long", "/channels/" + testForum + "/threads", map[string]any{"name": "x", "message": map[string]any{"content": strings.Repeat("a", MaxContentRunes+1)}}, 400, CodeInvalidFormBody},
		{"unknown tag", "/channels/" + testForum + "/threads", map[string]any{"name": "x", "message": msg, "applied_tags": []string{"1"}}, 400, CodeUnknownTag},
		{"post", "/channels/" + testForum + "/threads", map[string]any{"name": strings.Repeat("界", MaxThreadNameRunes), "auto_archive_duration": 1440, "message": msg}, 201, 0},
	}
	for _, tt := range tests {
		clock.Advance(ChannelMessageWindow) // past the channel's rate limit
		r := botCall(t, s, "POST", tt.path, tt.body)
		if r.status != tt.status || (tt.code != 0 && r.code(t) != tt.code) {
			t.Errorf("%s: %d %s, want %d code %d", tt.name, r.status, r.body, tt.status, tt.code)
		}
	}
	threads := s.Threads(testForum)
	if len(threads) != 1 {
		t.Fatalf("forum has %d posts, want 1", len(threads))
	}
	post := threads[0]
	if post.OwnerID != s.ApplicationID() || post.AutoArchiveDuration != 1440 || post.Messages != 1 {
		t.Errorf("post = %+v, want the bot's, archiving after 1440 minutes, with its first message", post)
	}
	if tr := s.Transcript(post.ID); len(tr) != 1 || tr[0].ID != post.ID || tr[0].Content != "first" || tr[0].ChannelID != post.ID {
		t.Errorf("post transcript = %+v, want its first message, with the post's id", tr)
	}
	// Replies go into the post as messages.
	if r := botCall(t, s, "POST", "/channels/"+post.ID+"/messages", map[string]any{"content": "reply"}); r.status != 200 {
		t.Fatalf("reply: %d %s", r.status, r.body)
	}
	// The guild's active threads list it, with its parent and owner.
	r := botCall(t, s, "GET", "/guilds/"+testGuild+"/threads/active", nil)
	var raw struct {
		Threads []map[string]any `json:"threads"`
	}
	if err := json.Unmarshal(r.body, &raw); err != nil || len(raw.Threads) != 1 {
		t.Fatalf("active threads: %s", r.body)
	}
	th := raw.Threads[0]
	if th["id"] != post.ID || th["parent_id"] != testForum || th["owner_id"] != s.ApplicationID() || th["type"] != float64(ChannelPublicThread) {
		t.Errorf("active thread = %v", th)
	}

	// A forum that requires a tag refuses a post without one.
	clock.Advance(ChannelMessageWindow)
	s.SetForumTags(testForum, true, ForumTag{ID: "901", Name: "icbm"}, ForumTag{ID: "902", Name: "mod", Moderated: true})
	if r := botCall(t, s, "POST", "/channels/"+testForum+"/threads", map[string]any{"name": "y", "message": msg}); r.status != 400 || r.code(t) != CodeForumTagRequired {
		t.Errorf("untagged post in a forum requiring tags: %d %s, want 400 %d", r.status, r.body, CodeForumTagRequired)
	}
	clock.Advance(ChannelMessageWindow)
	if r := botCall(t, s, "POST", "/channels/"+testForum+"/threads", map[string]any{"name": "y", "message": msg, "applied_tags": []string{"901"}}); r.status != 201 {
		t.Errorf("tagged post: %d %s", r.status, r.body)
	}
	if got := s.Threads(testForum); len(got) != 2 || len(got[1].AppliedTags) != 1 || got[1].AppliedTags[0] != "901" {
		t.Errorf("posts after the tagged one = %+v", got)
	}
}

func TestThreadArchiving(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	s.AddThread(testChannel, testThread, "launches")
	post := func() response {
		clock.Advance(ChannelMessageWindow)
		return botCall(t, s, "POST", "/channels/"+testThread+"/messages", map[string]any{"content": "story"})
	}
	if r := post(); r.status != 200 {
		t.Fatalf("post in thread: %d %s", r.status, r.body)
	}
	// Sending to an archived thread unarchives it.
	s.ArchiveThread(testThread, false)
	if r := post(); r.status != 200 {
		t.Fatalf("post in archived thread: %d %s", r.status, r.body)
	}
	if th := s.Threads(testChannel); th[0].Archived || th[0].Messages != 2 {
		t.Errorf("after posting in the archived thread: %+v, want it active with 2 messages", th[0])
	}
	// A locked archived thread refuses.
	s.ArchiveThread(testThread, true)
	if r := post(); r.status != 400 || r.code(t) != CodeArchivedThread {
		t.Errorf("post in a locked archived thread: %d %s, want 400 %d", r.status, r.body, CodeArchivedThread)
	}
	r := botCall(t, s, "GET", "/channels/"+testChannel+"/threads/archived/public?limit=2", nil)
	if !strings.Contains(string(r.body), testThread) {
		t.Errorf("archived threads of the channel: %s, want the thread", r.body)
	}
	if r := botCall(t, s, "GET", "/channels/"+testChannel+"/threads/archived/public?limit=1", nil); r.status != 400 {
		t.Errorf("archived threads with limit 1: %d, want 400", r.status)
	}
	r = botCall(t, s, "GET", "/channels/"+testThread, nil)
	var ch map[string]any
	_ = json.Unmarshal(r.body, &ch)
	meta, _ := ch["thread_metadata"].(map[string]any)
	if ch["parent_id"] != testChannel || meta["archived"] != true || meta["locked"] != true {
		t.Errorf("GET thread = %s", r.body)
	}
	// Threads started in a text channel, without and from a message.
	if r := botCall(t, s, "POST", "/channels/"+testChannel+"/threads", map[string]any{"name": "side", "type": ChannelPublicThread}); r.status != 201 {
		t.Errorf("start thread without message: %d %s", r.status, r.body)
	}
	m := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", map[string]any{"content": "root"}).json(t)
	id, _ := m["id"].(string)
	if r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages/"+id+"/threads", map[string]any{"name": "about root"}); r.status != 201 || r.json(t)["id"] != id {
		t.Errorf("start thread from message: %d %s, want the message's id", r.status, r.body)
	}
	if r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages/"+id+"/threads", map[string]any{"name": "again"}); r.status != 400 || r.code(t) != CodeThreadAlreadyCreated {
		t.Errorf("second thread from a message: %d %s", r.status, r.body)
	}
}

func TestReactionsDispatchedWithIntent(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	s.AddRole(testGuild, "700", "editors", 1<<4)
	s.AddMember(testGuild, "555", "700")
	m := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", map[string]any{"content": "digest"}).json(t)
	id, _ := m["id"].(string)

	// A session without the reactions intent hears nothing of them.
	plain := dialGateway(t, s)
	plain.identify("Bot " + testToken)
	withIntent := dialGateway(t, s)
	if f := withIntent.read(); f.Op != 10 {
		t.Fatalf("first op %d", f.Op)
	}
	withIntent.send(2, map[string]any{"token": "Bot " + testToken, "intents": IntentGuilds | IntentGuildMessageReactions, "properties": map[string]string{}})
	withIntent.until("READY")
	if got := s.Intents(); got != IntentGuilds|IntentGuildMessageReactions {
		t.Errorf("Intents() = %d, want the last Identify's", got)
	}

	if err := s.React(Reaction{GuildID: testGuild, ChannelID: testChannel, MessageID: id, UserID: "555", Emoji: "🔕"}); err != nil {
		t.Fatal(err)
	}
	f := withIntent.until("MESSAGE_REACTION_ADD")
	var ev struct {
		UserID, ChannelID, MessageID, GuildID, MessageAuthorID string
		Member                                                 struct{ Roles []string }
		Emoji                                                  struct {
			ID   *string
			Name string
		}
	}
	if err := json.Unmarshal(f.D, &ev); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	_ = json.Unmarshal(f.D, &raw)
	if raw["user_id"] != "555" || raw["message_id"] != id || raw["message_author_id"] != s.ApplicationID() ||
		len(ev.Member.Roles) != 1 || ev.Member.Roles[0] != "700" || ev.Emoji.Name != "🔕" || ev.Emoji.ID != nil {
		t.Errorf("MESSAGE_REACTION_ADD = %s", f.D)
	}
	if tr := s.Transcript(testChannel); len(tr[0].Reactions) != 1 || tr[0].Reactions[0].Users[0] != "555" {
		t.Errorf("transcript reactions = %+v", tr[0].Reactions)
	}
	// The plain session got no reaction: the next thing it sees is a
	// guild created after the reaction.
	s.AddGuild("900000000000000099", "later")
	if f := plain.until("GUILD_CREATE"); f.T != "GUILD_CREATE" {
		t.Errorf("plain session: %s", f.T)
	}

	// The bot's own reaction through REST, and the rules.
	if r := botCall(t, s, "PUT", "/channels/"+testChannel+"/messages/"+id+"/reactions/%E2%9C%85/@me", nil); r.status != http.StatusNoContent {
		t.Errorf("own reaction: %d %s", r.status, r.body)
	}
	if tr := s.Transcript(testChannel); len(tr[0].Reactions) != 2 || tr[0].Reactions[1].Emoji != "✅" {
		t.Errorf("after the bot's reaction: %+v", tr[0].Reactions)
	}
	clock.Advance(ReactionWindow)
	if r := botCall(t, s, "PUT", "/channels/"+testChannel+"/messages/1/reactions/%E2%9C%85/@me", nil); r.status != 404 || r.code(t) != CodeUnknownMessage {
		t.Errorf("reaction on an unknown message: %d %s", r.status, r.body)
	}
	for i := range MaxReactions - 2 {
		if err := s.React(Reaction{GuildID: testGuild, ChannelID: testChannel, MessageID: id, UserID: "555", Emoji: fmt.Sprintf("e%d:%d", i, 100000000000000000+i)}); err != nil {
			t.Fatalf("reaction %d: %v", i, err)
		}
	}
	if err := s.React(Reaction{GuildID: testGuild, ChannelID: testChannel, MessageID: id, UserID: "555", Emoji: "🔥"}); err == nil {
		t.Errorf("a 21st emoji was accepted")
	}
	if err := s.Unreact(Reaction{GuildID: testGuild, ChannelID: testChannel, MessageID: id, UserID: "555", Emoji: "🔕"}); err != nil {
		t.Fatal(err)
	}
	if f := withIntent.until("MESSAGE_REACTION_REMOVE"); !strings.Contains(string(f.D), "🔕") {
		t.Errorf("MESSAGE_REACTION_REMOVE = %s", f.D)
	}
}

func TestGuildRolesAndOverwrites(t *testing.T) {
	s := newTestServer(t, Options{})
	s.AddRole(testGuild, "700", "editors", 1<<4)
	s.SetOwner(testGuild, "42")
	s.SetOverwrite(testChannel, Overwrite{ID: "700", Type: 0, Deny: 1 << 4})
	g := botCall(t, s, "GET", "/guilds/"+testGuild, nil).json(t)
	roles, _ := g["roles"].([]any)
	if g["owner_id"] != "42" || len(roles) != 2 {
		t.Errorf("GET guild = %v, want owner 42 and two roles", g)
	}
	ch := botCall(t, s, "GET", "/channels/"+testChannel, nil).json(t)
	ow, _ := ch["permission_overwrites"].([]any)
	if len(ow) != 1 || ow[0].(map[string]any)["deny"] != "16" {
		t.Errorf("overwrites = %v", ch["permission_overwrites"])
	}
	if r := botCall(t, s, "GET", "/guilds/1/roles", nil); r.status != 404 {
		t.Errorf("roles of an unknown guild: %d", r.status)
	}
}

func TestComponentInteractions(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	opts := func(n int) []map[string]any {
		var out []map[string]any
		for i := range n {
			out = append(out, map[string]any{"label": fmt.Sprintf("Story %d", i+1), "value": fmt.Sprint(i + 1)})
		}
		return out
	}
	msg := func(options []map[string]any) map[string]any {
		return map[string]any{"content": "digest", "components": []map[string]any{{"type": 1, "components": []map[string]any{
			{"type": 3, "custom_id": "pick", "placeholder": "Pick a story", "options": options}}}}}
	}
	if r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", msg(opts(MaxSelectOptions+1))); r.status != 400 || !strings.Contains(string(r.body), "options") {
		t.Errorf("select of 26 options: %d %s, want 400 naming options", r.status, r.body)
	}
	clock.Advance(ChannelMessageWindow)
	m := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", msg(opts(3))).json(t)
	id, _ := m["id"].(string)

	c := dialGateway(t, s)
	c.identify("Bot " + testToken)
	ctx := t.Context()
	if _, err := s.Interact(ctx, Interaction{GuildID: testGuild, ChannelID: testChannel, Type: InteractionComponent,
		MessageID: id, CustomID: "pick", Values: []string{"9"}}); err == nil {
		t.Errorf("a value that is not an option was sent")
	}
	if _, err := s.Interact(ctx, Interaction{GuildID: testGuild, ChannelID: testChannel, Type: InteractionComponent,
		MessageID: id, CustomID: "nope", Values: []string{"1"}}); err == nil {
		t.Errorf("a component the message lacks was used")
	}
	res, err := s.Interact(ctx, Interaction{GuildID: testGuild, ChannelID: testChannel, Type: InteractionComponent,
		MessageID: id, CustomID: "pick", Values: []string{"2"}, Permissions: 16})
	if err != nil {
		t.Fatal(err)
	}
	f := c.until("INTERACTION_CREATE")
	var ev struct {
		Type int
		Data struct {
			CustomID      string   `json:"custom_id"`
			ComponentType int      `json:"component_type"`
			Values        []string `json:"values"`
		}
		Message struct{ ID string }
		Member  struct{ Permissions string }
	}
	if err := json.Unmarshal(f.D, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Type != InteractionComponent || ev.Data.CustomID != "pick" || ev.Data.ComponentType != ComponentStringSelect ||
		len(ev.Data.Values) != 1 || ev.Data.Values[0] != "2" || ev.Message.ID != id || ev.Member.Permissions != "16" {
		t.Errorf("INTERACTION_CREATE = %s", f.D)
	}
	// The bot updates the message it was clicked on.
	r := call(t, s, "POST", "/api/v9/interactions/"+res.ID+"/"+res.Token+"/callback", "",
		map[string]any{"type": CallbackUpdateMessage, "data": map[string]any{"content": "picked", "components": []any{}}})
	if r.status != http.StatusNoContent {
		t.Fatalf("update callback: %d %s", r.status, r.body)
	}
	if err := res.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if tr := s.Transcript(testChannel); tr[0].Content != "picked" || len(tr[0].ComponentList()) != 0 {
		t.Errorf("message after the update: %q with %d component rows", tr[0].Content, len(tr[0].ComponentList()))
	}
}
