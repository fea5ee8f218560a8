// Package activities holds the bridge's activities: the steps that touch the
// chains, Copper, the Temporal service and the projection. Shared holds
// those run for any workflow by the node that picks them up; Signer holds a
// node's own verification and co-signature, run on its signer-<id> queue.
package activities

import (
	"time"

	"encoding/hex"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

// Rules are a node's own business rules, from its config. Every check an
// activity makes uses its own node's rules, never the workflow's.
type Rules struct {
	NodeID string
	// Deposit classifies Pocket deposits (vault, fee, memo chain ID, max).
	Deposit pokt.DepositRules
	// Protocol is the Pocket network's protocol (how its addresses print).
	Protocol            pokt.Protocol
	PocketConfirmations int64
	EthConfirmations    int64
	WPOKTAddress        common.Address
	PortfolioID         string
	POKTCurrency        string
	ETHCurrency         string
	// Governor limits, in upokt; 0 = none. The signer applies them too,
	// counting the cap in its own ledger.
	SingleTransferLimit uint64
	DailyCap            uint64
	// Paused makes the signer refuse every order (its operator's pause).
	Paused bool
	// SignerLimits makes the signer apply SingleTransferLimit and
	// DailyCap itself; Released lets a transfer through them.
	SignerLimits bool
	// Released are transfers this node's operator let through the
	// signer's limits.
	Released []string
	// Release lets a held transfer through the signer's limits on the
	// threshold of node operators' signed releases, or once its source is
	// older than the hold delay: the same rule as the workflow's, checked
	// here on this node's own keys and chains.
	Release ReleaseRule
	// PayoutScanFrom is the first Pocket height where a signer looks for
	// the vault's payout of a transfer before it signs another.
	PayoutScanFrom int64
	// TaskQueue is the shared queue, where the control workflow (the
	// pause, the governor and the mint nonce leases) runs.
	TaskQueue string
}

// Burn is the rules that classify a burn, from the same settings.
func (r Rules) Burn() eth.BurnRules {
	return eth.BurnRules{FeeUpokt: r.Deposit.FeeUpokt, VaultPaysFee: r.Deposit.VaultPaysFee, Protocol: r.Protocol}
}

// OrderRequest builds the Copper order that does exactly what spec says.
func (r Rules) OrderRequest(spec transfer.OrderSpec) (copper.OrderRequest, error) {
	req := copper.OrderRequest{
		ExternalOrderID: spec.ExternalID,
		OrderType:       "withdraw",
		Description:     fmt.Sprintf("wPOKT %s %s", spec.Kind, spec.ExternalID),
	}
	switch spec.Kind {
	case transfer.OrderMint:
		if !common.IsHexAddress(spec.Recipient) {
			return req, fmt.Errorf("mint order %s: bad recipient %q", spec.ExternalID, spec.Recipient)
		}
		call := eth.EncodeMintCall(common.HexToAddress(spec.Recipient),
			new(big.Int).SetUint64(spec.Amount), new(big.Int).SetUint64(spec.Nonce))
		req.BaseCurrency, req.MainCurrency = r.ETHCurrency, r.ETHCurrency
		req.Amount = copper.AmountFromBaseUnits(0, transfer.Decimals)
		req.ToAddress = r.WPOKTAddress.Hex()
		req.BlockchainTransactionType = copper.TxTypeSmartCall
		req.Payload = "0x" + hex.EncodeToString(call)
	case transfer.OrderReturn, transfer.OrderRefund:
		to, err := pokt.NormalizeAddress(spec.Recipient)
		if err != nil {
			return req, fmt.Errorf("%s order %s: %w", spec.Kind, spec.ExternalID, err)
		}
		if spec.Amount == 0 {
			return req, fmt.Errorf("%s order %s: zero amount", spec.Kind, spec.ExternalID)
		}
		req.BaseCurrency, req.MainCurrency = r.POKTCurrency, r.POKTCurrency
		req.Amount = copper.AmountFromBaseUnits(spec.Amount, transfer.Decimals)
		req.ToAddress = to
		req.Memo = spec.Memo
	default:
		return req, fmt.Errorf("order %s: unknown kind %q", spec.ExternalID, spec.Kind)
	}
	return req, nil
}

// SpecOf reads back what a Copper order pays. The order creator compares it
// with what it asked for; every signer compares it with what it computed
// from its own view of the chain. Anything unexpected is an error.
func (r Rules) SpecOf(o *copper.Order) (transfer.OrderSpec, error) {
	spec := transfer.OrderSpec{ExternalID: o.ExternalOrderID}
	if o.PortfolioID != r.PortfolioID {
		return spec, fmt.Errorf("order %s is in portfolio %q, not %q", o.OrderID, o.PortfolioID, r.PortfolioID)
	}
	if o.OrderType != "withdraw" {
		return spec, fmt.Errorf("order %s has type %q, not withdraw", o.OrderID, o.OrderType)
	}
	kind, _, _, err := transfer.ParseWorkflowID(o.ExternalOrderID)
	if err != nil {
		return spec, fmt.Errorf("order %s: external id: %w", o.OrderID, err)
	}
	if o.Extra.BlockchainTransactionType == copper.TxTypeSmartCall || o.Extra.Payload != "" {
		if kind != transfer.KindMint {
			return spec, fmt.Errorf("order %s: a contract call for a %s", o.OrderID, kind)
		}
		spec.Kind = transfer.OrderMint
		if o.BaseCurrency != r.ETHCurrency || (o.MainCurrency != "" && o.MainCurrency != r.ETHCurrency) {
			return spec, fmt.Errorf("order %s: mint in currency %q/%q, not %q", o.OrderID, o.BaseCurrency, o.MainCurrency, r.ETHCurrency)
		}
		if !o.Amount.IsZero() {
			return spec, fmt.Errorf("order %s: mint call sends %s %s with it", o.OrderID, o.Amount, o.BaseCurrency)
		}
		if !strings.EqualFold(o.Extra.ToAddress, r.WPOKTAddress.Hex()) {
			return spec, fmt.Errorf("order %s calls %s, not the wPOKT contract %s", o.OrderID, o.Extra.ToAddress, r.WPOKTAddress.Hex())
		}
		data, err := hex.DecodeString(strings.TrimPrefix(o.Extra.Payload, "0x"))
		if err != nil {
			return spec, fmt.Errorf("order %s: payload is not hex: %w", o.OrderID, err)
		}
		to, amount, nonce, err := eth.DecodeMintCall(data)
		if err != nil {
			return spec, fmt.Errorf("order %s: payload: %w", o.OrderID, err)
		}
		if !amount.IsUint64() || !nonce.IsUint64() {
			return spec, fmt.Errorf("order %s: mint amount or nonce out of range", o.OrderID)
		}
		spec.Recipient, spec.Amount, spec.Nonce = to.Hex(), amount.Uint64(), nonce.Uint64()
		return spec, nil
	}
	switch kind {
	case transfer.KindBurn:
		spec.Kind = transfer.OrderReturn
	case transfer.KindMint:
		spec.Kind = transfer.OrderRefund
	}
	if o.BaseCurrency != r.POKTCurrency || (o.MainCurrency != "" && o.MainCurrency != r.POKTCurrency) {
		return spec, fmt.Errorf("order %s: withdraw in currency %q/%q, not %q", o.OrderID, o.BaseCurrency, o.MainCurrency, r.POKTCurrency)
	}
	if t := o.Extra.BlockchainTransactionType; t != "" && t != copper.TxTypeSend {
		return spec, fmt.Errorf("order %s: a %q transaction, not a plain send", o.OrderID, t)
	}
	if o.Extra.IncludeFeeInWithdraw {
		return spec, fmt.Errorf("order %s: fee included in the withdraw amount", o.OrderID)
	}
	to, err := pokt.NormalizeAddress(o.Extra.ToAddress)
	if err != nil {
		return spec, fmt.Errorf("order %s: destination: %w", o.OrderID, err)
	}
	amount, err := o.Amount.BaseUnits(transfer.Decimals)
	if err != nil {
		return spec, fmt.Errorf("order %s: amount: %w", o.OrderID, err)
	}
	if amount == 0 {
		return spec, fmt.Errorf("order %s: withdraws nothing", o.OrderID)
	}
	spec.Recipient, spec.Amount, spec.Memo = to, amount, o.Extra.Memo
	return spec, nil
}

// diffSpecs lists how got differs from want, for a refusal's reason.
func diffSpecs(want, got transfer.OrderSpec) []string {
	var out []string
	if got.ExternalID != want.ExternalID {
		out = append(out, fmt.Sprintf("external id %q, want %q", got.ExternalID, want.ExternalID))
	}
	if got.Kind != want.Kind {
		out = append(out, fmt.Sprintf("kind %s, want %s", got.Kind, want.Kind))
	}
	if !strings.EqualFold(got.Recipient, want.Recipient) {
		out = append(out, fmt.Sprintf("pays %s, want %s", got.Recipient, want.Recipient))
	}
	if got.Amount != want.Amount {
		out = append(out, fmt.Sprintf("amount %d upokt, want %d", got.Amount, want.Amount))
	}
	if got.Nonce != want.Nonce {
		out = append(out, fmt.Sprintf("nonce %d, want %d", got.Nonce, want.Nonce))
	}
	if got.Memo != want.Memo {
		out = append(out, fmt.Sprintf("memo %q, want %q", got.Memo, want.Memo))
	}
	return out
}

// ReleaseRule is when a held transfer may pass a signer's limits.
type ReleaseRule struct {
	Keys      transfer.NodeKeys
	Threshold int
	// After is the hold delay (governor.release_after); the source's age
	// is its confirmations times the chain's block time.
	After                         time.Duration
	PocketBlockTime, EthBlockTime time.Duration
}
