package shannonnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/cometbft/cometbft/node"
	"github.com/cometbft/cometbft/p2p"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/proxy"
	sdk "github.com/cosmos/cosmos-sdk/types"
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

// isAddrInUse: CometBFT's RPC listener formats the net error with %v, so
// the text is all that is left of EADDRINUSE there.
func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
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

// tempDir prefers tmpfs: CometBFT fsyncs its WAL, its validator state and
// its stores at every block, and on a disk shared with busy builds a
// fsync can stall a block for seconds (measured here under a load of 11 on
// 2 cores: one run in three on disk made 3 blocks in 2 s and took up to 9 s
// to include a tx; every run on /dev/shm made 9 blocks).
func tempDir() (string, error) {
	if dir, err := os.MkdirTemp("/dev/shm", "shannonnet-"); err == nil {
		return dir, nil
	}
	return os.MkdirTemp("", "shannonnet-")
}

// freePort asks the kernel for a free loopback port. CometBFT needs the
// number up front (it does not report a port-0 listener's port).
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func trimScheme(addr string) string {
	if i := len("tcp://"); len(addr) > i && addr[:i] == "tcp://" {
		return addr[i:]
	}
	return addr
}

func ensureDirs(root string) error {
	for _, d := range []string{"config", "data"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			return fmt.Errorf("make %s: %w", d, err)
		}
	}
	return nil
}
