package e2e

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// TestCopperServesAnotherOrderUnderTheSameExternalID: Copper creates the
// order the bridge asks for, then serves, to every read of it (by ID and in
// the list by externalOrderId), another order under the same
// externalOrderId, with a sign request to match: a mint of twice the amount
// to a thief, a return of twice the amount to the thief's Pocket address.
// Every node refuses it, so it gets no signature; each transfer waits,
// stuck, saying why; nothing reaches the thief and no balance moves. Once
// Copper serves the true orders again and an operator sends retry-signers,
// each transfer executes once, for its true amount.
func TestCopperServesAnotherOrderUnderTheSameExternalID(t *testing.T) {
	e := start(t, 14, nil)
	alice, bob := e.d.Users[0], e.d.Users[1]
	// bob's wPOKT to burn.
	setup := e.mint(bob, bob.Eth.Address, 50*pokt)
	e.waitStatus(time.Minute, []string{setup}, transfer.StatusExecuted)
	thief := devnet.NewUser("thief", e.d.Protocol())
	e.addPokt(thief.PoktAddress, 0)
	e.addEth(thief.Eth.Address, 0)

	cs := e.d.Copper
	// Each lie is in place before the order exists: no node ever reads the
	// true order while Copper lies.
	lie := func(id string, change func(*copper.Order)) {
		_, ordered := cs.OrderByExternalID(id)
		require.False(t, ordered, "%s has an order before Copper lies about it", id)
		cs.ServeTampered(id, change)
		e.mayBeRefused(id)
	}
	const mintAmount, burnAmount = 20 * pokt, 10 * pokt
	minted := e.mint(alice, alice.Eth.Address, mintAmount)
	lie(minted, mintToThief(thief.Eth.Address))
	burned := e.burn(bob, burnAmount, bob.PoktAddress)
	lie(burned, payThief(thief.PoktAddress))
	ids := []string{minted, burned}
	// What each order truly pays, and whom Copper's lie pays instead.
	type pays struct {
		to, thief string
		amount    uint64
	}
	truth := map[string]pays{
		minted: {alice.Eth.Address.Hex(), thief.Eth.Address.Hex(), mintAmount},
		burned: {bob.PoktAddress, thief.PoktAddress, burnAmount},
	}
	balances := func() string {
		wpokt, err := e.d.Eth.BalanceOf(e.ctx, alice.Eth.Address)
		require.NoError(t, err)
		stolen, err := e.d.Eth.BalanceOf(e.ctx, thief.Eth.Address)
		require.NoError(t, err)
		nonce, err := e.d.Eth.UserNonce(e.ctx, alice.Eth.Address)
		require.NoError(t, err)
		return fmt.Sprintf("alice %d wPOKT (mint nonce %d), bob %d upokt, thief %d wPOKT and %d upokt",
			wpokt, nonce, e.poktBalance(bob.PoktAddress), stolen, e.poktBalance(thief.PoktAddress))
	}
	before := balances()

	// Every node refuses what Copper serves: the transfer is stuck, with
	// each node's reason, and the order has no partial signature. A
	// signature on the lie, or a transfer that ends, fails at once.
	stuck := func() (bool, string) {
		docs := e.docs()
		for _, id := range ids {
			doc := docs[id]
			if n := cs.SignatureCount(doc.OrderID); n != 0 {
				t.Fatalf("order %s of %s has %d co-signatures on Copper's lie: %v", doc.OrderID, id, n, cs.Signers(doc.OrderID))
			}
			if doc.Status.Final() {
				t.Fatalf("%s ended %s (%s) while Copper lied", id, doc.Status, doc.Reason)
			}
			if doc.Status != transfer.StatusStarted || len(doc.Refusals) != nodeCount || !strings.Contains(doc.Reason, fmt.Sprintf("stuck: 0 of %d signed", nodeCount)) {
				return false, fmt.Sprintf("%s is %s (%s), refusals %v", id, doc.Status, doc.Reason, doc.Refusals)
			}
		}
		return true, ""
	}
	eventually(t, 2*time.Minute, stuck)
	e.stillAfterBlocks(8, stuck, "while Copper lies")
	assert.Equal(t, before, balances(), "nothing moved")
	assert.Equal(t, 3, cs.OrderCount(), "the setup's order and one per transfer, none other")

	docs := e.docs()
	for _, id := range ids {
		doc, want := docs[id], truth[id]
		says := strings.ToLower(fmt.Sprintf("does not match the source transfer: pays %s, want %s; amount %d upokt, want %d",
			want.thief, want.to, 2*want.amount, want.amount))
		assert.Contains(t, strings.ToLower(doc.Reason), says, "%s says why it waits", id)
		for _, r := range doc.Refusals {
			assert.Contains(t, strings.ToLower(r.Reason), says, "%s: refusal of %s", id, r.NodeID)
		}
		assert.Empty(t, doc.Signers, "%s", id)
		assert.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, e.describe(id))
		order, found := cs.OrderByExternalID(id)
		require.True(t, found)
		assert.Equal(t, doc.OrderID, order.OrderID)
		assert.False(t, order.Status.Terminal(), "order %s is %s", order.OrderID, order.Status)
		to, amount := paysOf(t, order)
		assert.True(t, strings.EqualFold(want.to, to) && want.amount == amount,
			"Copper stored %s as the bridge created it: it pays %d to %s", order.OrderID, amount, to)
		t.Logf("%s waits: %s", id, doc.Refusals[0].Reason)
	}

	for _, id := range ids {
		cs.StopTampering(id)
		require.NoError(t, e.tc.SignalWorkflow(e.ctx, id, "", transfer.SignalRetrySigners, nil))
	}
	e.waitStatus(time.Minute, ids, transfer.StatusExecuted)
	e.finish(time.Minute)
}

// mintToThief rewrites a mint order to mint twice its amount to thief,
// with the same nonce (the chain's next: it would mint).
func mintToThief(thief common.Address) func(*copper.Order) {
	return func(o *copper.Order) {
		data, err := hex.DecodeString(strings.TrimPrefix(o.Extra.Payload, "0x"))
		if err != nil {
			return // not a mint: served as it is, and the scenario fails on it
		}
		_, amount, nonce, err := eth.DecodeMintCall(data)
		if err != nil {
			return
		}
		o.Extra.Payload = "0x" + hex.EncodeToString(eth.EncodeMintCall(thief, new(big.Int).Lsh(amount, 1), nonce))
	}
}

// payThief rewrites a return order to pay twice its amount to thief (the
// vault holds enough: the lie would pay if signed).
func payThief(thief string) func(*copper.Order) {
	return func(o *copper.Order) {
		amount, err := o.Amount.BaseUnits(transfer.Decimals)
		if err != nil {
			return
		}
		o.Extra.ToAddress = thief
		o.Amount = copper.AmountFromBaseUnits(2*amount, transfer.Decimals)
	}
}

// paysOf is whom an order pays and how much: the mint's recipient and
// amount, or the Pocket destination and amount.
func paysOf(t *testing.T, o copper.Order) (string, uint64) {
	t.Helper()
	if o.Extra.Payload == "" {
		amount, err := o.Amount.BaseUnits(transfer.Decimals)
		require.NoError(t, err)
		return o.Extra.ToAddress, amount
	}
	data, err := hex.DecodeString(strings.TrimPrefix(o.Extra.Payload, "0x"))
	require.NoError(t, err)
	to, amount, _, err := eth.DecodeMintCall(data)
	require.NoError(t, err)
	return to.Hex(), amount.Uint64()
}
