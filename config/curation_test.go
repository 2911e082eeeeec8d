package config

import (
	"reflect"
	"testing"

	"github.com/wirewatch/wirewatch"
)

func TestOutputFiltersForumAndReactions(t *testing.T) {
	data := []byte(`
languages: [en, ko, ja]
feeds:
  - url: https://www.yna.co.kr/rss/news.xml
    name: yonhap-ko
  - url: https://www3.nhk.or.jp/rss/news/cat0.xml
    name: nhk
  - url: https://feeds.reuters.com/world
    name: reuters
topics:
  - id: icbm
    any: [ICBM, 대륙간탄도미사일, 大陸間弾道ミサイル]
outputs:
  - type: discord
    forum: "123456789012345678"
    topics: [icbm]
    languages: [ko, ja]
    feeds: ["yonhap-*", NHK]
    mention: "223456789012345678"
discord:
  token: abc
  reactions:
    enabled: true
`)
	cfg, err := Parse("config.yaml", data, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.Outputs[0]
	if o.Name != "discord-forum-123456789012345678" {
		t.Errorf("default name = %q, want discord-forum-ID", o.Name)
	}
	want := wirewatch.Filter{Languages: []string{"ko", "ja"}, Feeds: []string{"yonhap-*", "NHK"}}
	if got := o.Filter(); !reflect.DeepEqual(got, want) {
		t.Errorf("Filter() = %+v, want %+v", got, want)
	}
	r := cfg.Discord.Reactions
	if !r.Enabled || r.Mute != DefaultMuteReaction || r.FalsePositive != DefaultFalsePositiveReaction {
		t.Errorf("reactions = %+v, want enabled with the default emoji", r)
	}
}

func TestCheckFilter(t *testing.T) {
	cfg, err := Parse("config.yaml", []byte(`
feeds:
  - url: https://www.yna.co.kr/rss/news.xml
    name: yonhap-ko
  - url: https://www.bbc.co.uk/news/rss.xml
    name: www.bbc.co.uk/news/rss.xml
topics:
  - id: icbm
    any: [ICBM]
    languages: [en, ko]
  - id: quakes
    any: [earthquake]
`), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		f      wirewatch.Filter
		topics []string
		want   []string
	}{
		{"zero", wirewatch.Filter{}, nil, nil},
		{"languages detected", wirewatch.Filter{Languages: []string{"ko", "JA"}}, nil, nil},
		{"unknown code", wirewatch.Filter{Languages: []string{"ko", "kr"}}, nil, []string{"languages[1]"}},
		{"not detected by default", wirewatch.Filter{Languages: []string{"sw"}}, nil, []string{"languages[0]"}},
		{"outside the topic's languages", wirewatch.Filter{Languages: []string{"ja"}}, []string{"icbm"}, []string{"languages[0]"}},
		{"another topic takes every language", wirewatch.Filter{Languages: []string{"ja"}}, []string{"icbm", "quakes"}, nil},
		{"glob across slashes", wirewatch.Filter{Feeds: []string{"*.bbc.co.uk/*"}}, nil, nil},
		{"glob and name", wirewatch.Filter{Feeds: []string{"yonhap-*", "nope", "zz*"}}, nil, []string{"feeds[1]", "feeds[2]"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range cfg.CheckFilter(tt.f, tt.topics) {
			got = append(got, p.Field)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: CheckFilter(%+v, %v) fields = %v, want %v", tt.name, tt.f, tt.topics, got, tt.want)
		}
	}
}
