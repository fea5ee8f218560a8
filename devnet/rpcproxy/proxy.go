// Package rpcproxy puts a node's own proxy in front of a devnet chain RPC,
// so that one node's view of a chain can be made to fail or to lie while the
// other nodes see the truth. It counts the calls that pass through it.
package rpcproxy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Rewrite changes a response body before the node sees it: a lying RPC.
// req is the request body (a JSON-RPC call, or a Pocket query).
type Rewrite func(path string, req, resp []byte) []byte

// Proxy is one node's proxy in front of one RPC.
type Proxy struct {
	target *url.URL
	rp     *httputil.ReverseProxy
	srv    *http.Server
	url    string

	down    atomic.Bool
	calls   atomic.Int64
	mu      sync.Mutex
	rewrite Rewrite
	methods map[string]int64
	// prefix, when set, is a path every request must start with (a
	// gateway's application id); it is cut before the request goes on.
	prefix string
}

// Start serves a proxy to target on addr ("127.0.0.1:0" for a free port).
func Start(target, addr string) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("rpcproxy: target %q: %w", target, err)
	}
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("rpcproxy: listen %s: %w", addr, err)
	}
	p := &Proxy{target: u, url: "http://" + l.Addr().String(), methods: map[string]int64{}}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(u)
			r.Out.Host = u.Host
			// Let the transport negotiate (and undo) compression, so that a
			// rewrite always sees plain JSON.
			r.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: p.modify,
		// No gzip between the proxy and the chain: on loopback it only
		// costs CPU, on both sides.
		// Idle connections are dropped before a chain's server closes them
		// (CometBFT: after its 10 s read timeout), whose close would race a
		// forwarded call into "connection reset by peer".
		Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64, IdleConnTimeout: 5 * time.Second},
		ErrorLog:  nil,
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
			http.Error(w, "rpcproxy: "+err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(l) }()
	return p, nil
}

// URL is the proxy's http:// address.
func (p *Proxy) URL() string { return p.url }

// WSURL is the proxy's ws:// address (websocket upgrades pass through).
func (p *Proxy) WSURL() string { return "ws" + p.url[len("http"):] }

// Calls counts the requests the proxy received.
func (p *Proxy) Calls() int64 { return p.calls.Load() }

// Methods counts the calls by JSON-RPC method (Ethereum) or by path
// (Pocket's REST-like RPC).
func (p *Proxy) Methods() map[string]int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int64, len(p.methods))
	for k, v := range p.methods {
		out[k] = v
	}
	return out
}

// SetPathPrefix makes the proxy serve under a path, as an RPC gateway
// serves an application under its id: a request elsewhere is a 404.
func (p *Proxy) SetPathPrefix(prefix string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prefix = prefix
}

// cutPrefix cuts the gateway path from a request; false when it is not
// under it.
func (p *Proxy) cutPrefix(r *http.Request) bool {
	p.mu.Lock()
	prefix := p.prefix
	p.mu.Unlock()
	if prefix == "" {
		return true
	}
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		return false
	}
	if rest == "" {
		rest = "/"
	}
	r.URL.Path, r.URL.RawPath = rest, ""
	return true
}

// SetDown makes the proxy answer 503 to everything (the node's RPC is down).
func (p *Proxy) SetDown(down bool) { p.down.Store(down) }

// SetRewrite makes the proxy lie (nil: tell the truth).
func (p *Proxy) SetRewrite(r Rewrite) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rewrite = r
}

// Close stops the proxy.
func (p *Proxy) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := p.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return p.srv.Close()
	}
	return err
}

type reqBodyKey struct{}

// ServeHTTP counts, fails or forwards a request, keeping its body for the
// rewrite.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.calls.Add(1)
	if p.down.Load() {
		http.Error(w, "rpcproxy: node RPC down", http.StatusServiceUnavailable)
		return
	}
	if !p.cutPrefix(r) {
		http.Error(w, "rpcproxy: no application here", http.StatusNotFound)
		return
	}
	if r.Body != nil && r.Header.Get("Upgrade") == "" {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "rpcproxy: read request: "+err.Error(), http.StatusBadRequest)
			return
		}
		p.count(r.URL.Path, body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		r = r.WithContext(context.WithValue(r.Context(), reqBodyKey{}, body))
	}
	p.rp.ServeHTTP(w, r)
}

// count files a request under its JSON-RPC method(s), or its path.
func (p *Proxy) count(path string, body []byte) {
	var one struct {
		Method string `json:"method"`
	}
	var batch []struct {
		Method string `json:"method"`
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case json.Unmarshal(body, &one) == nil && one.Method != "":
		p.methods[one.Method]++
	case json.Unmarshal(body, &batch) == nil && len(batch) > 0:
		for _, b := range batch {
			p.methods[b.Method]++
		}
	default:
		p.methods[path]++
	}
}

func (p *Proxy) modify(resp *http.Response) error {
	p.mu.Lock()
	rewrite := p.rewrite
	p.mu.Unlock()
	reqBody, _ := resp.Request.Context().Value(reqBodyKey{}).([]byte)
	if rewrite == nil || reqBody == nil || resp.StatusCode != http.StatusOK {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	body = rewrite(resp.Request.URL.Path, reqBody, body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}
