package store

import (
	"strings"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// Document is a transfer as the frontend reads it. Amounts are decimal
// POKT strings ("12.5") beside their integer upokt values.
type Document struct {
	// ID is the transfer's workflow ID, as TransferID: the document's key,
	// so that every write and read of one transfer is a key lookup.
	ID             string          `bson:"_id" json:"-"`
	TransferID     string          `bson:"transfer_id" json:"transfer_id"`
	Kind           transfer.Kind   `bson:"kind" json:"kind"`
	Classification transfer.Class  `bson:"classification" json:"classification"`
	Status         transfer.Status `bson:"status" json:"status"`
	Reason         string          `bson:"reason" json:"reason"`
	SourceTxHash   string          `bson:"source_tx_hash" json:"source_tx_hash"`
	LogPosition    int             `bson:"log_position" json:"log_position"`
	SourceHeight   int64           `bson:"source_height" json:"source_height"`
	Confirmations  int64           `bson:"confirmations" json:"confirmations"`
	Sender         string          `bson:"sender" json:"sender"`
	Recipient      string          `bson:"recipient" json:"recipient"`
	Amount         string          `bson:"amount" json:"amount"`
	AmountUpokt    int64           `bson:"amount_upokt" json:"amount_upokt"`
	// PayAmount is what the order pays: the minted amount, or the amount
	// returned or refunded (minus the Pocket fee).
	PayAmount      string             `bson:"pay_amount" json:"pay_amount"`
	PayAmountUpokt int64              `bson:"pay_amount_upokt" json:"pay_amount_upokt"`
	Memo           string             `bson:"memo,omitempty" json:"memo,omitempty"`
	Nonce          int64              `bson:"nonce,omitempty" json:"nonce,omitempty"`
	OrderID        string             `bson:"order_id,omitempty" json:"order_id,omitempty"`
	OrderKind      transfer.OrderKind `bson:"order_kind,omitempty" json:"order_kind,omitempty"`
	Signers        []string           `bson:"signers" json:"signers"`
	Refusals       []Refusal          `bson:"refusals" json:"refusals"`
	SeenBy         []string           `bson:"seen_by" json:"seen_by"`
	DestTxHash     string             `bson:"dest_tx_hash,omitempty" json:"dest_tx_hash,omitempty"`
	Revision       int64              `bson:"revision" json:"revision"`
	CreatedAt      time.Time          `bson:"created_at" json:"created_at"`
	UpdatedAt      time.Time          `bson:"updated_at" json:"updated_at"`

	// History lists the status changes with their workflow times, oldest
	// first (see StatusChange).
	History []StatusChange `bson:"history,omitempty" json:"history,omitempty"`

	// Collection is where the document was read from (not stored).
	Collection string `bson:"-" json:"collection,omitempty"`
}

// Refusal is a node's refusal to sign, with its reason.
type Refusal struct {
	NodeID string `bson:"node_id" json:"node_id"`
	Reason string `bson:"reason" json:"reason"`
}

// StatusChange is one step of a transfer's history: the status it moved to
// and the workflow time of that move (the State's UpdatedAt), so that a
// replayed write reproduces the same time.
type StatusChange struct {
	Status transfer.Status `bson:"status" json:"status"`
	At     time.Time       `bson:"at" json:"at"`
}

// NewDocument builds the document of a transfer state.
func NewDocument(st transfer.State) Document {
	refusals := make([]Refusal, 0, len(st.Refusals))
	for _, r := range st.Refusals {
		refusals = append(refusals, Refusal{NodeID: r.NodeID, Reason: r.Reason})
	}
	return Document{
		ID:             st.WorkflowID,
		TransferID:     st.WorkflowID,
		Kind:           st.Kind,
		Classification: st.Classification,
		Status:         st.Status,
		Reason:         st.Reason,
		SourceTxHash:   st.SourceTxHash,
		LogPosition:    st.LogPosition,
		SourceHeight:   st.SourceHeight,
		Confirmations:  st.Confirmations,
		Sender:         st.Sender,
		Recipient:      st.Recipient,
		Amount:         transfer.FormatPOKT(st.Amount),
		AmountUpokt:    clampInt64(st.Amount),
		PayAmount:      transfer.FormatPOKT(st.PayAmount),
		PayAmountUpokt: clampInt64(st.PayAmount),
		Memo:           st.Memo,
		Nonce:          clampInt64(st.Nonce),
		OrderID:        st.OrderID,
		OrderKind:      st.OrderKind,
		Signers:        nonNil(st.Signers),
		Refusals:       refusals,
		SeenBy:         nonNil(st.SeenBy),
		DestTxHash:     st.DestTxHash,
		Revision:       clampInt64(st.Revision),
		CreatedAt:      st.CreatedAt.UTC(),
		UpdatedAt:      st.UpdatedAt.UTC(),
	}
}

func clampInt64(v uint64) int64 { return int64(min(v, 1<<63-1)) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// hashForms lists the spellings a tx hash may be stored under: Pocket
// hashes are kept upper-case without 0x, Ethereum hashes lower-case with.
func hashForms(hash string) []string {
	bare := strings.TrimPrefix(strings.TrimPrefix(hash, "0x"), "0X")
	return []string{strings.ToUpper(bare), strings.ToLower(bare), "0x" + strings.ToLower(bare), hash}
}
