package activities

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/transfer"
)

// OrderLister lists every order of the vault portfolio.
type OrderLister interface {
	ListOrders(ctx context.Context) ([]copper.Order, error)
}

// MintLister lists the wPOKT contract's Minted logs.
type MintLister interface {
	HeadNumber(ctx context.Context) (uint64, error)
	Mints(ctx context.Context, from, to uint64) ([]eth.Mint, error)
}

// LedgerSources are what an operator rebuilds a node's ledger from:
// Copper's orders, each checked on the node's own RPCs.
type LedgerSources struct {
	Rules  Rules
	Pocket SignerPocket
	Eth    EthChain
	Copper OrderLister
	// Mints, when set, is read from MintsFrom to the head: every Minted
	// log no executed order explains is reported.
	Mints     MintLister
	MintsFrom uint64
	Now       time.Time
}

// RebuildLedger returns the entries of a rebuilt ledger and notes for the
// operator on what did not check out. It errs on the side of refusing:
// every order that executed or may still execute is recorded, those whose
// execution this node's RPC does not confirm too (with a note), and every
// payout of the vault whose memo names a transfer Copper shows no executed
// order for is recorded under its Pocket tx, so that no order for that
// transfer is signed again. Orders that ended unexecuted are left out: the
// signer checks those against the chains when it meets them.
func RebuildLedger(ctx context.Context, src LedgerSources) ([]ledger.Entry, []string, error) {
	orders, err := src.Copper.ListOrders(ctx)
	if err != nil {
		return nil, nil, err
	}
	var entries []ledger.Entry
	var notes []string
	paid := map[string]bool{}   // transfers with an order that executed
	minted := map[string]bool{} // recipient/nonce of the executed mint orders
	for i := range orders {
		o := &orders[i]
		spec, err := src.Rules.SpecOf(o)
		if err != nil {
			notes = append(notes, fmt.Sprintf("order %s (%s, %s) is not one the bridge makes, left out: %v", o.OrderID, o.ExternalOrderID, o.Status, err))
			continue
		}
		if o.Status.Failed() {
			continue
		}
		if o.Status.Executed() {
			if err := verifyExecuted(ctx, src, o, spec); err != nil {
				notes = append(notes, fmt.Sprintf("order %s of %s executed in Copper, but this node's RPC does not confirm it (recorded anyway): %v", o.OrderID, o.ExternalOrderID, err))
			}
			paid[spec.ExternalID] = true
			if spec.Kind == transfer.OrderMint {
				minted[mintKey(spec.Recipient, spec.Nonce)] = true
			}
		}
		// The order's own time, so that a rebuilt ledger counts in this
		// node's rolling cap only what moved within it.
		at := o.UpdatedAt
		if at.IsZero() || at.After(src.Now) {
			at = src.Now
		}
		entries = append(entries, entryOf(spec, o.OrderID, at))
	}
	payouts, err := vaultPayouts(ctx, src.Rules, src.Pocket)
	if err != nil {
		return nil, nil, err
	}
	for _, tx := range payouts {
		id, kind, ok := transferOfMemo(tx.Memo)
		if !ok || paid[id] {
			continue
		}
		notes = append(notes, fmt.Sprintf("the vault paid %s (pocket tx %s, %d upokt to %s) without an executed Copper order: recorded under the tx", id, tx.Hash, tx.Amount, tx.To))
		entries = append(entries, ledger.Entry{TransferID: id, OrderID: "pocket-tx-" + tx.Hash, Kind: string(kind),
			Recipient: tx.To, Amount: tx.Amount, SignedAt: src.Now})
	}
	strays, err := unexplainedMints(ctx, src, minted)
	if err != nil {
		return nil, nil, err
	}
	return entries, append(notes, strays...), nil
}

// unexplainedMints reports the Minted logs that no executed mint order
// explains (wPOKT minted outside the bridge, or by an order Copper no
// longer shows): the logs name no transfer, so they are reported only.
func unexplainedMints(ctx context.Context, src LedgerSources, minted map[string]bool) ([]string, error) {
	if src.Mints == nil {
		return nil, nil
	}
	head, err := src.Mints.HeadNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("read ethereum head: %w", err)
	}
	if head < src.MintsFrom {
		return nil, nil
	}
	mints, err := src.Mints.Mints(ctx, src.MintsFrom, head)
	if err != nil {
		return nil, err
	}
	var notes []string
	for _, m := range mints {
		if !m.Nonce.IsUint64() || !minted[mintKey(m.Recipient.Hex(), m.Nonce.Uint64())] {
			notes = append(notes, fmt.Sprintf("wPOKT minted %s to %s with nonce %s in tx %s (block %d) by no executed Copper order",
				m.Amount, m.Recipient.Hex(), m.Nonce, m.TxHash.Hex(), m.BlockNumber))
		}
	}
	return notes, nil
}

func mintKey(recipient string, nonce uint64) string {
	return strings.ToLower(recipient) + "/" + strconv.FormatUint(nonce, 10)
}

func entryOf(spec transfer.OrderSpec, orderID string, now time.Time) ledger.Entry {
	return ledger.Entry{TransferID: spec.ExternalID, OrderID: orderID, Kind: string(spec.Kind),
		Recipient: spec.Recipient, Amount: spec.Amount, Nonce: spec.Nonce, SignedAt: now}
}

// verifyExecuted checks an executed order's tx on this node's RPC: the
// Minted event of a mint, the vault's send with the transfer's memo.
func verifyExecuted(ctx context.Context, src LedgerSources, o *copper.Order, spec transfer.OrderSpec) error {
	txID := o.Extra.TransactionID
	if spec.Kind == transfer.OrderMint {
		if !isTxHash(txID) {
			return fmt.Errorf("mint tx %q is not a hash", txID)
		}
		_, err := src.Eth.VerifyMinted(ctx, common.HexToHash(txID), common.HexToAddress(spec.Recipient),
			new(big.Int).SetUint64(spec.Amount), new(big.Int).SetUint64(spec.Nonce))
		return err
	}
	tx, err := src.Pocket.Tx(ctx, txID)
	if err != nil {
		return err
	}
	if !tx.Success() || !pokt.SameAddress(tx.From, src.Rules.Deposit.Vault) || tx.Memo != spec.Memo || tx.Amount != spec.Amount {
		return fmt.Errorf("pocket tx %s: code %d, from %s, memo %q, %d upokt", tx.Hash, tx.Code, tx.From, tx.Memo, tx.Amount)
	}
	return nil
}

// vaultPayouts lists the vault's successful sends since PayoutScanFrom,
// as this node's Pocket RPC shows them.
func vaultPayouts(ctx context.Context, rules Rules, pocket SignerPocket) ([]pokt.Tx, error) {
	head, err := pocket.Height(ctx)
	if err != nil {
		return nil, fmt.Errorf("read pocket height: %w", err)
	}
	from := max(rules.PayoutScanFrom, 1)
	if head < from {
		return nil, nil
	}
	sent, err := pocket.SentTxs(ctx, rules.Deposit.Vault, from, head)
	if err != nil {
		return nil, fmt.Errorf("read the vault's payouts: %w", err)
	}
	var out []pokt.Tx
	for _, tx := range sent {
		if tx.Success() {
			out = append(out, tx)
		}
	}
	return out, nil
}

// transferOfMemo names the transfer a payout's memo pays, if it is one of
// the bridge's memos (transfer.ReturnMemo, transfer.RefundMemo).
func transferOfMemo(memo string) (string, transfer.OrderKind, bool) {
	if hash, ok := strings.CutPrefix(memo, "InvalidMint: 0x"); ok && transfer.RefundMemo(hash) == memo {
		return transfer.MintWorkflowID(hash), transfer.OrderRefund, true
	}
	rest, ok := strings.CutPrefix(memo, "Burn: 0x")
	if !ok {
		return "", "", false
	}
	hash, n := rest, 0
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		pos, err := strconv.Atoi(rest[i+1:])
		if err != nil || pos < 1 {
			return "", "", false
		}
		hash, n = rest[:i], pos
	}
	burnHash := "0x" + hash
	if transfer.ReturnMemo(burnHash, n) != memo {
		return "", "", false
	}
	return transfer.BurnWorkflowID(burnHash, n), transfer.OrderReturn, true
}
