package detect_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/detect"
)

// noiseTexts returns the texts of the noise segments with the given reason,
// or of all of them when reason is "".
func noiseTexts(a *wirewatch.Analysis, reason string) []string {
	var out []string
	for _, n := range a.Noise {
		if reason == "" || n.Reason == reason {
			out = append(out, n.Text)
		}
	}
	return out
}

// checkStory checks that every line of keep is a line of the clean text
// and that every line of drop was removed with the given reason. Lines are
// compared with their spaces collapsed.
func checkStory(tb testing.TB, a *wirewatch.Analysis, keep []string, drop map[string]string) {
	tb.Helper()
	clean := make(map[string]bool)
	for l := range strings.SplitSeq(a.CleanText, "\n") {
		clean[collapse(l)] = true
	}
	for _, k := range keep {
		if !clean[collapse(k)] {
			tb.Errorf("clean text lost %q", k)
		}
	}
	for text, reason := range drop {
		if clean[collapse(text)] {
			tb.Errorf("clean text kept %q, want it removed as %s", text, reason)
		}
		found := false
		for _, n := range noiseTexts(a, reason) {
			found = found || collapse(n) == collapse(text)
		}
		if !found {
			tb.Errorf("noise %q not reported with reason %q; noise: %q", text, reason, a.Noise)
		}
	}
}

// collapse returns s with runs of spaces (including no-break spaces) made
// one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// storyLines returns the non-empty trimmed lines of text, minus those in
// drop.
func storyLines(text string, drop map[string]string) []string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && drop[collapse(l)] == "" {
			out = append(out, l)
		}
	}
	return out
}

func TestSeedStory(t *testing.T) {
	d := newFresh(t)
	text := readFile(t, seedPath(t))
	drop := map[string]string{
		"© REUTERS / KCNAA missile is launched during a long and medium-range ballistic rocket launch drill in this undated photo released by North Korea's Korean Central News Agency (KCNA) in Pyongyang on August 30, 2017.":         detect.ReasonChrome,
		"A missile is launched during a long and medium-range ballistic rocket launch drill in this undated photo released by North Korea's Korean Central News Agency (KCNA) in Pyongyang on August 30, 2017. - Sputnik International": detect.ReasonChrome,
		"Subscribe": detect.ReasonChrome,
		"READ MORE: US Intelligence Detects North Korea Developing New ICBMs — Reports": detect.ReasonChrome,
		"READ MORE: North Korea Preparing to Destroy ICBM Test Site — Reports":          detect.ReasonChrome,
		"President Donald Trump and North Korean leader Kim Jong Un participate in a signing ceremony during a meeting on Sentosa Island, Tuesday, June 12, 2018, in Singapore - Sputnik International": detect.ReasonChrome,
		"World": detect.ReasonChrome,
		"Trump Thanks Kim for 'Keeping His Word,' Returning Remains of US Service Members":                                                                                                                            detect.ReasonChrome,
		"Japan Self-Defense Force members set up a PAC-3 Patriot missile unit deployed ahead of North Korea's planned rocket launch at the Defense Ministry in Tokyo, Tuesday, June 21, 2016 - Sputnik International": detect.ReasonChrome,
		"Asia": detect.ReasonChrome,
		"Japan May Withdraw PAC-3 Missile Interceptors As Korean Tensions Ease – Reports": detect.ReasonChrome,
		"Newsfeed":                         detect.ReasonChrome,
		"0":                                detect.ReasonChrome,
		"To participate in the discussion": detect.ReasonChrome,
		"log in or register":               detect.ReasonChrome,
		"loader":                           detect.ReasonChrome,
		"Chats":                            detect.ReasonChrome,
		"Заголовок открываемого материала": detect.ReasonForeignScript,
	}
	for _, declared := range []string{"en", ""} {
		a := d.Analyze(detect.Input{
			Source:           "sputnik",
			Title:            "North Korea Seeks More Concession Options Through Missile Production",
			Text:             text,
			DeclaredLanguage: declared,
		})
		if a.Language != "en" {
			t.Errorf("declared %q: Language = %q, want en", declared, a.Language)
		}
		checkStory(t, a, storyLines(text, drop), drop)
		if got, want := len(a.Noise), len(drop); got != want {
			t.Errorf("declared %q: %d noise segments, want %d: %v", declared, got, want, noiseTexts(a, ""))
		}
		if !slices.Equal(a.Languages, []string{"en"}) {
			t.Errorf("declared %q: Languages = %v, want [en]", declared, a.Languages)
		}
		if !slices.Equal(a.Scripts, []string{"Latin", "Cyrillic"}) {
			t.Errorf("declared %q: Scripts = %v, want [Latin Cyrillic]", declared, a.Scripts)
		}
		if a.NoiseRatio <= 0.05 || a.NoiseRatio >= 0.3 {
			t.Errorf("declared %q: NoiseRatio = %v, want between 0.05 and 0.3", declared, a.NoiseRatio)
		}
		if len(a.Flags) != 0 {
			t.Errorf("declared %q: Flags = %v, want none", declared, a.Flags)
		}
	}
}

func TestWrittenChromeStory(t *testing.T) {
	d := newDefault(t)
	text := readFile(t, "testdata/en-chrome-story.txt")
	drop := map[string]string{
		"© AFP / Staff photographer": detect.ReasonChrome,
		"Dock workers march outside the harbour authority offices on Monday. - Harbour Daily News": detect.ReasonChrome,
		"Share":   detect.ReasonChrome,
		"Sign in": detect.ReasonChrome,
		"READ MORE: Shipping Rates Climb as Port Queues Lengthen": detect.ReasonChrome,
		"Home | World | Business | Sport":                         detect.ReasonChrome,
		"구름조금":                                                    detect.ReasonForeignScript,
		"한국어 中文 日本語":                                              detect.ReasonForeignScript,
		"Advertisement":                                           detect.ReasonChrome,
		"12":                                                      detect.ReasonChrome,
		"Cookie settings: we use cookies to improve your experience. Accept all cookies": detect.ReasonChrome,
	}
	a := d.Analyze(detect.Input{Title: "Port strike enters second week", Text: text, DeclaredLanguage: "en"})
	checkStory(t, a, storyLines(text, drop), drop)
	if a.Language != "en" {
		t.Errorf("Language = %q, want en", a.Language)
	}
	if !slices.Equal(a.Scripts, []string{"Latin", "Hangul", "Han"}) {
		t.Errorf("Scripts = %v, want [Latin Hangul Han]", a.Scripts)
	}
}

func TestChromeInOtherLanguages(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		lang  string
		title string
		story string
		drop  map[string]string
	}{
		{"fr", "Grève dans les ports français",
			"Les dockers ont prolongé leur grève lundi après l'échec des négociations avec les autorités portuaires sur les salaires.",
			map[string]string{"Partager": detect.ReasonChrome, "Lire aussi : La hausse des prix du fret inquiète les importateurs": detect.ReasonChrome, "Publicité": detect.ReasonChrome}},
		{"ru", "Забастовка в порту продолжается вторую неделю",
			"Докеры продлили забастовку в понедельник после того, как переговоры с администрацией порта о зарплате зашли в тупик.",
			map[string]string{"Поделиться": detect.ReasonChrome, "Читайте также: Стоимость фрахта выросла": detect.ReasonChrome, "Войти или зарегистрироваться": detect.ReasonChrome, "Home | News | Sport": detect.ReasonChrome}},
		{"zh", "港口罢工进入第二周",
			"码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。工会表示，约四千名会员已停止工作。",
			map[string]string{"分享": detect.ReasonChrome, "相关阅读：运费持续上涨": detect.ReasonChrome, "Share on Facebook": detect.ReasonChrome, "Sign up now": detect.ReasonForeignScript}},
		{"de", "Hafenstreik geht in die zweite Woche",
			"Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne gescheitert waren.",
			map[string]string{"Teilen": detect.ReasonChrome, "Lesen Sie auch: Frachtraten steigen weiter": detect.ReasonChrome, "Anzeige": detect.ReasonChrome}},
		{"ko", "항만 파업 2주째 이어져",
			"항만 노동자들은 월요일 항만청과의 임금 협상이 결렬된 뒤 파업을 연장했다. 노조는 약 4천 명의 조합원이 작업을 중단했다고 밝혔다.",
			map[string]string{"공유하기": detect.ReasonChrome, "무단전재 및 재배포 금지": detect.ReasonChrome, "English 中文 日本語": detect.ReasonForeignScript}},
		{"ar", "إضراب الموانئ يدخل أسبوعه الثاني",
			"مدد عمال الموانئ إضرابهم يوم الاثنين بعد انهيار المفاوضات مع سلطة الميناء بشأن الأجور ونوبات العمل الليلية.",
			map[string]string{"اقرأ أيضا: ارتفاع أسعار الشحن": detect.ReasonChrome, "CNN INTERNATIONAL": detect.ReasonForeignScript, "مشاركة": detect.ReasonChrome}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var lines []string
			for text := range tt.drop {
				lines = append(lines, text)
			}
			slices.Sort(lines)
			text := strings.Join(append(lines[:1:1], append([]string{tt.story}, lines[1:]...)...), "\n")
			a := d.Analyze(detect.Input{Title: tt.title, Text: text})
			checkStory(t, a, []string{tt.story}, tt.drop)
			if a.CleanText != tt.story {
				t.Errorf("CleanText = %q, want %q", a.CleanText, tt.story)
			}
			if a.Language != tt.lang {
				t.Errorf("Language = %q, want %q", a.Language, tt.lang)
			}
		})
	}
}

func TestForeignLanguageChrome(t *testing.T) {
	d := newDefault(t)
	story := "Die Hafenarbeiter haben ihren Streik am Montag verlängert, nachdem die Gespräche mit der Hafenbehörde über Löhne und Nachtschichten gescheitert waren."
	menu := "Breaking news alerts from our newsroom"
	a := d.Analyze(detect.Input{Title: "Hafenstreik geht in die zweite Woche", Text: story + "\n" + menu})
	checkStory(t, a, []string{story}, map[string]string{menu: detect.ReasonForeignLanguage})
}

func TestQuotedForeignTextIsKept(t *testing.T) {
	d := newDefault(t)
	tests := []struct {
		name, title, text string
		wantLangs         []string
	}{
		{"russian quote on its own line",
			"Kremlin rejects talks proposal",
			"The Kremlin spokesman dismissed the proposal on Tuesday.\n«Мы не будем вести переговоры на таких условиях.»\nHe did not say whether Moscow would make a counter-offer.",
			[]string{"en", "ru"}},
		{"short quote in quotation marks",
			"Protesters gather in Kyiv",
			"Thousands marched through the capital on Sunday.\n\"Слава Україні\"\nThe crowd then moved towards parliament.",
			[]string{"en", "uk"}},
		{"russian sentence inside an english line",
			"Kremlin rejects talks proposal",
			"The spokesman told reporters: \"Мы не будем вести переговоры на таких условиях, это окончательное решение\", before leaving the briefing.",
			[]string{"en", "ru"}},
		{"longer english sentence in a french story",
			"Le sommet s'achève sans accord",
			"Le sommet s'est achevé dimanche sans déclaration commune, les délégations restant divisées sur le financement. Plusieurs ministres ont quitté la salle avant la fin des débats, et la présidence a reconnu un échec.\nThe delegations could not agree on who should pay for the new climate fund, a senior diplomat told reporters after the meeting.\nLes discussions reprendront en juin à Genève.",
			[]string{"fr", "en"}},
		{"chinese story quoting english",
			"外交部回应制裁问题",
			"外交部发言人周二表示，中方坚决反对单边制裁。\n\"We will respond to these sanctions in a measured way.\"\n发言人没有透露具体措施。",
			[]string{"zh", "en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := d.Analyze(detect.Input{Title: tt.title, Text: tt.text})
			if len(a.Noise) != 0 {
				t.Errorf("Noise = %v, want none", a.Noise)
			}
			if a.CleanText != tt.text {
				t.Errorf("CleanText = %q, want the text unchanged", a.CleanText)
			}
			if !slices.Equal(a.Languages, tt.wantLangs) {
				t.Errorf("Languages = %v, want %v", a.Languages, tt.wantLangs)
			}
		})
	}
}

func TestShortListItemsAreKept(t *testing.T) {
	d := newDefault(t)
	text := "Nurses at the city's three largest hospitals voted on Monday to accept a new contract after six weeks of talks with managers.\n" +
		"Shorter shifts\n" +
		"The union said members had pressed hardest for shorter shifts and for more staff on wards at night and at weekends.\n" +
		"Weekend rota changes\n" +
		"Hospital managers said the changes would take effect in April and would be paid for from savings on agency staff."
	a := d.Analyze(detect.Input{Title: "Nurses accept new contract", Text: text, DeclaredLanguage: "en"})
	if len(a.Noise) != 0 {
		t.Errorf("Noise = %v, want none", a.Noise)
	}
	if a.CleanText != text {
		t.Errorf("CleanText = %q, want the text unchanged", a.CleanText)
	}
}
