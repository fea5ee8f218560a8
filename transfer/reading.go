package transfer

import "strings"

// Class is what a transfer's source calls for, as the chain packages
// classify it: every scanner, every workflow read and every signer compare
// these values, never strings of their own.
type Class string

const (
	// ClassMint is a deposit with a valid memo: mint wPOKT to the memo's
	// Ethereum address.
	ClassMint Class = "mint"
	// ClassRefund is a deposit that cannot be minted (bad memo, above the
	// maximum): send it back to its sender.
	ClassRefund Class = "refund"
	// ClassBurn is a BurnAndBridge log: return POKT to its Pocket address.
	ClassBurn Class = "burn"
	// ClassInvalid is a transfer that moved funds but for which nothing can
	// be paid (e.g. an amount at or below the fee); it keeps its reason.
	ClassInvalid Class = "invalid"
	// ClassFailed is a source that moved nothing to the bridge (the tx
	// failed, or is not a send to the vault): no order is ever made for it.
	ClassFailed Class = "failed"
	// ClassUnreadable is a tx to the vault that the node could not read
	// (bytes that do not decode): funds may have moved, so it neither
	// fails nor pays; it waits for an operator, with the reason.
	ClassUnreadable Class = "unreadable"
	// ClassTopUp is a send to the vault from one of the operators'
	// treasury addresses: backing for wPOKT already out (the network fees
	// the vault paid, or wPOKT minted outside the bridge). Nothing is
	// minted or refunded.
	ClassTopUp Class = "top_up"
)

// Pays reports whether a transfer of this class gets a custody order.
func (c Class) Pays() bool { return c == ClassMint || c == ClassRefund || c == ClassBurn }

// Order is the kind of custody order a paying class calls for.
func (c Class) Order() OrderKind {
	switch c {
	case ClassMint:
		return OrderMint
	case ClassRefund:
		return OrderRefund
	case ClassBurn:
		return OrderReturn
	}
	return ""
}

// SourceCheck is what a node reads of a transfer's source tx, on its own RPC.
type SourceCheck struct {
	// Found is false when the tx is unknown to the chain (never mined, or
	// vanished in a reorg).
	Found bool
	// Success is false when the tx failed on chain.
	Success bool
	// Canonical is false when the tx's block is no longer on the canonical
	// chain (Ethereum).
	Canonical     bool
	Height        int64
	Head          int64
	Confirmations int64
}

// Reading is a transfer's source as one node reads it from its own RPC and
// classifies it with its own rules: what the read activities return, what
// every scanner reports in its seen signal, and what the workflow builds
// its order from once a threshold of nodes read it alike. The chain
// packages make it (pokt.ReadDeposit, eth.ReadBurn); nothing converts it.
type Reading struct {
	// Source is the tx's place on chain; a scanner's report leaves out
	// what the workflow re-reads (confirmations).
	Source SourceCheck
	// TxHash and LogPosition name the source (LogPosition: burns only).
	TxHash      string
	LogPosition int
	Class       Class
	// Reason explains a refund, an invalid or a failed transfer (not
	// compared between nodes: wording may differ).
	Reason string
	Sender string
	// Recipient is who the order pays: the mint's Ethereum address, the
	// refund's sender, the burn's Pocket address.
	Recipient string
	// Amount is what the source moved; PayAmount what the order pays.
	Amount    uint64
	PayAmount uint64
	// Memo is the deposit's memo (deposits only).
	Memo string
	// RecipientNonce is a mint's recipient's last mint nonce on Ethereum as
	// the reading node's scanner read it: the workflow leases the nonce
	// after the one a threshold of readings vouch for. Not compared
	// between nodes (they read it at different moments).
	RecipientNonce uint64
}

// Agrees reports whether two readings say the same transfer: the same
// class paying the same amount to the same recipient.
func (r Reading) Agrees(o Reading) bool {
	return r.Class == o.Class && strings.EqualFold(r.Recipient, o.Recipient) && r.Amount == o.Amount && r.PayAmount == o.PayAmount
}

// Report is the reading as a scanner sends it in its seen signal: what
// nodes compare, and the reason. The workflow knows the source's key and
// re-reads its place on chain itself.
func (r Reading) Report() Reading {
	return Reading{Class: r.Class, Reason: r.Reason, Recipient: r.Recipient, Amount: r.Amount, PayAmount: r.PayAmount,
		RecipientNonce: r.RecipientNonce}
}

// Order is exactly the custody order a paying reading calls for, with the
// mint nonce the control workflow leased (mints only): the workflow creates
// it and every signer rebuilds it from its own reading to compare.
func (r Reading) Order(nonce uint64) OrderSpec {
	spec := OrderSpec{Kind: r.Class.Order(), Recipient: r.Recipient, Amount: r.PayAmount}
	switch r.Class {
	case ClassMint:
		spec.ExternalID, spec.Nonce = MintWorkflowID(r.TxHash), nonce
	case ClassRefund:
		spec.ExternalID, spec.Memo = MintWorkflowID(r.TxHash), RefundMemo(r.TxHash)
	case ClassBurn:
		spec.ExternalID, spec.Memo = BurnWorkflowID(r.TxHash, r.LogPosition), ReturnMemo(r.TxHash, r.LogPosition)
	}
	return spec
}

// BurnRef names one BurnAndBridge log: its tx and its position among the
// tx's burn logs.
type BurnRef struct {
	TxHash      string
	LogPosition int
	// Wait, when set, has the read wait for the burn's confirmations.
	Wait ConfirmWait
}

// DepositRef names one Pocket deposit: its tx.
type DepositRef struct {
	TxHash string
	// Wait, when set, has the read wait for the deposit's confirmations.
	Wait ConfirmWait
}

// TransferRef names one transfer: its workflow ID, which is also its
// custody order's external ID.
type TransferRef struct {
	WorkflowID string
}
