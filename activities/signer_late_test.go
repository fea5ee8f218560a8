package activities_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

// staleFirstRead answers the first GetOrder with a copy of the order taken
// earlier: the signer read the order just before the last threshold
// signature landed.
type staleFirstRead struct {
	activities.Custody
	mu    sync.Mutex
	stale *copper.Order
}

func (c *staleFirstRead) GetOrder(ctx context.Context, id string) (*copper.Order, error) {
	c.mu.Lock()
	stale := c.stale
	c.stale = nil
	c.mu.Unlock()
	if stale != nil {
		return stale, nil
	}
	return c.Custody.GetOrder(ctx, id)
}

// Found by the end-to-end tests: a signer that read the order while it
// still needed signatures, and the nonce after the order was signed by
// others and minted, refused with "nonce already used" a transfer that had
// just executed; the refusal went on the transfer's record.
func TestLateSignerOfAMintedOrderAddsNothing(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	m := st.mintDeposit("late-signer", 3_000_000)
	ref, err := createOrder(t, a, m.spec)
	require.NoError(t, err)
	st.signAll(m.request(1, ref.OrderID), threshold-1)

	late := st.signer(10)
	before, err := late.Copper.GetOrder(t.Context(), ref.OrderID)
	require.NoError(t, err)
	require.Equal(t, copper.StatusPartSignedTxAdded, before.Status)
	late.Copper = &staleFirstRead{Custody: late.Copper, stale: before}

	res, err := sign(t, st.signer(threshold), m.request(threshold, ref.OrderID))
	require.NoError(t, err)
	require.Equal(t, transfer.SignResult{NodeID: nodeID(threshold)}, res)
	o := st.waitTerminal(ref.OrderID)
	require.Equal(t, copper.StatusExecuted, o.Status, o.Extra.ErrorMessage)

	res, err = sign(t, late, m.request(10, ref.OrderID))
	require.NoError(t, err, "the late signer does not refuse")
	assert.True(t, res.OrderComplete)
	assert.Equal(t, "node-10", res.NodeID)
	assert.Len(t, res.CoSigners, threshold)
	assert.NotContains(t, st.copper.Signers(ref.OrderID), "node-10")
}
