package detect_test

import (
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

func TestHeadingBlocks(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		lang, title, story string
		block              []string // a heading and the headlines it opens, removed
		after              string   // story that follows the block, or ""
	}{
		{"en", "Port strike enters second week",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down over pay.",
			[]string{"Most read", "Ferry operator cancels winter sailings", "3 hours ago",
				"Why container prices are rising again", "Harbour bridge to close for repairs"}, ""},
		{"en", "Port strike enters second week",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down over pay.",
			[]string{"More on this story", "Strike talks collapse over night pay", "12 March",
				"Could the strike spread to other ports?"},
			"The union said about 4,000 members had stopped work at the container terminals, leaving ships waiting at anchor."},
		{"ru", "Забастовка в порту продолжается вторую неделю",
			"Докеры продлили забастовку в понедельник после того, как переговоры с администрацией порта о зарплате зашли в тупик.",
			[]string{"Читайте также", "Паромные рейсы отменены до весны", "Цены на контейнеры снова растут"},
			"Профсоюз заявил, что около четырёх тысяч его членов прекратили работу на контейнерных терминалах."},
		{"zh", "港口罢工进入第二周",
			"码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。工会表示，约四千名会员已停止工作。",
			[]string{"相关新闻", "渡轮公司取消冬季航班", "集装箱运价为何再度上涨", "港口大桥将封闭维修"}, ""},
		{"ja", "港湾ストライキ、2週目に突入",
			"港湾労働者は月曜日、港湾当局との賃金交渉が決裂したことを受けてストライキを延長した。組合によると約4000人が作業を停止した。",
			[]string{"【関連記事】", "フェリー会社が冬季便を欠航", "コンテナ運賃はなぜ再び上昇しているのか", "港湾大橋、補修のため通行止めへ"}, ""},
		{"ko", "항만 파업 2주째 이어져",
			"항만 노동자들은 월요일 항만청과의 임금 협상이 결렬된 뒤 파업을 연장했다. 노조는 약 4천 명의 조합원이 작업을 중단했다고 밝혔다.",
			[]string{"많이 본 뉴스", "여객선 운항 겨울까지 중단", "컨테이너 운임 다시 오르는 이유"}, ""},
		{"de", "Hafenstreik geht in die zweite Woche",
			"Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne gescheitert waren.",
			[]string{"Lesen Sie auch", "Fähren fallen bis zum Frühjahr aus", "Warum die Containerpreise wieder steigen"},
			"Die Gewerkschaft teilte mit, dass rund viertausend Mitglieder die Arbeit an den Containerterminals niedergelegt hätten."},
		{"fr", "La grève du port entre dans sa deuxième semaine",
			"Les dockers ont prolongé lundi leur grève après l'échec des négociations salariales avec l'autorité portuaire.",
			[]string{"À lire aussi", "Les traversées en ferry suspendues jusqu'au printemps", "Pourquoi le prix des conteneurs repart à la hausse"}, ""},
		{"es", "La huelga del puerto entra en su segunda semana",
			"Los estibadores prolongaron el lunes su huelga después de que fracasaran las negociaciones salariales con la autoridad portuaria.",
			[]string{"Lo más leído", "Cancelan los ferris hasta la primavera", "¿Por qué vuelven a subir los contenedores?"}, ""},
		{"ar", "إضراب الميناء يدخل أسبوعه الثاني",
			"مدد عمال الميناء إضرابهم يوم الاثنين بعد انهيار المفاوضات مع سلطة الميناء بشأن الأجور وساعات العمل الليلية.",
			[]string{"الأكثر قراءة", "إلغاء رحلات العبارات حتى الربيع", "لماذا ترتفع أسعار الحاويات مجددا"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.block[0], func(t *testing.T) {
			text := tt.story + "\n\n" + strings.Join(tt.block, "\n\n")
			keep := []string{tt.story}
			if tt.after != "" {
				text += "\n\n" + tt.after
				keep = append(keep, tt.after)
			}
			a := d.Analyze(detect.Input{Title: tt.title, Text: text})
			checkStory(t, a, keep, nil)
			// The headlines may also be taken for a menu.
			removed := make(map[string]bool)
			for _, n := range a.Noise {
				removed[n.Text] = n.Reason == detect.ReasonChrome || n.Reason == detect.ReasonMenu
			}
			for _, s := range tt.block {
				if !removed[s] {
					t.Errorf("%q not removed as chrome or menu; noise: %q", s, a.Noise)
				}
			}
			if a.Language != tt.lang {
				t.Errorf("Language = %q, want %q", a.Language, tt.lang)
			}
		})
	}
}

func TestHeadingBlocksKeepStory(t *testing.T) {
	d := newDefault(t)
	// Each text has a subheading that reads like a list heading; it may be
	// removed, but none of the story under it.
	tests := []struct {
		name, title, heading, text string
	}{
		{"subheading before paragraphs", "Port strike enters second week", "Most popular",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down.\n\n" +
				"Most popular\n\n" +
				"The night shift remains the most popular among younger workers, who say it pays better than days.\n\n" +
				"Talks are expected to resume on Thursday, a spokesman for the port authority said."},
		{"korean subheading", "항만 파업 2주째 이어져", "관련기사",
			"항만 노동자들은 월요일 항만청과의 임금 협상이 결렬된 뒤 파업을 연장했다.\n\n" +
				"관련기사\n\n" +
				"노조는 약 4천 명의 조합원이 동쪽 컨테이너 터미널에서 작업을 중단했으며 선박들이 바다에서 대기하고 있다고 밝혔다."},
		{"german subheading", "Hafenstreik geht in die zweite Woche", "Mehr zum Thema",
			"Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde gescheitert waren.\n" +
				"Mehr zum Thema\n" +
				"Die Gewerkschaft teilte mit, dass rund viertausend Mitglieder die Arbeit an den Terminals niedergelegt hätten."},
		{"related then a short quote", "Port strike enters second week", "Related",
			"Dock workers extended their strike into a second week on Monday after talks with the port authority broke down.\n" +
				"Related\n" +
				"The two disputes are linked, the union said on Monday evening after a meeting with members."},
		{"russian subheading", "Забастовка в порту продолжается вторую неделю", "По теме",
			"Докеры продлили забастовку в понедельник после того, как переговоры с администрацией порта о зарплате зашли в тупик.\n" +
				"По теме\n" +
				"Профсоюз заявил, что около четырёх тысяч его членов прекратили работу на контейнерных терминалах восточной гавани."},
		{"japanese subheading", "港湾ストライキ、2週目に突入", "注目記事",
			"港湾労働者は月曜日、港湾当局との賃金交渉が決裂したことを受けてストライキを延長した。\n" +
				"注目記事\n" +
				"組合によると約4000人の組合員が東側のコンテナターミナルで作業を停止し、船舶が沖合で待機している。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: tt.text})
			var keep []string
			for _, l := range storyLines(tt.text, nil) {
				if l != tt.heading {
					keep = append(keep, l)
				}
			}
			checkStory(t, a, keep, nil)
		})
	}
}
