package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/wpokt/bridge/ledger"
)

// ledgerTimer times what a signer's ledger adds to each signature (the
// read of the transfer's earlier orders and the synced write, as
// activities/once.go does before a partial signature goes out), one record
// every interval while the run goes on: the run's disk and load.
type ledgerTimer struct {
	done chan []time.Duration
	stop context.CancelFunc
}

func startLedgerTimer(dir string, every time.Duration) (*ledgerTimer, error) {
	path := filepath.Join(dir, "bench-ledger.db")
	if err := ledger.Init(path, "bench", time.Now()); err != nil {
		return nil, fmt.Errorf("ledger timer: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t := &ledgerTimer{done: make(chan []time.Duration, 1), stop: cancel}
	go t.run(ctx, ledger.NewKeeper(path, "bench"), every)
	return t, nil
}

func (t *ledgerTimer) run(ctx context.Context, k *ledger.Keeper, every time.Duration) {
	defer k.Close()
	var took []time.Duration
	tick := time.NewTicker(every)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			t.done <- took
			return
		case <-tick.C:
		}
		id := fmt.Sprintf("burn-0x%064x-0", i)
		began := time.Now()
		if _, err := k.Signed(id); err != nil {
			progress("ledger timer: %v", err)
			continue
		}
		if err := k.Record(ledger.Entry{TransferID: id, OrderID: fmt.Sprintf("bench-order-%d", i), Kind: "return",
			Recipient: "bench", Amount: 1, SignedAt: began}); err != nil {
			progress("ledger timer: %v", err)
			continue
		}
		took = append(took, time.Since(began))
	}
}

// Stop ends the timing and summarises it.
func (t *ledgerTimer) Stop() Stats {
	t.stop()
	return summarize(<-t.done)
}
