// Package copper is the bridge's client of Copper's Platform API (orders on
// the vault portfolio) and of Copper Unlimited, the co-signer that runs beside
// each node and adds that node's partial signature. It imports nothing of the
// bridge.
package copper

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
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
	redact      secret.Redactor
}

// Client calls Copper's Platform API. It is safe for concurrent use.
type Client struct {
	base            *url.URL
	creds           sealed[credentials]
	portfolio       string
	timeout         time.Duration
	http            *http.Client
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
	c := &Client{
		base:            base,
		creds:           seal(credentials{key: cfg.APIKey, secret: cfg.APISecret, redact: secret.NewRedactor(cfg.APIKey, cfg.APISecret)}),
		portfolio:       cfg.PortfolioID,
		timeout:         cfg.Timeout,
		http:            cfg.HTTPClient,
		now:             cfg.Now,
		recoveryLookups: cfg.RecoveryLookups,
		recoveryDelay:   cfg.RecoveryDelay,
	}
	if c.timeout <= 0 {
		c.timeout = defaultTimeout
	}
	if c.http == nil {
		c.http = &http.Client{}
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

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: base url must be http(s)://host[:port], got %q", ErrInvalidRequest, clip(raw))
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%w: base url must not carry a query, fragment or user info", ErrInvalidRequest)
	}
	return u, nil
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

// do sends one signed request under the client's timeout and returns the
// body of a 2xx answer; any other answer becomes an *APIError. path is
// already escaped (segments through url.PathEscape).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, contentType string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	u, err := joinPath(c.base, path)
	if err != nil {
		return nil, err
	}
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rdr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	ts := strconv.FormatInt(c.now().UnixMilli(), 10)
	req.Header.Set("Authorization", "ApiKey "+c.creds().key.Reveal())
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", RequestSignature(c.creds().secret, ts, method, req.URL.RequestURI(), body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", ContentTypeJSON)

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &transportError{err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		// The answer was cut short: the request may have been applied.
		return nil, &transportError{err: fmt.Errorf("read answer (http %d): %w", resp.StatusCode, err)}
	}
	if len(data) > maxResponseBytes {
		return nil, fmt.Errorf("%w: answer larger than %d bytes", ErrInvalidResponse, maxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newAPIError(resp.StatusCode, data, c.creds().redact)
	}
	return data, nil
}

func newAPIError(status int, body []byte, redact secret.Redactor) *APIError {
	e := &APIError{Status: status}
	var w struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &w) == nil && (w.Error != "" || w.Message != "") {
		e.Code, e.Message = w.Error, w.Message
	} else {
		e.Message = strings.TrimSpace(string(body))
	}
	// Redact before cutting, so that no prefix of a secret survives.
	e.Code, e.Message = clip(redact.Clean(e.Code)), redact.Clean(e.Message)
	if len(e.Message) > 256 {
		e.Message = e.Message[:256] + "..."
	}
	return e
}

// joinPath appends an escaped path to the base URL, keeping the escaping
// (an order ID with "/" or "%" stays one segment).
func joinPath(base *url.URL, escapedPath string) (*url.URL, error) {
	u := *base
	u.RawPath = base.EscapedPath() + escapedPath
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		return nil, fmt.Errorf("%w: bad path: %v", ErrInvalidRequest, err)
	}
	u.Path = p
	return &u, nil
}
