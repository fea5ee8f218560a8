// Package pokt is the bridge's neutral model of the Pocket network: one
// transfer (Tx) and one address type whatever the protocol, the rules that
// turn a deposit to the vault into a mint, a refund or nothing, and the
// sentinel errors of both protocol clients. The clients live one package per
// protocol below this one (shannon, morse), chosen by package protocol; no
// code above chains/ sees a protocol-shaped type.
package pokt

// DenomUpokt is the only denomination the bridge accepts (6 decimals).
const DenomUpokt = "upokt"

// NotASendUndecodable starts the NotASend reason of a tx whose bytes do
// not decode: what it moved is unknown, so it is no send and no failure.
const NotASendUndecodable = "undecodable"

// Tx is a committed Pocket tx as the bridge sees it, read by either
// protocol's client. Every field was validated by the client that made it.
type Tx struct {
	// Hash is 64 upper-case hex characters, no 0x: sha256 of the tx bytes.
	Hash   string
	Height int64
	// Index is the tx's position in its block.
	Index uint32
	// Code is the tx result's code: 0 for success, anything else means the
	// tx failed on chain and moved nothing (Codespace says whose code).
	Code      uint32
	Codespace string
	// NotASend says why a successful tx is not one plain send of upokt
	// (another message type; on Shannon also a second send, a multi-coin
	// send, events that disagree with the body). Empty for a plain send.
	NotASend string
	// From and To are the send's sender and recipient, each in its
	// protocol's canonical form (see Address). For a tx that is not a send
	// they are what the node says, when it says it.
	From, To string
	// Amount is the amount sent in upokt (sends only).
	Amount uint64
	// Fee is the fee paid in upokt.
	Fee  uint64
	Memo string
}

// Success reports whether the tx succeeded on chain.
func (t Tx) Success() bool { return t.Code == 0 }

// IsSend reports whether the tx is one plain send of upokt.
func (t Tx) IsSend() bool { return t.NotASend == "" }
