package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestBuildShowsEachEventOnce(t *testing.T) {
	in := func(it *wirewatch.Item, lang, event string) *wirewatch.Item {
		it.DeclaredLanguage, it.Event = lang, event
		return it
	}
	order := []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}, {ID: "sanctions", Name: "Sanctions"}}
	tests := []struct {
		name      string
		languages []string
		items     []*wirewatch.Item
		want      string
		wantAlso  string
	}{
		{"lead in the readers' language, the earliest of them", []string{"en"}, []*wirewatch.Item{
			in(item("yonhap", "ko1", 5*time.Hour, "icbm"), "ko", "ev"),
			in(item("wire", "en1", 1*time.Hour, "icbm"), "en", "ev"),
			in(item("press", "en2", 2*time.Hour, "icbm"), "en", "ev"),
			in(item("lenta", "ru1", 3*time.Hour, "icbm"), "ru", "ev"),
			in(item("wire", "other", 30*time.Minute, "icbm"), "en", "ev2"),
		}, "ICBMs: other en2;", "yonhap/ko1 lenta/ru1 wire/en1"},
		{"no story in the readers' language: the earliest", []string{"fr"}, []*wirewatch.Item{
			in(item("lenta", "ru1", 3*time.Hour, "icbm"), "ru", "ev"),
			in(item("yonhap", "ko1", 5*time.Hour, "icbm"), "ko", "ev"),
		}, "ICBMs: ko1;", "lenta/ru1"},
		{"one event across topics is shown once, under its lead's topic", []string{"en"}, []*wirewatch.Item{
			in(item("lenta", "ru1", 3*time.Hour, "sanctions"), "ru", "ev"),
			in(item("wire", "en1", 4*time.Hour, "icbm"), "en", "ev"),
		}, "ICBMs: en1;", "lenta/ru1"},
		{"stories without an event stay apart", []string{"en"}, []*wirewatch.Item{
			in(item("lenta", "ru1", 3*time.Hour, "icbm"), "ru", ""),
			in(item("wire", "en1", 4*time.Hour, "icbm"), "en", ""),
		}, "ICBMs: ru1 en1;", ""},
	}
	for _, tt := range tests {
		d := Build(tt.items, Options{Order: order, Fold: true, Languages: tt.languages})
		if got := titles(d); got != tt.want {
			t.Errorf("%s: digest %q, want %q", tt.name, got, tt.want)
			continue
		}
		lead := d.Groups[0].Stories[len(d.Groups[0].Stories)-1]
		var also []string
		for _, a := range lead.Also {
			also = append(also, a.Feed+"/"+a.ID)
		}
		if got := strings.Join(also, " "); got != tt.wantAlso {
			t.Errorf("%s: lead %s also %q, want %q", tt.name, lead.ID, got, tt.wantAlso)
		}
	}
	// Build never changes the stories it is given.
	items := []*wirewatch.Item{in(item("a", "1", time.Hour, "icbm"), "en", "ev"), in(item("b", "2", 2*time.Hour, "icbm"), "ru", "ev")}
	Build(items, Options{Order: order, Fold: true})
	if len(items[0].Also)+len(items[1].Also) != 0 {
		t.Errorf("Build changed its input's Also lists")
	}
}

func TestFoldedCopyBringsItsEvent(t *testing.T) {
	order := []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}}
	wire := item("wire", "w", time.Hour, "icbm")
	wire.Title, wire.DeclaredLanguage = "North Korea test-fires new ICBM into sea off Japan", "en"
	press := item("press", "p", 2*time.Hour, "icbm")
	press.Title, press.DeclaredLanguage, press.Event = "North Korea test-fires new ICBM into the sea off Japan", "en", "ev"
	xinhua := item("xinhua", "x", 2*time.Hour, "icbm")
	xinhua.Title, xinhua.DeclaredLanguage, xinhua.Event = "朝鲜发射一枚洲际弹道导弹", "zh", "ev"
	d := Build([]*wirewatch.Item{wire, press, xinhua}, Options{Order: order, Fold: true, Languages: []string{"en"}})
	if got := titles(d); got != "ICBMs: w;" {
		t.Fatalf("digest %q, want the wire's story alone", got)
	}
	var also []string
	for _, a := range d.Groups[0].Stories[0].Also {
		also = append(also, a.ID)
		if len(a.Also) > 0 {
			t.Errorf("copy %s keeps copies of its own: %d", a.ID, len(a.Also))
		}
	}
	if got := strings.Join(also, " "); got != "p x" {
		t.Errorf("also %q, want p x", got)
	}
}
