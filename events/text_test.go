package events

import (
	"hash/fnv"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		text, lang string
		want       []string
	}{
		{"North Korea fires an ICBM, Japan says", "en", []string{"north", "korea", "fires", "an", "icbm", "japan"}},
		{"北, 동해상으로 ICBM 발사…美 \"강력 규탄\"", "ko", []string{"북한", "동해상", "icbm", "발사", "미국", "강력", "규탄"}},
		{"북한이 미사일을 쐈다", "ko", []string{"북한", "미사일", "쐈다"}},
		{"朝鲜发射洲际导弹", "zh", []string{"朝鲜", "鲜发", "发射", "射洲", "洲际", "际导", "导弹"}},
		{"北朝鮮がミサイル発射", "ja", []string{"北朝", "朝鮮", "鮮が", "がミ", "ミサ", "サイ", "イル", "ル発", "発射"}},
		{"Ракета пролетела 1,000 км за 70 минут.", "ru", []string{"ракета", "пролетела", "1,000", "км", "за", "70", "минут"}},
		{"ＩＣＢＭ　２６日", "ja", []string{"icbm", "26", "日"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.text, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q, %q) = %q, want %q", tt.text, tt.lang, got, tt.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	got := Numbers(Tokens("Magnitude 5.1 quake; 1,000 km; 26日 and 3 missiles, 70分钟, магнитудой 6,8, 1.250.000 Euro", "en"))
	want := []string{"1000", "1250000", "26", "5.1", "6.8", "70"}
	if !slices.Equal(got, want) {
		t.Errorf("Numbers = %q, want %q", got, want)
	}
}

func TestJaccard(t *testing.T) {
	a := hashSet([]string{"a", "b", "c", "d"})
	b := hashSet([]string{"c", "d", "e", "f"})
	if got := jaccard(a, b); got != 2.0/6 {
		t.Errorf("jaccard = %v, want 1/3", got)
	}
	if got := jaccard(a, nil); got != 0 {
		t.Errorf("jaccard with empty = %v, want 0", got)
	}
}

func TestBandKeysFindNearDuplicates(t *testing.T) {
	a := hashSet(Tokens("North Korea test-fires new ICBM into sea off Japan, defence ministry says", "en"))
	b := hashSet(Tokens("North Korea test-fires new ICBM into the sea off Japan, defence ministry says", "en"))
	c := hashSet(Tokens("Central bank holds interest rates steady as inflation cools", "en"))
	shared := func(x, y []uint64) int {
		n := 0
		for i, k := range bandKeys(x, 1) {
			if bandKeys(y, 1)[i] == k {
				n++
			}
		}
		return n
	}
	if n := shared(a, b); n == 0 {
		t.Errorf("near-duplicates share %d bands, want some", n)
	}
	if n := shared(a, c); n != 0 {
		t.Errorf("unrelated stories share %d bands, want none", n)
	}
}

func TestHashString(t *testing.T) {
	for _, s := range []string{"", "a", "north-korea\x00icbm", "북한", "l:https://example.com/a?b=1"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := hashString(s), h.Sum64(); got != want {
			t.Errorf("hashString(%q) = %x, want %x", s, got, want)
		}
	}
}
