package morse

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/morsesim"
)

// These tests run the client against the simulator over real HTTP.

const (
	simVault  = "00000000000000000000000000000000000000aa"
	simAlice  = "00000000000000000000000000000000000000a1"
	simBob    = "00000000000000000000000000000000000000b0"
	simCarol  = "00000000000000000000000000000000000000c0"
	simMemo   = `{"address":"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed","chain_id":"1"}`
	simFee    = 10000
	simChain  = "testnet"
	oneMillon = 1_000_000
)

func TestSimChainIDAndHeight(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{ChainID: simChain}, Options{})
	ctx := context.Background()
	id, err := c.ChainID(ctx)
	require.NoError(t, err)
	assert.Equal(t, simChain, id)

	h, err := c.Height(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(1), h)
	sim.NextBlock()
	sim.NextBlock()
	h, err = c.Height(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(3), h)
}

func TestSimTxLifecycle(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{FeeUpokt: simFee}, Options{})
	ctx := context.Background()
	require.NoError(t, sim.Fund(simAlice, 10*oneMillon))
	hash, err := sim.Send(simAlice, simVault, 3*oneMillon, simMemo)
	require.NoError(t, err)

	_, err = c.Tx(ctx, hash)
	require.ErrorIs(t, err, pokt.ErrTxNotFound, "in the mempool, not yet committed")

	height := sim.NextBlock()
	for _, in := range []string{hash, lower(hash), "0x" + lower(hash)} {
		tx, err := c.Tx(ctx, in)
		require.NoError(t, err, in)
		assert.Equal(t, pokt.Tx{
			Hash: hash, Height: height, Index: 0,
			From: simAlice, To: simVault, Amount: 3 * oneMillon, Fee: simFee, Memo: simMemo,
		}, *tx)
	}
	assert.Equal(t, uint64(7*oneMillon-simFee), sim.Balance(simAlice), "the sender pays amount + fee")
	assert.Equal(t, uint64(3*oneMillon), sim.Balance(simVault))

	// The same tx classified as a deposit.
	tx, err := c.Tx(ctx, hash)
	require.NoError(t, err)
	d := pokt.ClassifyDeposit(*tx, pokt.DepositRules{EthChainID: 1, FeeUpokt: simFee, Vault: simVault})
	assert.Equal(t, transfer.ClassMint, d.Class)
	assert.Equal(t, checksummed, d.Recipient)
}

func TestSimFailedTxs(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{FeeUpokt: simFee}, Options{})
	ctx := context.Background()
	require.NoError(t, sim.Fund(simAlice, oneMillon))
	poor, err := sim.Send(simAlice, simVault, oneMillon, simMemo) // cannot pay the fee too
	require.NoError(t, err)
	sim.FailNext(0, "", "") // applies to the next tx included: poor
	forced, err := sim.Send(simAlice, simVault, 1000, simMemo)
	require.NoError(t, err)
	sim.NextBlock()

	tx, err := c.Tx(ctx, poor)
	require.NoError(t, err)
	assert.False(t, tx.Success())
	assert.Equal(t, uint32(1), tx.Code, "FailNext took the first tx of the block")

	tx, err = c.Tx(ctx, forced)
	require.NoError(t, err)
	assert.Equal(t, uint32(0), tx.Code)

	big, err := sim.Send(simAlice, simVault, 5*oneMillon, simMemo)
	require.NoError(t, err)
	sim.NextBlock()
	tx, err = c.Tx(ctx, big)
	require.NoError(t, err)
	assert.Equal(t, uint32(10), tx.Code)
	assert.Equal(t, "sdk", tx.Codespace)
	assert.Equal(t, uint64(1000), sim.Balance(simVault), "a failed tx moves nothing")
	assert.Equal(t, uint64(oneMillon-1000-simFee), sim.Balance(simAlice))
	d := pokt.ClassifyDeposit(*tx, pokt.DepositRules{EthChainID: 1, FeeUpokt: simFee, Vault: simVault})
	assert.Equal(t, transfer.ClassFailed, d.Class)
}

func TestSimReceivedTxsPaging(t *testing.T) {
	// Pages of 2 over 9 received txs: 5 pages, with several txs per block.
	sim, c := newSim(t, morsesim.Config{}, Options{PerPage: 2})
	ctx := context.Background()
	require.NoError(t, sim.Fund(simAlice, 100*oneMillon))
	require.NoError(t, sim.Fund(simVault, 100*oneMillon))
	var want []string
	var heights []int64
	for block := 0; block < 4; block++ {
		for i := 0; i <= block%3; i++ {
			h, err := sim.Send(simAlice, simVault, uint64(oneMillon+block*10+i), simMemo)
			require.NoError(t, err)
			want = append(want, h)
		}
		// Not received by the vault: must not be listed.
		_, err := sim.Send(simVault, simBob, oneMillon, "")
		require.NoError(t, err)
		_, err = sim.Send(simAlice, simBob, oneMillon, "")
		require.NoError(t, err)
		heights = append(heights, sim.NextBlock())
	}
	// Blocks 2..5 hold 1, 2, 3, 1 txs to the vault: 7 in all. Two more.
	for i := 0; i < 2; i++ {
		h, err := sim.Send(simCarol, simVault, 50000, "") // Carol has nothing: failed, still received
		require.NoError(t, err)
		want = append(want, h)
	}
	heights = append(heights, sim.NextBlock())

	txs, err := c.ReceivedTxs(ctx, simVault, 0, sim.Height())
	require.NoError(t, err)
	var got []string
	for _, tx := range txs {
		got = append(got, tx.Hash)
		assert.Equal(t, simVault, tx.To)
	}
	assert.Equal(t, want, got, "oldest first, in block order")
	assert.False(t, txs[len(txs)-1].Success())

	// A window: blocks 3 and 4 only.
	txs, err = c.ReceivedTxs(ctx, "0x"+simVault, heights[1], heights[2])
	require.NoError(t, err)
	assert.Len(t, txs, 5)
	for _, tx := range txs {
		assert.True(t, tx.Height >= heights[1] && tx.Height <= heights[2])
	}

	// Nothing received.
	txs, err = c.ReceivedTxs(ctx, simAlice, 0, sim.Height())
	require.NoError(t, err)
	assert.Empty(t, txs)
}

func TestSimDrop(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{FeeUpokt: simFee, ReorgDepth: 3}, Options{})
	ctx := context.Background()
	require.NoError(t, sim.Fund(simAlice, 10*oneMillon))
	keep, err := sim.Send(simAlice, simVault, oneMillon, simMemo)
	require.NoError(t, err)
	gone, err := sim.Send(simAlice, simVault, 2*oneMillon, simMemo)
	require.NoError(t, err)
	sim.NextBlock()
	_, err = c.Tx(ctx, gone)
	require.NoError(t, err)

	require.NoError(t, sim.Drop(lower(gone)))
	_, err = c.Tx(ctx, gone)
	require.ErrorIs(t, err, pokt.ErrTxNotFound)
	txs, err := c.ReceivedTxs(ctx, simVault, 0, sim.Height())
	require.NoError(t, err)
	require.Len(t, txs, 1)
	assert.Equal(t, keep, txs[0].Hash)
	assert.Equal(t, uint64(oneMillon), sim.Balance(simVault), "the dropped transfer is reverted")
	assert.Equal(t, uint64(9*oneMillon-simFee), sim.Balance(simAlice))

	// Dropping from the mempool, and the limits.
	pending, err := sim.Send(simAlice, simVault, oneMillon, "")
	require.NoError(t, err)
	require.NoError(t, sim.Drop(pending))
	assert.Zero(t, sim.MempoolSize())
	require.ErrorIs(t, sim.Drop(pending), morsesim.ErrUnknownTx)
	for i := 0; i < 3; i++ {
		sim.NextBlock()
	}
	require.ErrorIs(t, sim.Drop(keep), morsesim.ErrTooOld)
}

func TestSimSendRawTx(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{FeeUpokt: simFee}, Options{})
	ctx := context.Background()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	vault, err := morsesim.AddressFromPublicKey(pub)
	require.NoError(t, err)
	require.NoError(t, sim.Fund(vault, 5*oneMillon))

	raw, err := morsesim.SignSend(priv, simBob, 2*oneMillon, simFee, "refund", 42)
	require.NoError(t, err)
	hash, err := c.SendRawTx(ctx, vault, raw)
	require.NoError(t, err)
	assert.Equal(t, pokt.TxHashOf(raw), hash)
	sim.NextBlock()
	tx, err := c.Tx(ctx, hash)
	require.NoError(t, err)
	assert.Equal(t, vault, tx.From)
	assert.Equal(t, simBob, tx.To)
	assert.Equal(t, uint64(2*oneMillon), tx.Amount)
	assert.Equal(t, "refund", tx.Memo)
	assert.Equal(t, uint64(2*oneMillon), sim.Balance(simBob))

	tests := []struct {
		name      string
		raw       func() []byte
		want      error
		code      uint32
		codespace string
	}{
		{"replay", func() []byte { return raw }, pokt.ErrTxDuplicate, 6, "auth"},
		{"same entropy, other tx", func() []byte {
			r, err := morsesim.SignSend(priv, simBob, 1, simFee, "", 42)
			require.NoError(t, err)
			return r
		}, pokt.ErrTxDuplicate, 6, "auth"},
		{"insufficient funds", func() []byte {
			r, err := morsesim.SignSend(priv, simBob, 3*oneMillon, simFee, "", 43)
			require.NoError(t, err)
			return r
		}, pokt.ErrTxRejected, 10, "sdk"},
		{"fee too low", func() []byte {
			r, err := morsesim.SignSend(priv, simBob, 1, simFee-1, "", 44)
			require.NoError(t, err)
			return r
		}, pokt.ErrTxRejected, 4, "auth"},
		{"tampered", func() []byte {
			r, err := morsesim.SignSend(priv, simBob, 1, simFee, "", 45)
			require.NoError(t, err)
			return []byte(strings.Replace(string(r), simBob, simAlice, 1))
		}, pokt.ErrTxRejected, 4, "sdk"},
		{"not a tx", func() []byte { return []byte("garbage") }, pokt.ErrTxRejected, 2, "sdk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.SendRawTx(ctx, vault, tt.raw())
			require.ErrorIs(t, err, tt.want)
			var rej *pokt.TxRejectedError
			require.True(t, errors.As(err, &rej))
			assert.Equal(t, tt.code, rej.Code)
			assert.Equal(t, tt.codespace, rej.Codespace)
		})
	}
}

func TestSimTimeout(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{}, Options{Timeout: 50 * time.Millisecond})
	sim.SetDelay(time.Second)
	_, err := c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrTimeout)
	sim.SetDelay(0)
	_, err = c.Height(context.Background())
	require.NoError(t, err)
}

func TestSimBalance(t *testing.T) {
	sim, c := newSim(t, morsesim.Config{}, Options{})
	require.NoError(t, sim.Fund(simAlice, 123))
	b, err := c.Balance(context.Background(), "0x"+simAlice)
	require.NoError(t, err)
	assert.Equal(t, uint64(123), b)
	b, err = c.Balance(context.Background(), simBob)
	require.NoError(t, err)
	assert.Zero(t, b)
	_, err = c.Balance(context.Background(), "bob")
	require.ErrorIs(t, err, pokt.ErrInvalidAddress)
}

func TestSimSentTxsPaging(t *testing.T) {
	// Pages of 2 over the vault's 5 sends, with a deposit between them.
	sim, c := newSim(t, morsesim.Config{}, Options{PerPage: 2})
	ctx := context.Background()
	require.NoError(t, sim.Fund(simAlice, 100*oneMillon))
	require.NoError(t, sim.Fund(simVault, 100*oneMillon))
	var want []string
	var heights []int64
	for block := 0; block < 3; block++ {
		for i := 0; i <= block%2; i++ {
			h, err := sim.Send(simVault, simBob, uint64(oneMillon+block*10+i), "wPOKT return of 0xab-"+string(rune('0'+block)))
			require.NoError(t, err)
			want = append(want, h)
		}
		// Received by the vault: must not be listed.
		_, err := sim.Send(simAlice, simVault, oneMillon, simMemo)
		require.NoError(t, err)
		heights = append(heights, sim.NextBlock())
	}
	require.NoError(t, sim.Fund(simCarol, 1))
	h, err := sim.Send(simVault, simCarol, 1_000*oneMillon, "too much") // fails, still sent
	require.NoError(t, err)
	want = append(want, h)
	sim.NextBlock()

	txs, err := c.SentTxs(ctx, simVault, 0, sim.Height())
	require.NoError(t, err)
	var got []string
	for _, tx := range txs {
		got = append(got, tx.Hash)
		assert.Equal(t, simVault, tx.From)
	}
	assert.Equal(t, want, got, "oldest first, in block order")
	assert.False(t, txs[len(txs)-1].Success())
	assert.Equal(t, "wPOKT return of 0xab-0", txs[0].Memo)

	txs, err = c.SentTxs(ctx, simVault, heights[1], heights[1])
	require.NoError(t, err)
	assert.Len(t, txs, 2)

	txs, err = c.SentTxs(ctx, simBob, 0, sim.Height())
	require.NoError(t, err)
	assert.Empty(t, txs)
}
