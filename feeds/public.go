package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"syscall"
)

// ErrNotPublic is returned, wrapped, when a PublicOnly request would
// connect to an address that is not on the public internet.
var ErrNotPublic = errors.New("address is not public")

// nonPublic are address ranges that are not the public internet beyond
// what netip.Addr's own predicates say: shared address space (carrier
// NAT), "this network", IETF protocol assignments and benchmarking.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
}

// isPublic reports whether ip is a public unicast address: not loopback,
// private, link-local, multicast, unspecified or reserved.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsGlobalUnicast() || ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// publicDial returns a dial function that connects only to public
// addresses, checked after name resolution, so that neither a name that
// resolves to a private address nor a redirect to one gets through. The
// configured HTTP proxies are exempt: the proxy connects onward.
func publicDial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	proxies := proxyAddrs()
	checked := *d
	checked.ControlContext = func(_ context.Context, _, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !isPublic(ap.Addr()) {
			return fmt.Errorf("%w: %s", ErrNotPublic, address)
		}
		return nil
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if proxies[addr] {
			return d.DialContext(ctx, network, addr)
		}
		return checked.DialContext(ctx, network, addr)
	}
}

// proxyAddrs returns the host:port of the HTTP proxies the environment
// configures.
func proxyAddrs() map[string]bool {
	m := map[string]bool{}
	for _, name := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"} {
		u, err := url.Parse(os.Getenv(name))
		if err != nil || u.Host == "" {
			continue
		}
		port := u.Port()
		if port == "" {
			port = "80"
			if u.Scheme == "https" {
				port = "443"
			}
		}
		m[net.JoinHostPort(u.Hostname(), port)] = true
	}
	return m
}
