package activities_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/transfer"
)

// TestRebuiltLedgerSignsCorrectly: a node restarted with its ledger
// deleted refuses until its operator rebuilds it from Copper's orders,
// checked on the node's own RPCs; then it refuses a second order for what
// was paid, even when Copper hides the first, and signs a new transfer.
func TestRebuiltLedgerSignsCorrectly(t *testing.T) {
	st := newStack(t)
	b := st.burnToPokt("rebuilt", 5_000_000)
	first := st.execute9(st.shared(), b.spec, b.request)
	require.Equal(t, copper.StatusExecuted, first.Status, first.Extra.ErrorMessage)
	m := st.mintDeposit("rebuilt", 2_000_000)
	minted := st.execute9(st.shared(), m.spec, m.request)
	require.Equal(t, copper.StatusExecuted, minted.Status, minted.Extra.ErrorMessage)
	// A payout of the vault that no Copper order explains.
	stray := "0x" + strings.Repeat("ab", 32)
	_, err := st.pokt.Send(st.vault, poktAddress("stray"), 1_000_000, transfer.ReturnMemo(stray, 0))
	require.NoError(t, err)
	st.pokt.NextBlock()

	path := st.ledgers.path("node-1")
	require.NoError(t, os.Remove(path))
	fresh := st.mintDeposit("after-rebuild", 3_000_000)
	order := st.placeOrder(fresh.spec)
	_, err = sign(t, st.signer(1), fresh.request(1, order.OrderID))
	requireRefused(t, err, "node-1 refused: this node's ledger is not usable", "ledger missing")

	entries, notes, err := activities.RebuildLedger(t.Context(), activities.LedgerSources{
		Rules: st.rules("node-1"), Pocket: st.pocketClient(st.poktURL), Eth: st.ethClient(), Copper: st.orchestrator(),
		Mints: st.ethClient(), Now: time.Now(),
	})
	require.NoError(t, err)
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.TransferID+" "+e.OrderID)
	}
	assert.Contains(t, ids, b.spec.ExternalID+" "+first.OrderID)
	assert.Contains(t, ids, m.spec.ExternalID+" "+minted.OrderID)
	assert.Contains(t, ids, fresh.spec.ExternalID+" "+order.OrderID, "a live order")
	// The burner's wPOKT was minted by the test, outside the bridge.
	require.Len(t, notes, 2, "%q", notes)
	assert.Contains(t, notes[0], "the vault paid "+transfer.BurnWorkflowID(stray, 0))
	assert.Contains(t, notes[1], "to "+ethnet.NewAccount("burner/rebuilt").Address.Hex()+" with nonce 1")
	assert.Contains(t, notes[1], "by no executed Copper order")
	require.NoError(t, ledger.Rebuild(path, "node-1", entries, time.Now()))

	second := st.rogueOrder(b.spec)
	hide := withCustody(func(c activities.Custody) activities.Custody { return hidingCustody{c, first.OrderID} })
	_, err = sign(t, st.signer(1, hide), b.request(1, second.OrderID))
	requireRefused(t, err, "node-1 refused: ALERT: transfer "+b.spec.ExternalID+" already has order "+first.OrderID)

	res, err := sign(t, st.signer(1), fresh.request(1, order.OrderID))
	require.NoError(t, err)
	assert.Equal(t, transfer.SignResult{NodeID: "node-1"}, res)
}
