package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/ledger"
)

// InitLedger makes the empty ledger of a fresh node, one that has never
// signed; it leaves an existing ledger alone.
func InitLedger(cfg *config.Config) error {
	return ledger.Init(cfg.Node.LedgerPath, cfg.Node.ID, time.Now())
}

// RebuildReport says what a rebuild wrote and what did not check out.
type RebuildReport struct {
	Path    string
	Entries int
	Notes   []string
}

// RebuildLedger rebuilds a node's ledger from Copper's orders of the
// vault, each checked on the node's own RPCs, and replaces the file (the
// old one is kept beside it). The node must be stopped: a running node
// holds the file, and the rebuild refuses.
func RebuildLedger(ctx context.Context, cfg *config.Config) (RebuildReport, error) {
	rep := RebuildReport{Path: cfg.Node.LedgerPath}
	pocket, err := protocol.Dial(protocol.Config{Protocol: cfg.Pocket.Protocol, URL: cfg.Pocket.RPCURL, Timeout: cfg.Pocket.RPCTimeout})
	if err != nil {
		return rep, fmt.Errorf("pocket client: %w", err)
	}
	ec, err := eth.Dial(ctx, cfg.Ethereum.RPCURL, eth.Options{WPOKTAddress: common.HexToAddress(cfg.Ethereum.WPOKTAddress),
		LogRange: cfg.Ethereum.LogRange, CallTimeout: cfg.Ethereum.RPCTimeout})
	if err != nil {
		return rep, fmt.Errorf("ethereum client: %w", err)
	}
	defer ec.Close()
	cc, err := copper.NewClient(copper.Config{BaseURL: cfg.Copper.APIURL, APIKey: cfg.Copper.APIKey,
		APISecret: cfg.Copper.APISecret, PortfolioID: cfg.Copper.PortfolioID, Timeout: cfg.Copper.Timeout})
	if err != nil {
		return rep, fmt.Errorf("copper client: %w", err)
	}
	now := time.Now().UTC()
	entries, notes, err := activities.RebuildLedger(ctx, activities.LedgerSources{Rules: Rules(cfg), Pocket: pokt.RememberHeads(pocket), Eth: ec, Copper: cc,
		Mints: ec, MintsFrom: cfg.Ethereum.StartBlock, Now: now})
	if err != nil {
		return rep, fmt.Errorf("rebuild ledger: %w", err)
	}
	if err := ledger.Rebuild(cfg.Node.LedgerPath, cfg.Node.ID, entries, now); err != nil {
		return rep, err
	}
	rep.Entries, rep.Notes = len(entries), notes
	return rep, nil
}
