package copper

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SignRequest is what a co-signer signs: order.extra.transactionRequest,
// in the shape the simulator writes it. Copper does not publish the format
// of its transactionRequest; the bridge reads these fields from it and a
// co-signer must never sign a request that pays something else than the
// order it checked (see CheckSignRequest).
type SignRequest struct {
	Version                   string `json:"version"`
	OrderID                   string `json:"orderId"`
	PortfolioID               string `json:"portfolioId"`
	BlockchainTransactionType string `json:"blockchainTransactionType"`
	Currency                  string `json:"currency"`
	Amount                    string `json:"amount"`
	ToAddress                 string `json:"toAddress"`
	Payload                   string `json:"payload,omitempty"`
	Memo                      string `json:"memo,omitempty"`
	Digest                    string `json:"digest"`
}

// CheckSignRequest verifies that the order's transactionRequest, the thing
// a co-signer actually signs, says what the order's own fields say: same
// order, portfolio, currency, amount, destination, payload and memo. A
// signer checks the order's fields against the chain, then this, then signs.
func (o *Order) CheckSignRequest() error {
	var sr SignRequest
	if err := json.Unmarshal(o.Extra.TransactionRequest, &sr); err != nil {
		return fmt.Errorf("order %s: transactionRequest does not decode: %w", o.OrderID, err)
	}
	var diffs []string
	check := func(name, got, want string, fold bool) {
		if got != want && !(fold && strings.EqualFold(got, want)) {
			diffs = append(diffs, fmt.Sprintf("%s %q, the order says %q", name, clip(got), clip(want)))
		}
	}
	check("orderId", sr.OrderID, o.OrderID, false)
	check("portfolioId", sr.PortfolioID, o.PortfolioID, false)
	check("blockchainTransactionType", sr.BlockchainTransactionType, o.Extra.BlockchainTransactionType, false)
	check("currency", sr.Currency, o.BaseCurrency, true)
	check("toAddress", sr.ToAddress, o.Extra.ToAddress, true)
	check("payload", sr.Payload, o.Extra.Payload, true)
	check("memo", sr.Memo, o.Extra.Memo, false)
	if amount, err := ParseAmount(sr.Amount); err != nil || !amount.Equal(o.Amount) {
		diffs = append(diffs, fmt.Sprintf("amount %q, the order says %q", clip(sr.Amount), o.Amount))
	}
	if len(diffs) > 0 {
		return fmt.Errorf("order %s: the transaction to sign differs from the order: %s", o.OrderID, strings.Join(diffs, "; "))
	}
	return nil
}
