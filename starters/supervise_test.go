package starters

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// panickyPocket panics on its first height reads, then serves an empty chain.
type panickyPocket struct{ panicsLeft atomic.Int32 }

func (p *panickyPocket) Height(context.Context) (int64, error) {
	if p.panicsLeft.Add(-1) >= 0 {
		panic("height decoder hit a bug")
	}
	return 7, nil
}

func (p *panickyPocket) ReceivedTxs(context.Context, string, int64, int64) ([]pokt.Tx, error) {
	return nil, nil
}

// restartLog records what a supervisor reports.
type restartLog struct {
	nopObserver
	mu       sync.Mutex
	restarts []string
	failures []error
	scanned  []int64
}

func (r *restartLog) Restarted(chain, reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.restarts = append(r.restarts, chain+"/"+reason)
}

func (r *restartLog) ScanFailed(_ string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, err)
}

func (r *restartLog) Scanned(_ string, cursor, _ int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.scanned = append(r.scanned, cursor)
}

func (r *restartLog) snapshot() (restarts []string, failures []error, scanned []int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.restarts...), append([]error(nil), r.failures...), append([]int64(nil), r.scanned...)
}

func TestSupervisedScannerPanicIsCountedAndRestarted(t *testing.T) {
	chain := &panickyPocket{}
	chain.panicsLeft.Store(2)
	obs := &restartLog{}
	s := &PocketScanner{
		Node: Node{NodeID: "node-4", Logger: slog.New(slog.DiscardHandler), Cursors: &memCursors{}, Observer: obs, ReadingKey: readingKey("node-4"),
			CursorSaveInterval: time.Nanosecond, RestartBackoff: time.Millisecond},
		Vault: vault, StartHeight: 1, Interval: 5 * time.Millisecond, Chain: chain,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Supervise(ctx, ChainPocket, s.Run) }()

	require.Eventually(t, func() bool {
		_, _, scanned := obs.snapshot()
		return len(scanned) > 0 && scanned[len(scanned)-1] == 7
	}, 5*time.Second, time.Millisecond, "the scanner came back and scanned to the head")
	cancel()
	require.NoError(t, <-done)

	restarts, failures, _ := obs.snapshot()
	require.Equal(t, []string{"pokt/panic", "pokt/panic"}, restarts, "each panic restarts the scanner once")
	require.Len(t, failures, 2)
	require.ErrorContains(t, failures[0], "panic: height decoder hit a bug", "the panic became an error")
}

func TestSupervisorRestartsAScannerThatReturnedEarly(t *testing.T) {
	obs := &restartLog{}
	n := Node{NodeID: "node-5", Logger: slog.New(slog.DiscardHandler), Observer: obs, RestartBackoff: time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	var runs atomic.Int32
	err := n.Supervise(ctx, ChainEthereum, func(context.Context) error {
		if runs.Add(1) == 3 {
			cancel()
			return nil // a return at shutdown is no restart
		}
		return errors.New("subscription gone")
	})
	require.NoError(t, err)
	restarts, failures, _ := obs.snapshot()
	require.Equal(t, []string{"eth/returned", "eth/returned"}, restarts)
	require.ErrorContains(t, failures[0], "subscription gone")
}
