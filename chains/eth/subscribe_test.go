package eth_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

func receiveBurn(t *testing.T, ch <-chan eth.Burn) eth.Burn {
	t.Helper()
	select {
	case b := <-ch:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no burn from the subscription")
		return eth.Burn{}
	}
}

func TestSubscribeBurns(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	burner := c.DeployMultiBurner(t, big64(1_000))
	user := c.Users[0]
	c.Mint(t, user.Address, big64(500), big64(1))

	cl := c.DialWS(t, c.Options())
	ch := make(chan eth.Burn, 16)
	sub, err := cl.SubscribeBurns(context.Background(), ch)
	require.NoError(t, err)
	defer sub.Unsubscribe()

	multi := c.MustSucceed(t, c.Mine(t, c.BurnMany(t, user, burner, []*big.Int{big64(1), big64(2)}, poktTo)))
	for pos := range 2 {
		b := receiveBurn(t, ch)
		assert.Equal(t, multi.TxHash, b.TxHash)
		assert.Equal(t, pos, b.LogPosition)
		assert.Equal(t, big64(int64(pos+1)), b.Amount)
		assert.Equal(t, burner, b.From)
		assert.False(t, b.Removed)
	}

	parent := c.Head(t)
	tx := c.Burn(t, user, big64(200), poktTo)
	single := c.MustSucceed(t, c.Mine(t, tx))
	want := eth.Burn{
		TxHash: single.TxHash, BlockNumber: single.BlockNumber.Uint64(), BlockHash: single.BlockHash,
		LogIndex: single.Logs[1].Index, Amount: big64(200), PoktAddress: poktTo, From: user.Address,
	}
	assert.Equal(t, want, receiveBurn(t, ch))

	// A reorg drops the single burn: it comes back marked removed.
	require.NoError(t, c.Backend.Fork(parent.Hash()))
	sendConflicting(t, c, user, tx)
	c.Commit(3)
	want.Removed = true
	assert.Equal(t, want, receiveBurn(t, ch))

	sub.Unsubscribe()
	select {
	case err := <-sub.Err():
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("the subscription did not end")
	}
}

func TestSubscribeBurnsNeedsWebsocket(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	cl := c.DialHTTP(t, c.Options())
	sub, err := cl.SubscribeBurns(context.Background(), make(chan eth.Burn))
	assert.ErrorIs(t, err, eth.ErrSubscriptionUnsupported)
	assert.Nil(t, sub)
}
