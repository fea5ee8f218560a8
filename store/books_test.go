package store

import (
	"testing"

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
