package ethnet

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestMintOutsideBridgeRaisesTheSupplyWithoutADeposit: the compromised
// admin key mints with no deposit; the supply and the recipient's nonce
// move as a bridge mint would move them.
func TestMintOutsideBridgeRaisesTheSupplyWithoutADeposit(t *testing.T) {
	c := NewChain(t, TestOptions{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			c.Commit(1)
			time.Sleep(20 * time.Millisecond)
		}
	}()
	rogue := NewAccount("rogue").Address
	require.NoError(t, c.MintOutsideBridge(ctx, rogue, 1_000_000))
	require.NoError(t, c.MintOutsideBridge(ctx, rogue, 500_000), "a second time, with the next nonce")
	supply, err := c.TotalSupply(ctx)
	require.NoError(t, err)
	require.EqualValues(t, 1_500_000, supply)
	nonce, err := c.Chain.UserNonce(ctx, rogue)
	require.NoError(t, err)
	require.EqualValues(t, 2, nonce)
}
