package activities

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// vaultSends is a Pocket RPC that lists one payout of the vault; its
// first listing waits for gate.
type vaultSends struct {
	countingPocket
	gate  chan struct{}
	mu    sync.Mutex
	lists int
}

func (v *vaultSends) SentTxs(context.Context, string, int64, int64) ([]pokt.Tx, error) {
	v.mu.Lock()
	v.lists++
	first := v.lists == 1
	v.mu.Unlock()
	if first {
		<-v.gate
	}
	return []pokt.Tx{{Hash: "P1", Height: 5, From: "vault", To: "user", Amount: 10, Memo: "paid-1"}}, nil
}

func (v *vaultSends) Height(context.Context) (int64, error) { return 10, nil }

func (v *vaultSends) listed() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.lists
}

// TestPayoutChecksThatArriveDuringAReadShareTheNextOne: checks that arrive
// while a read is on its way are answered by one read that begins after
// them, never by the read already on its way; a check after that reads
// again.
func TestPayoutChecksThatArriveDuringAReadShareTheNextOne(t *testing.T) {
	rpc := &vaultSends{gate: make(chan struct{})}
	var p payouts
	rules := Rules{Deposit: pokt.DepositRules{Vault: "vault"}}
	first := make(chan bool)
	go func() {
		_, ok, err := p.find(t.Context(), rules, rpc, "paid-1")
		assert.NoError(t, err)
		first <- ok
	}()
	require.Eventually(t, func() bool { return rpc.listed() == 1 }, 5*time.Second, time.Millisecond)
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			_, ok, err := p.find(t.Context(), rules, rpc, "paid-1")
			assert.NoError(t, err)
			assert.True(t, ok)
		})
	}
	time.Sleep(50 * time.Millisecond) // the five wait behind the first read
	close(rpc.gate)
	require.True(t, <-first)
	wg.Wait()
	assert.Equal(t, 2, rpc.listed(), "the read on its way, then one for the five")

	_, ok, err := p.find(t.Context(), rules, rpc, "not-paid")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Equal(t, 3, rpc.listed(), "a check after the reads reads again")
}
