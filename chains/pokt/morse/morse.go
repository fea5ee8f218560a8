// Package morse is the bridge's client of a Morse Pocket node (the protocol
// before the 2025-06-03 hard fork to Shannon): HTTP POST with JSON bodies.
// It turns the node's answers into the neutral pokt.Tx, validating every
// field: a malformed answer is an error wrapping pokt.ErrInvalidResponse,
// never a panic and never a half-filled Tx.
package morse

import (
	"fmt"

	"github.com/wpokt/bridge/chains/pokt"
)

// Message types, as tx_result.message_type names them.
const (
	MessageTypeSend = "send"
	// msgTypeSend is stdTx.msg.type of a send.
	msgTypeSend = "pos/Send"
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

// notASend is the neutral model's reason for a tx of another message type.
func notASend(messageType string) string {
	return fmt.Sprintf("message type %q is not a send", messageType)
}

func invalid(sentinel error, format string, args ...any) error {
	return pokt.Invalid(sentinel, format, args...)
}

func truncate(s string, n int) string { return pokt.Truncate(s, n) }
