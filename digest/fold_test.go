package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestSameStory(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"North Korea fires ICBM into sea off Japan", "North Korea fires ICBM into the sea off Japan - Reuters", true},
		{"North Korea fires ICBM into sea off Japan", "NORTH KOREA FIRES ICBM INTO SEA OFF JAPAN", true},
		{"North Korea fires ICBM into sea off Japan", "Japan protests after North Korea missile launch", false},
		{"КНДР провела пуск межконтинентальной баллистической ракеты", "КНДР провела пуск межконтинентальной баллистической ракеты — СМИ", true},
		{"朝鲜发射一枚洲际弹道导弹", "朝鲜发射洲际弹道导弹", true},
		{"朝鲜发射一枚洲际弹道导弹", "韩国举行军事演习", false},
		{"Sanctions", "Sanctions", true},
		{"Sanctions", "New sanctions", false},
		{"EU agrees new sanctions on Russia", "US agrees new sanctions on Iran", false},
	}
	for _, tt := range tests {
		a := &wirewatch.Item{Feed: "reuters", Title: tt.a}
		b := &wirewatch.Item{Feed: "ap", Title: tt.b}
		if got := sameStory(a, b, titleWords(tt.a), titleWords(tt.b)); got != tt.want {
			t.Errorf("sameStory(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	same := &wirewatch.Item{Title: "One", Link: "https://x.example/a"}
	other := &wirewatch.Item{Title: "Two", Link: "https://x.example/a"}
	if !sameStory(same, other, titleWords("One"), titleWords("Two")) {
		t.Errorf("stories with the same link are not the same story")
	}
}

// One feed's stories are folded only when they share their link: a feed
// that carries two versions of a story, with different links, means two.
func TestFoldKeepsOneFeedsStoriesApart(t *testing.T) {
	items := []*wirewatch.Item{
		{Feed: "wire", ID: "1", Link: "https://wire.example/1", Title: "North Korea fires ICBM into sea, Japan says", Matches: []wirewatch.Match{{Topic: "icbm"}}},
		{Feed: "wire", ID: "2", Link: "https://wire.example/2", Title: "North Korea fires ICBM into sea, South Korea says", Matches: []wirewatch.Match{{Topic: "icbm"}}},
		{Feed: "wire", ID: "3", Link: "https://wire.example/1", Title: "North Korea fires ICBM into sea (updated)", Matches: []wirewatch.Match{{Topic: "icbm"}}},
	}
	d := Build(items, Options{Fold: true})
	var got []string
	for _, it := range d.Groups[0].Stories {
		s := it.ID
		for _, a := range it.Also {
			s += "+" + a.ID
		}
		got = append(got, s)
	}
	if strings.Join(got, " ") != "1+3 2" {
		t.Errorf("folded = %v, want [1+3 2]: one feed's stories fold only on a shared link", got)
	}
	for _, it := range items {
		if it.Also != nil {
			t.Errorf("Build changed its input story %s", it.ID)
		}
	}
}

func TestBuildClusters(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	mk := func(feed, id, title string, age time.Duration) *wirewatch.Item {
		return &wirewatch.Item{Feed: feed, ID: id, Title: title, Published: now.Add(-age), Matches: []wirewatch.Match{{Topic: "icbm"}}}
	}
	items := []*wirewatch.Item{
		mk("reuters", "r1", "North Korea fires ICBM into sea off Japan", 2*time.Hour),
		mk("ap", "a1", "North Korea fires ICBM into the sea off Japan", time.Hour),
		mk("afp", "f1", "North Korea fires ICBM into sea off Japan, Tokyo says", 3*time.Hour),
		mk("tass", "t1", "Japan protests after North Korean launch", 30*time.Minute),
		mk("yonhap", "y1", "Seoul convenes security council meeting", 4*time.Hour),
	}
	d := Build(items, Options{Order: []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}}, Fold: true, MaxPerGroup: 2})
	g := d.Groups[0]
	var got []string
	for _, it := range g.Stories {
		s := it.ID
		for _, a := range it.Also {
			s += "+" + a.ID
		}
		got = append(got, s)
	}
	if strings.Join(got, " ") != "t1 a1+r1+f1" || g.More != 1 {
		t.Errorf("clustered group = %v, more %d; want [t1 a1+r1+f1], more 1", got, g.More)
	}
	// Without clustering every story stands alone.
	d = Build(items, Options{Order: []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}}})
	if n := len(d.Groups[0].Stories); n != 5 {
		t.Errorf("unclustered group has %d stories, want 5", n)
	}
	for _, it := range d.Groups[0].Stories {
		if len(it.Also) != 0 {
			t.Errorf("story %s keeps an Also list from an earlier build", it.ID)
		}
	}
}
