package shannonnet

import (
	"log/slog"
	"time"
)

// DefaultTimeoutCommit gives a block about every 200 ms (mainnet: about 60 s).
const DefaultTimeoutCommit = 200 * time.Millisecond

// Options configure a chain. The zero value is a "pocket" chain with no
// accounts in a temporary directory.
type Options struct {
	ChainID       string           // default DefaultChainID; ignored when Dir already holds a genesis file
	Dir           string           // CometBFT home (config/, data/); "" = a temporary directory (tmpfs if there is one) that Close removes
	TimeoutCommit time.Duration    // pause after each block; default DefaultTimeoutCommit
	Accounts      []GenesisAccount // ignored when Dir already holds a genesis file
	MinFee        uint64           // upokt a tx must pay to enter the mempool; 0 = none
	RPCPort       int              // 0 = a free loopback port
	// NoTxIndex runs the node with indexing disabled ("null" indexer), as
	// some public nodes do: tx and tx_search answer "transaction indexing
	// is disabled".
	NoTxIndex bool
	// RetainBlocks > 0 prunes all but the last N blocks, as a pruned node:
	// earliest_block_height moves up and block below it is an error.
	// CometBFT v0.38 does not prune its tx index: tx and tx_search still
	// find older txs. A pruned chain cannot be restarted: the in-memory app
	// replays from block 1.
	RetainBlocks int64
	Logger       *slog.Logger // nil = discard; CometBFT's Info lines are logged at Debug
}

func withDefaults(o Options) Options {
	if o.ChainID == "" {
		o.ChainID = DefaultChainID
	}
	if o.TimeoutCommit == 0 {
		o.TimeoutCommit = DefaultTimeoutCommit
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}
