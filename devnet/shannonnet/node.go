package shannonnet

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	cmttypes "github.com/cometbft/cometbft/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Chain is a running single-validator Shannon chain.
type Chain struct {
	node    *node.Node
	app     *App
	dbs     *dbTracker
	rpcURL  string
	dir     string
	ownDir  bool
	chainID string
}

// Start starts a node and returns when it has committed its first block, so
// that its RPC answers status, queries and broadcasts at once.
func Start(ctx context.Context, opts Options) (*Chain, error) {
	opts = withDefaults(opts)
	c := &Chain{dir: opts.Dir}
	if c.dir == "" {
		dir, err := tempDir()
		if err != nil {
			return nil, fmt.Errorf("start shannon chain: %w", err)
		}
		c.dir, c.ownDir = dir, true
	}
	err := c.start(ctx, opts)
	// The ports are picked free but bound only later by CometBFT; another
	// process may take one in between. Pick again, a few times.
	for try := 1; err != nil && isAddrInUse(err) && opts.RPCPort == 0 && try < 4; try++ {
		opts.Logger.Debug("shannonnet port taken, retrying", "err", err, "try", try)
		err = c.start(ctx, opts)
	}
	if err != nil {
		c.removeDir()
		return nil, fmt.Errorf("start shannon chain in %s: %w", c.dir, err)
	}
	return c, nil
}

func (c *Chain) start(ctx context.Context, opts Options) error {
	cfg, err := nodeConfig(c.dir, opts)
	if err != nil {
		return err
	}
	pv := privval.LoadOrGenFilePV(cfg.PrivValidatorKeyFile(), cfg.PrivValidatorStateFile())
	if c.chainID, err = ensureGenesis(cfg, pv, opts); err != nil {
		return err
	}
	nodeKey, err := p2p.LoadOrGenNodeKey(cfg.NodeKeyFile())
	if err != nil {
		return fmt.Errorf("node key: %w", err)
	}
	var minFee sdk.Coins
	if opts.MinFee > 0 {
		minFee = UPOKT(opts.MinFee)
	}
	c.app = NewApp(AppConfig{MinFee: minFee, RetainBlocks: opts.RetainBlocks, Logger: opts.Logger.With("module", "shannonnet")})
	c.dbs = &dbTracker{}
	c.node, err = node.NewNode(cfg, pv, nodeKey, proxy.NewLocalClientCreator(c.app),
		node.DefaultGenesisDocProviderFunc(cfg), c.dbs.provider,
		node.DefaultMetricsProvider(cfg.Instrumentation), cometLogger{log: opts.Logger.With("module", "cometbft")})
	if err != nil {
		c.dbs.closeAll()
		return fmt.Errorf("new node: %w", err)
	}
	if err := c.node.Start(); err != nil {
		// A failed Start leaves the services it started running (event bus,
		// indexer) and Stop refuses a node that is not started: OnStop
		// stops what runs and closes the stores.
		c.node.OnStop()
		c.dbs.closeAll()
		return fmt.Errorf("node start: %w", err)
	}
	c.rpcURL = "http://" + trimScheme(cfg.RPC.ListenAddress)
	if err := c.waitFirstBlock(ctx); err != nil {
		c.stop()
		return err
	}
	return nil
}

// waitFirstBlock returns once a block is committed (or the stored chain
// was replayed), since the app has no chain id before InitChain and a query
// before block 1 would report height 0.
func (c *Chain) waitFirstBlock(ctx context.Context) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for c.node.BlockStore().Height() < 1 || c.app.lastHeight() < 1 {
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for the first block: %w", ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

// RPCURL is the node's CometBFT JSON-RPC endpoint, "http://127.0.0.1:PORT".
func (c *Chain) RPCURL() string { return c.rpcURL }

// ChainID is the chain id in the genesis and in every SignDoc.
func (c *Chain) ChainID() string { return c.chainID }

// Dir is the node's home directory (config/, data/).
func (c *Chain) Dir() string { return c.dir }

// Height is the last committed height.
func (c *Chain) Height() int64 { return c.node.BlockStore().Height() }

// WaitHeight returns once the chain has committed height h, for tests that
// count confirmations.
func (c *Chain) WaitHeight(ctx context.Context, h int64) error {
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for c.Height() < h {
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for height %d (at %d): %w", h, c.Height(), ctx.Err())
		case <-t.C:
		}
	}
	return nil
}

// Close stops the node and, if Start made the directory, removes it. A
// chain whose Options.Dir was given can be started again on it.
func (c *Chain) Close() error {
	err := c.stop()
	c.removeDir()
	return err
}

func (c *Chain) stop() error {
	var err error
	if c.node.IsRunning() {
		err = c.node.Stop()
		c.node.Wait()
	}
	c.dbs.closeAll()
	if err != nil {
		return fmt.Errorf("stop shannon chain: %w", err)
	}
	return nil
}

func (c *Chain) removeDir() {
	if c.ownDir {
		_ = os.RemoveAll(c.dir)
	}
}

// OnBlock calls f with each block's height as the node commits it, until
// ctx ends: for a benchmark that times what happens after a block, since
// this chain makes its own blocks. f runs on one goroutine, in order; a
// slow f makes the node drop the subscription (and OnBlock stop calling).
func (c *Chain) OnBlock(ctx context.Context, f func(height int64)) error {
	sub, err := c.node.EventBus().Subscribe(ctx, "shannonnet-onblock", cmttypes.EventQueryNewBlockHeader, 1000)
	if err != nil {
		return fmt.Errorf("subscribe to new blocks: %w", err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-sub.Canceled():
				return
			case m := <-sub.Out():
				if h, ok := m.Data().(cmttypes.EventDataNewBlockHeader); ok {
					f(h.Header.Height)
				}
			}
		}
	}()
	return nil
}
