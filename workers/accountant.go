package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/wpokt/bridge/transfer"
)

// VaultReader reads the vault's POKT on this node's Pocket RPC.
type VaultReader interface {
	Balance(ctx context.Context, address string) (uint64, error)
}

// SupplyReader reads wPOKT's total supply on this node's Ethereum RPC.
type SupplyReader interface {
	TotalSupply(ctx context.Context) (*big.Int, error)
}

// Accountant is a node's continuous check of the bridge's books, from the
// chains alone: every wPOKT must be backed by POKT in the vault. Deposits
// reach the vault before their mint and burns leave the supply before
// their return, so transfers in flight only ever add backing; the supply
// above the vault (beyond a tolerance for the network fees the vault pays)
// means wPOKT was minted outside the bridge or POKT left the vault outside
// it. While that holds, this node's signer signs no order.
type Accountant struct {
	AccountantConfig

	mu      sync.Mutex
	refusal string
	gauges  *prometheus.GaugeVec
}

// AccountantConfig is what an accountant reads and how often.
type AccountantConfig struct {
	Vault     string
	Pocket    VaultReader
	Eth       SupplyReader
	Tolerance uint64
	Interval  time.Duration
	Logger    *slog.Logger
}

// NewAccountant makes a node's accountant; its figures are exported on reg.
func NewAccountant(cfg AccountantConfig, reg prometheus.Registerer) *Accountant {
	a := &Accountant{AccountantConfig: cfg}
	a.gauges = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "wpokt_accountant_upokt",
		Help: "The books as this node reads them: vault (POKT in the vault), supply (wPOKT), excess (supply above the vault, 0 when backed)."},
		[]string{"figure"})
	if reg != nil {
		// A node restarted in the same process keeps its registry.
		var dup prometheus.AlreadyRegisteredError
		if err := reg.Register(a.gauges); errors.As(err, &dup) {
			a.gauges = dup.ExistingCollector.(*prometheus.GaugeVec)
		}
	}
	return a
}

// Run checks the books every Interval until ctx ends; the node checks
// them once itself before its signer starts.
func (a *Accountant) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(a.Interval):
		}
		if err := a.Check(ctx); err != nil {
			a.Logger.Warn("accountant: could not read the books", "error", err)
		}
	}
}

// Check reads both chains once and updates the refusal. A failed read
// keeps the last verdict.
func (a *Accountant) Check(ctx context.Context) error {
	vault, err := a.Pocket.Balance(ctx, a.Vault)
	if err != nil {
		return fmt.Errorf("read the vault's balance: %w", err)
	}
	supply, err := a.Eth.TotalSupply(ctx)
	if err != nil {
		return fmt.Errorf("read wpokt's total supply: %w", err)
	}
	excess := new(big.Int).Sub(supply, new(big.Int).SetUint64(vault))
	if excess.Sign() < 0 {
		excess.SetInt64(0)
	}
	a.gauges.WithLabelValues("vault").Set(float64(vault))
	a.gauges.WithLabelValues("supply").Set(float64(supply.Uint64()))
	a.gauges.WithLabelValues("excess").Set(float64(excess.Uint64()))
	refusal := ""
	if excess.Cmp(new(big.Int).SetUint64(a.Tolerance)) > 0 {
		refusal = fmt.Sprintf("the books do not balance: wPOKT supply %s exceeds the vault's %s POKT by %s (tolerance %s); no order is signed until it is resolved",
			formatUpokt(supply), transfer.FormatPOKT(vault), formatUpokt(excess), transfer.FormatPOKT(a.Tolerance))
	}
	a.mu.Lock()
	changed := refusal != a.refusal
	a.refusal = refusal
	a.mu.Unlock()
	switch {
	case changed && refusal != "":
		a.Logger.Error("accountant: wPOKT exceeds its backing; this node signs no order", "reason", refusal)
	case changed:
		a.Logger.Info("accountant: the books balance again", "vault_upokt", vault, "supply_upokt", supply.String())
	}
	return nil
}

// Refusal is why this node signs no order now, or empty.
func (a *Accountant) Refusal() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.refusal
}

func formatUpokt(n *big.Int) string {
	if n.IsUint64() {
		return transfer.FormatPOKT(n.Uint64())
	}
	return n.String() + " upokt"
}

// accountant is the node's accountant, on its own RPCs and config.
func (n *Node) accountant() *Accountant {
	return NewAccountant(AccountantConfig{
		Vault: n.cfg.Pocket.VaultAddress, Pocket: n.pocket, Eth: n.eth,
		Tolerance: n.cfg.Accountant.ToleranceUpokt, Interval: n.cfg.Accountant.Interval,
		Logger: n.logger.With("component", "accountant"),
	}, n.metrics.Registry)
}
