package starters

import (
	"context"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/transfer"
)

var poktTo = common.HexToAddress("0x00000000000000000000000000000000000Af7e0")

func ethScanner(c *eth.Client, tc *fakeTemporal, cursors *memCursors) *EthScanner {
	return &EthScanner{
		Node:       Node{NodeID: "node-2", TaskQueue: "bridge", Temporal: tc, Cursors: cursors, CursorSaveInterval: time.Nanosecond, ReadingKey: readingKey("node-2")},
		StartBlock: 1, Interval: 50 * time.Millisecond, Reconcile: time.Hour,
		Settings: transfer.Settings{Confirmations: 3}, Rules: eth.BurnRules{FeeUpokt: 10_000, Protocol: pokt.Morse}, Chain: c,
	}
}

func TestEthScannerStartsOneWorkflowPerBurnLog(t *testing.T) {
	chain := ethnet.NewChain(t, ethnet.TestOptions{Users: 1})
	user := chain.Users[0]
	single := chain.MintAndBurn(t, user, big.NewInt(5_000_000), poktTo)
	// One tx with two burns: positions 0 and 1 of that tx, whatever the
	// block-wide log index.
	burner := chain.DeployMultiBurner(t, big.NewInt(10_000_000))
	double := chain.MustSucceed(t, chain.Mine(t, chain.BurnMany(t, user, burner, []*big.Int{big.NewInt(1_000_000), big.NewInt(2_000_000)}, poktTo)))

	tc, cursors := &fakeTemporal{}, &memCursors{}
	s := ethScanner(chain.DialHTTP(t, chain.Options()), tc, cursors)
	n, err := s.ScanOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, 3, n)
	want := []string{
		transfer.BurnWorkflowID(single.TxHash.Hex(), 0),
		transfer.BurnWorkflowID(double.TxHash.Hex(), 0),
		transfer.BurnWorkflowID(double.TxHash.Hex(), 1),
	}
	require.ElementsMatch(t, want, tc.ids())
	call := tc.call(t, want[2])
	require.Equal(t, transfer.BurnWorkflowType, call.workflowType)
	require.Equal(t, transfer.BurnInput{TxHash: double.TxHash.Hex(), LogPosition: 1, Settings: transfer.Settings{Confirmations: 3}}, call.input)
	require.Equal(t, transfer.SeenSignal{NodeID: "node-2", Height: double.BlockNumber.Int64(), Report: transfer.Reading{
		Class: transfer.ClassBurn, Recipient: "00000000000000000000000000000000000af7e0", Amount: 2_000_000, PayAmount: 1_990_000,
	}}, requireSignedBy(t, "node-2", call.id, call.seen))

	head := chain.Head(t).Number.Int64()
	h, _, _ := cursors.Cursor(context.Background(), "node-2", ChainEthereum)
	require.Equal(t, head, h)

	// An operator's rescan moves the stored cursor back: the scanner picks
	// it up when it next writes its own, then starts the same IDs again
	// (Temporal's ID policy makes them no-ops).
	require.NoError(t, cursors.SaveCursor(context.Background(), "node-2", ChainEthereum, 0))
	for range 2 {
		_, err = s.ScanOnce(context.Background())
		require.NoError(t, err)
	}
	require.ElementsMatch(t, append(want, want...), tc.ids())
}

// runSubscribed runs a subscribed scanner whose reconcile is an hour away
// and whose polling is off: only the subscription (and the cursor checks)
// can start anything. It returns once the first catch-up scan wrote the
// cursor of the fresh node.
func runSubscribed(t *testing.T, chain *ethnet.TestChain, tc *fakeTemporal, cursors *memCursors) {
	t.Helper()
	s := ethScanner(chain.DialHTTP(t, chain.Options()), tc, cursors)
	s.Subscriber = chain.DialWS(t, chain.Options())
	s.Interval, s.CursorSaveInterval = time.Hour, 100*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = s.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	require.Eventually(t, func() bool {
		_, found, _ := cursors.Cursor(ctx, "node-2", ChainEthereum)
		return found
	}, 10*time.Second, 20*time.Millisecond, "a fresh node's cursor is on record after its first scan")
}

func TestEthScannerSubscriptionStartsBurnsAsTheyAreMined(t *testing.T) {
	chain := ethnet.NewChain(t, ethnet.TestOptions{Users: 1})
	tc, cursors := &fakeTemporal{}, &memCursors{}
	runSubscribed(t, chain, tc, cursors)
	burn := chain.MintAndBurn(t, chain.Users[0], big.NewInt(4_000_000), poktTo)
	id := transfer.BurnWorkflowID(burn.TxHash.Hex(), 0)
	require.Eventually(t, func() bool { return slices.Contains(tc.ids(), id) }, 10*time.Second, 20*time.Millisecond)
}

// Subscribed, the scanner polls nothing between reconciles; an operator's
// re-scan (`wpokt rescan`) still takes effect within the save interval.
func TestSubscribedEthScannerTakesAnOperatorsRescan(t *testing.T) {
	chain := ethnet.NewChain(t, ethnet.TestOptions{Users: 1})
	tc, cursors := &fakeTemporal{}, &memCursors{}
	runSubscribed(t, chain, tc, cursors)
	burn := chain.MintAndBurn(t, chain.Users[0], big.NewInt(4_000_000), poktTo)
	id := transfer.BurnWorkflowID(burn.TxHash.Hex(), 0)
	count := func() int {
		n := 0
		for _, got := range tc.ids() {
			if got == id {
				n++
			}
		}
		return n
	}
	require.Eventually(t, func() bool { return count() == 1 }, 10*time.Second, 20*time.Millisecond)

	require.NoError(t, cursors.SaveCursor(context.Background(), "node-2", ChainEthereum, 0))
	require.Eventually(t, func() bool { return count() == 2 }, 10*time.Second, 20*time.Millisecond,
		"the re-scan from block 1 reports the burn again (Temporal's ID dedupes it)")
}

func TestEthScannerKeepsItsCursorWhenAStartFails(t *testing.T) {
	chain := ethnet.NewChain(t, ethnet.TestOptions{Users: 1})
	chain.MintAndBurn(t, chain.Users[0], big.NewInt(5_000_000), poktTo)
	tc, cursors := &fakeTemporal{failNext: 1}, &memCursors{}
	s := ethScanner(chain.DialHTTP(t, chain.Options()), tc, cursors)
	_, err := s.ScanOnce(context.Background())
	require.ErrorContains(t, err, "temporal unavailable")
	_, found, _ := cursors.Cursor(context.Background(), "node-2", ChainEthereum)
	require.False(t, found)
	_, err = s.ScanOnce(context.Background())
	require.NoError(t, err)
	require.Len(t, tc.ids(), 1)
}
