package eth

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// BurnRules are a node's settings that classify a burn: every signer holds
// its own copy.
type BurnRules struct {
	// FeeUpokt is the Pocket fee of the payout: a burn at or below it
	// returns nothing; unless VaultPaysFee, it is taken from the amount.
	FeeUpokt uint64
	// VaultPaysFee: the full amount is returned and the vault pays the fee
	// on top (production wPOKT on Shannon); see pokt.DepositRules.
	VaultPaysFee bool
	// Protocol says how the Pocket recipient is spelled (bech32 on Shannon,
	// hex on Morse).
	Protocol pokt.Protocol
}

// ClassifyBurn classifies a burn of amount to poktAddress: ClassBurn (send
// the amount, minus the Pocket fee unless the vault pays it) or ClassInvalid (nothing can be sent,
// with the reason). The scanners, the workflow's reads and every signer
// classify a burn with this one function.
func ClassifyBurn(amount *big.Int, poktAddress common.Address, rules BurnRules) transfer.Reading {
	c := transfer.Reading{Class: transfer.ClassBurn, Recipient: pocketRecipient(poktAddress, rules.Protocol)}
	switch {
	case amount == nil || amount.Sign() < 0 || !amount.IsUint64():
		c.Class, c.Reason = transfer.ClassInvalid, fmt.Sprintf("burn amount %v does not fit in a Pocket amount", amount)
	case poktAddress == (common.Address{}):
		c.Amount = amount.Uint64()
		c.Class, c.Reason = transfer.ClassInvalid, "burn to the zero Pocket address: nothing can be sent"
	case amount.Uint64() <= rules.FeeUpokt:
		c.Amount = amount.Uint64()
		c.Class, c.Reason = transfer.ClassInvalid, fmt.Sprintf("amount %d upokt is at or below the Pocket fee of %d: nothing to return", c.Amount, rules.FeeUpokt)
	default:
		c.Amount = amount.Uint64()
		c.PayAmount = c.Amount - rules.FeeUpokt
		if rules.VaultPaysFee {
			c.PayAmount = c.Amount
		}
	}
	return c
}

// ReadBurn is a node's whole reading of a burn: the log's place on chain
// and its classification. It is the one conversion from a burn log to the
// reading the workflow, the scanner's report and the signer compare.
func ReadBurn(c *BurnCheck, rules BurnRules) transfer.Reading {
	hash := strings.ToLower(c.Burn.TxHash.Hex())
	src := transfer.SourceCheck{
		Found: true, Success: c.Success, Canonical: c.Canonical,
		Height: int64(c.Burn.BlockNumber), Head: int64(c.Head), Confirmations: int64(c.Confirmations),
	}
	if !c.Success {
		return transfer.Reading{Source: src, TxHash: hash, LogPosition: c.Burn.LogPosition,
			Class: transfer.ClassFailed, Reason: "burn transaction reverted"}
	}
	r := ClassifyBurn(c.Burn.Amount, c.Burn.PoktAddress, rules)
	r.Source, r.TxHash, r.LogPosition, r.Sender = src, hash, c.Burn.LogPosition, c.Burn.From.Hex()
	return r
}

func pocketRecipient(a common.Address, p pokt.Protocol) string {
	if !p.Valid() {
		p = pokt.Shannon
	}
	addr, err := pokt.AddressFromBytes(p, a.Bytes())
	if err != nil {
		return "" // unreachable: 20 bytes and a valid protocol
	}
	return addr.String()
}
