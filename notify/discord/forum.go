package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

// Forum posts. A post is named after its topic and day; the bot finds its
// own post of the day among the forum's active threads after a restart.
// See https://discord.com/developers/docs/resources/channel#start-thread-in-forum-or-media-channel.
const (
	maxPostNameRunes = 100 // a thread's name is 1-100 characters
	// postArchiveMinutes is how long a post stays in the forum's list
	// after its last story: a day, as each day has a post of its own.
	postArchiveMinutes = 1440
	// flagRequireTag is the forum flag that makes posts need a tag.
	flagRequireTag = discordgo.ChannelFlags(1 << 4)
)

// Forum returns the output that posts to a forum channel through the bot:
// a topic's stories of one day go into one post, named after the topic
// and the day (in loc; nil is UTC), and later ones into it as replies.
func (b *Bot) Forum(forumID string, loc *time.Location) *Forum {
	if loc == nil {
		loc = time.UTC
	}
	return &Forum{bot: b, id: forumID, loc: loc, now: time.Now, posts: map[string]string{}}
}

// Forum posts digests to one Discord forum channel, one post per topic
// and day. It is safe for concurrent use.
type Forum struct {
	bot *Bot
	id  string
	loc *time.Location
	now func() time.Time

	mu sync.Mutex
	// posts maps a post's name to its thread, for the posts known.
	posts map[string]string
}

// String names the forum.
func (f *Forum) String() string { return "discord forum " + f.id }

// Send posts a digest to the forum, keeping notify.Sender's contract: each
// group of the digest goes into its topic's post of the day, started with
// the group's first message when there is none yet. A channel that is not
// a forum, or is gone or forbidden, is a *notify.PermanentError.
func (f *Forum) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	if !IsSnowflake(f.id) {
		return &notify.PermanentError{Err: fmt.Errorf("discord: forum id %q is not a snowflake", f.id)}
	}
	day := f.now().In(f.loc).Format(time.DateOnly)
	var msgs []Message
	for _, g := range d.Groups {
		one := *d
		one.Groups = []wirewatch.Group{g}
		for _, m := range f.bot.messages(&one) {
			m.post = postName(groupTitle(g), day)
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	start := time.Now()
	err := f.bot.send.deliver(ctx, msgs, f.post, p)
	f.bot.log.Info("discord forum digest sent", slog.String("forum_id", f.id), slog.String("output", d.Output),
		slog.Int("messages", len(msgs)), slog.Int("stories", d.Len()), slog.Duration("took", time.Since(start)),
		slog.Bool("ok", err == nil))
	return err
}

// postName names a topic's post of a day: "ICBMs · 2026-03-14".
func postName(title, day string) string {
	suffix := " · " + day
	title = strings.Join(strings.Fields(title), " ")
	return truncate(title, maxPostNameRunes-runeLen(suffix)) + suffix
}

// post makes one attempt at posting m: as a reply in its post when the
// post exists and takes it, else as the first message of a new post.
func (f *Forum) post(ctx context.Context, m Message) (string, error) {
	thread, err := f.thread(ctx, m.post)
	if err != nil {
		return "", err
	}
	if thread != "" {
		id, err := f.bot.postChannel(ctx, thread, m)
		if !postGone(err) {
			return id, err
		}
		// Deleted, or archived and locked by a moderator: the stories go
		// into a new post.
		f.bot.log.Info("discord forum post gone, starting another", slog.String("forum_id", f.id),
			slog.String("thread_id", thread), slog.Any("error", err))
		f.mu.Lock()
		delete(f.posts, m.post)
		f.mu.Unlock()
	}
	return f.start(ctx, m)
}

// postGone reports whether posting in a thread failed because the thread
// is deleted, or archived and locked.
func postGone(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Code == codeUnknownChannel || ae.Code == codeArchivedThread || ae.Code == codeThreadLocked)
}

// thread returns the thread of a post: known, else found among the
// forum's active threads as one the bot started under that name; "" when
// there is none.
func (f *Forum) thread(ctx context.Context, name string) (string, error) {
	f.mu.Lock()
	id, ok := f.posts[name]
	f.mu.Unlock()
	if ok {
		return id, nil
	}
	forum, err := f.forum(ctx)
	if err != nil {
		return "", err
	}
	self, err := f.bot.selfID(ctx)
	if err != nil {
		return "", err
	}
	raw, err := f.bot.call(ctx, http.MethodGet, discordgo.EndpointGuildActiveThreads(forum.guild), nil)
	if err != nil {
		return "", err
	}
	var list discordgo.ThreadsList
	if err := json.Unmarshal(raw, &list); err != nil {
		return "", fmt.Errorf("discord: active threads: %w", err)
	}
	for _, th := range list.Threads {
		if th.ParentID == f.id && th.Name == name && th.OwnerID == self {
			f.mu.Lock()
			f.posts[name] = th.ID
			f.mu.Unlock()
			return th.ID, nil
		}
	}
	return "", nil
}

// forum reads the forum channel, refusing one that is not a forum.
func (f *Forum) forum(ctx context.Context) (cachedChannel, error) {
	c, err := f.bot.channel(ctx, f.id)
	if err != nil {
		return c, err
	}
	if !isForum(c.typ) {
		return c, &notify.PermanentError{Err: fmt.Errorf("discord: channel %s is not a forum (type %d)", f.id, c.typ)}
	}
	return c, nil
}

// forumPost is the body of a forum thread start.
type forumPost struct {
	Name                string       `json:"name"`
	AutoArchiveDuration int          `json:"auto_archive_duration"`
	Message             forumMessage `json:"message"`
	AppliedTags         []string     `json:"applied_tags,omitempty"`
}

// forumMessage is a post's first message: a message without a nonce,
// which forum posts do not take.
type forumMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
}

// start starts m's post with m as its first message and returns the
// message's id.
func (f *Forum) start(ctx context.Context, m Message) (string, error) {
	forum, err := f.forum(ctx)
	if err != nil {
		return "", err
	}
	body := forumPost{Name: m.post, AutoArchiveDuration: postArchiveMinutes,
		Message: forumMessage{Content: m.Content, Embeds: m.Embeds, AllowedMentions: m.allowedMentions(), Components: m.Components}}
	if forum.flags&flagRequireTag != 0 {
		if tag := postTag(forum.tags, m.post); tag != "" {
			body.AppliedTags = []string{tag}
		}
	}
	raw, err := f.bot.call(ctx, http.MethodPost, discordgo.EndpointChannelThreads(f.id), body)
	if err != nil {
		return "", err
	}
	var th struct {
		ID      string `json:"id"`
		Message struct {
			ID string `json:"id"`
		} `json:"message"`
	}
	if err := json.Unmarshal(raw, &th); err != nil || !IsSnowflake(th.ID) {
		return "", fmt.Errorf("discord: forum post started, but the answer names no thread")
	}
	f.mu.Lock()
	f.posts[m.post] = th.ID
	f.mu.Unlock()
	f.bot.log.Info("discord forum post started", slog.String("forum_id", f.id), slog.String("thread_id", th.ID))
	if th.Message.ID != "" {
		return th.Message.ID, nil
	}
	return th.ID, nil
}

// postTag chooses the tag of a post in a forum that requires one: the tag
// whose name begins the post's name, else the first that anyone may set.
func postTag(tags []discordgo.ForumTag, name string) string {
	lower := strings.ToLower(name)
	for _, t := range tags {
		if t.Name != "" && strings.HasPrefix(lower, strings.ToLower(t.Name)) {
			return t.ID
		}
	}
	for _, t := range tags {
		if !t.Moderated {
			return t.ID
		}
	}
	return ""
}
