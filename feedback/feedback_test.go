package feedback

import (
	"fmt"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/topics"
)

// reported returns a story reported as matched by term, the hit's text
// being its title, as the matcher's snippet would be.
func reported(title, lang, term string) Story {
	return Story{Title: title, Language: lang, Hits: []wirewatch.Hit{{Term: term, Field: "title", Text: title}}}
}

func stories(lang string, titles ...string) []Story {
	var out []Story
	for _, t := range titles {
		out = append(out, Story{Title: t, Language: lang})
	}
	return out
}

func spec(id string, any ...string) topics.Spec {
	s := topics.Spec{ID: id}
	for _, a := range any {
		s.Any = append(s.Any, topics.Term{Text: a})
	}
	return s
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		name     string
		spec     topics.Spec
		reported []Story
		others   []Story
		want     []string // term:excludes/reported:costs/others, best first, * for the cover
	}{
		{"a brand named like the term", spec("icbm", "ICBM"),
			[]Story{reported("ICBM Clothing opens its spring sale", "en", "ICBM")},
			stories("en", "North Korea fires ICBM into the sea", "ICBM test condemned by Seoul"),
			[]string{"ICBM Clothing:1/1:0/2*", "Clothing:1/1:0/2", "spring:1/1:0/2"}},
		{"a longer Han word", spec("nuclear", "核"),
			[]Story{reported("中国芯片核心技术取得突破", "zh", "核")},
			stories("zh", "朝鲜进行第七次核试验", "核电站重启"),
			[]string{"核心:1/1:0/2*", "片核:1/1:0/2", "中国芯片核心技术取得突破:1/1:0/2"}},
		{"a costly word ranks after free ones", spec("sanctions", "sanction*"),
			[]Story{reported("Committee sanctions the budget", "en", "sanction*"), reported("Board sanctions the budget", "en", "sanction*")},
			stories("en", "EU extends sanctions on Russian oil", "Budget talks stall as sanctions bite"),
			[]string{"Committee sanctions:1/2:0/2*", "Board sanctions:1/2:0/2*", "Committee:1/2:0/2"}},
		{"already fixed", topics.Spec{ID: "icbm", Any: []topics.Term{{Text: "ICBM"}}, None: []topics.Term{{Text: "ICBM Clothing"}}},
			[]Story{reported("ICBM Clothing opens its spring sale", "en", "ICBM")}, nil, nil},
	}
	for _, tt := range tests {
		got, err := Suggest(tt.spec, tt.reported, tt.others)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var gs []string
		for _, s := range got {
			g := fmt.Sprintf("%s:%d/%d:%d/%d", s.Term, s.Excludes, s.Reported, s.Costs, s.Others)
			if s.Cover {
				g += "*"
			}
			gs = append(gs, g)
		}
		if fmt.Sprint(gs) != fmt.Sprint(tt.want) {
			t.Errorf("%s: Suggest = %v, want %v", tt.name, gs, tt.want)
		}
	}
}

// TestSuggestCosts: a term that would also drop true matches says so.
func TestSuggestCosts(t *testing.T) {
	got, err := Suggest(spec("sanctions", "sanction*"),
		[]Story{reported("Budget sanctioned", "en", "sanction*")},
		stories("en", "Budget talks stall as sanctions bite", "New sanctions hit the budget"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Term == "Budget" && s.Costs != 2 {
			t.Errorf("Budget costs %d of the others, want 2", s.Costs)
		}
	}
	if len(got) == 0 || got[0].Term != "sanctioned" && got[0].Term != "Budget sanctioned" {
		t.Errorf("best suggestion = %+v, want one that costs nothing", got)
	}
}
