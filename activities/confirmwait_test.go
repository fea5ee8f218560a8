package activities

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// chainAt returns a read whose source gains a confirmation every call.
func chainAt(confirmations int64, calls *int) func() (transfer.Reading, error) {
	return func() (transfer.Reading, error) {
		*calls++
		return transfer.Reading{Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true,
			Confirmations: confirmations + int64(*calls) - 1}}, nil
	}
}

// TestReadConfirmedWaitsForTheConfirmations: the read polls until the
// source has its confirmations, and no longer.
func TestReadConfirmedWaitsForTheConfirmations(t *testing.T) {
	calls := 0
	w := transfer.ConfirmWait{Confirmations: 4, For: time.Second, Poll: time.Millisecond}
	rd, err := readConfirmed(context.Background(), w, chainAt(1, &calls))
	require.NoError(t, err)
	require.EqualValues(t, 4, rd.Source.Confirmations)
	require.Equal(t, 4, calls)
}

// TestReadConfirmedReadsOnceWithoutAWait: the zero wait is a single read.
func TestReadConfirmedReadsOnceWithoutAWait(t *testing.T) {
	calls := 0
	rd, err := readConfirmed(context.Background(), transfer.ConfirmWait{}, chainAt(1, &calls))
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)
	require.Equal(t, 1, calls)
}

// TestReadConfirmedGivesUpWithTheLastReading: a block that does not come
// within the wait, or the activity's end, returns the pending reading for
// the workflow to judge; an error ends the wait at once.
func TestReadConfirmedGivesUpWithTheLastReading(t *testing.T) {
	stuck := func() (transfer.Reading, error) {
		return transfer.Reading{Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true, Confirmations: 1}}, nil
	}
	w := transfer.ConfirmWait{Confirmations: 4, For: 30 * time.Millisecond, Poll: 5 * time.Millisecond}
	start := time.Now()
	rd, err := readConfirmed(context.Background(), w, stuck)
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)
	require.Less(t, time.Since(start), time.Second)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rd, err = readConfirmed(ctx, transfer.ConfirmWait{Confirmations: 4, For: time.Hour, Poll: time.Minute}, stuck)
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)

	calls := 0
	_, err = readConfirmed(context.Background(), w, func() (transfer.Reading, error) {
		calls++
		return transfer.Reading{}, errors.New("rpc down")
	})
	require.ErrorContains(t, err, "rpc down")
	require.Equal(t, 1, calls)
}

// countingPocket is a Pocket RPC whose head moves one block at every head
// read, counting the reads of each kind.
type countingPocket struct {
	head, txHeight int64
	// txFrom is the first tx read that finds the tx, goneFrom (if set) the
	// first that no longer does.
	txFrom, goneFrom  int
	txReads, heads    int
	lastAtLeastWanted int64
}

func (c *countingPocket) Height(context.Context) (int64, error) {
	c.heads++
	c.head++
	return c.head, nil
}

func (c *countingPocket) HeightAtLeast(ctx context.Context, want int64) (int64, error) {
	c.lastAtLeastWanted = want
	return c.Height(ctx)
}

func (c *countingPocket) Tx(_ context.Context, hash string) (*pokt.Tx, error) {
	c.txReads++
	if c.txReads < c.txFrom || (c.goneFrom > 0 && c.txReads >= c.goneFrom) {
		return nil, fmt.Errorf("tx %s: %w", hash, pokt.ErrTxNotFound)
	}
	return &pokt.Tx{Hash: hash, Height: c.txHeight, From: "a", To: "vault", Amount: 5_000_000}, nil
}

// TestADepositWaitReadsTheHeadUntilItConfirms: while a read waits for a
// deposit's confirmations it reads the tx until the node knows it, then
// only the head until that confirms the tx, then the tx once more; the
// reading it returns has the confirmations, counted on the tx's height.
func TestADepositWaitReadsTheHeadUntilItConfirms(t *testing.T) {
	chain := &countingPocket{head: 99, txHeight: 100, txFrom: 2}
	rd, err := waitForDeposit(chain)
	require.NoError(t, err)
	require.True(t, rd.Source.Found)
	require.EqualValues(t, 104, rd.Source.Head, "the head of the last read (a block a head read here)")
	require.EqualValues(t, 5, rd.Source.Confirmations)
	require.Equal(t, 3, chain.txReads, "read until found, then once the head confirms it")
	require.EqualValues(t, pokt.HeadConfirming(100, 4), chain.lastAtLeastWanted)
}

// TestADepositReorgedOutDuringTheWaitIsNotConfirmed: the tx is gone when
// the head comes to confirm it; the wait's reading says it is not found.
func TestADepositReorgedOutDuringTheWaitIsNotConfirmed(t *testing.T) {
	chain := &countingPocket{head: 99, txHeight: 100, txFrom: 1, goneFrom: 2}
	rd, err := waitForDeposit(chain)
	require.NoError(t, err)
	require.False(t, rd.Source.Found)
}

func waitForDeposit(chain *countingPocket) (transfer.Reading, error) {
	const hash = "AB12CD34AB12CD34AB12CD34AB12CD34AB12CD34AB12CD34AB12CD34AB12CD34"
	a := &Shared{Pocket: chain, Rules: Rules{PocketConfirmations: 4, Deposit: pokt.DepositRules{Vault: "vault"}}}
	w := transfer.ConfirmWait{Confirmations: 4, For: 50 * time.Millisecond, Poll: time.Millisecond}
	return a.ReadDeposit(context.Background(), transfer.DepositRef{TxHash: hash, Wait: w})
}

// countingEth is an Ethereum RPC whose head moves one block at every head
// read, with a successful burn in block 100 that a reorg moves off the
// canonical chain from the reorgFrom-th check on (if set).
type countingEth struct {
	EthChain
	head              uint64
	checks, reorgFrom int
}

func (c *countingEth) HeadNumber(context.Context) (uint64, error) {
	c.head++
	return c.head, nil
}

func (c *countingEth) CheckBurn(ctx context.Context, txHash common.Hash, pos int) (*eth.BurnCheck, error) {
	c.checks++
	head, _ := c.HeadNumber(ctx)
	check := &eth.BurnCheck{Burn: eth.Burn{TxHash: txHash, LogPosition: pos, BlockNumber: 100, Amount: big.NewInt(5_000_000)},
		Success: true, Canonical: c.reorgFrom == 0 || c.checks < c.reorgFrom, Head: head}
	if check.Canonical {
		check.Confirmations = head - 99
	}
	return check, nil
}

func waitForBurn(chain *countingEth) (transfer.Reading, error) {
	a := &Shared{Eth: chain, Rules: Rules{EthConfirmations: 4}}
	w := transfer.ConfirmWait{Confirmations: 4, For: 50 * time.Millisecond, Poll: time.Millisecond}
	return a.ReadBurn(context.Background(), transfer.BurnRef{TxHash: "0x" + strings.Repeat("ab", 32), Wait: w})
}

// TestABurnWaitReadsTheHeadUntilItConfirms: after the burn is found only
// the head is read until it confirms the burn, then the burn once more.
func TestABurnWaitReadsTheHeadUntilItConfirms(t *testing.T) {
	chain := &countingEth{head: 100}
	rd, err := waitForBurn(chain)
	require.NoError(t, err)
	require.True(t, rd.Source.Canonical)
	require.GreaterOrEqual(t, rd.Source.Confirmations, int64(4))
	require.Equal(t, 2, chain.checks, "the receipt at the start and once the head confirms it")
}

// TestABurnReorgedOutDuringTheWaitIsNotConfirmed: the burn's block left the
// canonical chain when the head comes to confirm it; the reading says so.
func TestABurnReorgedOutDuringTheWaitIsNotConfirmed(t *testing.T) {
	chain := &countingEth{head: 100, reorgFrom: 2}
	rd, err := waitForBurn(chain)
	require.NoError(t, err)
	require.False(t, rd.Source.Canonical)
	require.Zero(t, rd.Source.Confirmations)
}
