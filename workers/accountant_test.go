package workers

import (
	"context"
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

type books struct {
	vault  uint64
	supply *big.Int
	err    error
}

func (b *books) Balance(context.Context, string) (uint64, error) { return b.vault, b.err }
func (b *books) TotalSupply(context.Context) (*big.Int, error)   { return b.supply, b.err }

// TestAccountantRefusesWhileWPOKTExceedsItsBacking: backed (and within the
// tolerance) it lets signing go on; wPOKT minted outside the bridge makes
// it refuse, with the figures; a failed read keeps the verdict; the books
// balanced again lift it. The figures are exported.
func TestAccountantRefusesWhileWPOKTExceedsItsBacking(t *testing.T) {
	chain := &books{vault: 1_000_000_000, supply: big.NewInt(900_000_000)}
	reg := prometheus.NewRegistry()
	a := NewAccountant(AccountantConfig{Vault: "pokt1vault", Pocket: chain, Eth: chain, Tolerance: 10_000_000,
		Logger: slog.New(slog.DiscardHandler)}, reg)
	ctx := context.Background()

	require.NoError(t, a.Check(ctx))
	require.Empty(t, a.Refusal())
	chain.supply = big.NewInt(1_010_000_000) // 10 POKT over: within the tolerance
	require.NoError(t, a.Check(ctx))
	require.Empty(t, a.Refusal())

	chain.supply = big.NewInt(1_500_000_000) // 500 POKT minted outside the bridge
	require.NoError(t, a.Check(ctx))
	require.Equal(t, "the books do not balance: wPOKT supply 1500 exceeds the vault's 1000 POKT by 500 (tolerance 10); no order is signed until it is resolved", a.Refusal())
	require.InDelta(t, 500_000_000, testutil.ToFloat64(a.gauges.WithLabelValues("excess")), 0)

	chain.err = errors.New("rpc down")
	require.ErrorContains(t, a.Check(ctx), "read the vault's balance: rpc down")
	require.NotEmpty(t, a.Refusal(), "an unread chain does not lift the refusal")

	chain.err, chain.vault = nil, 1_500_000_000
	require.NoError(t, a.Check(ctx))
	require.Empty(t, a.Refusal())

	out, err := testutil.CollectAndLint(a.gauges)
	require.NoError(t, err)
	require.Empty(t, out)
	again := NewAccountant(AccountantConfig{Pocket: chain, Eth: chain, Logger: slog.New(slog.DiscardHandler)}, reg)
	require.Same(t, a.gauges, again.gauges, "a restarted node in the same process keeps its gauges")
	require.True(t, strings.HasPrefix(formatUpokt(new(big.Int).Lsh(big.NewInt(1), 70)), "1180591620717411303424 upokt"))
}
