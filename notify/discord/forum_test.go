package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/notify"
)

const (
	fakeForum  = "900000000000000020"
	fakeThread = "900000000000000021"
)

// idProgress records the id of each accepted message.
type idProgress struct {
	mu  sync.Mutex
	ids []string
}

func (p *idProgress) Sending(context.Context, notify.Part) error { return nil }

func (p *idProgress) Accepted(_ context.Context, _ notify.Part, id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ids = append(p.ids, id)
	return nil
}

// posts returns the forum's posts as "name:messages".
func posts(fake *discordtest.Server, forum string) []string {
	var out []string
	for _, th := range fake.Threads(forum) {
		out = append(out, fmt.Sprintf("%s:%d", th.Name, th.Messages))
	}
	return out
}

// dayItems are stories of two topics, for a day's forum posts.
func dayItems(prefix string) []*wirewatch.Item {
	return []*wirewatch.Item{
		story(prefix+"q", "USGS", "M6.1 quake near Honshu "+prefix, "Strong shaking.", "en", "quakes", "quake"),
		story(prefix+"e", "Al Jazeera", "أسعار النفط ترتفع "+prefix, "ارتفعت أسعار النفط.", "ar", "energy", "النفط"),
	}
}

func TestForumPostPerTopicAndDay(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(t, &logs)
	fake.AddForum(fakeGuild, fakeForum, "wire-forum")
	// The forum requires a tag: posts get their topic's, else the first
	// that anyone may set.
	fake.SetForumTags(fakeForum, true, discordtest.ForumTag{ID: "901", Name: "Mod only", Moderated: true},
		discordtest.ForumTag{ID: "903", Name: "General"}, discordtest.ForumTag{ID: "902", Name: "Earthquakes"})
	day := time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC)
	paris, _ := time.LoadLocation("Europe/Paris")
	forum := func() *Forum {
		f := bot.Forum(fakeForum, paris)
		f.now = func() time.Time { return day }
		return f
	}
	f := forum()
	ctx := context.Background()
	var p idProgress
	if err := f.Send(ctx, build(wirewatch.KindDigest, 0, dayItems("a")...), &p); err != nil {
		t.Fatalf("Send: %v", err)
	}
	// 23:30 UTC is already the 15th in Paris.
	want := []string{"Earthquakes · 2026-03-15:1", "Energy @everyone · 2026-03-15:1"}
	if got := posts(fake, fakeForum); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("forum posts = %v, want %v", got, want)
	}
	threads := fake.Threads(fakeForum)
	if len(p.ids) != 2 || p.ids[0] != threads[0].ID || threads[0].AutoArchiveDuration != postArchiveMinutes {
		t.Errorf("accepted ids %v, posts %+v: want each post's first message reported with the post's id", p.ids, threads)
	}
	first := fake.Transcript(threads[0].ID)[0]
	if first.CouldPing() || !strings.Contains(first.Embeds[0].Description, "M6.1 quake") {
		t.Errorf("first message of the quakes post: %+v", first)
	}

	// Later stories of the day are replies in the day's posts, also after
	// a restart, which finds the posts among the forum's active threads.
	if err := f.Send(ctx, build(wirewatch.KindAlert, 0, dayItems("b")...), &p); err != nil {
		t.Fatal(err)
	}
	if err := forum().Send(ctx, build(wirewatch.KindDigest, 0, dayItems("c")...), &p); err != nil {
		t.Fatal(err)
	}
	want = []string{"Earthquakes · 2026-03-15:3", "Energy @everyone · 2026-03-15:3"}
	if got := posts(fake, fakeForum); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after two more deliveries, one by a restarted bot: %v, want %v", got, want)
	}

	// A post a moderator locked takes no more stories: they start another.
	fake.ArchiveThread(threads[0].ID, true)
	if err := forum().Send(ctx, build(wirewatch.KindDigest, 0, dayItems("d")[:1]...), &p); err != nil {
		t.Fatalf("Send after the post was locked: %v", err)
	}
	// The next day has posts of its own.
	day = day.Add(24 * time.Hour)
	if err := forum().Send(ctx, build(wirewatch.KindDigest, 0, dayItems("e")...), &p); err != nil {
		t.Fatalf("Send the next day: %v", err)
	}
	want = []string{"Earthquakes · 2026-03-15:3", "Energy @everyone · 2026-03-15:3", "Earthquakes · 2026-03-15:1",
		"Earthquakes · 2026-03-16:1", "Energy @everyone · 2026-03-16:1"}
	if got := posts(fake, fakeForum); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("posts = %v, want %v", got, want)
	}
	threads = fake.Threads(fakeForum)
	if tags := threads[3].AppliedTags; len(tags) != 1 || tags[0] != "902" {
		t.Errorf("tags of the quakes post = %v, want the topic's tag 902", tags)
	}
	if tags := threads[4].AppliedTags; len(tags) != 1 || tags[0] != "903" {
		t.Errorf("tags of the energy post = %v, want the first tag anyone may set, 903", tags)
	}

	// A channel that is not a forum is refused for good.
	var pe *notify.PermanentError
	if err := bot.Forum(fakeChannel, nil).Send(ctx, build(wirewatch.KindDigest, 0, dayItems("f")...), notify.Discard{}); !errors.As(err, &pe) {
		t.Errorf("Send to a text channel as a forum = %v, want a permanent error", err)
	}
}

func TestPostName(t *testing.T) {
	long := strings.Repeat("北朝鮮の弾道ミサイル", 20)
	tests := []struct{ title, want string }{
		{"ICBMs", "ICBMs · 2026-03-14"},
		{"  Sanctions\nand  embargoes ", "Sanctions and embargoes · 2026-03-14"},
		{long, truncate(long, maxPostNameRunes-13) + " · 2026-03-14"},
	}
	for _, tt := range tests {
		got := postName(tt.title, "2026-03-14")
		if got != tt.want || runeLen(got) > maxPostNameRunes {
			t.Errorf("postName(%q) = %q (%d runes), want %q", tt.title, got, runeLen(got), tt.want)
		}
	}
}

func TestThreadDestination(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(t, &logs)
	fake.AddThread(fakeChannel, fakeThread, "launches")
	ctx := context.Background()
	send := func(prefix string) error {
		return bot.Channel(fakeThread).Send(ctx, build(wirewatch.KindDigest, 0, dayItems(prefix)...), notify.Discard{})
	}
	if err := send("a"); err != nil {
		t.Fatalf("Send to a thread: %v", err)
	}
	// An archived thread is unarchived by the next story.
	fake.ArchiveThread(fakeThread, false)
	if err := send("b"); err != nil {
		t.Fatalf("Send to an archived thread: %v", err)
	}
	if th := fake.Threads(fakeChannel); len(th) != 1 || th[0].Archived || th[0].Messages != 2 {
		t.Errorf("thread after two digests = %+v, want it active with 2 messages", th)
	}
	// A locked one refuses the bot: the output is disabled until fixed.
	fake.ArchiveThread(fakeThread, true)
	var pe *notify.PermanentError
	if err := send("c"); !errors.As(err, &pe) {
		t.Errorf("Send to a locked thread = %v, want a permanent error", err)
	}
	// A forum given as a channel refuses messages for good too.
	fake.AddForum(fakeGuild, fakeForum, "wire-forum")
	if err := bot.Channel(fakeForum).Send(ctx, build(wirewatch.KindDigest, 0, dayItems("d")...), notify.Discard{}); !errors.As(err, &pe) {
		t.Errorf("Send to a forum as a channel = %v, want a permanent error", err)
	}
}
