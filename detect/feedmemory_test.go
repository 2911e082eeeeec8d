package detect

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// englishStory returns the n-th of some distinct English stories.
func englishStory(n int) Input {
	return Input{
		Source: "wire",
		Title:  fmt.Sprintf("Port workers in city %d vote to strike over pay as the backlog grows", n),
		Text: "Dock workers at the three largest container ports voted on Tuesday to walk out next month unless employers improve their pay offer. " +
			"The union said that most of the members who took part in the ballot backed the strike, and that talks with the employers had failed.",
	}
}

func newTestDetector(tb testing.TB) *Detector {
	tb.Helper()
	d, err := New(Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return d
}

// TestFeedPrior checks that a feed's prior is learnt from its stories and
// then confirms its language without lingua, but never a story in another
// language: the script, the letters and the stop words must agree.
func TestFeedPrior(t *testing.T) {
	d := newTestDetector(t)
	for i := range priorStories {
		if _, ok := d.feeds.prior("wire"); ok {
			t.Fatalf("prior after %d stories, want none before %d", i, priorStories)
		}
		if a := d.Analyze(englishStory(i)); a.Language != "en" {
			t.Fatalf("story %d: Language = %q, want en", i, a.Language)
		}
	}
	if _, ok := d.feeds.prior("wire"); !ok {
		t.Fatalf("no prior after %d English stories", priorStories)
	}
	tests := []struct {
		name, title, text, want string
		confirmed               bool
	}{
		{"english", "Heatwave pushes power demand to a record as the grid operator urges restraint",
			"Electricity demand hit an all-time high on Wednesday as temperatures climbed, and the operator asked that offices turn down their air conditioning.", "en", true},
		{"dutch, no letter outside ASCII", "Havenarbeiders stemmen voor een staking om het loon",
			"De havenarbeiders in de drie grootste containerhavens hebben dinsdag gestemd voor een staking, tenzij de werkgevers met een beter bod komen.", "nl", false},
		{"german", "Hafenarbeiter stimmen für einen Streik um höhere Löhne",
			"Die Hafenarbeiter in den drei größten Containerhäfen haben am Dienstag für einen Streik gestimmt, wenn die Arbeitgeber ihr Angebot nicht verbessern.", "de", false},
		{"indonesian", "Pekerja pelabuhan memilih mogok karena upah yang rendah",
			"Para pekerja di tiga pelabuhan peti kemas terbesar memilih untuk mogok bulan depan jika pengusaha tidak memperbaiki tawaran upah mereka.", "id", false},
		{"russian", "Портовые рабочие проголосовали за забастовку",
			"Рабочие трёх крупнейших контейнерных портов во вторник проголосовали за забастовку в следующем месяце, если работодатели не улучшат предложение.", "ru", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var flags flagSet
			lines := splitLines(tt.text, &flags)
			text := storyText(tt.title, lines)
			sample, _ := storySample(tt.title, text, firstSampleRunes)
			long, _ := storySample(tt.title, text, sampleRunes)
			var c scriptCounts
			c.add(long)
			g, ok := d.confirm("wire", sample, &c, "")
			if ok != tt.confirmed || ok && g.code != tt.want {
				t.Errorf("confirm = %v, %v, want confirmed %v", g, ok, tt.confirmed)
			}
			// What lingua reads next must not count as confirmed.
			d.feeds.learn("wire", guess{code: "en", conf: 1}, sample)
			if a := d.Analyze(Input{Source: "wire", Title: tt.title, Text: tt.text}); a.Language != tt.want {
				t.Errorf("Language = %q, want %q", a.Language, tt.want)
			}
		})
	}
}

// TestFeedPriorChecked checks that one story in checkEvery goes to lingua
// even when the prior would confirm it, and that a feed that changes
// language loses its prior.
func TestFeedPriorChecked(t *testing.T) {
	d := newTestDetector(t)
	for i := range priorStories {
		d.Analyze(englishStory(i))
	}
	confirmed := 0
	for i := range checkEvery {
		if _, ok := d.feeds.prior("wire"); ok {
			confirmed++
		}
		d.Analyze(englishStory(priorStories + i))
	}
	if confirmed != checkEvery-1 {
		t.Errorf("%d of %d stories confirmed without lingua, want %d", confirmed, checkEvery, checkEvery-1)
	}
	d.feeds.learn("wire", guess{code: "de", conf: 1}, "Die Hafenarbeiter stimmen für einen Streik")
	if _, ok := d.feeds.prior("wire"); ok {
		t.Errorf("prior kept after a story in another language")
	}
	if got := d.feeds.language("wire"); got != "de" {
		t.Errorf("language = %q, want de", got)
	}
	d.feeds.learn("wire", guess{code: "de", conf: 0.5}, "")
	if got := d.feeds.language("wire"); got != "" {
		t.Errorf("language after a doubtful story = %q, want none", got)
	}
}

// TestFeedMemoryBounded checks that a feed's state does not grow with its
// history, that the memory keeps at most maxFeeds feeds, and that it
// survives marshalling.
func TestFeedMemoryBounded(t *testing.T) {
	m := newFeedMemory()
	letters := []rune("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĸĺļľŀłńņňŉŋōŏőœŕŗřśŝşšţťŧũūŭůűų")
	for i := range 1000 {
		m.learn("busy", guess{code: "fr", conf: 1}, string(letters[i%len(letters)]))
	}
	f := m.feeds["busy"]
	if len(f.letters) > maxFeedLetters || f.streak > priorStories {
		t.Errorf("after 1000 stories: %d letters, streak %d; want at most %d and %d", len(f.letters), f.streak, maxFeedLetters, priorStories)
	}
	for i := range maxFeeds + 10 {
		m.learn(fmt.Sprintf("feed-%d", i), guess{code: "en", conf: 1}, "")
	}
	if n := len(m.feeds); n != maxFeeds {
		t.Errorf("%d feeds kept, want %d", n, maxFeeds)
	}
	if _, ok := m.feeds["busy"]; ok {
		t.Errorf("the least recently seen feed was kept")
	}
	b, err := m.marshal()
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	m2 := newFeedMemory()
	if err := m2.unmarshal(b); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	last := fmt.Sprintf("feed-%d", maxFeeds+9)
	if got, want := m2.language(last), "en"; got != want {
		t.Errorf("after unmarshal: language(%s) = %q, want %q", last, got, want)
	}
	if err := m2.unmarshal([]byte(`{"version":99}`)); err == nil || !strings.Contains(err.Error(), "unsupported version 99") {
		t.Errorf("unmarshal of version 99: %v, want unsupported version", err)
	}
}

func TestStopWordsFavour(t *testing.T) {
	x := newStopIndex(DefaultLanguages())
	tests := []struct {
		code, text string
		want       bool
	}{
		{"en", "The union said that most of the members backed the strike", true},
		{"en", "De havenarbeiders in de drie havens hebben gestemd voor een staking", false},
		{"de", "Die Hafenarbeiter in den drei größten Häfen haben für einen Streik gestimmt", true},
		{"nl", "Die Hafenarbeiter in den drei größten Häfen haben für einen Streik gestimmt", false},
		{"es", "Los trabajadores de los puertos votaron por la huelga en el mes de marzo", true},
		{"pt", "Los trabajadores de los puertos votaron por la huelga en el mes de marzo", false},
		{"pt", "Os trabalhadores dos portos votaram pela greve no mês de março", true},
		{"ru", "Рабочие портов проголосовали за забастовку, и это не первый раз в этом году", true},
		{"uk", "Рабочие портов проголосовали за забастовку, и это не первый раз в этом году", false},
		{"en", "Kim inspects missile launch", false}, // too few stop words to tell
	}
	for _, tt := range tests {
		if got := x.favours(tt.text, tt.code, scriptOfLanguage(tt.code)); got != tt.want {
			t.Errorf("favours(%q, %s) = %v, want %v", tt.text, tt.code, got, tt.want)
		}
	}
}

func TestSpeaks(t *testing.T) {
	d := newTestDetector(t)
	tests := []struct {
		line, code string
		want       bool
	}{
		{"Les discussions reprendront en juin à Genève, selon la présidence du sommet.", "fr", true},
		{"The delegations could not agree on who should pay for the new climate fund.", "fr", false},
		{"The delegations could not agree on who should pay for the new climate fund.", "en", true},
		{"Докеры продлили забастовку в понедельник, и это не первый раз.", "uk", false},
		{"北朝鮮が弾道ミサイルを発射", "ja", false}, // no stop words: lingua decides
	}
	for _, tt := range tests {
		if got := d.speaks(tt.line, tt.code); got != tt.want {
			t.Errorf("speaks(%q, %s) = %v, want %v", tt.line, tt.code, got, tt.want)
		}
	}
}

// TestFeedPriorConcurrent analyses the stories of a few feeds from several
// goroutines, as a poll's workers do, while the memory is marshalled; run
// with -race.
func TestFeedPriorConcurrent(t *testing.T) {
	d := newTestDetector(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2 * priorStories {
				in := englishStory(i)
				in.Source = fmt.Sprintf("wire-%d", (w+i)%3)
				if a := d.Analyze(in); a.Language != "en" {
					t.Errorf("Language = %q, want en", a.Language)
				}
				if _, err := d.MarshalFeedLanguages(); err != nil {
					t.Errorf("MarshalFeedLanguages: %v", err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestHanFeedLearnt checks that stories written in Han alone teach their
// feed's language, so that the feed's next ones are told apart from
// Japanese by the prior instead of lingua, and that a story with kana
// is still Japanese.
func TestHanFeedLearnt(t *testing.T) {
	d := newTestDetector(t)
	in := Input{Source: "xinwen", Title: "港口罢工进入第二周",
		Text: "码头工人周一延长了罢工，此前与港务局就工资和夜班规定进行的谈判破裂。工会表示，约四千名会员已停止工作。"}
	if got := d.feeds.language("xinwen"); got != "" {
		t.Fatalf("language before any story = %q, want none", got)
	}
	if a := d.Analyze(in); a.Language != "zh" {
		t.Fatalf("Language = %q, want zh", a.Language)
	}
	if got := d.feeds.language("xinwen"); got != "zh" {
		t.Errorf("feed language after a Chinese story = %q, want zh", got)
	}
	ja := Input{Source: "xinwen", Title: "港湾ストが2週目に入る", Text: "港湾労働者は月曜日にストライキを延長した。"}
	if a := d.Analyze(ja); a.Language != "ja" {
		t.Errorf("Language of a story with kana = %q, want ja", a.Language)
	}
}
