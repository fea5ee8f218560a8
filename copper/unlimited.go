package copper

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wpokt/bridge/secret"
)

// Errors of Unlimited.Sign.
var (
	// ErrNotSignable: the order has no transactionRequest yet (signing not
	// started) or has already ended.
	ErrNotSignable = errors.New("copper unlimited: order not signable")
	// ErrSignFailed: the co-signer reported status "error" (wrong key file or
	// password, unknown shard, order not awaiting signatures...). Final.
	ErrSignFailed = errors.New("copper unlimited: signing failed")
	// ErrSignTimeout: the co-signer did not finish before the deadline. Retryable.
	ErrSignTimeout = errors.New("copper unlimited: signing timed out")
	// ErrSignRequestLost: the co-signer no longer knows the request (restarted?). Retryable.
	ErrSignRequestLost = errors.New("copper unlimited: sign request lost")
)

// Copper Unlimited sign-request statuses.
const (
	SignStatusStarting           = "starting"
	SignStatusSessionEstablished = "session-established"
	SignStatusInProgress         = "in-progress"
	SignStatusCompleted          = "completed"
	SignStatusError              = "error"
)

const (
	defaultPollInterval   = time.Second
	maxPollInterval       = 10 * time.Second
	defaultSignDeadline   = 2 * time.Minute
	defaultUnlimitedCall  = 10 * time.Second
	signPostAttempts      = 3
	maxUnlimitedRespBytes = 1 << 20
)

// UnlimitedConfig configures the client of one node's Copper Unlimited co-signer.
type UnlimitedConfig struct {
	// BaseURL of the co-signer beside the node, e.g. http://127.0.0.1:3010.
	BaseURL string
	// KeyFilename is the node's shard file inside the co-signer's key folder.
	KeyFilename    string
	KeyPassword    secret.Value
	MasterPassword secret.Value
	// APIKey and APISecret are the Platform API credentials the co-signer uses
	// to upload its partial signature.
	APIKey    secret.Value
	APISecret secret.Value
	// PollInterval is the first pause between status polls (default 1 s); it
	// grows by half each time up to 10 s (or PollInterval if larger).
	PollInterval time.Duration
	// Deadline bounds a whole Sign call (default 2 min).
	Deadline time.Duration
	// CallTimeout bounds each HTTP call (default 10 s).
	CallTimeout time.Duration
	HTTPClient  *http.Client
}

type unlimitedCreds struct {
	keyPassword, masterPassword, apiKey, apiSecret secret.Value
}

// Unlimited is the client of one node's Copper Unlimited co-signer. Safe for concurrent use.
type Unlimited struct {
	api          endpoint
	keyFilename  string
	creds        sealed[unlimitedCreds]
	pollInterval time.Duration
	deadline     time.Duration
}

// NewUnlimited checks cfg and returns a co-signer client.
func NewUnlimited(cfg UnlimitedConfig) (*Unlimited, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("copper unlimited: %w", err)
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	if strings.TrimSpace(cfg.KeyFilename) == "" {
		return nil, fmt.Errorf("copper unlimited: %w: key filename is required", ErrInvalidRequest)
	}
	for name, s := range map[string]secret.Value{
		"key password": cfg.KeyPassword, "master password": cfg.MasterPassword,
		"api key": cfg.APIKey, "api secret": cfg.APISecret,
	} {
		if s.IsZero() {
			return nil, fmt.Errorf("copper unlimited: %w: %s is required", ErrInvalidRequest, name)
		}
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = defaultUnlimitedCall
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	u := &Unlimited{
		api: endpoint{base: base, http: cfg.HTTPClient, timeout: cfg.CallTimeout, maxBody: maxUnlimitedRespBytes,
			redact: seal(secret.NewRedactor(cfg.KeyPassword, cfg.MasterPassword, cfg.APIKey, cfg.APISecret))},
		keyFilename: cfg.KeyFilename,
		creds: seal(unlimitedCreds{
			keyPassword: cfg.KeyPassword, masterPassword: cfg.MasterPassword,
			apiKey: cfg.APIKey, apiSecret: cfg.APISecret,
		}),
		pollInterval: cfg.PollInterval,
		deadline:     cfg.Deadline,
	}
	if u.pollInterval <= 0 {
		u.pollInterval = defaultPollInterval
	}
	if u.deadline <= 0 {
		u.deadline = defaultSignDeadline
	}
	return u, nil
}

// SignAsyncRequest is the body of POST /sign-async (exported for the
// simulator). Secrets are plain strings here and nowhere else; never log it.
type SignAsyncRequest struct {
	Type                 string          `json:"type"`
	KeyFilename          string          `json:"keyFilename"`
	KeyPassword          string          `json:"keyPassword"`
	TransactionRequestID string          `json:"transactionRequestId"`
	MasterPassword       string          `json:"masterPassword"`
	APIKey               string          `json:"apiKey"`
	APISecret            string          `json:"apiSecret"`
	SignRequest          json.RawMessage `json:"signRequest"`
}

// SignAsyncResponse is the answer of POST /sign-async.
type SignAsyncResponse struct {
	TransactionRequestID string `json:"transactionRequestId"`
	SessionKey           string `json:"sessionKey,omitempty"`
	SessionTimestamp     string `json:"sessionTimestamp,omitempty"`
}

// SignAsyncStatus is the answer of GET /sign-async/{transactionRequestId}.
type SignAsyncStatus struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// Sign adds this node's partial signature to order: it posts the order's
// transactionRequest to the co-signer (POST /sign-async) and polls
// GET /sign-async/{id} with backoff until "completed" (nil), "error"
// (ErrSignFailed with the co-signer's message) or the deadline (ErrSignTimeout).
// The co-signer uploads the signature to Copper itself. Errors never carry secrets.
func (u *Unlimited) Sign(ctx context.Context, order *Order) error {
	if order == nil || order.OrderID == "" {
		return fmt.Errorf("copper unlimited: sign: %w: no order", ErrInvalidRequest)
	}
	if order.Status.Terminal() {
		return fmt.Errorf("copper unlimited: sign order %s: %w: order is %s", order.OrderID, ErrNotSignable, order.Status)
	}
	sr := bytes.TrimSpace(order.Extra.TransactionRequest)
	if len(sr) == 0 || string(sr) == "null" {
		return fmt.Errorf("copper unlimited: sign order %s: %w: no transactionRequest (signing not started?)", order.OrderID, ErrNotSignable)
	}
	if sr[0] != '{' || !json.Valid(sr) {
		return fmt.Errorf("copper unlimited: sign order %s: %w: transactionRequest is not a JSON object", order.OrderID, ErrNotSignable)
	}
	reqID, err := newRequestID()
	if err != nil {
		return fmt.Errorf("copper unlimited: sign order %s: %w", order.OrderID, err)
	}
	ctx, cancel := context.WithTimeout(ctx, u.deadline)
	defer cancel()

	body, err := json.Marshal(SignAsyncRequest{
		Type:                 "request",
		KeyFilename:          u.keyFilename,
		KeyPassword:          u.creds().keyPassword.Reveal(),
		TransactionRequestID: reqID,
		MasterPassword:       u.creds().masterPassword.Reveal(),
		APIKey:               u.creds().apiKey.Reveal(),
		APISecret:            u.creds().apiSecret.Reveal(),
		SignRequest:          sr,
	})
	if err != nil {
		return fmt.Errorf("copper unlimited: sign order %s: %w: %v", order.OrderID, ErrInvalidRequest, err)
	}
	if err := u.post(ctx, reqID, body); err != nil {
		return fmt.Errorf("sign order %s (request %s): %w", order.OrderID, reqID, err)
	}
	if err := u.poll(ctx, reqID); err != nil {
		return fmt.Errorf("sign order %s (request %s): %w", order.OrderID, reqID, err)
	}
	return nil
}

// post sends the sign request, retrying transient failures with the same
// transactionRequestId so that a retry is recognised as the same request.
func (u *Unlimited) post(ctx context.Context, reqID string, body []byte) error {
	var err error
	wait := u.pollInterval
	for attempt := 0; attempt < signPostAttempts; attempt++ {
		if attempt > 0 {
			if werr := sleep(ctx, wait); werr != nil {
				return u.deadlineErr(ctx, "post sign request", err)
			}
			wait = u.nextWait(wait)
		}
		var data []byte
		data, err = u.api.send(ctx, call{method: http.MethodPost, path: "/sign-async", body: body})
		if err == nil {
			var r SignAsyncResponse
			if derr := decodeJSON(data, &r); derr != nil {
				return fmt.Errorf("%w: decode sign-async answer: %w", ErrInvalidResponse, derr)
			}
			if r.TransactionRequestID != "" && r.TransactionRequestID != reqID {
				return fmt.Errorf("%w: sign-async answered for request %q", ErrInvalidResponse, clip(u.api.redact().Clean(r.TransactionRequestID)))
			}
			return nil
		}
		if !IsRetryable(err) {
			return err
		}
		if ctx.Err() != nil {
			return u.deadlineErr(ctx, "post sign request", err)
		}
	}
	return err
}

// poll waits for the request to end, with a growing pause between polls.
func (u *Unlimited) poll(ctx context.Context, reqID string) error {
	wait := u.pollInterval
	last := "unknown"
	var lastErr error
	for {
		data, err := u.api.send(ctx, call{method: http.MethodGet, path: "/sign-async/" + url.PathEscape(reqID)})
		switch {
		case err == nil:
			var st SignAsyncStatus
			if derr := decodeJSON(data, &st); derr != nil {
				return fmt.Errorf("%w: decode sign-async status: %w", ErrInvalidResponse, derr)
			}
			msg := clip(u.api.redact().Clean(st.Message))
			switch st.Status {
			case SignStatusCompleted:
				return nil
			case SignStatusError:
				if msg == "" {
					msg = "no message"
				}
				return fmt.Errorf("%w: co-signer says: %s", ErrSignFailed, msg)
			case SignStatusStarting, SignStatusSessionEstablished, SignStatusInProgress:
				last, lastErr = st.Status, nil
			default:
				return fmt.Errorf("%w: unknown sign status %q", ErrInvalidResponse, clip(u.api.redact().Clean(st.Status)))
			}
		case errors.Is(err, ErrNotFound):
			return fmt.Errorf("%w: co-signer does not know request %s", ErrSignRequestLost, reqID)
		case IsRetryable(err):
			lastErr = err // the co-signer may be busy or restarting: keep polling until the deadline
		default:
			return err
		}
		if err := sleep(ctx, wait); err != nil {
			if lastErr != nil {
				return u.deadlineErr(ctx, "wait for signature (last status "+last+")", lastErr)
			}
			return u.deadlineErr(ctx, "wait for signature (last status "+last+")", nil)
		}
		wait = u.nextWait(wait)
	}
}

func (u *Unlimited) deadlineErr(ctx context.Context, what string, last error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
	if last != nil {
		return fmt.Errorf("%w: %s after %s: last error: %v", ErrSignTimeout, what, u.deadline, last)
	}
	return fmt.Errorf("%w: %s after %s", ErrSignTimeout, what, u.deadline)
}

func (u *Unlimited) nextWait(w time.Duration) time.Duration {
	ceiling := max(maxPollInterval, u.pollInterval)
	return min(w+w/2, ceiling)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// newRequestID returns a random UUID (version 4) for transactionRequestId.
func newRequestID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("random request id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}

// Ping checks that the co-signer answers HTTP. Copper Unlimited documents
// no health endpoint, so it asks for the status of a request that does not
// exist: any answer, "not found" included, means the co-signer is up.
func (u *Unlimited) Ping(ctx context.Context) error {
	_, err := u.api.send(ctx, call{method: http.MethodGet, path: "/sign-async/wpokt-ping"})
	if err == nil || errors.Is(err, ErrNotFound) {
		return nil
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) && !apiErr.Retryable() {
		return nil
	}
	return fmt.Errorf("copper unlimited: ping: %w", err)
}
