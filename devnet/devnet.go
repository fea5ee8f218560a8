// Package devnet runs the whole bridge on one machine: the real Temporal dev
// server (with its Web UI), MongoDB's wire protocol (FerretDB), a simulated
// Ethereum with the wPOKT contract, a Pocket chain (Shannon by default: an
// in-process CometBFT node; or the Morse RPC simulator), the Copper
// simulator, and twelve nodes, each behind its own RPC proxies so that one
// node's view of a chain can fail or lie. `make dev` and the end-to-end
// tests use it.
package devnet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/coppersim/ethvault"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/devnet/lockedio"
	"github.com/wpokt/bridge/devnet/mongowire"
	"github.com/wpokt/bridge/devnet/morsesim"
	"github.com/wpokt/bridge/devnet/rpcproxy"
	"github.com/wpokt/bridge/devnet/shannonnet"
	"github.com/wpokt/bridge/devnet/temporalserver"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/workers"
)

// Ports are the devnet's listen ports; 0 picks a free one.
type Ports struct {
	Temporal, TemporalUI, Mongo, Eth, Pocket, Copper int
	// UnlimitedBase+i is node i's co-signer; PocketProxyBase+i and
	// EthProxyBase+i its RPC proxies; MetricsBase+i its metrics (0: none).
	UnlimitedBase, PocketProxyBase, EthProxyBase, MetricsBase int
	// StatusPage is the users' status page (package web).
	StatusPage int
}

// DefaultPorts are the fixed ports of `make dev`, printed in its summary.
func DefaultPorts() Ports {
	return Ports{
		Temporal: 7233, TemporalUI: 8233, Mongo: 27017, Eth: 8545, Pocket: 8081, Copper: 3000,
		UnlimitedBase: 3010, PocketProxyBase: 18100, EthProxyBase: 18200, MetricsBase: 9464,
		StatusPage: 8090,
	}
}

// Options configure a devnet.
type Options struct {
	// Dir holds every file of the devnet; it is emptied at start.
	Dir         string
	TemporalCLI string
	// TemporalAddress, when set, is a Temporal service to use instead of
	// starting the dev server (e.g. temporaltest in-process), with its
	// namespace (default "default"); the bridge's search attributes must be
	// registered there.
	TemporalAddress   string
	TemporalNamespace string
	Ports             Ports
	Headless          bool // no Temporal Web UI

	// Pocket is the Pocket chain's protocol: Shannon (the default; a
	// CometBFT node with a bank application) or Morse (the RPC simulator).
	Pocket pokt.Protocol

	Nodes     int // default 12
	Threshold int // default 9
	Users     int // funded test users, default 5

	EthBlockInterval    time.Duration // default 1 s
	PocketBlockInterval time.Duration // default 1 s (on Shannon: CometBFT's timeout_commit)
	EthConfirmations    int64         // default 2
	PocketConfirmations int64         // default 2
	ScanInterval        time.Duration // default 500 ms
	PollInterval        time.Duration // confirmations re-check, default 250 ms
	CopperPollInterval  time.Duration // default 100 ms
	// UnlimitedPollInterval paces a node's co-signer status checks (20 ms).
	UnlimitedPollInterval time.Duration
	SignerRetryMax        time.Duration // default 1 s
	Governor              config.Governor
	MaxMintUpokt          uint64 // default 1,000,000 POKT
	CopperExecDelay       time.Duration
	// NoSubscription makes the Ethereum scanners poll instead of subscribe.
	NoSubscription bool
	// ManualBlocks: Ethereum, and Pocket on Morse, produce no blocks on
	// their own; the caller does (d.Eth.Commit, d.Morse.NextBlock), e.g. to
	// time them. A Shannon chain (CometBFT) always makes its own blocks,
	// every PocketBlockInterval.
	ManualBlocks bool
	// MongoMonitor observes every node's MongoDB commands.
	MongoMonitor *event.CommandMonitor
	// CountMongo puts a mongowire.Counter between the nodes and MongoDB
	// (d.MongoCounter): it counts the commands of node processes too.
	CountMongo bool
	// ProcessNodes run as child processes of NodeBinary (`wpokt-node run
	// --config`) instead of in this process, e.g. to measure one node alone.
	ProcessNodes []int
	NodeBinary   string

	// Log receives the devnet's progress; NodeLog the nodes' logs (text).
	Log      io.Writer
	NodeLog  io.Writer
	LogLevel string // nodes' level, default info
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	if o.Pocket == "" {
		o.Pocket = pokt.Shannon
	}
	if o.Nodes == 0 {
		o.Nodes = 12
	}
	if o.Threshold == 0 {
		o.Threshold = 9
	}
	if o.Users == 0 {
		o.Users = 5
	}
	def(&o.EthBlockInterval, time.Second)
	def(&o.PocketBlockInterval, time.Second)
	def(&o.Governor.ReleaseAfter, 24*time.Hour)
	def(&o.ScanInterval, 500*time.Millisecond)
	def(&o.PollInterval, 250*time.Millisecond)
	def(&o.CopperPollInterval, 100*time.Millisecond)
	def(&o.UnlimitedPollInterval, 20*time.Millisecond)
	def(&o.SignerRetryMax, time.Second)
	if o.EthConfirmations == 0 {
		o.EthConfirmations = 2
	}
	if o.PocketConfirmations == 0 {
		o.PocketConfirmations = 2
	}
	if o.MaxMintUpokt == 0 {
		o.MaxMintUpokt = 1_000_000_000_000
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.NodeLog == nil {
		o.NodeLog = io.Discard
	}
	if o.LogLevel == "" {
		o.LogLevel = "info"
	}
	if o.TemporalNamespace == "" {
		o.TemporalNamespace = "default"
	}
}

// Devnet is a running devnet.
type Devnet struct {
	opts Options

	Temporal *temporalserver.Server
	Mongo    *mongowire.Server
	// MongoCounter is set with Options.CountMongo.
	MongoCounter *mongowire.Counter
	Eth          *ethnet.Chain
	// Shannon or Morse is the Pocket chain, as Options.Pocket says.
	Shannon *shannonnet.Chain
	Morse   *morsesim.Sim
	Copper  *coppersim.Sim
	Users   []User
	// Treasury is the operators' Pocket account whose sends to the vault
	// top up its backing (every node's pocket.top_up_senders).
	Treasury User

	PocketURL     string
	VaultPokt     string
	shannonClient *shannonnet.Client
	pocketSrv     *http.Server
	cancelPokt    context.CancelFunc
	nodes         []*nodeHandle
	store         *store.Store
	secrets       []string
	copperMaster  string
	logFiles      []*os.File
	// nodeLogWriter receives every node's log lines (file and NodeLog).
	nodeLogWriter io.Writer
	nodeLogger    *slog.Logger
	stopOnce      sync.Once
	statusPage    *statusPage
}

type nodeHandle struct {
	id          string
	configPath  string
	pocketProxy *rpcproxy.Proxy
	ethProxy    *rpcproxy.Proxy
	metricsAddr string

	mu      sync.Mutex
	cancel  context.CancelFunc
	done    chan struct{}
	running bool
	// process is set when the node runs as a child process.
	process *exec.Cmd
}

// NodeID is node i's ID (1-based).
func NodeID(i int) string { return "node-" + strconv.Itoa(i) }

// Start starts everything and returns once the twelve nodes run.
func Start(ctx context.Context, opts Options) (_ *Devnet, err error) {
	opts.defaults()
	if opts.Dir == "" {
		return nil, errors.New("devnet: no data dir")
	}
	if err := os.RemoveAll(opts.Dir); err != nil {
		return nil, fmt.Errorf("devnet: clear %s: %w", opts.Dir, err)
	}
	for _, sub := range []string{"logs", "secrets", "nodes", "copper-keys", "mongo"} {
		if err := os.MkdirAll(filepath.Join(opts.Dir, sub), 0o700); err != nil {
			return nil, fmt.Errorf("devnet: %w", err)
		}
	}
	d := &Devnet{opts: opts, VaultPokt: DefaultVault(opts.Pocket)}
	defer func() {
		if err != nil {
			d.Close()
		}
	}()
	progress := func(format string, args ...any) { fmt.Fprintf(opts.Log, "devnet: "+format+"\n", args...) }

	tlog, err := os.Create(filepath.Join(opts.Dir, "logs", "temporal.log"))
	if err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	d.logFiles = append(d.logFiles, tlog)
	if opts.TemporalAddress == "" {
		progress("starting the Temporal dev server (SQLite file, Web UI)...")
		if d.Temporal, err = temporalserver.Start(ctx, temporalserver.Options{
			CLI: opts.TemporalCLI, DBFile: filepath.Join(opts.Dir, "temporal.db"),
			Port: opts.Ports.Temporal, UIPort: opts.Ports.TemporalUI, Headless: opts.Headless, Log: tlog,
		}); err != nil {
			return nil, err
		}
	}

	progress("starting MongoDB (FerretDB, SQLite)...")
	if d.Mongo, err = mongowire.Start(ctx, mongowire.Options{Dir: filepath.Join(opts.Dir, "mongo"), Addr: addr(opts.Ports.Mongo)}); err != nil {
		return nil, err
	}
	if opts.CountMongo {
		if d.MongoCounter, err = mongowire.StartCounter(d.Mongo.URI()); err != nil {
			return nil, err
		}
	}
	if d.store, err = store.Connect(ctx, d.Mongo.URI(), "wpokt", 10*time.Second); err != nil {
		return nil, err
	}
	// The store made every collection; give them the key lookups FerretDB lacks.
	if err := d.Mongo.IndexIDs(ctx, "wpokt"); err != nil {
		return nil, err
	}

	progress("starting Ethereum (simulated backend, wPOKT contract)...")
	for i := range opts.Users {
		d.Users = append(d.Users, NewUser("user-"+strconv.Itoa(i+1), opts.Pocket))
	}
	d.Treasury = NewUser("treasury", opts.Pocket)
	ethUsers := make([]ethnet.Account, len(d.Users))
	for i, u := range d.Users {
		ethUsers[i] = u.Eth
	}
	if d.Eth, err = ethnet.Start(ctx, ethnet.Options{
		Port: opts.Ports.Eth, BlockInterval: blockInterval(opts.ManualBlocks, opts.EthBlockInterval),
		Vault: ethnet.NewAccount("copper-vault"), Admin: ethnet.NewAccount("admin"), Users: ethUsers,
	}); err != nil {
		return nil, err
	}

	progress("starting Pocket (%s)...", opts.Pocket)
	poktExec, err := d.startPocket(ctx, opts)
	if err != nil {
		return nil, err
	}

	progress("starting the Copper simulator (platform and %d co-signers)...", opts.Nodes)
	if err := d.startCopper(opts, poktExec); err != nil {
		return nil, err
	}

	nodeLog, err := os.Create(filepath.Join(opts.Dir, "logs", "nodes.log"))
	if err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	d.logFiles = append(d.logFiles, nodeLog)
	d.nodeLogWriter = &lockedio.Writer{W: io.MultiWriter(nodeLog, opts.NodeLog)}
	d.nodeLogger = slog.New(slog.NewTextHandler(d.nodeLogWriter, &slog.HandlerOptions{Level: mustLevel(opts.LogLevel)}))
	progress("starting %d nodes (threshold %d)...", opts.Nodes, opts.Threshold)
	for i := 1; i <= opts.Nodes; i++ {
		if err := d.addNode(i); err != nil {
			return nil, err
		}
	}
	for i := 1; i <= opts.Nodes; i++ {
		if err := d.StartNode(ctx, i); err != nil {
			return nil, err
		}
	}
	progress("starting the status page...")
	if err := d.startStatusPage(ctx, opts.Ports.StatusPage); err != nil {
		return nil, err
	}
	progress("ready")
	return d, nil
}

func addr(port int) string { return "127.0.0.1:" + strconv.Itoa(port) }

func mustLevel(s string) slog.Level {
	l, err := config.ParseLogLevel(s)
	if err != nil {
		return slog.LevelInfo
	}
	return l
}

func blockInterval(manual bool, d time.Duration) time.Duration {
	if manual {
		return 0
	}
	return d
}

// PortfolioID is the devnet vault's Copper portfolio.
const PortfolioID = "wpokt-vault"

func (d *Devnet) startCopper(opts Options, pokt coppersim.PoktExecutor) error {
	nodes := make([]coppersim.NodeConfig, opts.Nodes)
	for i := range nodes {
		id := NodeID(i + 1)
		nodes[i] = coppersim.NodeConfig{
			ID: id, KeyFilename: id + ".shard.copper", KeyPassword: randomSecret("kp"),
			API: coppersim.APICredential{Key: id + "-" + randomSecret("k")[:10], Secret: randomSecret("s")},
		}
	}
	executor, err := ethvault.New(ethvault.Config{Backend: d.Eth.Client(), Key: d.Eth.Vault.Key, PollInterval: 20 * time.Millisecond})
	if err != nil {
		return err
	}
	master := randomSecret("mp")
	d.Copper, err = coppersim.New(coppersim.Config{
		PortfolioID: PortfolioID, Threshold: opts.Threshold, MasterPassword: master, Nodes: nodes,
		Eth: executor, Pokt: pokt, PoktFeeUpokt: PocketFee, ExecutionDelay: opts.CopperExecDelay,
		KeyDir: filepath.Join(opts.Dir, "copper-keys"),
		Logger: slog.New(slog.NewTextHandler(opts.NodeLog, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		return err
	}
	if err := d.Copper.WriteKeyFiles(filepath.Join(opts.Dir, "copper-keys")); err != nil {
		return err
	}
	unlimited := map[string]string{}
	if opts.Ports.UnlimitedBase != 0 {
		for i := range nodes {
			unlimited[nodes[i].ID] = addr(opts.Ports.UnlimitedBase + i + 1)
		}
	}
	if err := d.Copper.Start(coppersim.Addrs{Platform: addrOrFree(opts.Ports.Copper), Unlimited: unlimited}); err != nil {
		return err
	}
	d.copperMaster = master
	d.secrets = append(d.secrets, master)
	for _, n := range nodes {
		d.secrets = append(d.secrets, n.KeyPassword, n.API.Secret)
	}
	return nil
}

func addrOrFree(port int) string {
	if port == 0 {
		return ""
	}
	return addr(port)
}

// Secrets lists every secret the devnet handed out, for the leak test.
func (d *Devnet) Secrets() []string { return d.secrets }

// TemporalAddress is the Temporal frontend the nodes use.
func (d *Devnet) TemporalAddress() string {
	if d.Temporal != nil {
		return d.Temporal.Address()
	}
	return d.opts.TemporalAddress
}

// StoreURI is the projection's mongodb:// URI.
func (d *Devnet) StoreURI() string { return d.Mongo.URI() }

// Store is the devnet's own connection to the projection.
func (d *Devnet) Store() *store.Store { return d.store }

// NodeConfigPath is node i's generated config file.
func (d *Devnet) NodeConfigPath(i int) string { return d.nodes[i-1].configPath }

// NodeMetricsAddress is node i's /metrics and /healthz address ("" if none).
func (d *Devnet) NodeMetricsAddress(i int) string { return d.nodes[i-1].metricsAddr }

// PocketProxy and EthProxy are node i's own RPC proxies.
func (d *Devnet) PocketProxy(i int) *rpcproxy.Proxy { return d.nodes[i-1].pocketProxy }
func (d *Devnet) EthProxy(i int) *rpcproxy.Proxy    { return d.nodes[i-1].ethProxy }

// RPCCalls counts the calls all nodes made to each chain's RPC.
func (d *Devnet) RPCCalls() (pocket, eth int64) {
	for _, n := range d.nodes {
		pocket += n.pocketProxy.Calls()
		eth += n.ethProxy.Calls()
	}
	return pocket, eth
}

// NodeCount is how many nodes the devnet has.
func (d *Devnet) NodeCount() int { return len(d.nodes) }

// Options returns the devnet's options (with defaults filled in).
func (d *Devnet) Options() Options { return d.opts }

// Close stops the nodes, then the stand-ins, the Temporal server last.
func (d *Devnet) Close() {
	d.stopOnce.Do(func() {
		if d.statusPage != nil {
			d.statusPage.close()
		}
		for i := range d.nodes {
			d.StopNode(i + 1)
		}
		for _, n := range d.nodes {
			_ = n.pocketProxy.Close()
			_ = n.ethProxy.Close()
		}
		if d.Copper != nil {
			_ = d.Copper.Close()
		}
		if d.cancelPokt != nil {
			d.cancelPokt()
		}
		if d.pocketSrv != nil {
			_ = d.pocketSrv.Close()
		}
		if d.Shannon != nil {
			_ = d.Shannon.Close()
		}
		if d.Eth != nil {
			_ = d.Eth.Close()
		}
		if d.store != nil {
			_ = d.store.Close(context.Background())
		}
		if d.MongoCounter != nil {
			_ = d.MongoCounter.Close()
		}
		if d.Mongo != nil {
			d.Mongo.Stop()
		}
		if d.Temporal != nil {
			d.Temporal.Stop()
		}
		for _, f := range d.logFiles {
			_ = f.Close()
		}
	})
}

// PocketClient is the bridge's client of the Pocket chain (not through a
// proxy).
func (d *Devnet) PocketClient() pokt.Node {
	c, err := protocol.Dial(protocol.Config{Protocol: d.opts.Pocket, URL: d.PocketURL, Timeout: 10 * time.Second})
	if err != nil {
		panic(err) // the URL is the devnet's own
	}
	return c
}

func (d *Devnet) nodeOptions() workers.Options {
	return workers.Options{Logger: d.nodeLogger, Version: "devnet", MongoMonitor: d.opts.MongoMonitor}
}

// DefaultWPOKT is the devnet's wPOKT contract address: the admin's first
// transaction deploys it.
func DefaultWPOKT() common.Address {
	return crypto.CreateAddress(ethnet.NewAccount("admin").Address, 0)
}
