package activities

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/transfer"
)

// SignLedger is this node's own durable record of the orders it co-signed
// (package ledger): read before a signature, written and synced before it
// goes out.
type SignLedger interface {
	Signed(transferID string) ([]ledger.Entry, error)
	SignedSince(since time.Time) (map[string]uint64, error)
	Record(e ledger.Entry) error
}

// SignerPocket is what a signer reads of Pocket: a deposit, and the
// vault's sends, whose memos name the transfers they paid.
type SignerPocket interface {
	PocketChain
	SentTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error)
}

// guardOnce applies this node's limits (checkLimits) and keeps a transfer
// from being paid twice, whatever Copper, the workflow or another node
// says (DESIGN.md, rule 2): this node signs a second order for a transfer
// only if every other order of it, in Copper's list or in its own ledger,
// ended without executing, and, for a payout, only if its own Pocket RPC
// shows no payout of the transfer by the vault.
func (s *Signer) guardOnce(ctx context.Context, req transfer.SignRequest, order *copper.Order, want transfer.OrderSpec) error {
	signed, err := s.Ledger.Signed(want.ExternalID)
	if err != nil {
		return s.refuseLedger(ctx, req, err)
	}
	if !signedOrder(signed, order.OrderID) {
		// A retry of an order already signed was counted then.
		if err := s.checkLimits(ctx, req, want, time.Now()); err != nil {
			return err
		}
	}
	others, err := s.otherOrders(ctx, req, order, signed)
	if err != nil {
		return err
	}
	for _, o := range others {
		if err := s.checkEnded(ctx, req, o, order.OrderID, signedOrder(signed, o.OrderID)); err != nil {
			return err
		}
	}
	if want.Kind == transfer.OrderMint {
		return nil // the contract's nonce guards a mint on chain
	}
	return s.checkNotPaid(ctx, req, want)
}

// ledgerUsable refuses when this node has no ledger it can read.
func (s *Signer) ledgerUsable(ctx context.Context, req transfer.SignRequest) error {
	if s.Ledger == nil {
		return s.refuse(ctx, req, "ledger", "this node has no ledger: its operator must create one (wpokt-node ledger init or rebuild)")
	}
	if _, err := s.Ledger.Signed(req.WorkflowID); err != nil {
		return s.refuseLedger(ctx, req, err)
	}
	return nil
}

func (s *Signer) refuseLedger(ctx context.Context, req transfer.SignRequest, err error) error {
	return s.refuse(ctx, req, "ledger", fmt.Sprintf("this node's ledger is not usable (%v): its operator must run wpokt-node ledger rebuild", err))
}

// otherOrders returns the transfer's orders other than this one: Copper's
// list, counted here whatever Copper's filter does, and any order this
// node's ledger holds that the list leaves out.
func (s *Signer) otherOrders(ctx context.Context, req transfer.SignRequest, order *copper.Order, signed []ledger.Entry) ([]*copper.Order, error) {
	list, err := s.Copper.ListOrdersByExternalID(ctx, order.ExternalOrderID)
	if err != nil {
		return nil, fmt.Errorf("list the orders of %s: %w", order.ExternalOrderID, err)
	}
	var others []*copper.Order
	live, listed := 0, false
	for i := range list {
		o := &list[i]
		if o.ExternalOrderID != order.ExternalOrderID {
			continue
		}
		if !o.Status.Terminal() {
			live++
		}
		if o.OrderID == order.OrderID {
			listed = true
			continue
		}
		others = append(others, o)
	}
	if live > 1 {
		return nil, s.alert(ctx, req, "duplicate_orders", fmt.Sprintf("transfer %s has %d live orders in Copper: no order of it is signed until an operator resolves it", order.ExternalOrderID, live))
	}
	if !listed {
		return nil, s.alert(ctx, req, "order_list", fmt.Sprintf("Copper's list of the orders of %s does not show order %s", order.ExternalOrderID, order.OrderID))
	}
	for _, e := range signed {
		if e.OrderID == order.OrderID || slices.ContainsFunc(others, func(o *copper.Order) bool { return o.OrderID == e.OrderID }) {
			continue
		}
		o, err := s.Copper.GetOrder(ctx, e.OrderID)
		if errors.Is(err, copper.ErrOrderNotFound) {
			return nil, s.alert(ctx, req, "second_order", fmt.Sprintf("this node signed order %s of transfer %s, which Copper no longer shows", e.OrderID, e.TransferID))
		}
		if err != nil {
			return nil, fmt.Errorf("read order %s this node signed: %w", e.OrderID, err)
		}
		others = append(others, o)
	}
	return others, nil
}

// checkEnded lets another order of the transfer pass only if it ended
// without executing; for a mint, also only if its nonce is still unused on
// this node's Ethereum RPC (a used nonce may be that order's mint, whatever
// Copper says of it).
func (s *Signer) checkEnded(ctx context.Context, req transfer.SignRequest, other *copper.Order, orderID string, signedIt bool) error {
	who := "another node"
	if signedIt {
		who = "this node"
	}
	if !other.Status.Failed() {
		return s.alert(ctx, req, "second_order", fmt.Sprintf("transfer %s already has order %s (%s; signed by %s at least): this node will not sign order %s for it",
			other.ExternalOrderID, other.OrderID, other.Status, who, orderID))
	}
	spec, err := s.Rules.SpecOf(other)
	if err != nil || spec.Kind != transfer.OrderMint {
		return nil // an order the bridge would not make was never signed; a payout is checked on Pocket
	}
	onChain, err := s.Eth.UserNonce(ctx, common.HexToAddress(spec.Recipient))
	if err != nil {
		return fmt.Errorf("read mint nonce of %s: %w", spec.Recipient, err)
	}
	if onChain.Cmp(new(big.Int).SetUint64(spec.Nonce)) >= 0 {
		return s.alert(ctx, req, "second_order", fmt.Sprintf("the earlier order %s of %s (%s) minted with nonce %d, which is used on chain (at %s): it may have minted",
			other.OrderID, other.ExternalOrderID, other.Status, spec.Nonce, onChain))
	}
	return nil
}

// checkNotPaid looks for the vault's payout of the transfer on this node's
// Pocket RPC: a successful send from the vault whose memo names it.
func (s *Signer) checkNotPaid(ctx context.Context, req transfer.SignRequest, want transfer.OrderSpec) error {
	tx, paid, err := s.payouts.find(ctx, s.Rules, s.Pocket, want.Memo)
	if errors.Is(err, pokt.ErrHeightPruned) {
		// Waiting cannot help: the node will never serve those heights.
		return s.refuse(ctx, req, "payout_check", fmt.Sprintf("this node cannot check the vault's payouts since pocket.start_height %d: %v (it needs a Pocket RPC that keeps those heights)",
			s.Rules.PayoutScanFrom, err))
	}
	if err != nil {
		return err
	}
	if paid {
		// The payout may be this very order's: its last signatures landed
		// and Copper paid between this signer's order read and now. Then
		// there is nothing to refuse, and nothing to add.
		if o, err := s.Copper.GetOrder(ctx, req.OrderID); err == nil && !o.Status.NeedsSignatures() {
			return orderComplete{coSigners: o.Extra.CoSigners}
		}
		return s.alert(ctx, req, "already_paid", fmt.Sprintf("the vault already paid transfer %s: pocket tx %s at height %d (%d upokt to %s)",
			want.ExternalID, tx.Hash, tx.Height, tx.Amount, tx.To))
	}
	return nil
}

// record writes the signature-to-be to the ledger, synced, before it goes
// out. A ledger gone or damaged is a refusal; another write error is
// retried.
func (s *Signer) record(ctx context.Context, req transfer.SignRequest, order *copper.Order, want transfer.OrderSpec) error {
	err := s.Ledger.Record(ledger.Entry{TransferID: want.ExternalID, OrderID: order.OrderID, Kind: string(want.Kind),
		Recipient: want.Recipient, Amount: want.Amount, Nonce: want.Nonce, SignedAt: time.Now().UTC()})
	if errors.Is(err, ledger.ErrMissing) || errors.Is(err, ledger.ErrUnreadable) {
		return s.refuseLedger(ctx, req, err)
	}
	if err != nil {
		return fmt.Errorf("record order %s in this node's ledger: %w", order.OrderID, err)
	}
	return nil
}

func signedOrder(signed []ledger.Entry, orderID string) bool {
	return slices.ContainsFunc(signed, func(e ledger.Entry) bool { return e.OrderID == orderID })
}

// alert is a refusal that also raises this node's alert: what it saw is
// an attempt to pay a transfer twice, or a custody it cannot trust.
func (s *Signer) alert(ctx context.Context, req transfer.SignRequest, class, reason string) error {
	if s.Observer != nil {
		s.Observer.Alert(class)
	}
	return s.refuse(ctx, req, class, "ALERT: "+reason)
}

// orderComplete says the order a signer was asked to sign no longer needs
// signatures (it completed while the signer checked it): Sign adds none.
type orderComplete struct{ coSigners []string }

func (orderComplete) Error() string { return "the order completed meanwhile" }
