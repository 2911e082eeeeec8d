package main

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// Ids and token of the fake Discord's guild, bot and channels.
const (
	botToken     = "soak-bot-token"
	guildID      = "910000000000000001"
	firstChannel = 920000000000000001
)

// destination is one output of the soaked program: a channel the bot
// posts to, or a webhook of a channel of its own.
type destination struct {
	// name is the output's name in the configuration.
	name    string
	channel string
	// hook and hookURL are set for webhook outputs.
	hook, hookURL string
	// path is the REST path the output posts to, without /api/v9, for
	// faults.
	path string
}

// fakeDiscord is the fake Discord with the soak's guild, channels and
// webhooks.
type fakeDiscord struct {
	srv   *discordtest.Server
	dests []destination
}

func newFakeDiscord(webhooks, bots int, log *slog.Logger) *fakeDiscord {
	srv := discordtest.New(discordtest.Options{Logger: log, BotToken: botToken, HeartbeatInterval: 5 * time.Second})
	srv.AddGuild(guildID, "soak")
	fd := &fakeDiscord{srv: srv}
	for k := range webhooks + bots {
		ch := fmt.Sprint(firstChannel + k)
		srv.AddChannel(guildID, ch, fmt.Sprintf("soak-%d", k))
		d := destination{channel: ch}
		if k < webhooks {
			id, _ := srv.AddWebhook(ch)
			d.name, d.hook, d.hookURL = fmt.Sprintf("hook-%d", k), id, srv.WebhookURL(id)
			d.path = "/webhooks/" + id
		} else {
			d.name = fmt.Sprintf("bot-%d", k-webhooks)
			d.path = "/channels/" + ch + "/messages"
		}
		fd.dests = append(fd.dests, d)
	}
	return fd
}

// Close stops the fake.
func (fd *fakeDiscord) Close() { fd.srv.Close() }

// chaosKind is one kind of trouble the fake Discord makes.
type chaosKind int

const (
	// stormGlobal answers every REST request with a global 429.
	stormGlobal chaosKind = iota
	// stormRoute answers one output's posts with 429.
	stormRoute
	// dropPosts resets the connections of a few of one output's posts
	// before they are handled.
	dropPosts
	// dropGateway closes the bot's gateway sockets without a close frame.
	dropGateway
	// closeGateway closes them with close code 4000, after which the bot
	// resumes.
	closeGateway
	chaosKinds
)

func (k chaosKind) String() string {
	return [...]string{"global 429 storm", "route 429 storm", "dropped posts", "dropped gateway", "closed gateway"}[k]
}

// chaosEvent is one trouble made, for the log.
type chaosEvent struct {
	At   time.Time
	Kind chaosKind
	// Dest is the output concerned, if one is.
	Dest string
	// For and RetryAfter describe a storm; Count the posts dropped.
	For, RetryAfter time.Duration
	Count           int
}

// makeTrouble injects one random trouble, scaled to every (the time
// between troubles), and returns it.
func (fd *fakeDiscord) makeTrouble(rng *rand.Rand, every time.Duration, now time.Time) chaosEvent {
	ev := chaosEvent{At: now, Kind: chaosKind(rng.IntN(int(chaosKinds)))}
	d := fd.dests[rng.IntN(len(fd.dests))]
	// A storm lasts a quarter to half of the time to the next trouble,
	// at most 30 s, and asks clients to wait 0.2-2.5 s.
	storm := min(every/4+time.Duration(rng.Int64N(int64(every/4)+1)), 30*time.Second)
	retry := 200*time.Millisecond + time.Duration(rng.Int64N(int64(2300*time.Millisecond)))
	switch ev.Kind {
	case stormGlobal:
		ev.For, ev.RetryAfter = storm, retry
		fd.srv.Inject(discordtest.Fault{Status: http.StatusTooManyRequests, Global: true, RetryAfter: retry, Until: now.Add(storm)})
	case stormRoute:
		ev.Dest, ev.For, ev.RetryAfter = d.name, storm, retry
		fd.srv.Inject(discordtest.Fault{Method: http.MethodPost, Path: d.path, Status: http.StatusTooManyRequests, RetryAfter: retry, Until: now.Add(storm)})
	case dropPosts:
		ev.Dest, ev.Count = d.name, 1+rng.IntN(3)
		fd.srv.Inject(discordtest.Fault{Method: http.MethodPost, Path: d.path, Status: 0, Count: ev.Count, Until: now.Add(every)})
	case dropGateway:
		fd.srv.DropGateway()
	case closeGateway:
		fd.srv.CloseGateway(4000, "unknown error")
	}
	return ev
}

// requestCounts sums up the fake's request log.
type requestCounts struct {
	// Posts counts the requests to the outputs' routes.
	Posts int
	// Storm429 counts the 429s injected storms answered; Limit429 those
	// the fake's own rate limits answered.
	Storm429, Limit429 int
	// Dropped counts connections reset before an answer.
	Dropped int
}

func (fd *fakeDiscord) requestCounts() requestCounts {
	var c requestCounts
	for _, r := range fd.srv.Requests() {
		switch {
		case r.Status == 0 && r.Fault:
			c.Dropped++
		case r.Status == http.StatusTooManyRequests && r.Fault:
			c.Storm429++
		case r.Status == http.StatusTooManyRequests:
			c.Limit429++
		}
		if r.Method == http.MethodPost {
			for _, d := range fd.dests {
				if strings.Contains(r.Path, d.path) {
					c.Posts++
					break
				}
			}
		}
	}
	return c
}
