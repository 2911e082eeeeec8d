package discordtest

import "time"

type guild struct {
	id       string
	name     string
	joinedAt time.Time
	channels []string
}

type channel struct {
	id       string
	guildID  string
	name     string
	denied   bool
	messages []*Message
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
	g := &guild{id: guildID, name: name, joinedAt: s.now()}
	s.guilds[guildID] = g
	s.guildOrder = append(s.guildOrder, guildID)
	return g
}

// AddChannel adds a text channel to a guild, adding the guild (named by its
// id) if it is not known yet.
func (s *Server) AddChannel(guildID, channelID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.addGuildLocked(guildID, "")
	if g.name == "" {
		g.name = guildID
	}
	if _, ok := s.channels[channelID]; ok {
		return
	}
	s.channels[channelID] = &channel{id: channelID, guildID: guildID, name: name}
	g.channels = append(g.channels, channelID)
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
	return map[string]any{
		"id":                    ch.id,
		"type":                  0,
		"guild_id":              ch.guildID,
		"name":                  ch.name,
		"position":              0,
		"permission_overwrites": []any{},
		"nsfw":                  false,
		"parent_id":             nil,
		"topic":                 nil,
		"last_message_id":       ch.lastMessageID(),
		"rate_limit_per_user":   0,
	}
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
	for _, id := range g.channels {
		if ch := s.channels[id]; ch != nil {
			chans = append(chans, ch.json())
		}
	}
	return map[string]any{
		"id":                 g.id,
		"name":               g.name,
		"owner_id":           "1",
		"unavailable":        false,
		"member_count":       2,
		"large":              false,
		"joined_at":          g.joinedAt.UTC().Format(time.RFC3339),
		"channels":           chans,
		"threads":            []any{},
		"members":            []any{},
		"roles":              []any{},
		"emojis":             []any{},
		"stickers":           []any{},
		"voice_states":       []any{},
		"presences":          []any{},
		"features":           []any{},
		"preferred_locale":   "en-US",
		"verification_level": 0,
	}
}
