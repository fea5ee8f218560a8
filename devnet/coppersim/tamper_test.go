package coppersim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
)

const thief = "f1e2d3c4b5a6978812345678901234567890abcd"

func payThief(o *copper.Order) {
	o.Extra.ToAddress = thief
	o.Amount = copper.MustParseAmount("1000")
}

// TestServeTampered: Copper serves another order under the same
// externalOrderId on every read, consistent down to its sign request, while
// the stored order stays as created; the honest sign request is refused
// meanwhile; once the lie stops, the true order is served, signed and paid.
func TestServeTampered(t *testing.T) {
	h := start(t)
	o := h.order(t, withdraw("burn-lie", "1"))
	other := h.order(t, withdraw("burn-true", "2"))
	h.sim.ServeTampered("burn-lie", payThief)

	got, err := h.client.GetOrder(t.Context(), o.OrderID)
	require.NoError(t, err)
	assert.Equal(t, o.OrderID, got.OrderID)
	assert.Equal(t, thief, got.Extra.ToAddress)
	assert.True(t, got.Amount.Equal(copper.MustParseAmount("1000")), "served amount %s", got.Amount)
	assert.NoError(t, got.CheckSignRequest(), "the lie's sign request says what the lie says")
	listed, err := h.client.ListOrdersByExternalID(t.Context(), "burn-lie")
	require.NoError(t, err)
	require.Len(t, listed, 1)
	assert.Equal(t, got.Extra, listed[0].Extra)
	all, err := h.client.ListOrders(t.Context())
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, thief, all[0].Extra.ToAddress)
	assert.Equal(t, recipient, all[1].Extra.ToAddress, "another transfer's order is served as it is")
	trueOther, err := h.client.GetOrder(t.Context(), other.OrderID)
	require.NoError(t, err)
	assert.Equal(t, other.Extra, trueOther.Extra)
	for _, stored := range []func() (copper.Order, bool){
		func() (copper.Order, bool) { return h.sim.Order(o.OrderID) },
		func() (copper.Order, bool) { return h.sim.OrderByExternalID("burn-lie") },
	} {
		s, ok := stored()
		require.True(t, ok)
		assert.Equal(t, recipient, s.Extra.ToAddress, "stored as created")
		assert.True(t, s.Amount.Equal(copper.MustParseAmount("1")))
	}
	// The co-signers sign what Copper serves: not the true order now.
	require.ErrorIs(t, h.signer(t, h.sim.Nodes()[0]).Sign(t.Context(), o), copper.ErrSignFailed)
	assert.Zero(t, h.sim.SignatureCount(o.OrderID))

	h.sim.StopTampering("burn-lie")
	got, err = h.client.GetOrder(t.Context(), o.OrderID)
	require.NoError(t, err)
	assert.Equal(t, o.Extra, got.Extra)
	h.signBy(t, got, 9)
	assert.Equal(t, copper.StatusExecuted, h.wait(t, o.OrderID).Status)
	assert.Equal(t, []uint64{1_000_000}, h.pokt.amounts)
	assert.Equal(t, []string{recipient}, h.pokt.to)
}

// TestServeTamperedExecutesTheSignedLie: a lie that gets the threshold of
// signatures is what a dishonest Copper executes, so that a scenario sees
// the funds move if its signers sign it.
func TestServeTamperedExecutesTheSignedLie(t *testing.T) {
	h := start(t)
	h.sim.ServeTampered("burn-lie", payThief) // before the order exists
	created, err := h.client.CreateOrder(t.Context(), withdraw("burn-lie", "1"))
	require.NoError(t, err, "the creation's answer is honest")
	require.NoError(t, h.client.StartSigning(t.Context(), created.OrderID))
	lie, err := h.client.GetOrder(t.Context(), created.OrderID)
	require.NoError(t, err)
	h.signBy(t, lie, 9)
	assert.Equal(t, 9, h.sim.SignatureCount(created.OrderID))
	assert.Equal(t, copper.StatusExecuted, h.wait(t, created.OrderID).Status)
	assert.Equal(t, []uint64{1_000_000_000}, h.pokt.amounts)
	assert.Equal(t, []string{thief}, h.pokt.to)
}
