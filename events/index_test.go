package events

import (
	"fmt"
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
		{"an agency's scheduled report on two volcanoes, published together",
			story("agency", "1", "en", "Scheduled ashfall forecast", "Volcano: Sakurajima. Alert level 3. Should an eruption occur, ash is expected to fall north-east of the crater from 21:00 to 24:00 on the 25th.", t0),
			story("agency", "2", "en", "Scheduled ashfall forecast", "Volcano: Asosan. Alert level 3. Should an eruption occur, ash is expected to fall north-east of the crater from 21:00 to 24:00 on the 25th.", t0)},
		{"the same volcano's scheduled report three hours later",
			story("agency", "1", "en", "Scheduled ashfall forecast", "Volcano: Sakurajima. Alert level 3. Should an eruption occur, ash is expected to fall north-east of the crater from 21:00 to 24:00 on the 25th.", t0),
			story("agency", "2", "en", "Scheduled ashfall forecast", "Volcano: Sakurajima. Alert level 3. Should an eruption occur, ash is expected to fall north-east of the crater from 21:00 to 24:00 on the 25th.", t0.Add(3*time.Hour))},
		{"one outlet's two feeds carrying two pieces on one subject",
			withLink(story("dlf-science", "1", "de", "Bundestagswahl 2025 - FDP-Wahlprogramm: Steuersenkungen und Schuldenbremse", "Die FDP will die Steuern senken und an der Schuldenbremse festhalten.", t0), "https://www.radio.example/fdp-wahlprogramm"),
			withLink(story("dlf-business", "2", "de", "Bundestagswahl 2025 - CDU/CSU: Kurs auf Steuersenkungen und harte Migrationspolitik", "Die Union will die Steuern senken und die Migration begrenzen.", t0.Add(2*time.Hour)), "https://www.radio.example/cdu-wahlprogramm")},
		{"two heads of government sworn in",
			story("wire", "1", "en", "Tarique Rahman sworn in as prime minister of Bangladesh", "The BNP leader took the oath in Dhaka after a landslide victory.", t0),
			story("press", "2", "en", "Takaichi will be reappointed as Japan's prime minister", "Parliament is expected to vote for her again this week.", t0.Add(6*time.Hour))},
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

// withLink sets a story's link.
func withLink(s Story, link string) Story {
	s.Link = link
	return s
}

func TestIndexJoinsRewrittenStories(t *testing.T) {
	tests := []struct {
		name, rule string
		a, b       Story
	}{
		{"one outlet's copy under another link", RuleNearDuplicate,
			story("paper", "politics/1", "ko", "윤 대통령, 정조대왕함 진수식 참석", "윤석열 대통령이 28일 울산에서 열린 정조대왕함 진수식에 참석했다.", t0),
			story("paper", "defense/1", "ko", "윤 대통령, 정조대왕함 진수식 참석", "윤석열 대통령이 28일 울산에서 열린 정조대왕함 진수식에 참석했다.", t0)},
		{"a headline rewritten, the lead sharing more", RuleRareWordsLead,
			story("wire", "1", "en", "Humanoid robots perform advanced martial arts at Chinese New Year gala",
				"Dozens of humanoid robots from Unitree performed kung fu routines at the Spring Festival gala broadcast by CCTV to hundreds of millions of viewers.", t0),
			story("press", "2", "en", "China showcases humanoid robots at its Spring Festival Gala with kung fu routines",
				"Unitree humanoid robots danced and performed kung fu at the CCTV Spring Festival gala watched by hundreds of millions.", t0.Add(time.Hour))},
		{"a Russian headline declining the country's name", RuleConcepts,
			story("wire", "1", "en", "EU adopts 20th sanctions package against Russia", "The European Union adopted its 20th package of sanctions against Russia on Wednesday.", t0),
			story("ria", "2", "ru", "Евросоюз утвердил 20-й пакет санкций против России", "Совет ЕС в среду утвердил 20-й пакет санкций.", t0.Add(time.Hour))},
		{"a headline naming no known name, with the same magnitude", RuleConcepts,
			story("wire", "1", "en", "Magnitude 5.9 quake shakes eastern Taiwan", "An earthquake of magnitude 5.9 struck Hualien county; no damage was reported.", t0),
			story("cna", "2", "zh", "花莲县发生5.9级地震", "中央气象署表示，花莲县发生规模5.9地震，暂无灾情传出。", t0.Add(10*time.Minute))},
	}
	for _, tt := range tests {
		x := New(Options{})
		// Filler stories give the window its frequent words.
		for i, f := range fillerTitles {
			x.Add(story("filler", fmt.Sprint(i), "en", f, f, t0.Add(-time.Duration(i)*time.Minute)))
		}
		a := x.Add(tt.a)
		b := x.Add(tt.b)
		if a.Event != b.Event || b.Join == nil {
			t.Errorf("%s: two events, want one", tt.name)
			continue
		}
		if b.Join.Why.Rule != tt.rule || b.Join.Score <= 0 {
			t.Errorf("%s: joined by %q with score %v, want %q and a score", tt.name, b.Join.Why.Rule, b.Join.Score, tt.rule)
		}
	}
}

// fillerTitles are headlines of other stories of a window.
var fillerTitles = []string{
	"Stocks rise as investors weigh the next rate decision", "Floods in the south force thousands from their homes",
	"Parliament debates the budget for the coming year", "The president meets the prime minister at the summit",
	"Police arrest a suspect after the shooting in the city", "Football: the champions win again at home",
	"Storm brings snow and wind to the north", "Talks on trade resume between the two countries",
	"New law on housing passes the senate", "Oil prices fall as demand weakens",
	"Court hears the case of the former minister", "Election campaign enters its final week",
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
	if x.Len() != 0 || x.keys.used+x.keys.nodes.len()+len(x.df)+len(x.byKey)+len(x.sizes) != 0 {
		t.Errorf("after Expire of all: %d stories, %d keys, %d nodes, %d words, %d keys, %d events left",
			x.Len(), x.keys.used, x.keys.nodes.len(), len(x.df), len(x.byKey), len(x.sizes))
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
