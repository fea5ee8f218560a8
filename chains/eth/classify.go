package eth

import (
	"encoding/hex"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// BurnClass is how a BurnAndBridge log is to be paid out: "burn" (send the
// amount minus the Pocket fee) or "invalid" (nothing can be sent, with the
// reason). The scanners, the workflow's reads and every signer classify a
// burn with this one function.
type BurnClass struct {
	Kind   string
	Reason string
	// Recipient is the Pocket address: 40 lower-case hex characters.
	Recipient    string
	Amount       uint64
	ReturnAmount uint64
}

// ClassifyBurn classifies a burn of amount to poktAddress, given the fee
// the vault pays for a Pocket send.
func ClassifyBurn(amount *big.Int, poktAddress common.Address, feeUpokt uint64) BurnClass {
	c := BurnClass{Kind: "burn", Recipient: hex.EncodeToString(poktAddress.Bytes())}
	switch {
	case amount == nil || amount.Sign() < 0 || !amount.IsUint64():
		c.Kind, c.Reason = "invalid", fmt.Sprintf("burn amount %v does not fit in a Pocket amount", amount)
	case poktAddress == (common.Address{}):
		c.Amount = amount.Uint64()
		c.Kind, c.Reason = "invalid", "burn to the zero Pocket address: nothing can be sent"
	case amount.Uint64() <= feeUpokt:
		c.Amount = amount.Uint64()
		c.Kind, c.Reason = "invalid", fmt.Sprintf("amount %d upokt is at or below the Pocket fee of %d: nothing to return", c.Amount, feeUpokt)
	default:
		c.Amount = amount.Uint64()
		c.ReturnAmount = c.Amount - feeUpokt
	}
	return c
}
