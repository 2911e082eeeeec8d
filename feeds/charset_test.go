package feeds

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// legacySample is a headline and a summary in one language, and the
// legacy encoding its feeds use.
type legacySample struct {
	name    string // WHATWG name, as Feed.Encoding reports it
	label   string // as written in declarations
	enc     encoding.Encoding
	title   string
	summary string
}

var legacySamples = []legacySample{
	{"windows-1251", "windows-1251", charmap.Windows1251, "Землетрясение магнитудой 6,1 произошло у побережья Камчатки", "Угрозы цунами нет, сообщили в местном управлении МЧС."},
	{"koi8-r", "KOI8-R", charmap.KOI8R, "Евросоюз продлил санкции против российских банков ещё на полгода", "Решение приняли на встрече министров иностранных дел в Брюсселе."},
	{"iso-8859-7", "ISO-8859-7", charmap.ISO8859_7, "Ισχυρός σεισμός 5,8 Ρίχτερ στην Κρήτη", "Δεν αναφέρθηκαν ζημιές ή τραυματισμοί, σύμφωνα με την πολιτική προστασία."},
	{"gbk", "GB2312", simplifiedchinese.GBK, "朝鲜再次发射弹道导弹，日本政府提出抗议", "韩国联合参谋本部说，导弹落入日本海，具体情况正在分析中。"},
	{"big5", "Big5", traditionalchinese.Big5, "台灣東部海域發生規模六點五地震，各地無災情傳出", "中央氣象署表示，這是今年以來最大的地震，民眾應注意餘震。"},
	{"euc-kr", "EUC-KR", korean.EUCKR, "북한이 동해상으로 탄도미사일을 발사했다고 합참이 밝혔다", "정부는 국가안전보장회의를 열고 대응 방안을 논의했다."},
	{"shift_jis", "Shift_JIS", japanese.ShiftJIS, "気象庁は津波注意報を発表しました", "沿岸部の皆さんは海に近づかないでください。"},
	{"euc-jp", "EUC-JP", japanese.EUCJP, "政府は新たな経済対策を閣議決定した", "物価高への対応として、電気料金の補助を続ける方針です。"},
}

// legacyFeed renders an RSS feed with the sample in enc, with the given
// XML declaration encoding ("" for none).
func legacyFeed(tb testing.TB, s legacySample, declared string) []byte {
	tb.Helper()
	decl := `<?xml version="1.0"?>`
	if declared != "" {
		decl = fmt.Sprintf(`<?xml version="1.0" encoding="%s"?>`, declared)
	}
	doc := fmt.Sprintf("%s\n<rss version=\"2.0\"><channel><title>%s</title>\n<item><guid>1</guid><title>%s</title><description>%s</description></item>\n</channel></rss>\n",
		decl, s.name, s.title, s.summary)
	b, err := s.enc.NewEncoder().Bytes([]byte(doc))
	if err != nil {
		tb.Fatalf("encode %s: %v", s.name, err)
	}
	return b
}

func TestLegacyEncodings(t *testing.T) {
	for _, s := range legacySamples {
		cases := []struct {
			name, declared, contentType string
		}{
			{"declared", s.label, ""},
			{"undeclared", "", ""},
			{"declared latin-1", "ISO-8859-1", ""},
			{"declared utf-8", "UTF-8", ""},
			{"http charset only", "", "application/rss+xml; charset=" + s.label},
			{"wrong http charset", "", "text/xml; charset=iso-8859-1"},
		}
		for _, c := range cases {
			t.Run(s.name+"/"+c.name, func(t *testing.T) {
				feed, err := Parse(legacyFeed(t, s, c.declared), c.contentType, ParseOptions{Now: testNow})
				if err != nil {
					t.Fatal(err)
				}
				if len(feed.Items) != 1 {
					t.Fatalf("items: got %v, want 1", len(feed.Items))
				}
				if got := feed.Items[0].Title; got != s.title {
					t.Errorf("title: got %q, want %q (decoded as %s)", got, s.title, feed.Encoding)
				}
				if got := feed.Items[0].Summary; got != s.summary {
					t.Errorf("summary: got %q, want %q", got, s.summary)
				}
				if feed.Encoding != s.name {
					t.Errorf("encoding: got %v, want %v", feed.Encoding, s.name)
				}
			})
		}
	}
}

func TestUTF8Kept(t *testing.T) {
	const title = "Café société: 地震 — 북한 — Пример"
	tests := []struct{ name, doc, contentType string }{
		{"declared latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`, ""},
		{"declared windows-1251", `<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`, "text/xml; charset=koi8-r"},
		{"declared utf-16", `<?xml version="1.0" encoding="utf-16"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`, ""},
		{"bom", "\uFEFF" + `<?xml version="1.0"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`, ""},
		{"leading space", "\n\n  " + `<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := Parse([]byte(tt.doc), tt.contentType, ParseOptions{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if got := feed.Items[0].Title; got != title {
				t.Errorf("title: got %q, want %q", got, title)
			}
		})
	}
}

func TestUTF16(t *testing.T) {
	const title = "Землетрясение"
	doc := `<?xml version="1.0" encoding="UTF-16"?><rss><channel><item><title>` + title + `</title></item></channel></rss>`
	for _, bom := range []bool{true, false} {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, r := range doc {
			if r > 0xFFFF {
				t.Fatal("sample must be in the BMP")
			}
			b = append(b, byte(r), byte(r>>8))
		}
		feed, err := Parse(b, "", ParseOptions{Now: testNow})
		if err != nil {
			t.Fatalf("bom %v: %v", bom, err)
		}
		if got := feed.Items[0].Title; got != title {
			t.Errorf("bom %v: got %q, want %q", bom, got, title)
		}
	}
}

func TestFinishDecodedRewritesDeclaration(t *testing.T) {
	got := finishDecoded([]byte(`  <?xml version="1.0" encoding='windows-1251' standalone="yes"?><rss/>`))
	want := `<?xml version="1.0" encoding='UTF-8' standalone="yes"?><rss/>`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !bytes.Equal(finishDecoded([]byte(`<rss/>`)), []byte(`<rss/>`)) {
		t.Error("document without declaration changed")
	}
}
