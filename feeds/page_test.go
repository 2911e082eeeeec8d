package feeds

import (
	"fmt"
	"reflect"
	"testing"
)

func TestDecodePage(t *testing.T) {
	for _, s := range legacySamples {
		page := fmt.Sprintf("<!DOCTYPE html>\n<html><head><meta charset=%q><title>%s</title></head><body><p>%s</p></body></html>", s.label, s.title, s.summary)
		body, err := s.enc.NewEncoder().Bytes([]byte(page))
		if err != nil {
			t.Fatalf("encode %s: %v", s.name, err)
		}
		t.Run(s.name+"/meta charset", func(t *testing.T) {
			if got := string(DecodePage(body, "text/html")); got != page {
				t.Errorf("DecodePage = %.80q, want %.80q", got, page)
			}
		})
		httpEquiv := fmt.Sprintf("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\"></head><body><p>%s %s</p></body></html>", s.label, s.title, s.summary)
		body, err = s.enc.NewEncoder().Bytes([]byte(httpEquiv))
		if err != nil {
			t.Fatalf("encode %s: %v", s.name, err)
		}
		t.Run(s.name+"/http-equiv", func(t *testing.T) {
			if got := string(DecodePage(body, "")); got != httpEquiv {
				t.Errorf("DecodePage = %.80q, want %.80q", got, httpEquiv)
			}
		})
	}
	// A page that says gb2312 but was saved as UTF-8 is read as UTF-8.
	utf8Page := "<html><head><meta charset=\"gb2312\"></head><body><p>朝鲜再次发射弹道导弹，日本政府提出抗议。韩国联合参谋本部说，导弹落入日本海。</p></body></html>"
	if got := string(DecodePage([]byte(utf8Page), "text/html; charset=gb2312")); got != utf8Page {
		t.Errorf("DecodePage(utf-8 declared gb2312) = %.80q, want the page unchanged", got)
	}
}

func TestReadPage(t *testing.T) {
	const page = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>
  Notícias &amp; Análise
</title>
<link rel="stylesheet" href="/style.css" type="text/css">
<link rel="alternate stylesheet" type="application/rss+xml" href="/not-a-feed.xml">
<link rel="alternate" type="application/rss+xml" title="Últimas notícias" href="/rss/ultimas.xml?utm_source=site">
<link rel="alternate" type="application/atom+xml" title="Comentários" href="https://comments.example.org/atom">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="/rss/ultimas.xml">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="FEED" href="/feed/">
</head>
<body><link rel="alternate" type="application/rss+xml" title="In the body" href="//cdn.example.org/body.rss"></body>
</html>`
	got := ReadPage([]byte(page), "text/html", "https://user:secret@news.example.org/section/page.html?id=1")
	want := &Page{
		Title:    "Notícias & Análise",
		Language: "pt",
		Alternates: []Alternate{
			{URL: "https://news.example.org/rss/ultimas.xml", Type: "application/rss+xml", Title: "Últimas notícias"},
			{URL: "https://comments.example.org/atom", Type: "application/atom+xml", Title: "Comentários"},
			{URL: "https://news.example.org/section/feed.json", Type: "application/feed+json"},
			{URL: "https://news.example.org/feed/", Type: ""},
			{URL: "https://cdn.example.org/body.rss", Type: "application/rss+xml", Title: "In the body"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadPage =\n%+v\nwant\n%+v", got, want)
	}

	base := `<html><head><base href="https://mirror.example.net/blog/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>`
	if got := ReadPage([]byte(base), "", "https://example.org/"); len(got.Alternates) != 1 || got.Alternates[0].URL != "https://mirror.example.net/blog/atom.xml" {
		t.Errorf("ReadPage(<base href>) alternates = %+v, want one at https://mirror.example.net/blog/atom.xml", got.Alternates)
	}
	if got := ReadPage([]byte("not html at all"), "", "https://example.org/"); got.Title != "" || len(got.Alternates) != 0 {
		t.Errorf("ReadPage(text) = %+v, want nothing", got)
	}
}
