package activities_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
)

type unbalanced struct{ why string }

func (u *unbalanced) Refusal() string { return u.why }

// TestSignerWaitsWhileTheBooksDoNotBalance: while the node's accountant
// says wPOKT exceeds its backing, the signer adds no signature (a wait that
// is retried, not a final refusal); once they balance it signs.
func TestSignerWaitsWhileTheBooksDoNotBalance(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("books", 2_000_000)
	order := st.placeOrder(m.spec)
	books := &unbalanced{why: "the books do not balance: wPOKT supply 1500 exceeds the vault's 1000 POKT by 500 (tolerance 10)"}
	s := st.signer(1, func(s *activities.Signer) { s.Books = books })

	_, err := sign(t, s, m.request(1, order.OrderID))
	requireNotReady(t, err, "node-1: accountant: the books do not balance")
	assert.Zero(t, st.copper.SignatureCount(order.OrderID))

	books.why = ""
	_, err = sign(t, s, m.request(1, order.OrderID))
	require.NoError(t, err)
	assert.Equal(t, 1, st.copper.SignatureCount(order.OrderID))
}
