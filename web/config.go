package web

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/wpokt/bridge/store"
)

// Config is what the page needs beyond the projection. The bridge's own
// settings (confirmations, block times, node IDs, threshold) come from the
// projection's bridge document when a node wrote it; the values here are
// the fallback until then.
type Config struct {
	Explorers Explorers
	// Fallback settings, used only while the projection holds none.
	Fallback store.BridgeSettings
	// HeartbeatStaleAfter marks a node unhealthy when its last heartbeat
	// is older.
	HeartbeatStaleAfter time.Duration
	// Refresh is how often an open page polls the API for news.
	Refresh time.Duration
	Logger  *slog.Logger
	// Now is the clock (tests set it); nil is time.Now.
	Now func() time.Time
}

// Explorers are URL templates of block explorers: {hash} or {address} is
// replaced by the escaped value. An empty template shows no link.
type Explorers struct {
	PocketTx, PocketAddress, EthTx, EthAddress string
}

// Validate checks that each template is an http(s) URL with its placeholder.
func (e Explorers) Validate() error {
	for _, t := range []struct{ name, tmpl, placeholder string }{
		{"pocket tx", e.PocketTx, "{hash}"}, {"pocket address", e.PocketAddress, "{address}"},
		{"ethereum tx", e.EthTx, "{hash}"}, {"ethereum address", e.EthAddress, "{address}"},
	} {
		if t.tmpl == "" {
			continue
		}
		u, err := url.Parse(strings.ReplaceAll(t.tmpl, t.placeholder, "x"))
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("%s explorer URL %q: want an http(s) URL", t.name, t.tmpl)
		}
		if !strings.Contains(t.tmpl, t.placeholder) {
			return fmt.Errorf("%s explorer URL %q: no %s in it", t.name, t.tmpl, t.placeholder)
		}
	}
	return nil
}

func fill(tmpl, placeholder, value string) string {
	if tmpl == "" || value == "" {
		return ""
	}
	return strings.ReplaceAll(tmpl, placeholder, url.PathEscape(value))
}

// txLink is the explorer page of a tx on a chain ("pocket", "ethereum").
func (e Explorers) txLink(chain, hash string) string {
	switch chain {
	case chainPocket:
		return fill(e.PocketTx, "{hash}", hash)
	case chainEthereum:
		return fill(e.EthTx, "{hash}", hash)
	}
	return ""
}

func (e Explorers) addressLink(chain, addr string) string {
	switch chain {
	case chainPocket:
		return fill(e.PocketAddress, "{address}", addr)
	case chainEthereum:
		return fill(e.EthAddress, "{address}", addr)
	}
	return ""
}

func (c *Config) defaults() {
	if c.HeartbeatStaleAfter <= 0 {
		c.HeartbeatStaleAfter = time.Minute
	}
	if c.Refresh <= 0 {
		c.Refresh = 5 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}
