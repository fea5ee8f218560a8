package config

import "time"

// Accountant is each node's own check of the chains' books: the vault's
// POKT against wPOKT's total supply, read from its own RPCs.
type Accountant struct {
	// Interval is how often it reads both chains.
	Interval time.Duration `mapstructure:"interval"`
	// ToleranceUpokt is how far the supply may exceed the vault before the
	// node's signer refuses new orders: on Shannon the vault pays the
	// network fee of every payout, which the operators top up from time
	// to time.
	ToleranceUpokt uint64 `mapstructure:"tolerance_upokt"`
}

func setAccountantDefaults(v interface{ SetDefault(string, any) }) {
	v.SetDefault("accountant.interval", "1m")
	v.SetDefault("accountant.tolerance_upokt", 100_000_000)
}

func (c *Config) validateAccountant(bad func(string, string, ...any)) {
	positive(bad, "accountant.interval", c.Accountant.Interval)
}
