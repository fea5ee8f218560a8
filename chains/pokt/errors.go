package pokt

import (
	"errors"
	"fmt"
)

// Sentinel errors; match them with errors.Is.
var (
	// ErrTxNotFound: the node does not know the tx (not yet committed, never
	// sent, or gone in a reorg).
	ErrTxNotFound = errors.New("tx not found")
	// ErrTimeout: one RPC call did not answer within its timeout. The error
	// also matches context.DeadlineExceeded.
	ErrTimeout = errors.New("pokt rpc timed out")
	// ErrInvalidResponse: the node answered something that is not a valid
	// answer (malformed or truncated JSON, impossible values, inconsistent
	// fields). More precise sentinels below are wrapped together with it.
	ErrInvalidResponse = errors.New("invalid pokt rpc response")
	// ErrHashMismatch: a tx hash is not the one asked for, or not the hash of
	// the tx's own bytes.
	ErrHashMismatch = errors.New("tx hash mismatch")
	// ErrInvalidAmount: an amount is not a decimal integer or overflows uint64.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrInvalidDenom: a coin is not in upokt.
	ErrInvalidDenom = errors.New("invalid denom")
	// ErrUnknownMessageType: a tx whose message type the client does not know.
	ErrUnknownMessageType = errors.New("unknown message type")
	// ErrResponseTooLarge: the node's answer exceeds the client's bound.
	ErrResponseTooLarge = errors.New("pokt rpc response too large")
	// ErrInvalidAddress: not a Pocket address (pokt1… or 40 hex characters).
	ErrInvalidAddress = errors.New("invalid pokt address")
	// ErrInvalidHash: not a Pocket tx hash (64 hex characters).
	ErrInvalidHash = errors.New("invalid pokt tx hash")
	// ErrInvalidArgument: a caller's argument is out of range.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrRPC: the node answered with an HTTP error status; see RPCError.
	ErrRPC = errors.New("pokt rpc error")
	// ErrTxRejected: the node refused a raw tx (CheckTx code != 0); see
	// TxRejectedError.
	ErrTxRejected = errors.New("tx rejected by the node")
	// ErrTxDuplicate: the node refused a raw tx because it already has it
	// (a re-broadcast). Such an error also matches ErrTxRejected.
	ErrTxDuplicate = errors.New("duplicate tx")
)

// RPCError is an HTTP error status from the node, with the message of its
// {"code":N,"message":"..."} body when it has one.
type RPCError struct {
	StatusCode int
	Message    string
}

func (e *RPCError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("pokt rpc error: http status %d", e.StatusCode)
	}
	return fmt.Sprintf("pokt rpc error: http status %d: %s", e.StatusCode, e.Message)
}

// Is makes an *RPCError match ErrRPC.
func (e *RPCError) Is(target error) bool { return target == ErrRPC }

// TxRejectedError is a raw tx the node refused at CheckTx.
type TxRejectedError struct {
	// Hash is the hash of the refused tx (computed locally).
	Hash      string
	Code      uint32
	Codespace string
	Log       string
}

func (e *TxRejectedError) Error() string {
	return fmt.Sprintf("tx %s rejected by the node: code %d codespace %q: %s", e.Hash, e.Code, e.Codespace, e.Log)
}

// Is makes a *TxRejectedError match ErrTxRejected, and ErrTxDuplicate when the
// node says it already has the tx (codespace "auth", code 6).
func (e *TxRejectedError) Is(target error) bool {
	switch target {
	case ErrTxRejected:
		return true
	case ErrTxDuplicate:
		return e.Codespace == "auth" && e.Code == 6
	}
	return false
}

// Invalid wraps ErrInvalidResponse, with an optional more precise sentinel:
// what a protocol client returns for an answer it cannot accept.
func Invalid(sentinel error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if sentinel == nil {
		return fmt.Errorf("%w: %s", ErrInvalidResponse, msg)
	}
	return fmt.Errorf("%w: %w: %s", ErrInvalidResponse, sentinel, msg)
}
