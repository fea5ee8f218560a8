package copper

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
)

// Sentinels for errors.Is. An *APIError matches ErrUnauthorized (401, 403),
// ErrNotFound (404), ErrConflict (409) and ErrRateLimited (429).
var (
	ErrUnauthorized = errors.New("copper: unauthorized")
	ErrNotFound     = errors.New("copper: not found")
	ErrConflict     = errors.New("copper: conflict")
	ErrRateLimited  = errors.New("copper: rate limited")

	// ErrOrderNotFound: no order has this ID (GetOrder) or this externalOrderId (FindOrderByExternalID).
	ErrOrderNotFound = errors.New("copper: order not found")
	// ErrInvalidResponse: the answer could not be decoded or failed a sanity check.
	ErrInvalidResponse = errors.New("copper: invalid response")
	// ErrInvalidRequest: the call was refused before anything was sent.
	ErrInvalidRequest = errors.New("copper: invalid request")
	// ErrOutcomeUnknown: a create was sent, its answer was lost and the order
	// cannot be found (yet). Retrying CreateOrder is safe: it looks up first.
	ErrOutcomeUnknown = errors.New("copper: outcome unknown")
	// ErrOrderMismatch: an order with this externalOrderId exists but does not
	// say what the request says. Never retry; a person must look.
	ErrOrderMismatch = errors.New("copper: existing order does not match the request")
	// ErrDuplicateOrders: more than one order carries one externalOrderId.
	ErrDuplicateOrders = errors.New("copper: several orders have this externalOrderId")
)

// APIError is an HTTP error answered by Copper: {"error":"<code>","message":"<text>"}.
type APIError struct {
	Status  int    // HTTP status
	Code    string // Copper's "error" field
	Message string // Copper's "message" field (secrets redacted)
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("copper: http %d", e.Status)
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Retryable reports whether the same call may succeed later: 429 and 5xx.
func (e *APIError) Retryable() bool {
	return e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// Is lets errors.Is match an *APIError against the status sentinels.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrConflict:
		return e.Status == http.StatusConflict
	case ErrRateLimited:
		return e.Status == http.StatusTooManyRequests
	}
	return false
}

// transportError marks a failure to get an HTTP answer at all (connection
// refused or reset, timeout, answer cut short).
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// IsRetryable reports whether err is worth retrying: a retryable *APIError
// (429, 5xx), a timeout, a connection error, a lost answer or an unfinished
// signing. A cancelled context, a 4xx, a bad response or a mismatch are final.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, ErrOrderMismatch) || errors.Is(err, ErrDuplicateOrders) || errors.Is(err, ErrInvalidRequest) {
		return false
	}
	if errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrSignTimeout) || errors.Is(err, ErrSignRequestLost) {
		return true
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Retryable()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var te *transportError
	if errors.As(err, &te) {
		return !isCertificateError(err)
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isCertificateError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		invalid          x509.CertificateInvalidError
		hostname         x509.HostnameError
		verification     *tls.CertificateVerificationError
	)
	return errors.As(err, &unknownAuthority) || errors.As(err, &invalid) ||
		errors.As(err, &hostname) || errors.As(err, &verification)
}
