package starters

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/morse"
	"github.com/wpokt/bridge/devnet/morsesim"
	"github.com/wpokt/bridge/transfer"
)

const (
	vault = "5f3b1c2e9e8a7d6c5b4a39281706f5e4d3c2b1a0"
	alice = "a11ce00000000000000000000000000000000001"
	bob   = "b0b0000000000000000000000000000000000002"
)

func newPocket(t *testing.T) (*morsesim.Sim, *morse.Client) {
	t.Helper()
	sim := morsesim.New(morsesim.Config{ChainID: "devnet"})
	srv := httptest.NewServer(sim.Handler())
	t.Cleanup(srv.Close)
	require.NoError(t, sim.Fund(alice, 1_000_000_000))
	require.NoError(t, sim.Fund(bob, 1_000_000_000))
	c, err := morse.NewClient(srv.URL, morse.Options{Timeout: 5 * time.Second})
	require.NoError(t, err)
	return sim, c
}

func pocketScanner(c *morse.Client, tc *fakeTemporal, cursors *memCursors, node string) *PocketScanner {
	return &PocketScanner{
		Node:  Node{NodeID: node, TaskQueue: "bridge", Temporal: tc, Cursors: cursors, CursorSaveInterval: time.Nanosecond, ReadingKey: readingKey(node)},
		Vault: vault, StartHeight: 1, Interval: time.Second,
		Settings: transfer.Settings{Confirmations: 2},
		Rules:    pokt.DepositRules{EthChainID: 1, FeeUpokt: 10_000, Vault: vault},
		Chain:    c,
	}
}

func TestPocketScannerStartsOneWorkflowPerDeposit(t *testing.T) {
	sim, c := newPocket(t)
	tc, cursors := &fakeTemporal{}, &memCursors{}
	s := pocketScanner(c, tc, cursors, "node-3")
	ctx := context.Background()

	h1, err := sim.Send(alice, vault, 5_000_000, `{"address":"0x1111111111111111111111111111111111111111","chain_id":"1"}`)
	require.NoError(t, err)
	_, err = sim.Send(alice, bob, 7, "not to the vault")
	require.NoError(t, err)
	block1 := sim.NextBlock()
	h2, err := sim.Send(bob, vault, 3_000_000, "garbage memo")
	require.NoError(t, err)
	block2 := sim.NextBlock()

	n, err := s.ScanOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.ElementsMatch(t, []string{transfer.MintWorkflowID(h1), transfer.MintWorkflowID(h2)}, tc.ids())
	call := tc.call(t, transfer.MintWorkflowID(h1))
	require.Equal(t, transfer.MintWorkflowType, call.workflowType)
	require.Equal(t, transfer.SeenSignal{NodeID: "node-3", Height: block1, Report: transfer.Reading{
		Class: transfer.ClassMint, Recipient: "0x1111111111111111111111111111111111111111", Amount: 5_000_000, PayAmount: 5_000_000,
	}}, requireSignedBy(t, "node-3", call.id, call.seen), "the node's own reading travels with its signal")
	refund := tc.call(t, transfer.MintWorkflowID(h2)).seen.Report
	require.Equal(t, transfer.Reading{Class: transfer.ClassRefund, Recipient: bob, Amount: 3_000_000, PayAmount: 2_990_000,
		Reason: refund.Reason}, refund)
	require.Contains(t, refund.Reason, "memo")
	require.Equal(t, transfer.MintInput{TxHash: h1, Settings: transfer.Settings{Confirmations: 2}}, call.input)
	require.Equal(t, enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE, call.opts.WorkflowIDReusePolicy, "never a second run for one transfer")
	require.Equal(t, "bridge", call.opts.TaskQueue)
	h, _, _ := cursors.Cursor(ctx, "node-3", ChainPocket)
	require.Equal(t, block2, h)

	// Nothing new: no start, no error.
	n, err = s.ScanOnce(ctx)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Len(t, tc.calls, 2)
}

func TestPocketScannerKeepsItsCursorWhenAStartFails(t *testing.T) {
	sim, c := newPocket(t)
	tc, cursors := &fakeTemporal{failNext: 1}, &memCursors{}
	s := pocketScanner(c, tc, cursors, "node-1")
	ctx := context.Background()
	h1, err := sim.Send(alice, vault, 5_000_000, "m")
	require.NoError(t, err)
	sim.NextBlock()

	_, err = s.ScanOnce(ctx)
	require.ErrorContains(t, err, "temporal unavailable")
	_, found, _ := cursors.Cursor(ctx, "node-1", ChainPocket)
	require.False(t, found, "the cursor moves only after every start succeeded")

	_, err = s.ScanOnce(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{transfer.MintWorkflowID(h1)}, tc.ids(), "the retry re-scans the same range")
}

func TestPocketScannerTreatsAClosedWorkflowAsDone(t *testing.T) {
	sim, c := newPocket(t)
	h1, err := sim.Send(alice, vault, 5_000_000, "m")
	require.NoError(t, err)
	block := sim.NextBlock()
	tc := &fakeTemporal{closed: map[string]bool{transfer.MintWorkflowID(h1): true}}
	cursors := &memCursors{}
	s := pocketScanner(c, tc, cursors, "node-1")
	_, err = s.ScanOnce(context.Background())
	require.NoError(t, err)
	h, found, _ := cursors.Cursor(context.Background(), "node-1", ChainPocket)
	require.True(t, found)
	require.Equal(t, block, h)
}

func TestPocketScannerStartsFromConfiguredHeight(t *testing.T) {
	sim, c := newPocket(t)
	_, err := sim.Send(alice, vault, 5_000_000, "old")
	require.NoError(t, err)
	sim.NextBlock()
	h2, err := sim.Send(alice, vault, 6_000_000, "new")
	require.NoError(t, err)
	second := sim.NextBlock()
	tc, cursors := &fakeTemporal{}, &memCursors{}
	s := pocketScanner(c, tc, cursors, "node-1")
	s.StartHeight = second
	_, err = s.ScanOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, []string{transfer.MintWorkflowID(h2)}, tc.ids())
}

func TestPocketScannerReportsAnRPCFailure(t *testing.T) {
	tc, cursors := &fakeTemporal{}, &memCursors{}
	c, err := morse.NewClient("http://127.0.0.1:1", morse.Options{Timeout: time.Second})
	require.NoError(t, err)
	s := pocketScanner(c, tc, cursors, "node-1")
	_, err = s.ScanOnce(context.Background())
	require.ErrorContains(t, err, "read pocket height")
}
