package eth_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

func TestMintsListsTheMintedLogs(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	a, b := c.Users[0].Address, c.Users[1].Address
	first := c.MustSucceed(t, c.Mine(t, c.Send(t, c.Minter, ethnet.Tx{To: &c.WPOKT, Data: eth.EncodeMintCall(a, big64(1_500_000), big64(1))})))
	commitUntil(t, c, first.BlockNumber.Uint64()+5)
	second := c.MustSucceed(t, c.Mine(t, c.Send(t, c.Minter, ethnet.Tx{To: &c.WPOKT, Data: eth.EncodeMintCall(b, big64(7), big64(1))})))
	// A reverted mint (nonce 1 again) leaves no log.
	c.Mine(t, c.Send(t, c.Minter, ethnet.Tx{To: &c.WPOKT, Data: eth.EncodeMintCall(a, big64(9), big64(1)), Gas: 200_000}))
	c.MustSucceed(t, c.Mine(t, c.Burn(t, c.Users[0], big64(1), poktTo)))

	cl, ct := dialCounting(t, c, eth.Options{WPOKTAddress: c.WPOKT, LogRange: 3})
	head := second.BlockNumber.Uint64() + 2
	mints, err := cl.Mints(context.Background(), 0, head)
	require.NoError(t, err)
	assert.Equal(t, []eth.Mint{
		{TxHash: first.TxHash, BlockNumber: first.BlockNumber.Uint64(), Recipient: a, Amount: big64(1_500_000), Nonce: big64(1)},
		{TxHash: second.TxHash, BlockNumber: second.BlockNumber.Uint64(), Recipient: b, Amount: big64(7), Nonce: big64(1)},
	}, mints)
	assert.Equal(t, int(head/3+1), ct.count("eth_getLogs"), "chunks of 3 blocks")

	_, err = cl.Mints(context.Background(), 5, 4)
	require.ErrorIs(t, err, eth.ErrInvalidArgument)
}
