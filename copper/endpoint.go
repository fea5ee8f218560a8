package copper

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wpokt/bridge/secret"
)

// endpoint is the HTTP core both Copper clients share: it sends one request
// under a timeout, reads a bounded answer and turns any non-2xx answer into
// an *APIError with the client's credentials redacted. The platform client
// and the co-signer client differ only in the headers they add.
type endpoint struct {
	base    *url.URL
	http    *http.Client
	timeout time.Duration
	// maxBody bounds an answer: a larger one is refused, not read whole.
	maxBody int
	// redact is sealed like the credentials it cleans, so that a client
	// printed with %+v shows no secret.
	redact sealed[secret.Redactor]
}

// call is one request to an endpoint. path is already escaped (segments
// through url.PathEscape).
type call struct {
	method string
	path   string
	query  url.Values
	body   []byte
	// prepare adds headers to the request once its URL is final (the
	// platform client signs it); Content-Type and Accept default to JSON.
	prepare func(*http.Request)
}

// send makes the call and returns the body of a 2xx answer. A failure to
// get an answer at all is a *transportError (the request may have been
// applied), any other answer an *APIError.
func (e endpoint) send(ctx context.Context, c call) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	req, err := e.request(ctx, c)
	if err != nil {
		return nil, err
	}
	resp, err := e.http.Do(req)
	if err != nil {
		return nil, &transportError{err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, int64(e.maxBody)+1))
	if err != nil {
		// The answer was cut short: the request may have been applied.
		return nil, &transportError{err: fmt.Errorf("read answer (http %d): %w", resp.StatusCode, err)}
	}
	if len(data) > e.maxBody {
		return nil, fmt.Errorf("%w: answer larger than %d bytes", ErrInvalidResponse, e.maxBody)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newAPIError(resp.StatusCode, data, e.redact())
	}
	return data, nil
}

func (e endpoint) request(ctx context.Context, c call) (*http.Request, error) {
	u, err := joinPath(e.base, c.path)
	if err != nil {
		return nil, err
	}
	if len(c.query) > 0 {
		u.RawQuery = c.query.Encode()
	}
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	req.Header.Set("Content-Type", ContentTypeJSON)
	req.Header.Set("Accept", ContentTypeJSON)
	if c.prepare != nil {
		c.prepare(req)
	}
	return req, nil
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
