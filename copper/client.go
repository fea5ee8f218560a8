// Package copper is the bridge's client of Copper's Platform API (orders on
// the vault portfolio) and of Copper Unlimited, the co-signer that runs beside
// each node and adds that node's partial signature. It imports nothing of the
// bridge.
package copper

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wpokt/bridge/secret"
)

// Platform API paths and content types.
const (
	platformPrefix = "/platform"

	ContentTypeJSON         = "application/json"
	ContentTypeStartSigning = "application/vnd.start-signing+json"
	ContentTypeCancelOrder  = "application/vnd.cancel-order+json"
)

const (
	defaultTimeout         = 30 * time.Second
	defaultRecoveryLookups = 3
	defaultRecoveryDelay   = 500 * time.Millisecond
	maxResponseBytes       = 4 << 20
	lookupLimit            = 100
)

// Config configures a Client.
type Config struct {
	// BaseURL is the API host, e.g. https://api.copper.co; the client appends
	// /platform/... (a trailing /platform is tolerated).
	BaseURL     string
	APIKey      secret.Value
	APISecret   secret.Value
	PortfolioID string // the vault portfolio
	// Timeout bounds each HTTP call (default 30 s).
	Timeout time.Duration
	// HTTPClient sends the requests (default: a new http.Client).
	HTTPClient *http.Client
	// Now stamps X-Timestamp (default time.Now).
	Now func() time.Time
	// RecoveryLookups is how many times CreateOrder looks the order up after a
	// 409 or a lost answer (default 3), RecoveryDelay the pause between them (default 500 ms).
	RecoveryLookups int
	RecoveryDelay   time.Duration
}

// credentials are kept sealed (see sealed) inside a Client.
type credentials struct {
	key, secret secret.Value
}

// Client calls Copper's Platform API. It is safe for concurrent use.
type Client struct {
	api             endpoint
	creds           sealed[credentials]
	portfolio       string
	now             func() time.Time
	recoveryLookups int
	recoveryDelay   time.Duration
}

// NewClient checks cfg and returns a client.
func NewClient(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	base.Path = strings.TrimSuffix(strings.TrimSuffix(base.Path, "/"), platformPrefix)
	if cfg.APIKey.IsZero() || cfg.APISecret.IsZero() {
		return nil, fmt.Errorf("%w: api key and api secret are required", ErrInvalidRequest)
	}
	if strings.TrimSpace(cfg.PortfolioID) == "" {
		return nil, fmt.Errorf("%w: portfolio id is required", ErrInvalidRequest)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	c := &Client{
		api: endpoint{base: base, http: cfg.HTTPClient, timeout: cfg.Timeout, maxBody: maxResponseBytes,
			redact: seal(secret.NewRedactor(cfg.APIKey, cfg.APISecret))},
		creds:           seal(credentials{key: cfg.APIKey, secret: cfg.APISecret}),
		portfolio:       cfg.PortfolioID,
		now:             cfg.Now,
		recoveryLookups: cfg.RecoveryLookups,
		recoveryDelay:   cfg.RecoveryDelay,
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.recoveryLookups <= 0 {
		c.recoveryLookups = defaultRecoveryLookups
	}
	if c.recoveryDelay <= 0 {
		c.recoveryDelay = defaultRecoveryDelay
	}
	return c, nil
}

// PortfolioID returns the vault portfolio the client places orders in.
func (c *Client) PortfolioID() string { return c.portfolio }

// RequestSignature computes Copper's X-Signature: the lower-case hex
// HMAC-SHA256, keyed with the API secret, of timestamp + METHOD + request URI
// (path with the /platform prefix and the query) + body.
func RequestSignature(apiSecret secret.Value, timestamp, method, requestURI string, body []byte) string {
	m := hmac.New(sha256.New, []byte(apiSecret.Reveal()))
	m.Write([]byte(timestamp))
	m.Write([]byte(strings.ToUpper(method)))
	m.Write([]byte(requestURI))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// do sends one signed request (see endpoint.send). path is already escaped.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, contentType string, body []byte) ([]byte, error) {
	return c.api.send(ctx, call{method: method, path: path, query: query, body: body, prepare: func(req *http.Request) {
		ts := strconv.FormatInt(c.now().UnixMilli(), 10)
		req.Header.Set("Authorization", "ApiKey "+c.creds().key.Reveal())
		req.Header.Set("X-Timestamp", ts)
		req.Header.Set("X-Signature", RequestSignature(c.creds().secret, ts, method, req.URL.RequestURI(), body))
		req.Header.Set("Content-Type", contentType)
	}})
}
