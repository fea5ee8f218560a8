package nodetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/shannonnet"
)

// TestHeadWindowIsComplete: under a steady stream of deposits, a window
// that ends at Height finds every deposit of its last block at once, as a
// second read later finds. (Ending at status's latest_block_height, 12
// heads in 5 s lacked deposits: CometBFT saves a block before it indexes
// its txs.)
func TestHeadWindowIsComplete(t *testing.T) {
	n := startNet(t)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			_, _ = n.wallet.Send(n.ctx, shannonnet.SendParams{From: n.alice, To: n.vault.Address(), Amount: 1_000_000, Fee: fee, Memo: memo})
		}
	}()
	defer func() { close(stop); <-done }()

	// Read each new head as soon as Height reaches it (when a block has
	// just been saved, its txs may not be indexed yet), then again later.
	waitHeight(t, n, 1)
	first := map[int64]int{}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		h := n.head(t)
		if _, seen := first[h]; seen {
			continue
		}
		txs, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), h, h)
		require.NoError(t, err)
		first[h] = len(txs)
	}
	var last int64
	for h := range first {
		last = max(last, h)
	}
	waitHeight(t, n, last+2)
	withDeposits := 0
	for h, found := range first {
		later, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), h, h)
		require.NoError(t, err)
		assert.Equal(t, len(later), found, "height %d: the deposits found at once and later", h)
		if len(later) > 0 {
			withDeposits++
		}
	}
	assert.Greater(t, withDeposits, 5, "the stream made blocks with deposits")
}
