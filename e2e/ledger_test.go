package e2e

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/transfer"
	"github.com/wpokt/bridge/workers"
)

// TestNodeWithItsLedgerDeletedRefusesUntilRebuilt: node 3 restarted with
// its ledger deleted refuses every order, saying why; its operator rebuilds
// the ledger from Copper's orders with the node's own config (what
// `wpokt-node ledger rebuild` runs), and the restarted node signs again.
func TestNodeWithItsLedgerDeletedRefusesUntilRebuilt(t *testing.T) {
	e := start(t, 13, nil)
	alice, bob := e.d.Users[0], e.d.Users[1]
	cfg, err := config.Load(e.d.NodeConfigPath(3))
	require.NoError(t, err)
	before := e.mint(alice, bob.Eth.Address, 30*pokt)
	e.waitStatus(time.Minute, []string{before}, transfer.StatusExecuted)

	e.d.StopNode(3)
	require.NoError(t, os.Remove(cfg.Node.LedgerPath))
	require.NoError(t, e.d.StartNode(e.ctx, 3))
	refused := e.mint(bob, alice.Eth.Address, 20*pokt)
	e.mayBeRefused(refused)
	e.waitStatus(time.Minute, []string{refused}, transfer.StatusExecuted)
	doc, _ := e.doc(refused)
	assert.NotContains(t, doc.Signers, "node-3")
	status, body := httpGet(t, "http://"+e.d.NodeMetricsAddress(3)+"/metrics")
	require.Equal(t, 200, status)
	assert.Contains(t, body, `wpokt_signer_refused_total{reason="ledger"}`)

	e.d.StopNode(3)
	rep, err := workers.RebuildLedger(e.ctx, cfg)
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Entries, "the two executed orders")
	assert.Empty(t, rep.Notes)
	require.NoError(t, e.d.StartNode(e.ctx, 3))

	// With three other nodes down, node 3 is among the nine that sign.
	for _, n := range []int{10, 11, 12} {
		e.d.StopNode(n)
	}
	after := e.burn(alice, 10*pokt, bob.PoktAddress)
	e.waitStatus(time.Minute, []string{after}, transfer.StatusExecuted)
	doc, _ = e.doc(after)
	assert.Contains(t, doc.Signers, "node-3")
	for _, r := range doc.Refusals {
		assert.False(t, strings.HasPrefix(r.NodeID, "node-3"), "node 3 refused: %s", r.Reason)
	}
}
