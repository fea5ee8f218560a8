package eth_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

var poktTo = common.HexToAddress("0x00000000000000000000000000000000000Af7e0")

func TestBurnsScansInChunks(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	c.Mint(t, user.Address, big64(1_000_000), big64(1))

	// Burns on both sides of the chunk boundaries, up to a head of 5,000.
	blocks := []uint64{3, 1000, 1001, 2000, 2001, 4000, 5000}
	want := map[uint64]eth.Burn{}
	for i, n := range blocks {
		commitUntil(t, c, n-1)
		r := c.MustSucceed(t, c.Mine(t, c.Burn(t, user, big64(int64(i+1)), poktTo)))
		require.Equal(t, n, r.BlockNumber.Uint64())
		want[n] = eth.Burn{
			TxHash: r.TxHash, BlockNumber: n, BlockHash: r.BlockHash, LogIndex: r.Logs[len(r.Logs)-1].Index,
			Amount: big64(int64(i + 1)), PoktAddress: poktTo, From: user.Address,
		}
	}

	tests := []struct {
		name      string
		logRange  uint64
		from, to  uint64
		wantCalls int
	}{
		{"default range", 0, 1, 5000, 3},
		{"2000", 2000, 1, 5000, 3},
		{"1000", 1000, 1, 5000, 5},
		{"4999", 4999, 1, 5000, 2},
		{"5000", 5000, 1, 5000, 1},
		{"wider than the span", 1_000_000, 1, 5000, 1},
		{"one chunk boundary", 1000, 1001, 2000, 1},
		{"single block", 1000, 2001, 2001, 1},
		{"tiny range", 1, 999, 1001, 3},
		{"from genesis", 2500, 0, 5000, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, ct := dialCounting(t, c, eth.Options{WPOKTAddress: c.WPOKT, LogRange: tt.logRange})
			burns, err := cl.Burns(context.Background(), tt.from, tt.to)
			require.NoError(t, err)
			assert.Equal(t, tt.wantCalls, ct.count("eth_getLogs"), "eth_getLogs calls")

			var wantBurns []eth.Burn
			for _, n := range blocks {
				if n >= tt.from && n <= tt.to {
					wantBurns = append(wantBurns, want[n])
				}
			}
			assert.Equal(t, wantBurns, burns)
		})
	}
}

func TestBurnsPositionWithinTransaction(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	burner := c.DeployMultiBurner(t, big64(1_000))
	c.Mint(t, c.Users[1].Address, big64(50), big64(1))

	// One block: a single burn and a tx with three burns and three decoys.
	single := c.Burn(t, c.Users[1], big64(50), poktTo)
	multi := c.BurnMany(t, c.Users[0], burner, []*big.Int{big64(5), big64(6), big64(7)}, poktTo)
	c.Commit(1)
	rs := c.MustSucceed(t, c.Receipt(t, single.Hash()))
	rm := c.MustSucceed(t, c.Receipt(t, multi.Hash()))
	require.Equal(t, rs.BlockNumber, rm.BlockNumber)
	n := rm.BlockNumber.Uint64()

	cl := c.DialHTTP(t, c.Options())
	burns, err := cl.Burns(context.Background(), n, n)
	require.NoError(t, err)
	require.Len(t, burns, 4, "the decoy logs of the MultiBurner must be ignored")

	type key struct {
		tx  common.Hash
		pos int
	}
	got := map[key]eth.Burn{}
	for _, b := range burns {
		got[key{b.TxHash, b.LogPosition}] = b
	}
	tests := []struct {
		tx     common.Hash
		pos    int
		amount int64
		from   common.Address
	}{
		{single.Hash(), 0, 50, c.Users[1].Address},
		{multi.Hash(), 0, 5, burner},
		{multi.Hash(), 1, 6, burner},
		{multi.Hash(), 2, 7, burner},
	}
	for _, tt := range tests {
		b, ok := got[key{tt.tx, tt.pos}]
		require.True(t, ok, "no burn %s/%d", tt.tx, tt.pos)
		assert.Equal(t, big64(tt.amount), b.Amount)
		assert.Equal(t, tt.from, b.From)
		assert.Equal(t, poktTo, b.PoktAddress)

		check, err := cl.CheckBurn(context.Background(), tt.tx, tt.pos)
		require.NoError(t, err)
		assert.Equal(t, b, check.Burn, "CheckBurn reads the same burn from the receipt")
	}
	_, err = cl.CheckBurn(context.Background(), multi.Hash(), 3)
	assert.ErrorIs(t, err, eth.ErrLogNotFound)
}

func TestBurnsRejectsReversedRange(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	cl := c.DialHTTP(t, c.Options())
	_, err := cl.Burns(context.Background(), 2, 1)
	assert.ErrorIs(t, err, eth.ErrInvalidArgument)
}

func TestCheckBurnConfirmations(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	r := c.MintAndBurn(t, user, big64(1_000), poktTo)
	n := r.BlockNumber.Uint64()
	cl := c.DialHTTP(t, c.Options())

	for _, extra := range []uint64{0, 1, 5} {
		commitUntil(t, c, n+extra)
		check, err := cl.CheckBurn(context.Background(), r.TxHash, 0)
		require.NoError(t, err)
		assert.True(t, check.Success)
		assert.True(t, check.Canonical)
		assert.Equal(t, n+extra, check.Head)
		assert.Equal(t, extra+1, check.Confirmations)
		assert.True(t, check.Confirmed(extra+1))
		assert.False(t, check.Confirmed(extra+2))
		assert.Equal(t, eth.Burn{
			TxHash: r.TxHash, BlockNumber: n, BlockHash: r.BlockHash, LogIndex: r.Logs[1].Index,
			Amount: big64(1_000), PoktAddress: poktTo, From: user.Address,
		}, check.Burn)
	}
}

func TestCheckBurnErrors(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	mint := c.Mint(t, c.Users[0].Address, big64(1_000), big64(1))
	burn := c.MustSucceed(t, c.Mine(t, c.Burn(t, c.Users[0], big64(10), poktTo)))
	cl := c.DialHTTP(t, c.Options())

	tests := []struct {
		name string
		tx   common.Hash
		pos  int
		want error
	}{
		{"unknown tx", common.HexToHash("0x01"), 0, eth.ErrTxNotFound},
		{"tx without burn", mint.TxHash, 0, eth.ErrLogNotFound},
		{"position past the burns", burn.TxHash, 1, eth.ErrLogNotFound},
		{"negative position", burn.TxHash, -1, eth.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check, err := cl.CheckBurn(context.Background(), tt.tx, tt.pos)
			assert.ErrorIs(t, err, tt.want)
			assert.Nil(t, check)
		})
	}
}

func TestCheckBurnRevertedTx(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	// Mined anyway although it burns more than the balance: status 0, no logs.
	tx := c.Send(t, user, ethnet.Tx{To: &c.WPOKT, Data: c.Token.PackBurnAndBridge(big64(1), poktTo), Gas: 200_000})
	r := c.Mine(t, tx)
	cl := c.DialHTTP(t, c.Options())

	check, err := cl.CheckBurn(context.Background(), tx.Hash(), 0)
	require.NoError(t, err)
	assert.False(t, check.Success)
	assert.True(t, check.Canonical)
	assert.False(t, check.Confirmed(0), "a reverted burn is never confirmed")
	assert.Nil(t, check.Burn.Amount)
	assert.Equal(t, r.BlockHash, check.Burn.BlockHash)
}
