package nodetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

// TestPrunedNodeOnChain: a node that keeps only its last blocks moves its
// earliest height up; a window that starts below it is refused (a node
// restored from a snapshot has no index there, and the client cannot tell
// the two apart), one that starts at it is read.
func TestPrunedNodeOnChain(t *testing.T) {
	n := startNetWith(t, shannonnet.Options{RetainBlocks: 3})
	hash := n.deposit(t, 5_000_000, memo)
	height := n.wait(t, hash)
	var earliest int64
	require.Eventually(t, func() bool {
		var err error
		earliest, err = n.client.EarliestHeight(n.ctx)
		require.NoError(t, err)
		return earliest > height
	}, 20*time.Second, 50*time.Millisecond)

	head := n.head(t)
	before := n.rec.count("tx_search")
	_, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), height, head)
	require.ErrorIs(t, err, pokt.ErrHeightPruned)
	assert.Equal(t, before, n.rec.count("tx_search"), "refused before asking")

	txs, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), earliest, head)
	require.NoError(t, err)
	assert.Empty(t, txs)
	tx, err := n.client.Tx(n.ctx, hash)
	require.NoError(t, err, "CometBFT v0.38 keeps the tx index of pruned blocks")
	assert.True(t, tx.IsSend())
}

// TestNodeWithoutTxIndexOnChain: a node that does not index txs says so:
// never "not found" (which would make a deposit look vanished).
func TestNodeWithoutTxIndexOnChain(t *testing.T) {
	n := startNetWith(t, shannonnet.Options{NoTxIndex: true})
	s, err := n.client.Status(n.ctx)
	require.NoError(t, err)
	assert.False(t, s.TxIndex)
	hash, err := n.wallet.Send(n.ctx, shannonnet.SendParams{From: n.alice, To: n.vault.Address(), Amount: 5_000_000, Fee: fee, Memo: memo})
	require.NoError(t, err)

	_, err = n.client.Tx(n.ctx, hash)
	require.ErrorIs(t, err, pokt.ErrRPC)
	assert.NotErrorIs(t, err, pokt.ErrTxNotFound)
	assert.Contains(t, err.Error(), "transaction indexing is disabled")
	waitHeight(t, n, 1)
	_, err = n.client.ReceivedTxs(n.ctx, n.vault.Address(), 1, n.head(t))
	require.ErrorIs(t, err, pokt.ErrRPC)
	assert.Contains(t, err.Error(), "transaction indexing is disabled")
}
