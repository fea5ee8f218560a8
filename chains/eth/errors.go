package eth

import "errors"

// Sentinel errors, wrapped with detail: test them with errors.Is.
var (
	// ErrChainIDMismatch: the RPC serves another chain than the configured one.
	ErrChainIDMismatch = errors.New("chain id mismatch")
	// ErrTxNotFound: the node has no receipt for the transaction (unknown,
	// still pending, or reorged out of the canonical chain).
	ErrTxNotFound = errors.New("transaction not found")
	// ErrLogNotFound: the transaction has no BurnAndBridge log of the wPOKT
	// contract at the asked position.
	ErrLogNotFound = errors.New("burn log not found")
	// ErrMintNotFound: the transaction emitted no Minted log of the wPOKT
	// contract with the expected recipient, amount and nonce.
	ErrMintNotFound = errors.New("mint not found")
	// ErrTxFailed: the transaction was mined but reverted.
	ErrTxFailed = errors.New("transaction failed")
	// ErrNotCanonical: the transaction's block is no longer in the canonical chain.
	ErrNotCanonical = errors.New("block not canonical")
	// ErrSubscriptionUnsupported: subscriptions need a ws:// or wss:// RPC.
	ErrSubscriptionUnsupported = errors.New("subscriptions need a websocket rpc")
	// ErrNoContract: there is no contract code at the configured wPOKT address.
	ErrNoContract = errors.New("no wpokt contract at address")
	// ErrBadResponse: the RPC answered something inconsistent or malformed.
	ErrBadResponse = errors.New("bad rpc response")
	// ErrInvalidMintCall: call data is not exactly an ABI-encoded wPOKT mint call.
	ErrInvalidMintCall = errors.New("invalid mint call")
	// ErrInvalidArgument: a caller passed an argument that cannot be right.
	ErrInvalidArgument = errors.New("invalid argument")
)
