package starters

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// pageSource serves one fixed page of txs at height 10.
type pageSource struct{ txs []pokt.Tx }

func (p pageSource) Height(context.Context) (int64, error) { return 10, nil }
func (p pageSource) ReceivedTxs(context.Context, string, int64, int64) ([]pokt.Tx, error) {
	return p.txs, nil
}

type unreadableCount struct {
	nopObserver
	mu sync.Mutex
	n  map[string]int
}

func (u *unreadableCount) Unreadable(chain string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.n[chain]++
}

// TestPocketScannerGoesOnPastAnUnreadableTx: a tx to the vault whose bytes
// do not decode does not stop the scan: its transfer is started with the
// unreadable class (it waits for an operator), counted, and the deposit
// after it in the same page is started too; the cursor moves on.
func TestPocketScannerGoesOnPastAnUnreadableTx(t *testing.T) {
	tc, cursors := &fakeTemporal{}, &memCursors{}
	s := pocketScanner(nil, tc, cursors, "node-2")
	obs := &unreadableCount{n: map[string]int{}}
	s.Observer = obs
	s.Chain = pageSource{txs: []pokt.Tx{
		{Hash: "AA", Height: 9, NotASend: pokt.NotASendUndecodable + ": proto: bad wire type"},
		{Hash: "BB", Height: 10, From: alice, To: vault, Amount: 5_000_000, Memo: "bad memo"},
	}}
	n, err := s.ScanOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.ElementsMatch(t, []string{transfer.MintWorkflowID("AA"), transfer.MintWorkflowID("BB")}, tc.ids())
	unreadable := tc.call(t, transfer.MintWorkflowID("AA")).seen.Report
	require.Equal(t, transfer.ClassUnreadable, unreadable.Class)
	require.Contains(t, unreadable.Reason, "an operator must look at it")
	require.Equal(t, transfer.ClassRefund, tc.call(t, transfer.MintWorkflowID("BB")).seen.Report.Class)
	require.Equal(t, 1, obs.n[ChainPocket])
	h, _, _ := cursors.Cursor(context.Background(), "node-2", ChainPocket)
	require.EqualValues(t, 10, h)
}
