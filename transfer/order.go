package transfer

import (
	"fmt"
	"strings"
	"time"
)

// OrderKind says what a custody order does.
type OrderKind string

const (
	// OrderMint is a smart-call to the wPOKT contract's mint.
	OrderMint OrderKind = "mint"
	// OrderReturn sends POKT from the vault for a burn.
	OrderReturn OrderKind = "return"
	// OrderRefund sends an invalid deposit back (minus the fee unless the
	// vault pays it, see pokt.DepositRules.VaultPaysFee).
	OrderRefund OrderKind = "refund"
)

// OrderSpec is exactly what an order must do; the creator builds the order
// from it and every signer rebuilds it from the chain and compares.
type OrderSpec struct {
	// ExternalID is the transfer's workflow ID: one order per transfer.
	ExternalID string
	Kind       OrderKind
	// Recipient is the Ethereum address (mint) or Pocket address (return,
	// refund) that receives the funds.
	Recipient string
	Amount    uint64
	// Nonce is the mint nonce (mint only).
	Nonce uint64
	// Memo goes with a Pocket send so that the user can trace it.
	Memo string
}

// OrderRef is a custody order as the workflow keeps it.
type OrderRef struct {
	OrderID string
	Status  string
	// Spec is what the order pays, as read back from the custody platform.
	Spec OrderSpec
	// Found is false when FindOrder found no order.
	Found bool
	// NeedsSignatures says whether the order still waits for co-signatures,
	// as its custody status reads.
	NeedsSignatures bool
}

// AwaitOrderResult is how a custody order ended.
type AwaitOrderResult struct {
	OrderID  string
	Status   string
	Executed bool
	// TxHash is the destination chain tx that executed the order.
	TxHash string
	Reason string
}

// SignRequest asks one node to verify a transfer and co-sign its order.
type SignRequest struct {
	NodeID     string
	WorkflowID string
	Kind       OrderKind
	// SourceTxHash and LogPosition identify the source transfer, which the
	// signer re-reads from its own RPC.
	SourceTxHash string
	LogPosition  int
	OrderID      string
	// Releases are the node operators' signed releases of a held transfer,
	// as the workflow received them: each signer verifies them itself.
	Releases []ReleaseSignal
}

// SignResult is one node's co-signature.
type SignResult struct {
	NodeID string
	// OrderComplete is set when the node found the order already past
	// signing (enough others signed): it added nothing.
	OrderComplete bool
	// CoSigners are the co-signers Copper lists on a complete order, so
	// that the transfer records every node that signed, also those whose
	// own activity had not reported yet.
	CoSigners []string
}

// AwaitOrderRequest asks for a custody order to be watched until it ends.
type AwaitOrderRequest struct {
	OrderID      string
	PollInterval time.Duration
}

// VerifyRequest asks for the destination tx to be checked on chain.
type VerifyRequest struct {
	Spec   OrderSpec
	TxHash string
}

// VerifyResult is the checked destination tx.
type VerifyResult struct {
	TxHash string
	Height int64
}

// RefundMemo is the memo of the Pocket send that refunds a deposit; the
// creator writes it and every signer expects exactly it. It is production
// wPOKT's memo ("InvalidMint: 0x<deposit hash>"), so that explorers that
// know the bridge read it as they always have.
func RefundMemo(depositHash string) string {
	return "InvalidMint: 0x" + strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(depositHash, "0x"), "0X"))
}

// ReturnMemo is the memo of the Pocket send that pays out a burn:
// production wPOKT's "Burn: 0x<burn tx hash>". A tx with several burn logs
// pays each of the others with its log position appended ("-1", "-2"...),
// so that no two payouts carry the same memo.
func ReturnMemo(burnTxHash string, logPosition int) string {
	memo := "Burn: 0x" + strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(burnTxHash, "0x"), "0X"))
	if logPosition > 0 {
		memo += fmt.Sprintf("-%d", logPosition)
	}
	return memo
}
