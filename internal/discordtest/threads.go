package discordtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Thread limits.
// See https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel
// and https://discord.com/developers/docs/topics/threads.
const (
	MaxThreadNameRunes = 100
	// MaxActiveThreads is how many threads a guild may have active.
	MaxActiveThreads = 1000
	// MaxAppliedTags is how many tags a forum post may carry.
	MaxAppliedTags = 5
)

// AutoArchiveDurations are the auto_archive_duration values, in minutes,
// a thread may have.
var AutoArchiveDurations = []int{60, 1440, 4320, 10080}

// Error codes of threads and forums.
const (
	CodeUnknownTag           = 10087
	CodeCannotSendInForum    = 40058
	CodeForumTagRequired     = 40067
	CodeNonTextChannel       = 50008
	CodeArchivedThread       = 50083
	CodeThreadAlreadyCreated = 160004
	CodeThreadLocked         = 160005
	CodeMaxActiveThreads     = 160006
	CodeMissingPermissions   = 50013
	CodeMaxReactions         = 30010
	CodeUnknownEmoji         = 10014
)

// ThreadInfo is a thread as tests see it.
type ThreadInfo struct {
	ID, ParentID, Name, OwnerID string
	Archived, Locked            bool
	AutoArchiveDuration         int
	AppliedTags                 []string
	// Messages counts the messages the thread shows.
	Messages int
}

// AddThread adds an active public thread, started by someone else, to a
// text or forum channel.
func (s *Server) AddThread(parentID, threadID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.channels[parentID]
	if parent == nil {
		return
	}
	s.addThreadLocked(parent, threadID, name, ChannelPublicThread, "1", 4320)
}

func (s *Server) addThreadLocked(parent *channel, id, name string, typ int, owner string, autoArchive int) *channel {
	now := s.now()
	th := &channel{id: id, guildID: parent.guildID, name: name, typ: typ, parentID: parent.id,
		thread: &threadState{ownerID: owner, autoArchive: autoArchive, archivedAt: now, created: now}}
	s.channels[id] = th
	if g := s.guilds[parent.guildID]; g != nil {
		g.channels = append(g.channels, id)
	}
	return th
}

// ArchiveThread archives a thread, as Discord does after its inactivity
// or a moderator does by hand; locked, only moderators may unarchive it.
func (s *Server) ArchiveThread(threadID string, locked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if th := s.channels[threadID]; th != nil && th.thread != nil {
		th.thread.archived, th.thread.locked, th.thread.archivedAt = true, locked, s.now()
	}
}

// SetForumTags gives a forum its tags; with require, a post must carry
// one of them.
func (s *Server) SetForumTags(forumID string, require bool, tags ...ForumTag) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.channels[forumID]
	if ch == nil {
		return
	}
	ch.tags = slices.Clone(tags)
	ch.flags &^= flagRequireTag
	if require {
		ch.flags |= flagRequireTag
	}
}

// flagRequireTag is the channel flag REQUIRE_TAG.
const flagRequireTag = 1 << 4

// Threads returns the threads of a channel (a forum's posts), oldest
// first.
func (s *Server) Threads(parentID string) []ThreadInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ThreadInfo
	for _, ch := range s.channels {
		if ch.thread == nil || ch.parentID != parentID {
			continue
		}
		t := ch.thread
		out = append(out, ThreadInfo{ID: ch.id, ParentID: ch.parentID, Name: ch.name, OwnerID: t.ownerID,
			Archived: t.archived, Locked: t.locked, AutoArchiveDuration: t.autoArchive,
			AppliedTags: slices.Clone(t.appliedTags), Messages: len(ch.messages)})
	}
	sort.Slice(out, func(i, j int) bool { return snowflakeLess(out[i].ID, out[j].ID) })
	return out
}

func snowflakeLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// activeThreadsLocked counts a guild's active threads.
func (s *Server) activeThreadsLocked(guildID string) int {
	n := 0
	for _, ch := range s.channels {
		if ch.guildID == guildID && ch.thread != nil && !ch.thread.archived {
			n++
		}
	}
	return n
}

// postableLocked checks that the bot may post a message in ch, writing
// Discord's answer when not: forums take no messages, only posts, and an
// archived thread takes one only when it is not locked, which unarchives
// it.
func (s *Server) postableLocked(w http.ResponseWriter, ch *channel) bool {
	switch {
	case isForum(ch.typ):
		writeError(w, http.StatusBadRequest, CodeCannotSendInForum, "Cannot send messages in a forum channel")
		return false
	case ch.typ == ChannelCategory:
		writeError(w, http.StatusBadRequest, CodeNonTextChannel, "Cannot send messages in a non-text channel")
		return false
	case ch.thread != nil && ch.thread.archived && ch.thread.locked:
		writeError(w, http.StatusBadRequest, CodeArchivedThread, "Thread is archived")
		return false
	case ch.thread != nil && ch.thread.archived:
		// Sending a message unarchives a thread that is not locked.
		ch.thread.archived, ch.thread.archivedAt = false, s.now()
	}
	return true
}

// threadBody is the body of a thread start.
type threadBody struct {
	Name        *string         `json:"name"`
	AutoArchive *int            `json:"auto_archive_duration"`
	RateLimit   *int            `json:"rate_limit_per_user"`
	Type        *int            `json:"type"`
	Invitable   *bool           `json:"invitable"`
	Message     json.RawMessage `json:"message"`
	AppliedTags []string        `json:"applied_tags"`
}

// readThreadBody reads a JSON or multipart (payload_json) thread body.
func readThreadBody(r *http.Request) (*threadBody, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, errInvalidJSON
	}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(data), params["boundary"])
		data = []byte("{}")
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FormName() == "payload_json" {
				data, _ = io.ReadAll(p)
			}
		}
	}
	var b threadBody
	if json.Unmarshal(data, &b) != nil {
		return nil, errInvalidJSON
	}
	return &b, nil
}

// validateThread checks the fields every thread start shares.
func validateThread(b *threadBody) []fieldError {
	var errs []fieldError
	if b.Name == nil {
		errs = append(errs, required("name"))
	} else if n := runeLen(strings.TrimSpace(*b.Name)); n < 1 || n > MaxThreadNameRunes {
		errs = append(errs, badValue("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
	}
	if b.AutoArchive != nil && !slices.Contains(AutoArchiveDurations, *b.AutoArchive) {
		errs = append(errs, badValue("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of (60, 1440, 4320, 10080)."))
	}
	if b.RateLimit != nil && (*b.RateLimit < 0 || *b.RateLimit > 21600) {
		errs = append(errs, badValue("rate_limit_per_user", "NUMBER_TYPE_MAX", "int value should be less than or equal to 21600."))
	}
	return errs
}

// handleStartThread answers POST /channels/{channel}/threads: a post in a
// forum (with its first message), or a thread without a message in a
// text channel.
func (s *Server) handleStartThread(w http.ResponseWriter, r *http.Request) {
	b, err := readThreadBody(r)
	if err != nil {
		invalidJSON(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.botChannelLocked(w, r.PathValue("channel"))
	if parent == nil {
		return
	}
	if parent.thread != nil || (parent.typ != ChannelText && parent.typ != ChannelAnnouncement && !isForum(parent.typ)) {
		writeError(w, http.StatusBadRequest, CodeNonTextChannel, "Cannot send messages in a non-text channel")
		return
	}
	errs := validateThread(b)
	forum := isForum(parent.typ)
	var msg *messageBody
	switch {
	case forum && len(b.Message) == 0:
		errs = append(errs, required("message"))
	case forum:
		msg = &messageBody{}
		fe, err := decodeJSONBody(b.Message, "message.", msg)
		if err != nil {
			invalidJSON(w)
			return
		}
		errs = append(errs, fe...)
		if len(fe) == 0 {
			errs = append(errs, validateContent("message.", msg)...)
			if msg.Flags&^(FlagSuppressEmbeds|FlagSuppressNotifications) != 0 {
				errs = append(errs, badValue("message.flags", "MESSAGE_INVALID_FLAGS", "Invalid flags"))
			}
		}
		if len(b.AppliedTags) > MaxAppliedTags {
			errs = append(errs, maxLength("applied_tags", MaxAppliedTags))
		}
	case b.Type != nil && *b.Type != ChannelPublicThread && *b.Type != ChannelPrivateThread && *b.Type != ChannelAnnouncementThread:
		errs = append(errs, badValue("type", "BASE_TYPE_CHOICES", "Value must be one of (10, 11, 12)."))
	}
	if len(errs) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
		return
	}
	if forum {
		for _, id := range b.AppliedTags {
			if !slices.ContainsFunc(parent.tags, func(t ForumTag) bool { return t.ID == id }) {
				writeError(w, http.StatusBadRequest, CodeUnknownTag, "Unknown Tag")
				return
			}
		}
		if parent.flags&flagRequireTag != 0 && len(b.AppliedTags) == 0 {
			writeError(w, http.StatusBadRequest, CodeForumTagRequired, "A tag is required to create a forum post in this channel")
			return
		}
		if msg.isEmpty() {
			writeError(w, http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
			return
		}
	}
	if s.activeThreadsLocked(parent.guildID) >= MaxActiveThreads {
		writeError(w, http.StatusBadRequest, CodeMaxActiveThreads, "Maximum number of active threads reached")
		return
	}
	typ := ChannelPrivateThread
	switch {
	case forum:
		typ = ChannelPublicThread
	case parent.typ == ChannelAnnouncement:
		typ = ChannelAnnouncementThread
	case b.Type != nil:
		typ = *b.Type
	}
	auto := 4320
	if b.AutoArchive != nil {
		auto = *b.AutoArchive
	}
	th := s.addThreadLocked(parent, s.newID(), strings.TrimSpace(*b.Name), typ, s.bot.ID, auto)
	out := th.json()
	if forum {
		th.thread.appliedTags = slices.Clone(b.AppliedTags)
		if th.thread.appliedTags == nil {
			th.thread.appliedTags = []string{}
		}
		msg.Nonce, msg.EnforceNonce = nil, false
		m := s.postLocked(th, msg, postOptions{author: s.bot})
		// A post's first message has the post's id.
		m.ID = th.id
		out = th.json()
		out["message"] = m.wire()
	}
	writeJSON(w, http.StatusCreated, out)
}

// handleStartThreadFromMessage answers POST
// /channels/{channel}/messages/{message}/threads: a public thread whose id
// is the message's.
func (s *Server) handleStartThreadFromMessage(w http.ResponseWriter, r *http.Request) {
	b, err := readThreadBody(r)
	if err != nil {
		invalidJSON(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent, _, m := s.botMessageLocked(w, r)
	if m == nil {
		return
	}
	if parent.thread != nil || isForum(parent.typ) {
		writeError(w, http.StatusBadRequest, CodeNonTextChannel, "Cannot send messages in a non-text channel")
		return
	}
	if errs := validateThread(b); len(errs) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
		return
	}
	if s.channels[m.ID] != nil {
		writeError(w, http.StatusBadRequest, CodeThreadAlreadyCreated, "A thread has already been created for this message")
		return
	}
	if s.activeThreadsLocked(parent.guildID) >= MaxActiveThreads {
		writeError(w, http.StatusBadRequest, CodeMaxActiveThreads, "Maximum number of active threads reached")
		return
	}
	typ := ChannelPublicThread
	if parent.typ == ChannelAnnouncement {
		typ = ChannelAnnouncementThread
	}
	auto := 4320
	if b.AutoArchive != nil {
		auto = *b.AutoArchive
	}
	th := s.addThreadLocked(parent, m.ID, strings.TrimSpace(*b.Name), typ, s.bot.ID, auto)
	writeJSON(w, http.StatusCreated, th.json())
}

// handleModifyChannel answers PATCH /channels/{channel} for threads: name,
// archived, locked and auto_archive_duration.
func (s *Server) handleModifyChannel(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Name        *string `json:"name"`
		Archived    *bool   `json:"archived"`
		Locked      *bool   `json:"locked"`
		AutoArchive *int    `json:"auto_archive_duration"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.botChannelLocked(w, r.PathValue("channel"))
	if ch == nil {
		return
	}
	if ch.thread == nil {
		writeError(w, http.StatusForbidden, CodeMissingPermissions, "Missing Permissions")
		return
	}
	var errs []fieldError
	if b.Name != nil {
		if n := runeLen(strings.TrimSpace(*b.Name)); n < 1 || n > MaxThreadNameRunes {
			errs = append(errs, badValue("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
		}
	}
	if b.AutoArchive != nil && !slices.Contains(AutoArchiveDurations, *b.AutoArchive) {
		errs = append(errs, badValue("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of (60, 1440, 4320, 10080)."))
	}
	if len(errs) > 0 {
		writeAPIError(w, http.StatusBadRequest, formBodyError(errs))
		return
	}
	t := ch.thread
	if t.archived && t.locked && (b.Archived == nil || *b.Archived) {
		writeError(w, http.StatusBadRequest, CodeArchivedThread, "Thread is archived")
		return
	}
	if b.Name != nil {
		ch.name = strings.TrimSpace(*b.Name)
	}
	if b.Archived != nil && *b.Archived != t.archived {
		t.archived, t.archivedAt = *b.Archived, s.now()
	}
	if b.Locked != nil {
		t.locked = *b.Locked
	}
	if b.AutoArchive != nil {
		t.autoArchive = *b.AutoArchive
	}
	writeJSON(w, http.StatusOK, ch.json())
}

// handleActiveThreads answers GET /guilds/{guild}/threads/active.
func (s *Server) handleActiveThreads(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.guilds[r.PathValue("guild")]
	if g == nil {
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
		return
	}
	threads := []any{}
	for _, id := range g.channels {
		if ch := s.channels[id]; ch != nil && ch.thread != nil && !ch.thread.archived {
			threads = append(threads, ch.json())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"threads": threads, "members": []any{}})
}

// handleArchivedThreads answers GET
// /channels/{channel}/threads/archived/public: newest archived first,
// before a time, at most limit.
func (s *Server) handleArchivedThreads(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	before := time.Time{}
	if v := q.Get("before"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{badValue("before", "DATE_TIME_TYPE_PARSE", "Could not parse "+v+".")}))
			return
		}
		before = t
	}
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 100 {
			writeAPIError(w, http.StatusBadRequest, formBodyError([]fieldError{badValue("limit", "NUMBER_TYPE_MIN", "int value should be between 2 and 100.")}))
			return
		}
		limit = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.botChannelLocked(w, r.PathValue("channel"))
	if parent == nil {
		return
	}
	var list []*channel
	for _, ch := range s.channels {
		t := ch.thread
		if t != nil && ch.parentID == parent.id && t.archived && ch.typ != ChannelPrivateThread &&
			(before.IsZero() || t.archivedAt.Before(before)) {
			list = append(list, ch)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].thread.archivedAt.After(list[j].thread.archivedAt) })
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	threads := make([]any, len(list))
	for i, ch := range list {
		threads[i] = ch.json()
	}
	writeJSON(w, http.StatusOK, map[string]any{"threads": threads, "members": []any{}, "has_more": more})
}

// handleGetGuild answers GET /guilds/{guild}: its owner and roles.
func (s *Server) handleGetGuild(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.guilds[r.PathValue("guild")]
	if g == nil {
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": g.id, "name": g.name, "owner_id": g.ownerID, "roles": g.roleList(), "emojis": []any{},
		"features": []any{}, "verification_level": 0, "preferred_locale": "en-US",
	})
}

// handleGuildRoles answers GET /guilds/{guild}/roles.
func (s *Server) handleGuildRoles(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.guilds[r.PathValue("guild")]
	if g == nil {
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
		return
	}
	writeJSON(w, http.StatusOK, g.roleList())
}
