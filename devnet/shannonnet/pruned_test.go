package shannonnet

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestNodeWithoutTxIndex(t *testing.T) {
	_, c := startChain(t, Options{NoTxIndex: true})
	hash, err := c.Send(testCtx(t), SendParams{From: alice, To: vault.Address(), Amount: 1, Fee: 10_000})
	require.NoError(t, err)
	page, perPage := 1, 100
	_, err = c.RPC().TxSearch(testCtx(t), "tx.height>=1", false, &page, &perPage, "asc")
	require.ErrorContains(t, err, "transaction indexing is disabled")
	_, err = c.RPC().Tx(testCtx(t), mustHex(t, hash), false)
	require.ErrorContains(t, err, "transaction indexing is disabled")
}

func TestPrunedNodeMovesItsEarliestHeight(t *testing.T) {
	chain, c := startChain(t, Options{RetainBlocks: 3})
	hash, err := c.Send(testCtx(t), SendParams{From: alice, To: vault.Address(), Amount: 1, Fee: 10_000})
	require.NoError(t, err)
	sent := waitTx(t, c, hash)
	require.NoError(t, chain.WaitHeight(testCtx(t), sent.Height+4))
	require.Eventually(t, func() bool {
		st, err := c.RPC().Status(testCtx(t))
		require.NoError(t, err)
		return st.SyncInfo.EarliestBlockHeight > sent.Height
	}, 10*time.Second, 20*time.Millisecond)
	require.Greater(t, chain.Height(), sent.Height+2)

	h := sent.Height
	_, err = c.RPC().Block(testCtx(t), &h)
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "is not available, lowest height is"), err.Error())
	_, err = c.RPC().Tx(testCtx(t), mustHex(t, hash), false)
	require.NoError(t, err, "v0.38 keeps the tx index")
}
