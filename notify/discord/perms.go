package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// permsTTL is how long the bot trusts what it read of a guild's roles and
// a channel's overwrites before it asks Discord again.
const permsTTL = time.Minute

// permsCache keeps guilds and channels read for permission checks.
type permsCache struct {
	mu       sync.Mutex
	guilds   map[string]cachedGuild
	channels map[string]cachedChannel
}

type cachedGuild struct {
	owner string
	roles map[string]int64
	at    time.Time
}

type cachedChannel struct {
	guild, parent string
	typ           discordgo.ChannelType
	overwrites    []*discordgo.PermissionOverwrite
	// flags and tags are a forum's.
	flags discordgo.ChannelFlags
	tags  []discordgo.ForumTag
	at    time.Time
}

// call makes a REST request for the bot, within its rate limits, and
// returns the answer's body. A 429, a 5xx or a network error is tried
// again, with backoff or after the wait Discord asks for, while ctx
// allows; Discord's other error answers come back as *APIError.
func (b *Bot) call(ctx context.Context, method, endpoint string, body any) ([]byte, error) {
	backoff := minBackoff
	for {
		raw, err := b.callOnce(ctx, method, endpoint, body)
		if err == nil {
			return raw, nil
		}
		wait, final := classify(err)
		var ae *APIError
		if final != nil || (errors.As(err, &ae) && ae.Status < 500 && ae.Status != http.StatusTooManyRequests) {
			return nil, err
		}
		if wait <= 0 {
			wait, backoff = backoff, min(backoff*2, maxBackoff)
		}
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
			return nil, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
	}
}

// callOnce makes one attempt at a REST request.
func (b *Bot) callOnce(ctx context.Context, method, endpoint string, body any) ([]byte, error) {
	if err := b.waitBucket(ctx, endpoint); err != nil {
		return nil, err
	}
	if err := b.global.wait(ctx); err != nil {
		return nil, err
	}
	ctx, rec := withRecorder(ctx)
	raw, err := b.session.RequestWithBucketID(method, endpoint, body, endpoint,
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
	if err != nil {
		return nil, toAPIError(err, rec)
	}
	return raw, nil
}

// guild returns what permission checks need of a guild.
func (b *Bot) guild(ctx context.Context, id string) (cachedGuild, error) {
	b.perms.mu.Lock()
	g, ok := b.perms.guilds[id]
	b.perms.mu.Unlock()
	if ok && time.Since(g.at) < permsTTL {
		return g, nil
	}
	raw, err := b.call(ctx, http.MethodGet, discordgo.EndpointGuild(id), nil)
	if err != nil {
		return cachedGuild{}, fmt.Errorf("discord: read server %s: %w", id, err)
	}
	var dg discordgo.Guild
	if err := json.Unmarshal(raw, &dg); err != nil {
		return cachedGuild{}, fmt.Errorf("discord: read server %s: %w", id, err)
	}
	g = cachedGuild{owner: dg.OwnerID, roles: map[string]int64{}, at: time.Now()}
	for _, r := range dg.Roles {
		g.roles[r.ID] = r.Permissions
	}
	b.perms.mu.Lock()
	if b.perms.guilds == nil {
		b.perms.guilds = map[string]cachedGuild{}
	}
	b.perms.guilds[id] = g
	b.perms.mu.Unlock()
	return g, nil
}

// channel returns what permission checks and posting need of a channel.
func (b *Bot) channel(ctx context.Context, id string) (cachedChannel, error) {
	b.perms.mu.Lock()
	c, ok := b.perms.channels[id]
	b.perms.mu.Unlock()
	if ok && time.Since(c.at) < permsTTL {
		return c, nil
	}
	raw, err := b.call(ctx, http.MethodGet, discordgo.EndpointChannel(id), nil)
	if err != nil {
		return cachedChannel{}, fmt.Errorf("discord: read channel %s: %w", id, err)
	}
	var dc discordgo.Channel
	if err := json.Unmarshal(raw, &dc); err != nil {
		return cachedChannel{}, fmt.Errorf("discord: read channel %s: %w", id, err)
	}
	c = cachedChannel{guild: dc.GuildID, parent: dc.ParentID, typ: dc.Type, overwrites: dc.PermissionOverwrites,
		flags: dc.Flags, tags: dc.AvailableTags, at: time.Now()}
	b.perms.mu.Lock()
	if b.perms.channels == nil {
		b.perms.channels = map[string]cachedChannel{}
	}
	b.perms.channels[id] = c
	b.perms.mu.Unlock()
	return c, nil
}

// isThread reports whether a channel type is a thread.
func isThread(t discordgo.ChannelType) bool {
	return t == discordgo.ChannelTypeGuildNewsThread || t == discordgo.ChannelTypeGuildPublicThread ||
		t == discordgo.ChannelTypeGuildPrivateThread
}

// isForum reports whether a channel type holds only posts.
func isForum(t discordgo.ChannelType) bool {
	return t == discordgo.ChannelTypeGuildForum || t == discordgo.ChannelTypeGuildMedia
}

// memberPermissions returns the permissions a member with the given roles
// has in a channel, read from Discord: a thread takes its parent
// channel's overwrites.
func (b *Bot) memberPermissions(ctx context.Context, guildID, channelID, userID string, roles []string) (int64, error) {
	g, err := b.guild(ctx, guildID)
	if err != nil {
		return 0, err
	}
	c, err := b.channel(ctx, channelID)
	if err != nil {
		return 0, err
	}
	if isThread(c.typ) && c.parent != "" {
		if c, err = b.channel(ctx, c.parent); err != nil {
			return 0, err
		}
	}
	return computePermissions(g, c.overwrites, guildID, userID, roles), nil
}

// computePermissions computes a member's permissions in a channel as
// Discord does: the @everyone role's and the member's roles' permissions;
// every permission for the owner and for administrators; then the
// channel's overwrites for @everyone, for the member's roles together, and
// for the member. See
// https://discord.com/developers/docs/topics/permissions#permission-overwrites.
func computePermissions(g cachedGuild, overwrites []*discordgo.PermissionOverwrite, guildID, userID string, roles []string) int64 {
	const all = int64(^uint64(0) >> 1)
	if userID != "" && userID == g.owner {
		return all
	}
	perms := g.roles[guildID]
	for _, r := range roles {
		perms |= g.roles[r]
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return all
	}
	var everyone, member *discordgo.PermissionOverwrite
	var roleAllow, roleDeny int64
	for _, o := range overwrites {
		switch {
		case o.Type == discordgo.PermissionOverwriteTypeRole && o.ID == guildID:
			everyone = o
		case o.Type == discordgo.PermissionOverwriteTypeRole && slices.Contains(roles, o.ID):
			roleAllow |= o.Allow
			roleDeny |= o.Deny
		case o.Type == discordgo.PermissionOverwriteTypeMember && o.ID == userID:
			member = o
		}
	}
	if everyone != nil {
		perms = perms&^everyone.Deny | everyone.Allow
	}
	perms = perms&^roleDeny | roleAllow
	if member != nil {
		perms = perms&^member.Deny | member.Allow
	}
	return perms
}

// canManageChannel reports whether permissions include Manage Channels
// (administrators have every permission).
func canManageChannel(perms int64) bool {
	return perms&(discordgo.PermissionManageChannels|discordgo.PermissionAdministrator) != 0
}
