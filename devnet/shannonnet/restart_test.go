package shannonnet

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A chain stopped and started on its directory replays its blocks into the
// fresh in-memory app: balances, sequences and the tx index survive.
func TestRestartOnTheSameDirectoryKeepsTheChain(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Dir: dir, TimeoutCommit: 50 * time.Millisecond, Accounts: []GenesisAccount{{Address: alice.Address(), Balance: aliceFunds}}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	chain, err := Start(ctx, opts)
	require.NoError(t, err)
	c, err := Dial(chain.RPCURL())
	require.NoError(t, err)
	hash, err := c.Send(ctx, SendParams{From: alice, To: vault.Address(), Amount: 5_000_000, Fee: 10_000})
	require.NoError(t, err)
	first := waitTx(t, c, hash)
	require.NoError(t, chain.Close())
	stoppedAt := chain.Height()

	opts.Accounts = nil // the genesis file in dir is what counts now
	began := time.Now()
	chain, err = Start(ctx, opts)
	require.NoError(t, err)
	t.Logf("restarted in %v at height %d", time.Since(began), chain.Height())
	defer func() { require.NoError(t, chain.Close()) }()
	require.GreaterOrEqual(t, chain.Height(), stoppedAt)

	c, err = Dial(chain.RPCURL())
	require.NoError(t, err)
	again := waitTx(t, c, hash)
	require.Equal(t, first.Height, again.Height)
	require.EqualValues(t, 5_000_000, balance(t, c, vault.Address(), Denom))
	require.Equal(t, Account{Number: 1, Sequence: 1}, accountOf(t, c, alice.Address()))

	hash, err = c.Send(ctx, SendParams{From: alice, To: vault.Address(), Amount: 1, Fee: 10_000})
	require.NoError(t, err)
	require.Zero(t, waitTx(t, c, hash).TxResult.Code)
	require.Len(t, search(t, c, "transfer.recipient='"+vault.Address()+"'"), 2)
}
