package starters

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// slowTemporal answers each signal-with-start after a pause, counting how
// many are in flight at once.
type slowTemporal struct {
	*fakeTemporal
	pause time.Duration

	mu       sync.Mutex
	in, most int
}

func (s *slowTemporal) SignalWithStartWorkflow(ctx context.Context, id, signal string, arg any,
	opts client.StartWorkflowOptions, wf any, args ...any) (client.WorkflowRun, error) {
	s.mu.Lock()
	s.in++
	s.most = max(s.most, s.in)
	s.mu.Unlock()
	time.Sleep(s.pause)
	defer func() {
		s.mu.Lock()
		s.in--
		s.mu.Unlock()
	}()
	return s.fakeTemporal.SignalWithStartWorkflow(ctx, id, signal, arg, opts, wf, args...)
}

// TestAScanStartsABlockOfDepositsConcurrently: forty deposits in one scan
// go out startConcurrency at a time, every one of them, and the cursor
// moves past them.
func TestAScanStartsABlockOfDepositsConcurrently(t *testing.T) {
	var txs []pokt.Tx
	var want []string
	for i := range 40 {
		hash := fmt.Sprintf("%064X", i+1)
		txs = append(txs, pokt.Tx{Hash: hash, Height: 10, From: alice, To: vault, Amount: 5_000_000, Memo: "no memo"})
		want = append(want, transfer.MintWorkflowID(hash))
	}
	tc := &slowTemporal{fakeTemporal: &fakeTemporal{}, pause: 20 * time.Millisecond}
	cursors := &memCursors{}
	s := pocketScanner(nil, tc.fakeTemporal, cursors, "node-5")
	s.Temporal, s.Chain = tc, pageSource{txs: txs}

	n, err := s.ScanOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, 40, n)
	require.ElementsMatch(t, want, tc.ids())
	require.Equal(t, startConcurrency, tc.most, "at most startConcurrency in flight, and that many used")
	h, _, _ := cursors.Cursor(context.Background(), "node-5", ChainPocket)
	require.EqualValues(t, 10, h)
}

// TestPushedTakesWhatTheSubscriptionHoldsWithoutRemovedLogs: a burn and
// the ones queued behind it make one batch; a log a reorg removed is not
// in it; an empty queue ends the batch.
func TestPushedTakesWhatTheSubscriptionHoldsWithoutRemovedLogs(t *testing.T) {
	burn := func(i int, removed bool) eth.Burn {
		return eth.Burn{TxHash: common.BigToHash(big.NewInt(int64(i))), BlockNumber: 7, Removed: removed}
	}
	ch := make(chan eth.Burn, 8)
	ch <- burn(2, false)
	ch <- burn(3, true)
	ch <- burn(4, false)
	got := pushed(burn(1, false), ch)
	require.Equal(t, []eth.Burn{burn(1, false), burn(2, false), burn(4, false)}, got)
	require.Empty(t, ch)
	require.Empty(t, pushed(burn(5, true), ch), "a lone removed log starts nothing")
}
