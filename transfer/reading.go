package transfer

import "strings"

// Report is one node's reading of a transfer: enough to build its order.
type Report struct {
	// Kind is the classification: "mint", "refund", "invalid", "failed"
	// (deposits) or "burn", "invalid" (burns). Empty: no report.
	Kind      string
	Recipient string
	Amount    uint64
	// PayAmount is what the order would pay: the minted amount, or the
	// amount minus the Pocket fee.
	PayAmount uint64
	// Reason explains a refund or an invalid transfer (not compared).
	Reason string
}

// Agrees reports whether two readings say the same transfer.
func (r Report) Agrees(o Report) bool {
	return r.Kind == o.Kind && strings.EqualFold(r.Recipient, o.Recipient) && r.Amount == o.Amount && r.PayAmount == o.PayAmount
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

// Deposit is a Pocket deposit to the vault as one node reads and classifies
// it (ActivityReadDeposit).
type Deposit struct {
	Source SourceCheck
	TxHash string
	Sender string
	// Kind: "mint", "refund", "invalid" or "failed" (see chains/pokt).
	Kind         string
	Reason       string
	Memo         string
	Recipient    string
	Amount       uint64
	MintAmount   uint64
	RefundAmount uint64
}

// Report is this reading as a scanner's report, for comparing with what
// the nodes agree on.
func (d Deposit) Report() Report {
	r := Report{Kind: d.Kind, Amount: d.Amount, Reason: d.Reason}
	switch d.Kind {
	case "mint":
		r.Recipient, r.PayAmount = d.Recipient, d.MintAmount
	case "refund":
		r.Recipient, r.PayAmount = d.Sender, d.RefundAmount
	}
	return r
}

// Burn is a BurnAndBridge log as one node reads and classifies it
// (ActivityReadBurn).
type Burn struct {
	Source      SourceCheck
	TxHash      string
	LogPosition int
	BlockHash   string
	Sender      string
	// Recipient is the Pocket address (40 lower-case hex characters).
	Recipient string
	// Amount is what was burnt; ReturnAmount what the vault sends back
	// (amount minus the Pocket fee).
	Amount       uint64
	ReturnAmount uint64
	// Kind is "burn", "invalid" (nothing to return) or "failed".
	Kind   string
	Reason string
}

// Report is this reading as a scanner's report.
func (b Burn) Report() Report {
	return Report{Kind: b.Kind, Recipient: b.Recipient, Amount: b.Amount, PayAmount: b.ReturnAmount, Reason: b.Reason}
}

// BurnRef names one BurnAndBridge log: its tx and its position among the
// tx's burn logs.
type BurnRef struct {
	TxHash      string
	LogPosition int
}
