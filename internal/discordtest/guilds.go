package discordtest

import (
	"cmp"
	"slices"
	"time"
)

type guild struct {
	id       string
	name     string
	ownerID  string
	joinedAt time.Time
	channels []string
	// roles are the guild's roles by id; the @everyone role has the
	// guild's id.
	roles map[string]*Role
	// members maps user ids to their role ids.
	members map[string][]string
}

// Channel types.
// See https://discord.com/developers/docs/resources/channel#channel-object-channel-types.
const (
	ChannelText               = 0
	ChannelCategory           = 4
	ChannelAnnouncement       = 5
	ChannelAnnouncementThread = 10
	ChannelPublicThread       = 11
	ChannelPrivateThread      = 12
	ChannelForum              = 15
	ChannelMedia              = 16
)

// isThread reports whether a channel type is a thread.
func isThread(typ int) bool {
	return typ == ChannelAnnouncementThread || typ == ChannelPublicThread || typ == ChannelPrivateThread
}

// isForum reports whether a channel type holds only threads.
func isForum(typ int) bool { return typ == ChannelForum || typ == ChannelMedia }

type channel struct {
	id       string
	guildID  string
	name     string
	typ      int
	parentID string
	denied   bool
	messages []*Message
	// overwrites are the channel's permission overwrites.
	overwrites []Overwrite
	// thread holds a thread's own state; nil for other channels.
	thread *threadState
	// flags are the channel flags (REQUIRE_TAG for forums).
	flags int
	// tags are a forum's tags.
	tags []ForumTag
}

// threadState is what a thread has beyond a channel.
type threadState struct {
	ownerID      string
	archived     bool
	locked       bool
	autoArchive  int
	archivedAt   time.Time
	created      time.Time
	appliedTags  []string
	messageCount int
}

// Role is a guild role.
type Role struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Permissions int64  `json:"permissions,string"`
	Position    int    `json:"position"`
}

// Overwrite is a channel's permission overwrite for a role (Type 0) or a
// member (Type 1).
type Overwrite struct {
	ID    string `json:"id"`
	Type  int    `json:"type"`
	Allow int64  `json:"allow,string"`
	Deny  int64  `json:"deny,string"`
}

// ForumTag is a tag a forum's posts can carry.
type ForumTag struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Moderated bool   `json:"moderated"`
}

// AddGuild adds a guild the bot is in. A bot already identified on the
// gateway receives GUILD_CREATE for it, as when it joins a guild.
func (s *Server) AddGuild(guildID, name string) {
	s.mu.Lock()
	g := s.addGuildLocked(guildID, name)
	payload := s.guildCreateLocked(g)
	s.mu.Unlock()
	s.broadcast("GUILD_CREATE", payload)
}

func (s *Server) addGuildLocked(guildID, name string) *guild {
	if g, ok := s.guilds[guildID]; ok {
		if name != "" {
			g.name = name
		}
		return g
	}
	g := &guild{id: guildID, name: name, joinedAt: s.now(), ownerID: "1", members: map[string][]string{},
		roles: map[string]*Role{guildID: {ID: guildID, Name: "@everyone", Permissions: defaultEveryone}}}
	s.guilds[guildID] = g
	s.guildOrder = append(s.guildOrder, guildID)
	return g
}

// defaultEveryone is what @everyone may do in a new guild: view channels,
// send messages and messages in threads, add reactions, read history.
const defaultEveryone = 1<<10 | 1<<11 | 1<<38 | 1<<6 | 1<<16

// AddChannel adds a text channel to a guild, adding the guild (named by its
// id) if it is not known yet.
func (s *Server) AddChannel(guildID, channelID, name string) {
	s.addChannel(guildID, channelID, name, ChannelText)
}

// AddForum adds a forum channel to a guild: it holds only threads (posts),
// started with POST /channels/{forum}/threads.
func (s *Server) AddForum(guildID, channelID, name string) {
	s.addChannel(guildID, channelID, name, ChannelForum)
}

func (s *Server) addChannel(guildID, channelID, name string, typ int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.addGuildLocked(guildID, "")
	if g.name == "" {
		g.name = guildID
	}
	if _, ok := s.channels[channelID]; ok {
		return
	}
	s.channels[channelID] = &channel{id: channelID, guildID: guildID, name: name, typ: typ}
	g.channels = append(g.channels, channelID)
}

// AddRole adds a role with the given permission bits to a guild; the
// guild's own id names its @everyone role, whose permissions it replaces.
func (s *Server) AddRole(guildID, roleID, name string, permissions int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.addGuildLocked(guildID, "")
	g.roles[roleID] = &Role{ID: roleID, Name: name, Permissions: permissions, Position: len(g.roles)}
}

// AddMember puts a user in a guild with the given roles, as reaction
// events and interactions show them.
func (s *Server) AddMember(guildID, userID string, roles ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.addGuildLocked(guildID, "")
	g.members[userID] = append([]string(nil), roles...)
}

// SetOwner makes a user the guild's owner, who has every permission.
func (s *Server) SetOwner(guildID, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addGuildLocked(guildID, "").ownerID = userID
}

// SetOverwrite sets (replaces, by id) a permission overwrite of a channel.
func (s *Server) SetOverwrite(channelID string, o Overwrite) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[channelID]
	if ch == nil {
		return
	}
	for i := range ch.overwrites {
		if ch.overwrites[i].ID == o.ID {
			ch.overwrites[i] = o
			return
		}
	}
	ch.overwrites = append(ch.overwrites, o)
}

// DenyChannel makes the channel refuse the bot: posting there answers
// 403 with code 50001 (Missing Access), as when the bot lost its
// permissions. Webhooks of the channel keep working.
func (s *Server) DenyChannel(channelID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.channels[channelID]; ch != nil {
		ch.denied = true
	}
}

// RemoveChannel deletes a channel: the bot's requests to it answer 404
// with code 10003 (Unknown Channel) and its webhooks 10015.
func (s *Server) RemoveChannel(channelID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[channelID]
	if ch == nil {
		return
	}
	delete(s.channels, channelID)
	for id, wh := range s.webhooks {
		if wh.channelID == channelID {
			delete(s.webhooks, id)
		}
	}
	if g := s.guilds[ch.guildID]; g != nil {
		for i, c := range g.channels {
			if c == channelID {
				g.channels = append(g.channels[:i], g.channels[i+1:]...)
				break
			}
		}
	}
}

// json renders the channel as Discord sends it.
func (ch *channel) json() map[string]any {
	overwrites := ch.overwrites
	if overwrites == nil {
		overwrites = []Overwrite{}
	}
	var parent any
	if ch.parentID != "" {
		parent = ch.parentID
	}
	m := map[string]any{
		"id":                    ch.id,
		"type":                  ch.typ,
		"guild_id":              ch.guildID,
		"name":                  ch.name,
		"position":              0,
		"permission_overwrites": overwrites,
		"nsfw":                  false,
		"parent_id":             parent,
		"topic":                 nil,
		"last_message_id":       ch.lastMessageID(),
		"rate_limit_per_user":   0,
		"flags":                 ch.flags,
	}
	if isForum(ch.typ) {
		tags := ch.tags
		if tags == nil {
			tags = []ForumTag{}
		}
		m["available_tags"] = tags
		m["default_auto_archive_duration"] = 4320
	}
	if t := ch.thread; t != nil {
		delete(m, "permission_overwrites")
		m["owner_id"] = t.ownerID
		m["message_count"] = t.messageCount
		m["thread_metadata"] = map[string]any{
			"archived": t.archived, "locked": t.locked, "auto_archive_duration": t.autoArchive,
			"archive_timestamp": t.archivedAt.UTC().Format(time.RFC3339), "create_timestamp": t.created.UTC().Format(time.RFC3339),
		}
		if t.appliedTags != nil {
			m["applied_tags"] = t.appliedTags
		}
	}
	return m
}

func (ch *channel) lastMessageID() any {
	if len(ch.messages) == 0 {
		return nil
	}
	return ch.messages[len(ch.messages)-1].ID
}

// guildCreateLocked builds the GUILD_CREATE payload of g.
func (s *Server) guildCreateLocked(g *guild) map[string]any {
	chans := make([]any, 0, len(g.channels))
	threads := []any{}
	for _, id := range g.channels {
		ch := s.channels[id]
		switch {
		case ch == nil:
		case ch.thread != nil:
			if !ch.thread.archived {
				threads = append(threads, ch.json())
			}
		default:
			chans = append(chans, ch.json())
		}
	}
	return map[string]any{
		"id":                 g.id,
		"name":               g.name,
		"owner_id":           g.ownerID,
		"unavailable":        false,
		"member_count":       2,
		"large":              false,
		"joined_at":          g.joinedAt.UTC().Format(time.RFC3339),
		"channels":           chans,
		"threads":            threads,
		"members":            []any{},
		"roles":              g.roleList(),
		"emojis":             []any{},
		"stickers":           []any{},
		"voice_states":       []any{},
		"presences":          []any{},
		"features":           []any{},
		"preferred_locale":   "en-US",
		"verification_level": 0,
	}
}

// roleList returns the guild's roles, @everyone first, as Discord lists
// them.
func (g *guild) roleList() []*Role {
	out := make([]*Role, 0, len(g.roles))
	for _, r := range g.roles {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Role) int { return cmp.Compare(a.Position, b.Position) })
	return out
}
