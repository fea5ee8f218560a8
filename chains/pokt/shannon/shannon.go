// Package shannon is the bridge's client of a Pocket Shannon node (Cosmos SDK
// + CometBFT), spoken to over CometBFT's JSON-RPC 2.0 (POST; 64-bit integers
// as strings; bytes as base64, except abci_query's data, which is hex).
//
// It turns the node's answers into the neutral pokt.Tx, validating every
// field. Two kinds of trouble are kept apart:
//
//   - An answer the client cannot accept (malformed JSON, a hash that is not
//     the hash of the tx bytes, a height outside the window asked for, a
//     paging that does not add up, an upokt amount beyond uint64, which no
//     Pocket account can hold) is an error wrapping pokt.ErrInvalidResponse.
//     Nothing is returned with it: the caller retries or asks another node.
//   - A committed tx that is not one plain send of upokt is not an error: it
//     is returned with pokt.Tx.NotASend set to the reason (see the Reason
//     constants), so that one odd tx never fails a whole scan page and
//     pokt.ClassifyDeposit ends it failed with that reason. This includes tx
//     bytes that do not decode at all ("undecodable: ..."): such a tx keeps
//     its hash, height, index, code and codespace, and nothing else.
//
// The deposit rules of production wPOKT on Shannon (cosmos/util/validate_tx.go
// of pokt-network/wpokt-validator) are applied while decoding: a successful
// tx is a plain send only if its body holds exactly one message, a bank
// MsgSend of one coin in upokt, and its events hold exactly one transfer of
// upokt to the MsgSend's recipient, from its sender, of its amount. The
// sender is the MsgSend's from_address and the memo is the body's. A failed
// tx (Code != 0) keeps only its fee events on chain, so its body alone is
// read; pokt.ClassifyDeposit ends it failed whatever the body says.
//
// A node has no blocks, and may have no tx index, below its status's
// earliest_block_height (pruned, or restored from a snapshot): tx_search
// would find nothing there rather than fail, so ReceivedTxs and SentTxs
// refuse a window that starts below it with pokt.ErrHeightPruned. A scanner
// or payout index must start at or above it (pocket.start_height).
//
// Addresses are printed through pokt.Address (bech32 "pokt1…"), never
// through the SDK's AccAddress.String(), which uses the global "cosmos"
// prefix. Errors name the RPC method, never the node's URL (it may carry a
// gateway's application id).
package shannon

import "github.com/wpokt/bridge/chains/pokt"

// Reasons a committed tx is not one plain send of upokt (pokt.Tx.NotASend).
// Some are followed by details after a colon.
const (
	ReasonUndecodable  = pokt.NotASendUndecodable
	ReasonNoMessage    = "tx without a message"
	ReasonNotBankSend  = "message is not a bank send"
	ReasonSeveralSends = "more than one bank send in one tx"
	ReasonMultiCoin    = "send of more than one coin"
	ReasonOtherDenom   = "send of another denom than upokt"
	ReasonBadAddress   = "send with an invalid address"
	ReasonEvents       = "events disagree with the tx body"
)

// TypeURLMsgSend is the type URL of a bank send in a tx body.
const TypeURLMsgSend = "/cosmos.bank.v1beta1.MsgSend"

func invalid(sentinel error, format string, args ...any) error {
	return pokt.Invalid(sentinel, format, args...)
}

func truncate(s string, n int) string { return pokt.Truncate(s, n) }
