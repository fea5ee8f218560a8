// Package protocol is the one place that knows every Pocket protocol's
// client: it picks one by name (config key pocket.protocol). Everything
// above chains/ dials Pocket through Dial and sees only package pokt's
// neutral types.
package protocol

import (
	"fmt"
	"net/http"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/morse"
)

// Config says which node to dial and how.
type Config struct {
	Protocol pokt.Protocol
	// URL is the node's RPC endpoint (http or https).
	URL string
	// Timeout bounds each RPC call; zero means the client's default.
	Timeout time.Duration
	// HTTPClient makes the requests (e.g. one that counts them); nil means
	// a plain client.
	HTTPClient *http.Client
}

// Dial returns a client of the node for the configured protocol.
func Dial(cfg Config) (pokt.Node, error) {
	switch cfg.Protocol {
	case pokt.Morse:
		c, err := morse.NewClient(cfg.URL, morse.Options{Timeout: cfg.Timeout, HTTPClient: cfg.HTTPClient})
		if err != nil {
			return nil, fmt.Errorf("dial morse node: %w", err)
		}
		return c, nil
	}
	return nil, fmt.Errorf("dial pocket node: %w: protocol %q is not one of %q, %q", pokt.ErrInvalidArgument, cfg.Protocol, pokt.Shannon, pokt.Morse)
}
