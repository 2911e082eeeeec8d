package events

import (
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/topics"
)

var testTagger = sync.OnceValue(func() *topics.Tagger {
	t, err := topics.NewTagger()
	if err != nil {
		panic(err)
	}
	return t
})

// story builds a Story tagged by the real tagger.
func story(feed, id, lang, title, text string, pub time.Time) Story {
	cs := testTagger().Tag(topics.Doc{Title: title, Text: text, Language: lang})
	return Story{Key: Key(feed, id), Feed: feed, Link: "https://" + feed + ".example/" + id, Title: title, Lead: Lead(text),
		Language: lang, Published: pub, Concepts: cs}
}

var t0 = time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)

func TestIndexJoinsOneEventAcrossLanguages(t *testing.T) {
	x := New(Options{})
	first := x.Add(story("wire", "1", "en", "North Korea test-fires new ICBM into sea off Japan",
		"North Korea launched an intercontinental ballistic missile on Thursday that flew for about 70 minutes before falling into the sea west of Hokkaido.", t0))
	if first.Join != nil {
		t.Fatalf("first story joined %+v, want a new event", first.Join)
	}
	for _, s := range []Story{
		story("press", "1", "en", "North Korea test-fires new ICBM into the sea off Japan",
			"North Korea launched an intercontinental ballistic missile on Thursday that flew for about 70 minutes.", t0.Add(-5*time.Minute)),
		story("lenta", "1", "ru", "КНДР провела пуск межконтинентальной баллистической ракеты",
			"Северная Корея в четверг запустила межконтинентальную баллистическую ракету. Ракета упала в Японское море.", t0.Add(2*time.Hour)),
		story("xinhua", "1", "zh", "朝鲜发射一枚洲际弹道导弹", "据日本防卫省消息，朝鲜26日向日本海方向发射一枚洲际弹道导弹，导弹飞行约70分钟。", t0.Add(time.Hour)),
		story("yonhap", "1", "ko", "북한, 동해상으로 대륙간탄도미사일 발사", "합동참모본부는 북한이 26일 오전 평양 일대에서 동해상으로 대륙간탄도미사일 1발을 발사했다고 밝혔다.", t0.Add(-3*time.Hour)),
	} {
		a := x.Add(s)
		if a.Event != first.Event || a.Join == nil {
			t.Errorf("%s: event %q (join %+v), want %q with a reason", s.Key, a.Event, a.Join, first.Event)
			continue
		}
		if a.Join.Score <= 0 || a.Join.Why.String() == "" {
			t.Errorf("%s: join without score or reason: %+v", s.Key, a.Join)
		}
	}
	if got := x.Size(first.Event); got != 5 {
		t.Errorf("Size = %d, want 5", got)
	}
}

func TestIndexKeepsFollowUpsApart(t *testing.T) {
	tests := []struct {
		name string
		a, b Story
	}{
		{"a launch a week later",
			story("wire", "1", "en", "North Korea fires ICBM into sea off Japan", "North Korea launched an intercontinental ballistic missile, Japan said.", t0),
			story("press", "2", "en", "North Korea launches another ICBM toward Japan", "North Korea fired an intercontinental ballistic missile on Thursday.", t0.Add(7*24*time.Hour))},
		{"a launch two days later in another language",
			story("wire", "1", "en", "North Korea fires ICBM into sea off Japan", "North Korea launched an intercontinental ballistic missile, Japan said.", t0),
			story("yonhap", "2", "ko", "북한, 대륙간탄도미사일 또 발사", "북한이 대륙간탄도미사일을 발사했다.", t0.Add(40*time.Hour))},
		{"a templated daily report",
			story("kma", "1", "en", "Seoul weather for 26 November: sunny, high of 12C", "Clear skies across the capital region with a high of 12 degrees.", t0),
			story("kma", "2", "en", "Seoul weather for 27 November: cloudy, high of 9C", "Clouds across the capital region with a high of 9 degrees.", t0.Add(24*time.Hour))},
		{"markets on two days",
			story("wire", "1", "en", "KOSPI closes down 1.2% at 2,410 as chip stocks slide", "Seoul shares fell on Wednesday.", t0),
			story("press", "2", "en", "KOSPI closes up 0.8% at 2,430 as chip stocks rebound", "Seoul shares rose on Thursday.", t0.Add(24*time.Hour))},
		{"one outlet's column",
			story("times", "1", "en", "Letter from Seoul: the week in Korean politics", "Our correspondent looks back at the week.", t0),
			story("times", "2", "en", "Letter from Seoul: the week in Korean politics and culture", "Our correspondent looks back at another week.", t0.Add(7*24*time.Hour))},
		{"a review that names the event's concepts in passing",
			story("wire", "1", "en", "North Korea test-fires new ICBM into sea off Japan", "North Korea launched an intercontinental ballistic missile on Thursday.", t0),
			story("wire", "2", "en", "Review: the missile command game that turns ICBM defence into a puzzle", "A retro video game about intercepting ICBMs over a cartoon North Korea is this week's surprise hit.", t0.Add(-12*time.Hour))},
		{"two earthquakes",
			story("usgs", "1", "en", "Magnitude 5.1 earthquake strikes off Hokkaido", "An earthquake struck off Hokkaido, the Japan Meteorological Agency said.", t0),
			story("nhk", "2", "en", "Magnitude 4.3 earthquake strikes off Hokkaido", "An earthquake struck off Hokkaido, the Japan Meteorological Agency said.", t0.Add(5*time.Hour))},
	}
	for _, tt := range tests {
		x := New(Options{})
		a := x.Add(tt.a)
		b := x.Add(tt.b)
		if a.Event == b.Event {
			t.Errorf("%s: joined (%+v), want two events", tt.name, b.Join)
		}
	}
}

func TestIndexLinkAndExpire(t *testing.T) {
	x := New(Options{Window: 48 * time.Hour})
	a := story("wire", "1", "en", "Central bank holds rates", "The bank held rates.", t0)
	a.Seen = t0
	b := story("press", "9", "en", "Rates unchanged at the central bank", "Rates unchanged.", t0.Add(time.Hour))
	b.Link = a.Link
	ea := x.Add(a)
	eb := x.Add(b)
	if eb.Event != ea.Event || eb.Join == nil || !eb.Join.Why.Link {
		t.Fatalf("same link: %+v, want a join by link", eb)
	}
	if again := x.Add(a); again.Event != ea.Event || again.Join != nil {
		t.Errorf("Add of a story already in = %+v, want its event", again)
	}
	x.Expire(t0.Add(30 * time.Minute))
	if _, ok := x.EventOf(a.Key); ok || x.Len() != 1 {
		t.Errorf("after Expire: story still in (len %d)", x.Len())
	}
	x.Expire(t0.Add(72 * time.Hour))
	if x.Len() != 0 || len(x.links)+len(x.bands)+len(x.pairs) != 0 {
		t.Errorf("after Expire of all: %d stories, %d keys left", x.Len(), len(x.links)+len(x.bands)+len(x.pairs))
	}
	x.Restore(a, "ev")
	if ev, _ := x.EventOf(a.Key); ev != "ev" {
		t.Errorf("Restore: event %q, want ev", ev)
	}
}

func TestGloss(t *testing.T) {
	tests := []struct{ lang, title, text, want string }{
		{"ko", "북한, 동해상으로 대륙간탄도미사일 발사", "합동참모본부는 북한이 평양 일대에서 동해상으로 대륙간탄도미사일 1발을 발사했다고 밝혔다.",
			"about: North Korea · missile · ICBM · Pyongyang · Sea of Japan (East Sea)"},
		{"ru", "Курс рубля", "Рубль укрепился.", ""},
	}
	for _, tt := range tests {
		cs := testTagger().Tag(topics.Doc{Title: tt.title, Text: tt.text, Language: tt.lang})
		if got := Gloss(cs); got != tt.want {
			t.Errorf("Gloss(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
	body := []topics.ConceptHit{{ID: "iran", Label: "Iran", Kind: topics.KindName, Class: topics.ClassCountry, Where: wirewatch.PlaceBody}}
	if got := Gloss(body); got != "about: Iran" {
		t.Errorf("Gloss(body only) = %q, want about: Iran", got)
	}
}
