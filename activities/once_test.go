package activities_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/transfer"
)

// rogueOrder files a second order under spec's externalOrderId with node
// 1's own Copper API key, in a Copper that lets it, and starts its signing:
// what one node with its own key could do.
func (st *stack) rogueOrder(spec transfer.OrderSpec) *copper.Order {
	st.t.Helper()
	st.copper.AllowDuplicateExternalIDs(true)
	req, err := st.rules(nodeID(1)).OrderRequest(spec)
	require.NoError(st.t, err)
	n := st.copper.Nodes()[0]
	o, err := coppersim.PostOrder(st.t.Context(), st.copper.PlatformURL(), n.API, copper.CreateOrderBody{
		ExternalOrderID: req.ExternalOrderID, OrderType: req.OrderType, PortfolioID: portfolioID,
		BaseCurrency: req.BaseCurrency, MainCurrency: req.MainCurrency, Amount: req.Amount, ToAddress: req.ToAddress,
		Memo: req.Memo, BlockchainTransactionType: req.BlockchainTransactionType, Payload: req.Payload,
	})
	require.NoError(st.t, err)
	c := st.orchestrator()
	require.NoError(st.t, c.StartSigning(st.t.Context(), o.OrderID))
	o, err = c.GetOrder(st.t.Context(), o.OrderID)
	require.NoError(st.t, err)
	require.Equal(st.t, copper.StatusPartSignedTxAdded, o.Status)
	return o
}

// hidingCustody is a Copper whose order list leaves one order out.
type hidingCustody struct {
	activities.Custody
	hidden string
}

func (c hidingCustody) ListOrdersByExternalID(ctx context.Context, id string) ([]copper.Order, error) {
	list, err := c.Custody.ListOrdersByExternalID(ctx, id)
	return slices.DeleteFunc(list, func(o copper.Order) bool { return o.OrderID == c.hidden }), err
}

// alerts counts a signer's alerts and refusals.
type alerts struct {
	mu      sync.Mutex
	alerts  []string
	refused []string
}

func (a *alerts) Signed()                   {}
func (a *alerts) ObserveSign(time.Duration) {}
func (a *alerts) Refused(class string) {
	a.mu.Lock()
	a.refused = append(a.refused, class)
	a.mu.Unlock()
}
func (a *alerts) Alert(class string) { a.mu.Lock(); a.alerts = append(a.alerts, class); a.mu.Unlock() }
func (a *alerts) count(class string) (n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range a.alerts {
		if c == class {
			n++
		}
	}
	return n
}

func withCustody(wrap func(activities.Custody) activities.Custody) signerOption {
	return func(s *activities.Signer) { s.Copper = wrap(s.Copper) }
}

// everyNodeRefuses asks all twelve nodes to sign req's order and requires
// each to refuse with an alert and want in its reason.
func (st *stack) everyNodeRefuses(req transfer.SignRequest, want string, opts ...signerOption) {
	st.t.Helper()
	for i := 1; i <= nodeCount; i++ {
		obs := &alerts{}
		req.NodeID = nodeID(i)
		s := st.signer(i, append(opts, func(s *activities.Signer) { s.Observer = obs })...)
		_, err := sign(st.t, s, req)
		requireRefused(st.t, err, nodeID(i)+" refused: ALERT: ", want)
		assert.Len(st.t, obs.alerts, 1, "node %d", i)
	}
	assert.Zero(st.t, st.copper.SignatureCount(req.OrderID), "no honest signature on the second order")
}

// TestSecondReturnOfAPaidBurnIsRefused: before the ledger, a second order
// for a paid return was co-signed by 9 of 9 honest signers.
func TestSecondReturnOfAPaidBurnIsRefused(t *testing.T) {
	st := newStack(t)
	b := st.burnToPokt("paid-twice", 4_000_000)
	first := st.execute9(st.shared(), b.spec, b.request)
	require.Equal(t, copper.StatusExecuted, first.Status, first.Extra.ErrorMessage)
	paid := st.pokt.Balance(b.spec.Recipient)

	second := st.rogueOrder(b.spec)
	require.NotEqual(t, first.OrderID, second.OrderID)

	t.Run("Copper lists both", func(t *testing.T) {
		st.on(t).everyNodeRefuses(b.request(1, second.OrderID), "already has order "+first.OrderID+" (executed")
	})
	t.Run("Copper hides the paid order", func(t *testing.T) {
		// The nine signers refuse by their ledgers, the other three by the
		// vault's payout on their own Pocket RPC.
		st := st.on(t)
		hide := withCustody(func(c activities.Custody) activities.Custody { return hidingCustody{c, first.OrderID} })
		for i := 1; i <= nodeCount; i++ {
			_, err := sign(t, st.signer(i, hide), b.request(i, second.OrderID))
			if i <= threshold {
				requireRefused(t, err, "ALERT: ", "signed by this node")
			} else {
				requireRefused(t, err, "ALERT: the vault already paid transfer "+b.spec.ExternalID, first.Extra.TransactionID)
			}
		}
		assert.Zero(t, st.copper.SignatureCount(second.OrderID))
	})
	assert.Equal(t, paid, st.pokt.Balance(b.spec.Recipient), "paid once")
}

// TestSecondMintOfADepositIsRefused: after a mint executed with nonce 1, a
// second order for the same deposit with nonce 2 (the chain's next) was
// co-signed by 9 of 9 before the ledger.
func TestSecondMintOfADepositIsRefused(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("minted-twice", 6_000_000)
	first := st.execute9(st.shared(), m.spec, m.request)
	require.Equal(t, copper.StatusExecuted, first.Status, first.Extra.ErrorMessage)

	spec := m.spec
	spec.Nonce = 2
	second := st.rogueOrder(spec)

	t.Run("Copper lists both", func(t *testing.T) {
		st.on(t).everyNodeRefuses(m.request(1, second.OrderID), "already has order "+first.OrderID)
	})
	t.Run("Copper hides the executed order", func(t *testing.T) {
		// The nine who signed the first refuse by their ledgers: the other
		// three cannot reach the threshold.
		st := st.on(t)
		hide := withCustody(func(c activities.Custody) activities.Custody { return hidingCustody{c, first.OrderID} })
		for i := 1; i <= threshold; i++ {
			_, err := sign(t, st.signer(i, hide), m.request(i, second.OrderID))
			requireRefused(t, err, "ALERT: transfer "+m.spec.ExternalID+" already has order "+first.OrderID, "signed by this node")
		}
		assert.Zero(t, st.copper.SignatureCount(second.OrderID))
	})
}

// TestRetryOfTheSameOrderIsSigned: a signer asked again for the order it
// signed (a retried activity) signs again, and its ledger holds it once.
func TestRetryOfTheSameOrderIsSigned(t *testing.T) {
	st := newStack(t)
	r, _ := st.refundDeposit("retried", 3_000_000)
	order := st.placeOrder(r.spec)
	for range 2 {
		res, err := sign(t, st.signer(2), r.request(2, order.OrderID))
		require.NoError(t, err)
		assert.Equal(t, transfer.SignResult{NodeID: "node-2"}, res)
	}
	assert.Equal(t, 1, st.copper.SignatureCount(order.OrderID))
	got, err := st.ledgers.of(t, "node-2").Signed(r.spec.ExternalID)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, ledger.Entry{TransferID: r.spec.ExternalID, OrderID: order.OrderID, Kind: "refund",
		Recipient: r.spec.Recipient, Amount: r.spec.Amount, SignedAt: got[0].SignedAt}, got[0])
}

// TestSecondOrderAfterAFailedOneIsSigned: an earlier order that Copper
// ended unexecuted, with no payout on chain, does not block a new one.
func TestSecondOrderAfterAFailedOneIsSigned(t *testing.T) {
	st := newStack(t)
	b := st.burnToPokt("failed-first", 4_000_000)
	require.NoError(t, st.copper.FailOrder(b.spec.ExternalID, copper.StatusRejected, "compliance"))
	first := st.execute9(st.shared(), b.spec, b.request)
	require.Equal(t, copper.StatusRejected, first.Status)

	second := st.rogueOrder(b.spec)
	res, err := sign(t, st.signer(1), b.request(1, second.OrderID))
	require.NoError(t, err)
	assert.Equal(t, transfer.SignResult{NodeID: "node-1"}, res)
}

// TestTwoLiveOrdersAreRefusedWithAnAlert: two orders of one transfer
// waiting for signatures: no node signs either.
func TestTwoLiveOrdersAreRefusedWithAnAlert(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("two-live", 2_000_000)
	first := st.placeOrder(m.spec)
	second := st.rogueOrder(m.spec)
	for _, id := range []string{first.OrderID, second.OrderID} {
		obs := &alerts{}
		_, err := sign(t, st.signer(3, func(s *activities.Signer) { s.Observer = obs }), m.request(3, id))
		requireRefused(t, err, "node-3 refused: ALERT: transfer "+m.spec.ExternalID+" has 2 live orders")
		assert.Equal(t, 1, obs.count("duplicate_orders"))
		assert.Zero(t, st.copper.SignatureCount(id))
	}
}

// TestDeletedLedgerRefusesUntilRebuilt: a node whose ledger file is gone
// signs nothing until its operator makes a new one; then it signs.
func TestDeletedLedgerRefusesUntilRebuilt(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("ledger-deleted", 2_000_000)
	order := st.placeOrder(m.spec)
	s := st.signer(4)
	require.NoError(t, st.ledgers.of(t, "node-4").Check())
	require.NoError(t, os.Remove(st.ledgers.path("node-4")))

	_, err := sign(t, s, m.request(4, order.OrderID))
	requireRefused(t, err, "node-4 refused: this node's ledger is not usable", "ledger missing", "wpokt-node ledger rebuild")
	_, err = sign(t, s, m.request(4, order.OrderID))
	requireRefused(t, err, "ledger missing")
	assert.Zero(t, st.copper.SignatureCount(order.OrderID))

	require.NoError(t, ledger.Rebuild(st.ledgers.path("node-4"), "node-4", nil, time.Now()))
	res, err := sign(t, s, m.request(4, order.OrderID))
	require.NoError(t, err)
	assert.Equal(t, transfer.SignResult{NodeID: "node-4"}, res)
	assert.Equal(t, []string{"node-4"}, st.copper.Signers(order.OrderID))
}

// TestSignerWithoutALedgerRefuses: a signer wired without a ledger.
func TestSignerWithoutALedgerRefuses(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("no-ledger", 2_000_000)
	order := st.placeOrder(m.spec)
	_, err := sign(t, st.signer(5, func(s *activities.Signer) { s.Ledger = nil }), m.request(5, order.OrderID))
	requireRefused(t, err, "node-5 refused: this node has no ledger")
}

// TestPayoutCheckReadsNewBlocks: a signer that read the vault's payouts
// once reads the blocks since at its next check, and finds a payout made
// in between.
func TestPayoutCheckReadsNewBlocks(t *testing.T) {
	st := newStack(t)
	b := st.burnToPokt("paid-later", 4_000_000)
	ref, err := createOrder(t, st.shared(), b.spec)
	require.NoError(t, err)

	s := st.signer(11, withCustody(func(c activities.Custody) activities.Custody { return hidingCustody{c, ref.OrderID} }))
	r, _ := st.refundDeposit("warms-the-cache", 2_000_000)
	_, err = sign(t, s, r.request(11, st.placeOrder(r.spec).OrderID))
	require.NoError(t, err)

	st.signAll(b.request(1, ref.OrderID), threshold)
	o := st.waitTerminal(ref.OrderID)
	require.Equal(t, copper.StatusExecuted, o.Status, o.Extra.ErrorMessage)
	st.pokt.NextBlock()

	second := st.rogueOrder(b.spec)
	_, err = sign(t, s, b.request(11, second.OrderID))
	requireRefused(t, err, "node-11 refused: ALERT: the vault already paid transfer "+b.spec.ExternalID, o.Extra.TransactionID)
}

// prunedPocket is a Pocket RPC that no longer serves the vault's early
// payouts.
type prunedPocket struct{ activities.SignerPocket }

func (prunedPocket) SentTxs(context.Context, string, int64, int64) ([]pokt.Tx, error) {
	return nil, fmt.Errorf("list txs sent: %w: earliest height 500", pokt.ErrHeightPruned)
}

// TestPayoutCheckOnAPrunedNodeRefuses: a node that cannot read the
// vault's payouts since the start height says so, rather than wait for
// heights it will never serve, and signs no payout.
func TestPayoutCheckOnAPrunedNodeRefuses(t *testing.T) {
	st := newStack(t)
	b := st.burnToPokt("pruned", 3_000_000)
	order := st.placeOrder(b.spec)
	_, err := sign(t, st.signer(6, func(s *activities.Signer) { s.Pocket = prunedPocket{s.Pocket} }), b.request(6, order.OrderID))
	requireRefused(t, err, "node-6 refused: this node cannot check the vault's payouts since pocket.start_height 0", "earliest height 500")
	assert.Zero(t, st.copper.SignatureCount(order.OrderID))
}
