package copper_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
)

// TestListReadsEveryPage: a Copper that lets many orders share one
// externalOrderId is read to the last page: a lookup that read one page
// and filtered it would miss the 101st order, and Find would not see two.
func TestListReadsEveryPage(t *testing.T) {
	e := newEnv(t)
	e.sim.AllowDuplicateExternalIDs(true)
	c := e.client(t)
	other, err := c.CreateOrder(t.Context(), withdrawRequest("burn-0xother-0"))
	require.NoError(t, err)

	req := withdrawRequest("burn-0xdup-0")
	body := copper.CreateOrderBody{ExternalOrderID: req.ExternalOrderID, OrderType: req.OrderType, PortfolioID: e.sim.PortfolioID(),
		BaseCurrency: req.BaseCurrency, MainCurrency: req.MainCurrency, Amount: req.Amount, ToAddress: req.ToAddress, Memo: req.Memo}
	want := map[string]bool{}
	for range 101 {
		o, err := coppersim.PostOrder(t.Context(), e.url, e.shared, body)
		require.NoError(t, err)
		want[o.OrderID] = true
	}

	got, err := c.ListOrdersByExternalID(t.Context(), req.ExternalOrderID)
	require.NoError(t, err)
	require.Len(t, got, 101)
	for _, o := range got {
		assert.True(t, want[o.OrderID], o.OrderID)
		assert.NotEqual(t, other.OrderID, o.OrderID)
	}
	_, err = c.FindOrderByExternalID(t.Context(), req.ExternalOrderID)
	require.ErrorIs(t, err, copper.ErrDuplicateOrders)

	one, err := c.ListOrdersByExternalID(t.Context(), "burn-0xother-0")
	require.NoError(t, err)
	require.Len(t, one, 1)
	none, err := c.ListOrdersByExternalID(t.Context(), "burn-0xnone-0")
	require.NoError(t, err)
	assert.Empty(t, none)

	all, err := c.ListOrders(t.Context())
	require.NoError(t, err)
	assert.Len(t, all, 102)
}
