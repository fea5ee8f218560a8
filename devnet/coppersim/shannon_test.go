package coppersim_test

import (
	"context"
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

// The executor pays on a real Shannon chain: the full amount to the
// recipient with the memo, the fee from the vault on top; a payout the
// vault cannot cover fails in its block and says so.
func TestShannonExecutor(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	vault, user := shannonnet.NewKey("vault"), shannonnet.NewKey("user")
	chain, err := shannonnet.Start(ctx, shannonnet.Options{
		Accounts: []shannonnet.GenesisAccount{{Address: vault.Address(), Balance: 100_000_000}},
	})
	require.NoError(t, err)
	defer chain.Close()
	client, err := shannonnet.Dial(chain.RPCURL())
	require.NoError(t, err)

	e := &coppersim.ShannonExecutor{Client: client, Vault: vault, FeeUpokt: 10_000, WaitIncluded: true}
	hash, err := e.Send(ctx, user.Address(), 5_000_000, "Burn: 0xab")
	require.NoError(t, err)
	got, err := client.Balance(ctx, user.Address(), shannonnet.Denom)
	require.NoError(t, err)
	assert.Equal(t, uint64(5_000_000), got, "the full amount")
	left, err := client.Balance(ctx, vault.Address(), shannonnet.Denom)
	require.NoError(t, err)
	assert.Equal(t, uint64(100_000_000-5_000_000-10_000), left, "the vault pays the fee on top")
	b, err := hex.DecodeString(hash)
	require.NoError(t, err)
	res, err := client.RPC().Tx(ctx, b, false)
	require.NoError(t, err)
	assert.Equal(t, uint32(0), res.TxResult.Code)

	_, err = e.Send(ctx, user.Address(), 1_000_000_000, "Burn: 0xcd")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "failed")
}
