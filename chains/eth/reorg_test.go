package eth_test

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

// sendConflicting sends, on the branch made by Fork, a self-transfer of
// orig's sender with orig's nonce, priced to replace orig once the pool has
// taken it back. Until the pool has reset to the fork point it refuses the
// nonce as too low: try again for a while.
func sendConflicting(t *testing.T, c *ethnet.TestChain, from ethnet.Account, orig *types.Transaction) *types.Transaction {
	t.Helper()
	nonce := orig.Nonce()
	tx := ethnet.Tx{
		To:     &from.Address,
		Gas:    21_000,
		Nonce:  &nonce,
		Tip:    new(big.Int).Mul(orig.GasTipCap(), big.NewInt(3)),
		FeeCap: new(big.Int).Mul(orig.GasFeeCap(), big.NewInt(3)),
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		sent, err := c.TrySend(from, tx)
		if err == nil {
			return sent
		}
		if !strings.Contains(err.Error(), "nonce too low") || time.Now().After(deadline) {
			t.Fatalf("send conflicting tx: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestReorgDropsBurn: the burn's block is replaced by a branch where the
// burner's nonce went to another transaction. The burn must never be
// reported as confirmed again.
func TestReorgDropsBurn(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	c.Mint(t, user.Address, big64(1_000), big64(1))
	parent := c.Head(t)

	burn := c.Burn(t, user, big64(400), poktTo)
	r := c.MustSucceed(t, c.Mine(t, burn))
	c.Commit(2)
	cl := c.DialHTTP(t, c.Options())
	check, err := cl.CheckBurn(context.Background(), burn.Hash(), 0)
	require.NoError(t, err)
	require.True(t, check.Confirmed(3))

	require.NoError(t, c.Backend.Fork(parent.Hash()))
	conflict := sendConflicting(t, c, user, burn)
	c.Commit(4) // longer than the old branch
	rc := c.MustSucceed(t, c.Receipt(t, conflict.Hash()))
	require.Equal(t, r.BlockNumber, rc.BlockNumber, "the conflicting tx took the burn's place")

	check, err = cl.CheckBurn(context.Background(), burn.Hash(), 0)
	t.Logf("after the reorg: %+v, %v", check, err)
	if err != nil {
		assert.ErrorIs(t, err, eth.ErrTxNotFound)
	} else {
		assert.False(t, check.Canonical, "a reorged-out burn must not be canonical")
		assert.False(t, check.Confirmed(1))
	}
	head := c.Head(t).Number.Uint64()
	burns, err := cl.Burns(context.Background(), parent.Number.Uint64()+1, head)
	require.NoError(t, err)
	assert.Empty(t, burns)
	bal, err := cl.BalanceOf(context.Background(), user.Address)
	require.NoError(t, err)
	assert.Equal(t, big64(1_000), bal, "the burn never happened on the new branch")
}

// TestReorgRemintsBurn: after a reorg the pool mines the same burn
// transaction in another block, behind another transaction: the block hash
// and the block-wide log indexes change, the tx hash and positions do not.
func TestReorgRemintsBurn(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	burner := c.DeployMultiBurner(t, big64(1_000))
	parent := c.Head(t)

	multi := c.BurnMany(t, c.Users[0], burner, []*big.Int{big64(30), big64(40)}, poktTo)
	old := c.MustSucceed(t, c.Mine(t, multi))
	c.Commit(1)
	cl := c.DialHTTP(t, c.Options())
	before := make([]eth.Burn, 2)
	for pos := range before {
		check, err := cl.CheckBurn(context.Background(), multi.Hash(), pos)
		require.NoError(t, err)
		require.True(t, check.Confirmed(2))
		before[pos] = check.Burn
	}

	require.NoError(t, c.Backend.Fork(parent.Hash()))
	// A better-paying mint goes first in the new block: its logs shift the
	// burn logs' block-wide indexes.
	c.Send(t, c.Minter, ethnet.Tx{
		To: &c.WPOKT, Data: c.Token.PackMint(c.Users[1].Address, big64(1), big64(1)),
		Tip: big.NewInt(5 * ethnet.Gwei),
	})
	c.Commit(3)
	now := c.MustSucceed(t, c.Receipt(t, multi.Hash()))
	require.NotEqual(t, old.BlockHash, now.BlockHash, "re-mined in another block")

	head := c.Head(t).Number.Uint64()
	burns, err := cl.Burns(context.Background(), parent.Number.Uint64()+1, head)
	require.NoError(t, err)
	require.Len(t, burns, 2)
	for pos, b := range burns {
		check, err := cl.CheckBurn(context.Background(), multi.Hash(), pos)
		require.NoError(t, err)
		assert.True(t, check.Confirmed(1))
		assert.Equal(t, b, check.Burn)

		assert.Equal(t, before[pos].TxHash, b.TxHash)
		assert.Equal(t, pos, b.LogPosition)
		assert.Equal(t, before[pos].Amount, b.Amount)
		assert.Equal(t, now.BlockHash, b.BlockHash)
		assert.NotEqual(t, before[pos].LogIndex, b.LogIndex, "the block-wide index moved")
	}
}
