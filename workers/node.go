// Package workers wires one validator node: its clients (Temporal, MongoDB,
// its own Pocket and Ethereum RPCs, Copper and its Copper Unlimited
// co-signer), its two Temporal workers (the shared queue, which runs the
// workflows and the shared activities, and the node's own signer queue),
// its two scanners and its health heartbeat.
package workers

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/starters"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
	"github.com/wpokt/bridge/workflows"
)

// Options adjust a node beyond its config.
type Options struct {
	Logger *slog.Logger
	// Version is reported in the health document.
	Version string
	// Metrics, when set, receives the node's metrics (else a fresh registry).
	Metrics *Metrics
	// MongoMonitor, when set, observes the node's MongoDB commands.
	MongoMonitor *event.CommandMonitor
}

// Node is one running validator node.
type Node struct {
	cfg      *config.Config
	logger   *slog.Logger
	version  string
	metrics  *Metrics
	temporal client.Client
	store    *store.Store
	pocket   *pokt.RecentHeads // the scanner's head reads spare the signer's
	eth      *eth.Client
	ethWS    *eth.Client
	copper   *copper.Client
	cosigner *copper.Unlimited
	// readingKey signs this node's scanners' readings.
	readingKey ed25519.PrivateKey
	// ledger is the signer's own record of what it signed.
	ledger *ledger.Keeper

	startedAt time.Time
}

// NewNode dials every client the config names; it checks nothing beyond
// the config (Check asks the chains and Copper). Nothing runs until Run.
func NewNode(ctx context.Context, cfg *config.Config, opts Options) (*Node, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger = logger.With("node", cfg.Node.ID)
	n := &Node{cfg: cfg, logger: logger, version: opts.Version, metrics: opts.Metrics, startedAt: time.Now()}
	if n.metrics == nil {
		n.metrics = NewMetrics(nil, cfg.Node.ID)
	}
	ok := false
	defer func() {
		if !ok {
			n.close()
		}
	}()
	var err error
	var storeOpts []store.Option
	if opts.MongoMonitor != nil {
		storeOpts = append(storeOpts, store.WithMonitor(opts.MongoMonitor))
	}
	if n.store, err = store.Connect(ctx, cfg.Mongo.URI.Reveal(), cfg.Mongo.Database, cfg.Mongo.Timeout, storeOpts...); err != nil {
		return nil, err
	}
	pocket, err := protocol.Dial(protocol.Config{Protocol: cfg.Pocket.Protocol, URL: cfg.Pocket.RPCURL, Timeout: cfg.Pocket.RPCTimeout, HTTPClient: n.metrics.httpClient("pokt")})
	if err != nil {
		return nil, fmt.Errorf("pocket client: %w", err)
	}
	n.pocket = pokt.RememberHeads(pocket)
	ethOpts := eth.Options{WPOKTAddress: common.HexToAddress(cfg.Ethereum.WPOKTAddress), LogRange: cfg.Ethereum.LogRange,
		CallTimeout: cfg.Ethereum.RPCTimeout, HTTPClient: n.metrics.httpClient("eth")}
	if n.eth, err = eth.Dial(ctx, cfg.Ethereum.RPCURL, ethOpts); err != nil {
		return nil, fmt.Errorf("ethereum client: %w", err)
	}
	if cfg.Ethereum.WSURL != "" {
		if n.ethWS, err = eth.Dial(ctx, cfg.Ethereum.WSURL, ethOpts); err != nil {
			return nil, fmt.Errorf("ethereum websocket client: %w", err)
		}
	}
	if n.copper, err = copper.NewClient(copper.Config{
		BaseURL: cfg.Copper.APIURL, APIKey: cfg.Copper.APIKey, APISecret: cfg.Copper.APISecret,
		PortfolioID: cfg.Copper.PortfolioID, Timeout: cfg.Copper.Timeout, HTTPClient: n.metrics.httpClient("copper"),
	}); err != nil {
		return nil, fmt.Errorf("copper client: %w", err)
	}
	u := cfg.Copper.Unlimited
	if n.cosigner, err = copper.NewUnlimited(copper.UnlimitedConfig{
		BaseURL: u.URL, KeyFilename: u.KeyFilename,
		KeyPassword: u.KeyPassword, MasterPassword: u.MasterPassword,
		APIKey: cfg.Copper.APIKey, APISecret: cfg.Copper.APISecret,
		PollInterval: u.PollInterval, Deadline: u.Deadline, HTTPClient: n.metrics.httpClient("copper-unlimited"),
	}); err != nil {
		return nil, fmt.Errorf("copper unlimited client: %w", err)
	}
	if n.readingKey, err = cfg.ReadingKeyPair(); err != nil {
		return nil, err
	}
	// A missing or unreadable ledger does not stop the node (its scanners
	// and shared activities need none), but its signer refuses every order
	// until the operator rebuilds it; the keeper takes up the new file.
	n.ledger = ledger.NewKeeper(cfg.Node.LedgerPath, cfg.Node.ID)
	if err := n.ledger.Check(); err != nil {
		logger.Error("signer ledger not usable: this node refuses to sign until its operator runs wpokt-node ledger init (fresh node) or ledger rebuild", "error", err)
	}
	if n.temporal, err = DialTemporal(ctx, cfg.Temporal, logger, n.metrics); err != nil {
		return nil, err
	}
	ok = true
	return n, nil
}

// DialTemporal connects to the Temporal service, with mTLS when configured.
func DialTemporal(ctx context.Context, t config.Temporal, logger *slog.Logger, metrics *Metrics) (client.Client, error) {
	opts := client.Options{
		HostPort:  t.Address,
		Namespace: t.Namespace,
		Logger:    tlog.NewStructuredLogger(logger.With("component", "temporal")),
	}
	if metrics != nil {
		opts.MetricsHandler = metrics.temporalHandler()
	}
	if t.TLS.Enabled() {
		tlsCfg, err := tlsConfig(t.TLS)
		if err != nil {
			return nil, err
		}
		opts.ConnectionOptions.TLS = tlsCfg
	}
	c, err := client.DialContext(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("dial temporal %s: %w", t.Address, err)
	}
	return c, nil
}

func tlsConfig(t config.TLS) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: t.ServerName}
	if t.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("temporal tls client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if t.CAFile != "" {
		pem, err := os.ReadFile(t.CAFile)
		if err != nil {
			return nil, fmt.Errorf("temporal tls ca: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("temporal tls ca %s: no certificate found", t.CAFile)
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}

// Temporal returns the node's Temporal client.
func (n *Node) Temporal() client.Client { return n.temporal }

// Store returns the node's projection store.
func (n *Node) Store() *store.Store { return n.store }

// Rules are the node's own business rules, from its config.
func Rules(cfg *config.Config) activities.Rules {
	return activities.Rules{
		NodeID: cfg.Node.ID,
		Deposit: pokt.DepositRules{
			EthChainID: cfg.Ethereum.ChainID, FeeUpokt: cfg.Pocket.FeeUpokt,
			MaxMintUpokt: cfg.Pocket.MaxMintUpokt, Vault: cfg.Pocket.VaultAddress,
			VaultPaysFee: cfg.Pocket.PayoutFeeRule(), TopUpSenders: cfg.Pocket.TopUpSenders,
		},
		Protocol:            cfg.Pocket.Protocol,
		PocketConfirmations: cfg.Pocket.Confirmations,
		EthConfirmations:    cfg.Ethereum.Confirmations,
		WPOKTAddress:        common.HexToAddress(cfg.Ethereum.WPOKTAddress),
		PortfolioID:         cfg.Copper.PortfolioID,
		POKTCurrency:        cfg.Copper.POKTCurrency,
		ETHCurrency:         cfg.Copper.ETHCurrency,
		SingleTransferLimit: cfg.Governor.SingleTransferLimitUpokt,
		DailyCap:            cfg.Governor.DailyCapUpokt,
		Paused:              cfg.Governor.Paused,
		SignerLimits:        cfg.Governor.SignerLimits,
		Released:            cfg.Governor.ReleasedTransfers,
		Release: activities.ReleaseRule{Keys: cfg.NodeKeys(), Threshold: cfg.Validators.Threshold, After: cfg.Governor.ReleaseAfter,
			PocketBlockTime: cfg.Pocket.BlockTime, EthBlockTime: cfg.Ethereum.BlockTime},
		PayoutScanFrom: cfg.Pocket.StartHeight,
		TaskQueue:      cfg.Temporal.TaskQueue,
	}
}

// Settings are the orchestration settings of the workflows a node starts
// for a chain's transfers.
func Settings(cfg *config.Config, chain string) transfer.Settings {
	s := transfer.Settings{
		PollInterval:      cfg.Temporal.ConfirmationPollInterval,
		SignerRetryMax:    cfg.Temporal.SignerRetryMax,
		OrderPollInterval: cfg.Copper.PollInterval,
	}
	if chain == starters.ChainEthereum {
		s.Confirmations, s.BlockTime = cfg.Ethereum.Confirmations, cfg.Ethereum.BlockTime
	} else {
		s.Confirmations, s.BlockTime = cfg.Pocket.Confirmations, cfg.Pocket.BlockTime
	}
	return s
}

// Check verifies what can be verified before running: the chain IDs, the
// contract, the Copper credentials and the co-signer's reachability.
func (n *Node) Check(ctx context.Context) error {
	var errs []error
	if err := n.checkChains(ctx); err != nil {
		errs = append(errs, err)
	}
	if _, err := n.copper.FindOrderByExternalID(ctx, "wpokt-check"); err != nil && !errors.Is(err, copper.ErrOrderNotFound) {
		errs = append(errs, fmt.Errorf("copper credentials: %w", err))
	}
	if err := n.cosigner.Ping(ctx); err != nil {
		errs = append(errs, fmt.Errorf("copper.unlimited.url: %w", err))
	}
	if err := n.ledger.Check(); err != nil {
		errs = append(errs, fmt.Errorf("node.ledger_path: %w", err))
	}
	return errors.Join(errs...)
}

// Run runs the node's workers, scanners and heartbeat until ctx ends, then
// stops them gracefully.
func (n *Node) Run(ctx context.Context) error {
	defer n.close()
	if err := n.startupCheck(ctx); err != nil {
		return err
	}
	books := n.accountant()
	if err := books.Check(ctx); err != nil {
		n.logger.Warn("accountant: could not read the books at start", "error", err)
	}
	rules := Rules(n.cfg)
	shared := &activities.Shared{Rules: rules, Pocket: n.pocket, Eth: n.eth, Copper: n.copper, Store: n.store, Temporal: n.temporal}
	signer := &activities.Signer{Rules: rules, Pocket: n.pocket, Eth: n.eth, Copper: n.copper, CoSigner: n.cosigner,
		Observer: n.metrics, Logger: n.logger, ReadingKey: n.readingKey, Books: books, Ledger: n.ledger,
		Waits: n.temporal}

	// On SIGTERM a worker lets running activities finish (a co-signature
	// in progress, an order being created) for up to StopTimeout.
	wopts := worker.Options{WorkerStopTimeout: n.cfg.Node.StopTimeout}
	sharedWorker := worker.New(n.temporal, n.cfg.Temporal.TaskQueue, wopts)
	workflows.RegisterWorkflows(sharedWorker, workflows.NewTrust(n.cfg.Validators.Threshold, n.cfg.NodeKeys(), n.cfg.Governor.ReleaseAfter))
	workflows.RegisterSharedActivities(sharedWorker, shared)
	signerWorker := worker.New(n.temporal, transfer.SignerQueue(n.cfg.Node.ID), wopts)
	workflows.RegisterSigner(signerWorker, signer)
	if err := sharedWorker.Start(); err != nil {
		return fmt.Errorf("start shared worker: %w", err)
	}
	defer sharedWorker.Stop()
	if err := signerWorker.Start(); err != nil {
		return fmt.Errorf("start signer worker: %w", err)
	}
	defer signerWorker.Stop()

	base := starters.Node{NodeID: n.cfg.Node.ID, TaskQueue: n.cfg.Temporal.TaskQueue, Temporal: n.temporal,
		Cursors: n.store, Observer: n.metrics, Logger: n.logger, ReadingKey: n.readingKey}
	pocketScanner := &starters.PocketScanner{Node: base, Vault: n.cfg.Pocket.VaultAddress, StartHeight: n.cfg.Pocket.StartHeight,
		Interval: n.cfg.Pocket.ScanInterval, Settings: Settings(n.cfg, starters.ChainPocket), Rules: rules.Deposit, Chain: n.pocket,
		Nonces: ethNonces{n.eth}}
	ethScanner := &starters.EthScanner{Node: base, StartBlock: n.cfg.Ethereum.StartBlock, Interval: n.cfg.Ethereum.ScanInterval,
		Reconcile: reconcileInterval(n.cfg.Ethereum), Settings: Settings(n.cfg, starters.ChainEthereum), Rules: Rules(n.cfg).Burn(), Chain: n.eth}
	if n.ethWS != nil {
		ethScanner.Subscriber = n.ethWS
	}
	var wg sync.WaitGroup
	// The scanners run supervised: a panic in one is counted and the
	// scanner restarted, rather than the node going blind or down.
	supervised := func(chain string, run func(context.Context) error) func(context.Context) error {
		return func(ctx context.Context) error { return base.Supervise(ctx, chain, run) }
	}
	for _, run := range []func(context.Context) error{supervised(starters.ChainPocket, pocketScanner.Run),
		supervised(starters.ChainEthereum, ethScanner.Run), n.heartbeat, n.serveMetrics, books.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil {
				n.logger.Error("node component stopped", "error", err)
			}
		}()
	}
	n.logger.Info("node running", "task_queue", n.cfg.Temporal.TaskQueue, "signer_queue", transfer.SignerQueue(n.cfg.Node.ID))
	<-ctx.Done()
	wg.Wait()
	n.logger.Info("node stopping")
	return nil
}

// reconcileInterval is the configured one, or the time of log_range blocks.
func reconcileInterval(e config.Ethereum) time.Duration {
	if e.ReconcileInterval > 0 {
		return e.ReconcileInterval
	}
	return time.Duration(e.LogRange) * e.BlockTime
}

// heartbeat writes the node's health document every few seconds.
func (n *Node) heartbeat(ctx context.Context) error {
	interval := min(30*time.Second, max(time.Second, n.cfg.Node.HealthStaleAfter/4))
	t := time.NewTicker(interval)
	defer t.Stop()
	bridge := newBridgeStatePublisher(n.cfg, n.temporal, n.store, n.logger)
	for {
		h := n.metrics.health(n.cfg.Node.HealthStaleAfter)
		h.Version, h.StartedAt, h.HeartbeatAt = n.version, n.startedAt, time.Now().UTC()
		if err := n.store.Heartbeat(ctx, h); err != nil && ctx.Err() == nil {
			n.logger.Warn("write heartbeat", "error", err)
		}
		if err := bridge.publish(ctx, time.Now()); err != nil && ctx.Err() == nil {
			n.logger.Warn("write the bridge state for the status page", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (n *Node) close() {
	if n.ledger != nil {
		_ = n.ledger.Close()
	}
	if n.temporal != nil {
		n.temporal.Close()
	}
	if n.store != nil {
		_ = n.store.Close(context.Background())
	}
	if n.eth != nil {
		n.eth.Close()
	}
	if n.ethWS != nil {
		n.ethWS.Close()
	}
}
