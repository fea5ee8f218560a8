// Package pokt is the bridge's client of the Pocket network: a small typed
// client of the Morse node RPC (HTTP POST with JSON bodies), the rules that
// turn a deposit to the vault into a mint, a refund or nothing, and the
// address and hash helpers both need.
//
// Everything a node answers is validated before it is returned: a malformed
// answer is an error wrapping ErrInvalidResponse, never a panic and never a
// half-filled Tx. The Chain interface is what callers use, so that a Shannon
// (Cosmos SDK) client can sit beside the Morse Client later.
package pokt

import "context"

// Chain is what the bridge needs from a Pocket node.
type Chain interface {
	// ChainID returns the chain id in the header of the latest block.
	ChainID(ctx context.Context) (string, error)
	// Height returns the height of the latest block.
	Height(ctx context.Context) (int64, error)
	// Tx returns the committed tx with this hash (either case, 0x optional),
	// or an error wrapping ErrTxNotFound when the node does not know it.
	// A tx that failed on chain is returned with Code != 0.
	Tx(ctx context.Context, hash string) (*Tx, error)
	// ReceivedTxs returns every tx received by address with
	// fromHeight <= height <= toHeight, oldest first, without duplicates.
	ReceivedTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]Tx, error)
	// SendRawTx broadcasts a signed tx and returns its hash (upper-case hex).
	SendRawTx(ctx context.Context, fromAddress string, rawTx []byte) (string, error)
}

// Message types, as tx_result.message_type names them.
const (
	MessageTypeSend = "send"
	// msgTypeSend is stdTx.msg.type of a send.
	msgTypeSend = "pos/Send"
	// DenomUpokt is the only denomination the bridge accepts.
	DenomUpokt = "upokt"
)

// knownMessageTypes are the tx_result.message_type values a Morse node uses.
// A tx of another type is rejected as ErrUnknownMessageType; a tx of one of
// these that is not a send is returned with only its common fields set.
var knownMessageTypes = map[string]bool{
	MessageTypeSend:           true,
	"app_stake":               true,
	"app_begin_unstake":       true,
	"app_unjail":              true,
	"stake_validator":         true,
	"begin_unstake_validator": true,
	"unjail_validator":        true,
	"upgrade":                 true,
	"change_param":            true,
	"dao_tranfer":             true, // sic: the node spells it this way
	"claim":                   true,
	"proof":                   true,
}

// Tx is a committed Pocket tx as the bridge sees it.
type Tx struct {
	// Hash is 64 upper-case hex characters, no 0x.
	Hash   string
	Height int64
	// Index is the tx's position in its block.
	Index uint32
	// Code is tx_result.code: 0 for success, anything else means the tx
	// failed on chain and moved nothing.
	Code      uint32
	Codespace string
	// MessageType is tx_result.message_type ("send" for a transfer).
	MessageType string
	// From and To are 40 lower-case hex characters. For a send they are the
	// message's from_address and to_address; for other types they are the
	// node's signer and recipient, when it gives them.
	From, To string
	// Amount is the amount sent in upokt (sends only).
	Amount uint64
	// Fee is the fee paid in upokt.
	Fee  uint64
	Memo string
}

// Success reports whether the tx succeeded on chain.
func (t Tx) Success() bool { return t.Code == 0 }
