package transfer

import (
	"time"
)

// PriorRecord is what the projection remembers of a transfer whose
// workflow Temporal may have forgotten (retention): a final status stops a
// re-scan from moving funds twice.
type PriorRecord struct {
	Found   bool
	Status  Status
	OrderID string
	Reason  string
}

// Refusal is a signer's recorded refusal.
type Refusal struct {
	NodeID string
	Reason string
}

// State is a transfer's state as its workflow's query returns it and as
// the projection stores it.
type State struct {
	WorkflowID string
	Kind       Kind
	// Classification is how the source tx was read. The projection files
	// deposits that are not ClassMint under invalid_mints.
	Classification Class
	Status         Status
	Reason         string
	SourceTxHash   string
	LogPosition    int
	SourceHeight   int64
	Sender         string
	Recipient      string
	Amount         uint64
	// PayAmount is what the order pays: the mint amount, or the amount
	// minus the fee for returns and refunds.
	PayAmount     uint64
	Memo          string
	Confirmations int64
	Nonce         uint64
	OrderID       string
	OrderKind     OrderKind
	Signers       []string
	Refusals      []Refusal
	SeenBy        []string
	DestTxHash    string
	// Revision counts the workflow's projections of this state: of two
	// writes with the same status, the higher revision is the later one
	// (two states may share a workflow time).
	Revision  uint64
	UpdatedAt time.Time
	CreatedAt time.Time
}
