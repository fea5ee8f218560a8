package shannonnet

import (
	"fmt"
	"sync"
	"time"

	dbm "github.com/cometbft/cometbft-db"
	cmtcfg "github.com/cometbft/cometbft/config"
	cmtos "github.com/cometbft/cometbft/libs/os"
	"github.com/cometbft/cometbft/privval"
	"github.com/cometbft/cometbft/types"
	cmttime "github.com/cometbft/cometbft/types/time"

	"github.com/wpokt/bridge/devnet/localport"
)

// nodeConfig is CometBFT's test config (fast consensus timeouts) with
// loopback ports, a file-backed store (so the chain can be restarted on its
// directory), the kv tx indexer that tx and tx_search need, and a real
// pause between blocks.
func nodeConfig(root string, opts Options) (*cmtcfg.Config, error) {
	if err := ensureDirs(root); err != nil {
		return nil, err
	}
	cfg := cmtcfg.TestConfig()
	cfg.SetRoot(root)
	cfg.Moniker = "shannonnet"
	cfg.DBBackend = "goleveldb"
	cfg.TxIndex.Indexer = "kv"
	if opts.NoTxIndex {
		cfg.TxIndex.Indexer = "null"
	}
	cfg.Consensus.TimeoutCommit = opts.TimeoutCommit
	// The test config skips the commit timeout once all votes are in, which
	// with one validator is always: blocks would come back to back.
	cfg.Consensus.SkipTimeoutCommit = false
	cfg.Consensus.CreateEmptyBlocks = true
	cfg.P2P.PexReactor = false
	cfg.Instrumentation.Prometheus = false
	// CometBFT needs its ports up front (it does not report a port-0
	// listener's port).
	rpcPort := opts.RPCPort
	if rpcPort == 0 {
		p, err := localport.Free()
		if err != nil {
			return nil, err
		}
		rpcPort = p
	}
	p2pPort, err := localport.Free()
	if err != nil {
		return nil, err
	}
	cfg.RPC.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", rpcPort)
	cfg.RPC.GRPCListenAddress = ""
	cfg.RPC.Unsafe = false // as a public node: no dial_seeds, unsafe_flush_mempool
	cfg.P2P.ListenAddress = fmt.Sprintf("tcp://127.0.0.1:%d", p2pPort)
	if err := cfg.ValidateBasic(); err != nil {
		return nil, fmt.Errorf("node config: %w", err)
	}
	return cfg, nil
}

// ensureGenesis writes a one-validator genesis with the accounts, unless
// the directory already has one (a restart keeps its chain), and returns
// the genesis's chain id.
func ensureGenesis(cfg *cmtcfg.Config, pv *privval.FilePV, opts Options) (string, error) {
	path := cfg.GenesisFile()
	if cmtos.FileExists(path) {
		doc, err := types.GenesisDocFromFile(path)
		if err != nil {
			return "", fmt.Errorf("read genesis: %w", err)
		}
		return doc.ChainID, nil
	}
	appState, err := genesisAppState(opts.Accounts)
	if err != nil {
		return "", err
	}
	pub, err := pv.GetPubKey()
	if err != nil {
		return "", fmt.Errorf("validator key: %w", err)
	}
	doc := &types.GenesisDoc{
		ChainID:         opts.ChainID,
		GenesisTime:     cmttime.Now().Add(-time.Second),
		InitialHeight:   1,
		ConsensusParams: types.DefaultConsensusParams(),
		Validators:      []types.GenesisValidator{{Address: pub.Address(), PubKey: pub, Power: 10, Name: "shannonnet"}},
		AppState:        appState,
	}
	if err := doc.ValidateAndComplete(); err != nil {
		return "", fmt.Errorf("genesis: %w", err)
	}
	if err := doc.SaveAs(path); err != nil {
		return "", fmt.Errorf("write genesis: %w", err)
	}
	return doc.ChainID, nil
}

// dbTracker opens CometBFT's databases and remembers them: the node does
// not close all of them on Stop (the tx index stays open), and a leveldb
// left open keeps its lock, so a restart on the same directory would fail.
type dbTracker struct {
	mu  sync.Mutex
	dbs []dbm.DB
}

func (t *dbTracker) provider(ctx *cmtcfg.DBContext) (dbm.DB, error) {
	db, err := cmtcfg.DefaultDBProvider(ctx)
	if err != nil {
		return nil, fmt.Errorf("open %s db: %w", ctx.ID, err)
	}
	t.mu.Lock()
	t.dbs = append(t.dbs, db)
	t.mu.Unlock()
	return db, nil
}

// closeAll closes every database; closing one the node closed already
// fails harmlessly, so errors are ignored.
func (t *dbTracker) closeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, db := range t.dbs {
		_ = db.Close()
	}
	t.dbs = nil
}
