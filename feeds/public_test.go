package feeds

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestPublicOnly(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, "/feed", http.StatusFound)
			return
		}
		w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	f := NewFetcher(Options{})
	ctx := context.Background()
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/feed"}); err != nil {
		t.Fatalf("Fetch of 127.0.0.1 = %v, want it fetched", err)
	}
	for _, u := range []string{srv.URL + "/feed", srv.URL + "/hop", "file:///etc/hostname", "/etc/hostname"} {
		if _, err := f.Fetch(ctx, Request{URL: u, PublicOnly: true}); !errors.Is(err, ErrNotPublic) {
			t.Errorf("Fetch(%s, PublicOnly) = %v, want ErrNotPublic", u, err)
		}
	}
}

func TestIsPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.215.14": true, "2606:2800:21f:cb07:6820:80da:af6b:8b2c": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false,
		"fd00::1": false, "fe80::1": false, "::ffff:127.0.0.1": false, "224.0.0.1": false,
		"198.18.0.1": false,
	} {
		if got := isPublic(netip.MustParseAddr(addr)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", addr, got, want)
		}
	}
}
