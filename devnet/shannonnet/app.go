package shannonnet

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// App is the ABCI application: auth and bank as far as the bridge needs
// them. CometBFT's local client serialises calls already; the mutex keeps
// App safe for direct use too.
type App struct {
	abci.BaseApplication

	mu        sync.Mutex
	log       *slog.Logger
	minFee    sdk.Coins
	retain    int64
	chainID   string
	committed *state // what queries read: the state after the last Commit
	deliver   *state // the block being finalized
	check     *state // the mempool's view: committed plus passed CheckTxs
	height    int64  // last committed height: what queries and Info report
	appHash   []byte // app hash at height
	// The block between FinalizeBlock and Commit: a query in that window
	// still answers the committed state and height, as the SDK's does.
	pendingHeight int64
	pendingHash   []byte
}

var _ abci.Application = (*App)(nil)

// AppConfig are the application's settings; the zero value is valid.
type AppConfig struct {
	MinFee       sdk.Coins    // a validator's mempool minimum fee; nil = none
	RetainBlocks int64        // > 0: ask CometBFT to keep only the last N blocks
	Logger       *slog.Logger // nil = discard
}

// NewApp makes an application with an empty state; InitChain loads the
// genesis accounts.
func NewApp(cfg AppConfig) *App {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := newState()
	return &App{log: cfg.Logger, minFee: cfg.MinFee, retain: cfg.RetainBlocks, committed: s, deliver: s.clone(), check: s.clone()}
}

// Info tells CometBFT how far the app got, so that a restarted node replays
// the blocks the in-memory state lacks.
func (a *App) Info(context.Context, *abci.RequestInfo) (*abci.ResponseInfo, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return &abci.ResponseInfo{Data: "shannonnet", Version: "0.53-bank", LastBlockHeight: a.height, LastBlockAppHash: a.appHash}, nil
}

// InitChain loads the genesis accounts from the genesis app state.
func (a *App) InitChain(_ context.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s, err := genesisState(req.AppStateBytes)
	if err != nil {
		return nil, fmt.Errorf("init chain: %w", err)
	}
	a.chainID = req.ChainId
	a.committed, a.deliver, a.check = s, s.clone(), s.clone()
	a.appHash = s.hash()
	a.log.Debug("shannonnet genesis", "chain_id", req.ChainId, "accounts", len(s.accounts))
	return &abci.ResponseInitChain{AppHash: a.appHash}, nil
}

// CheckTx admits a tx to the mempool if the ante checks pass.
func (a *App) CheckTx(_ context.Context, req *abci.RequestCheckTx) (*abci.ResponseCheckTx, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	res := a.checkTx(a.check, req.Tx)
	if res.Code != 0 {
		a.log.Debug("shannonnet check tx refused", "tx_hash", TxHash(req.Tx), "code", res.Code, "log", res.Log)
	}
	return res, nil
}

// FinalizeBlock executes a block's txs in order.
func (a *App) FinalizeBlock(_ context.Context, req *abci.RequestFinalizeBlock) (*abci.ResponseFinalizeBlock, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	res := &abci.ResponseFinalizeBlock{TxResults: make([]*abci.ExecTxResult, len(req.Txs))}
	for i, tx := range req.Txs {
		res.TxResults[i] = a.deliverTx(a.deliver, tx)
		if r := res.TxResults[i]; r.Code != 0 {
			a.log.Debug("shannonnet tx failed", "tx_hash", TxHash(tx), "height", req.Height, "code", r.Code, "log", r.Log)
		}
	}
	a.pendingHeight, a.pendingHash = req.Height, a.deliver.hash()
	res.AppHash = a.pendingHash
	return res, nil
}

// Commit makes the finalized block's state the one queries see, and resets
// the mempool's view to it (CometBFT then rechecks the waiting txs). With
// RetainBlocks, it asks CometBFT to prune older blocks, as a pruned node's
// SDK app does (min-retain-blocks): earliest_block_height moves up.
func (a *App) Commit(context.Context, *abci.RequestCommit) (*abci.ResponseCommit, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.committed, a.height, a.appHash = a.deliver, a.pendingHeight, a.pendingHash
	a.deliver = a.committed.clone()
	a.check = a.committed.clone()
	var retain int64
	if a.retain > 0 && a.height > a.retain {
		retain = a.height - a.retain + 1
	}
	return &abci.ResponseCommit{RetainHeight: retain}, nil
}

// lastHeight is the last committed height (0 before the first block).
func (a *App) lastHeight() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.height
}
