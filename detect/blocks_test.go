package detect_test

import (
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestMenuRuns(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name, title string
		text        []string
		keep        []string
		drop        []string
	}{
		{"english navigation and share buttons", "Port strike enters second week",
			[]string{"News", "Sport", "Weather", "Business", "Culture",
				"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down over pay.",
				"Night shifts",
				"The union said about 4,000 members had stopped work at the container terminals, leaving ships waiting at anchor.",
				"Facebook", "Twitter", "Email", "LinkedIn"},
			[]string{"Night shifts"},
			[]string{"News", "Sport", "Weather", "Business", "Culture", "Facebook", "Twitter", "Email", "LinkedIn"}},
		{"russian footer", "Забастовка в порту продолжается",
			[]string{"Докеры продлили забастовку в понедельник после того, как переговоры с администрацией порта о зарплате зашли в тупик.",
				"Ночные смены",
				"Профсоюз заявил, что около четырёх тысяч его членов прекратили работу на контейнерных терминалах.",
				"О проекте", "Реклама на сайте", "Контакты", "Политика конфиденциальности", "Карта сайта"},
			[]string{"Ночные смены"},
			[]string{"О проекте", "Реклама на сайте", "Контакты", "Политика конфиденциальности", "Карта сайта"}},
		{"chinese channel menu", "港口罢工进入第二周",
			[]string{"首页", "新闻", "体育", "财经", "科技 | 汽车 | 房产",
				"码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。工会表示，约四千名会员已停止工作。"},
			nil,
			[]string{"首页", "新闻", "体育", "财经", "科技 | 汽车 | 房产"}},
		{"korean menu with separators", "항만 파업 2주째 이어져",
			[]string{"정치 |", "경제 |", "사회 |", "국제 |", "문화",
				"항만 노동자들은 월요일 항만청과의 임금 협상이 결렬된 뒤 파업을 연장했다. 노조는 약 4천 명의 조합원이 작업을 중단했다고 밝혔다."},
			nil,
			[]string{"정치 |", "경제 |", "사회 |", "국제 |", "문화"}},
		{"german one-line menus", "Hafenstreik geht in die zweite Woche",
			[]string{"Politik Wirtschaft Sport Kultur", "Ausland Inland Panorama", "Wissen Reise Auto", "Video Audio",
				"Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne gescheitert waren."},
			nil,
			[]string{"Politik Wirtschaft Sport Kultur", "Ausland Inland Panorama", "Wissen Reise Auto", "Video Audio"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: strings.Join(tt.text, "\n")})
			drop := make(map[string]bool)
			for _, s := range tt.drop {
				drop[s] = true
			}
			var keep []string
			for _, s := range tt.text {
				if !drop[s] {
					keep = append(keep, s)
				}
			}
			checkStory(t, a, keep, nil)
			clean := "\n" + a.CleanText + "\n"
			for _, s := range tt.drop {
				if strings.Contains(clean, "\n"+s+"\n") {
					t.Errorf("clean text kept %q", s)
				}
			}
			if len(noiseTexts(a, detect.ReasonMenu)) == 0 {
				t.Errorf("no segment removed as %s: %q", detect.ReasonMenu, a.Noise)
			}
		})
	}
}

func TestMenuRunsKeepStory(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name, title, text string
	}{
		{"subheadings between paragraphs", "Port strike enters second week",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down.\n\n" +
				"Night shifts\n\n" +
				"The union said about 4,000 members had stopped work at the container terminals on the east side of the harbour.\n\n" +
				"What comes next\n\n" +
				"Talks are expected to resume on Thursday, a spokesman for the port authority said."},
		{"list introduced by the story", "Port strike enters second week",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down.\n" +
				"The union listed its demands in a letter to the authority:\n" +
				"Higher night pay\nSafer cranes\nBetter lighting\nMore rest days\n" +
				"Talks are expected to resume on Thursday, a spokesman for the port authority said."},
		{"short list in the middle of the story", "Sanctions list grows",
			"The European Union added four shipping companies to its sanctions list on Tuesday, officials in Brussels said.\n" +
				"Baltic Star Lines\nNorthern Tanker Group\nArctic Route Shipping\nVega Marine\n" +
				"The companies are accused of helping to move oil above the price cap agreed by the Group of Seven."},
		{"korean subtitles before the story", "북한 핵실험 준비 끝나",
			"북 핵실험 준비 끝났지만 기상여건 등 변수\n" +
				"한미 국방장관 회담 이번 주 열려\n" +
				"확장억제 운용연습 올해 안에 실시\n" +
				"국방부는 북한이 7차 핵실험 준비를 마친 것으로 보인다며 기상 여건이 변수가 될 것이라고 밝혔다. 한미 양국은 이번 주 국방장관 회담을 열 예정이다."},
		{"english byline and dateline", "Port strike enters second week",
			"By Maria Okafor\nHarbour City\n" +
				"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down.\n" +
				"(Reporting by Maria Okafor; Editing by John Smith)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: tt.text})
			if len(a.Noise) != 0 {
				t.Errorf("Noise = %q, want none", a.Noise)
			}
			checkStory(t, a, storyLines(tt.text, nil), nil)
		})
	}
}

func TestFootersAndShareButtons(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		lang, title, story string
		drop               []string
	}{
		{"en", "Port strike enters second week",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down over pay.",
			[]string{"Copyright 2024 Harbour Daily News", "Harbour Daily © 2024", "Twitter"}},
		{"de", "Hafenstreik geht in die zweite Woche",
			"Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne gescheitert waren.",
			[]string{"Hafenzeitung 2024, Alle Rechte vorbehalten", "Facebook"}},
		{"ru", "Забастовка в порту продолжается вторую неделю",
			"Докеры продлили забастовку в понедельник после того, как переговоры с администрацией порта о зарплате зашли в тупик.",
			[]string{"Портовые новости. Все права защищены", "ВКонтакте"}},
		{"zh", "港口罢工进入第二周",
			"码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。工会表示，约四千名会员已停止工作。",
			[]string{"港口日报 版权所有", "微信"}},
		{"ko", "항만 파업 2주째 이어져",
			"항만 노동자들은 월요일 항만청과의 임금 협상이 결렬된 뒤 파업을 연장했다. 노조는 약 4천 명의 조합원이 작업을 중단했다고 밝혔다.",
			[]string{"항만일보 저작권자 무단 전재 금지", "카카오톡"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			text := tt.story + "\n" + strings.Join(tt.drop, "\n\n")
			a := d.Analyze(detect.Input{Title: tt.title, Text: text})
			drop := make(map[string]string)
			for _, s := range tt.drop {
				drop[s] = detect.ReasonChrome
			}
			checkStory(t, a, []string{tt.story}, drop)
			if a.Language != tt.lang {
				t.Errorf("Language = %q, want %q", a.Language, tt.lang)
			}
		})
	}
}

func TestCopyrightInStoryIsKept(t *testing.T) {
	d := newDefault(t)
	for _, text := range []string{
		"A court ruled that the newspaper breached copyright in 2019.",
		"법원은 2019년 저작권 침해 소송에서 신문사의 책임을 인정했다.",
	} {
		a := d.Analyze(detect.Input{Title: "Court rules on photo copyright", Text: text})
		if a.CleanText != text {
			t.Errorf("CleanText = %q, want the text unchanged; noise %q", a.CleanText, a.Noise)
		}
	}
}
