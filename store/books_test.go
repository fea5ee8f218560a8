package store

import (
	"testing"

	"github.com/wpokt/bridge/transfer"

	"github.com/stretchr/testify/require"
)

// A payout whose amount carried the fee (Morse) costs the vault nothing of
// its own; a payout of the whole amount (Shannon) costs it the fee.
func TestVaultFee(t *testing.T) {
	require.EqualValues(t, 0, vaultFee(Document{AmountUpokt: 3_000_000, PayAmountUpokt: 2_990_000}, 10_000))
	require.EqualValues(t, 10_000, vaultFee(Document{AmountUpokt: 3_000_000, PayAmountUpokt: 3_000_000}, 10_000))
	require.EqualValues(t, 0, vaultFee(Document{AmountUpokt: 3_000_000, PayAmountUpokt: 3_000_000}, 0))
}

func TestBalancesCountTheFeesTheVaultPaid(t *testing.T) {
	b := Balances{VaultUpokt: 990_000, SupplyUpokt: 1_000_000, Books: Books{FeesUpokt: 10_000}}
	require.NoError(t, b.Check())
	b.FeesUpokt = 0
	require.ErrorContains(t, b.Check(), "fees paid 0")
}

// A treasury's top-up is kept by the vault: wPOKT minted outside the bridge
// and the top-up that backs it balance the books.
func TestBooksKeepTopUps(t *testing.T) {
	s := newStore(t)
	ctx := t.Context()
	topUp := mintState(transfer.StatusToppedUp, 1)
	topUp.Classification, topUp.Amount = transfer.ClassTopUp, 500_000_000
	require.NoError(t, s.Project(ctx, topUp))
	books, err := s.Books(ctx, 10_000)
	require.NoError(t, err)
	require.EqualValues(t, 500_000_000, books.TopUpsUpokt)
	require.Zero(t, books.HeldUpokt)
	// 1,000 minted by the bridge and 500 outside it; the vault holds the
	// 1,000 deposited and the 500 topped up.
	b := Balances{VaultUpokt: 1_500_000_000, SupplyUpokt: 1_500_000_000, Books: books}
	require.ErrorContains(t, b.Check(), "minted outside 0 + kept 0 + in flight 0 + top-ups 500000000",
		"500 wPOKT that no transfer explains")
	b.MintedOutsideUpokt = 500_000_000
	require.NoError(t, b.Check(), "the 500 minted outside the bridge, backed by the top-up")
	b.SupplyUpokt, b.MintedOutsideUpokt = 1_000_000_000, 0
	require.NoError(t, b.Check(), "a top-up with nothing minted outside: the vault holds more than the supply")
}
