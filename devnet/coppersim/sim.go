// Package coppersim simulates, over real HTTP, the parts of Copper's Platform
// API and of Copper Unlimited that the bridge uses: signed requests, orders in
// the vault portfolio, externalOrderId dedupe, start-signing and cancel, one
// co-signer per node holding one shard of the vault key, a threshold of
// distinct partial signatures, and the execution of a fully signed order on
// the local chains through EthExecutor and PoktExecutor. It also injects
// faults for tests. It imports nothing of the bridge but the copper package.
package coppersim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/wpokt/bridge/copper"
)

// EthExecutor executes a fully signed smart-call order: it sends payload from
// the vault's Ethereum account to the contract at to, waits for the receipt
// and returns the transaction hash. A reverted call is an error.
type EthExecutor interface {
	ExecuteContractCall(ctx context.Context, to string, payload []byte) (txHash string, err error)
}

// PoktExecutor executes a fully signed withdraw order: it sends amountUpokt
// from the vault on Pocket and returns the transaction hash.
type PoktExecutor interface {
	Send(ctx context.Context, to string, amountUpokt uint64, memo string) (txHash string, err error)
}

// APICredential is a Platform API key and its secret.
type APICredential struct {
	Key    string
	Secret string
}

// NodeConfig is one validator node: its shard of the vault key (a key file
// protected by a password) and its own Platform API key.
type NodeConfig struct {
	ID          string
	KeyFilename string // base name of the shard file in the co-signer's key folder
	KeyPassword string
	API         APICredential
}

// Config configures a Sim. Only MasterPassword and Nodes are required.
type Config struct {
	PortfolioID    string // the vault portfolio (default "vault")
	Threshold      int    // distinct shards needed to execute (default 9)
	MasterPassword string // the organisation's master password
	Nodes          []NodeConfig
	// Clients are further Platform API keys allowed to call (e.g. a key shared
	// by the nodes' orchestration); each node's own key is always allowed.
	Clients []APICredential
	// MaxClockSkew is how far X-Timestamp may be from Now (default 30 s).
	MaxClockSkew time.Duration
	Now          func() time.Time

	Eth  EthExecutor
	Pokt PoktExecutor
	// EthCurrency is the baseCurrency of smart-call orders (default "ETH"),
	// PoktCurrency that of withdraw orders (default "POKT").
	EthCurrency  string
	PoktCurrency string
	// PoktFeeUpokt is the Pocket fee taken out of a withdraw with
	// includeFeeInWithdraw (default 10000 upokt).
	PoktFeeUpokt uint64
	// ExecutionDelay is waited between full signature and execution (default 0).
	ExecutionDelay time.Duration
	// SigningDelay is how long a co-signer job stays in-progress (default 0).
	SigningDelay time.Duration
	// ExecuteTimeout bounds one executor call (default 2 min).
	ExecuteTimeout time.Duration
	// KeyDir, if set, is where co-signers read their key files (see
	// WriteKeyFiles); the file must exist and open with the key password.
	KeyDir string
	Logger *slog.Logger
}

// Sim is the simulator. All methods are safe for concurrent use.
type Sim struct {
	cfg     Config
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	log     *slog.Logger
	secrets map[string]string // api key -> secret
	nodes   map[string]*node

	mu     sync.Mutex
	orders map[string]*simOrder
	byExt  map[string]string // portfolio + "\x00" + externalOrderId -> orderId
	seq    []string
	// seqOfExt are each externalOrderId's orders in seq's order: a list
	// by external ID reads them alone, not every order.
	seqOfExt map[string][]string
	faults   map[Endpoint][]faultBatch
	calls    map[Endpoint]int
	outcomes map[string]outcome // by externalOrderId
	changed  chan struct{}
	signDly  time.Duration
	execDly  time.Duration
	// dupOK lets a second order take an externalOrderId already used.
	dupOK bool
	// tampered rewrites what Copper serves of an externalOrderId's orders.
	tampered map[string]func(*copper.Order)

	servers       []*http.Server
	platformURL   string
	unlimitedURLs map[string]string
}

type simOrder struct {
	copper.Order
	signers   []string // node IDs whose partial signature counted, in order
	executing bool
}

type outcome struct {
	status  copper.Status
	message string
}

// NewNodes returns n nodes "node-01"... with key files "node-01.key" and
// random passwords and API credentials, for tests and the devnet.
func NewNodes(n int) []NodeConfig {
	nodes := make([]NodeConfig, n)
	for i := range nodes {
		id := fmt.Sprintf("node-%02d", i+1)
		nodes[i] = NodeConfig{
			ID:          id,
			KeyFilename: id + ".key",
			KeyPassword: randomHex(12),
			API:         APICredential{Key: id + "-" + randomHex(8), Secret: randomHex(24)},
		}
	}
	return nodes
}

// New checks cfg and returns a simulator; call Start to serve it, or mount
// PlatformHandler and UnlimitedHandler yourself.
func New(cfg Config) (*Sim, error) {
	if cfg.PortfolioID == "" {
		cfg.PortfolioID = "vault"
	}
	if cfg.Threshold <= 0 {
		cfg.Threshold = 9
	}
	if cfg.MaxClockSkew <= 0 {
		cfg.MaxClockSkew = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.EthCurrency == "" {
		cfg.EthCurrency = "ETH"
	}
	if cfg.PoktCurrency == "" {
		cfg.PoktCurrency = "POKT"
	}
	if cfg.PoktFeeUpokt == 0 {
		cfg.PoktFeeUpokt = 10_000
	}
	if cfg.ExecuteTimeout <= 0 {
		cfg.ExecuteTimeout = 2 * time.Minute
	}
	if cfg.MasterPassword == "" {
		return nil, errors.New("coppersim: master password is required")
	}
	if len(cfg.Nodes) < cfg.Threshold {
		return nil, fmt.Errorf("coppersim: %d nodes cannot reach a threshold of %d", len(cfg.Nodes), cfg.Threshold)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sim{
		cfg: cfg, ctx: ctx, cancel: cancel, log: log,
		secrets:  map[string]string{},
		nodes:    map[string]*node{},
		orders:   map[string]*simOrder{},
		byExt:    map[string]string{},
		seqOfExt: map[string][]string{},
		faults:   map[Endpoint][]faultBatch{},
		calls:    map[Endpoint]int{},
		outcomes: map[string]outcome{},
		tampered: map[string]func(*copper.Order){},
		changed:  make(chan struct{}),
		signDly:  cfg.SigningDelay,
		execDly:  cfg.ExecutionDelay,
	}
	files := map[string]bool{}
	for _, n := range cfg.Nodes {
		switch {
		case n.ID == "":
			return nil, errors.New("coppersim: node without id")
		case s.nodes[n.ID] != nil:
			return nil, fmt.Errorf("coppersim: node %s twice", n.ID)
		case !validKeyFilename(n.KeyFilename):
			return nil, fmt.Errorf("coppersim: node %s: key filename %q must be a plain file name", n.ID, n.KeyFilename)
		case files[n.KeyFilename]:
			return nil, fmt.Errorf("coppersim: key file %s used by two nodes", n.KeyFilename)
		case n.KeyPassword == "" || n.API.Key == "" || n.API.Secret == "":
			return nil, fmt.Errorf("coppersim: node %s needs a key password and api credentials", n.ID)
		}
		files[n.KeyFilename] = true
		s.nodes[n.ID] = &node{sim: s, cfg: n, jobs: map[string]*job{}}
		if err := s.addSecret(n.API); err != nil {
			return nil, err
		}
	}
	for _, c := range cfg.Clients {
		if err := s.addSecret(c); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Sim) addSecret(c APICredential) error {
	if c.Key == "" || c.Secret == "" {
		return errors.New("coppersim: empty api key or secret")
	}
	if old, ok := s.secrets[c.Key]; ok && old != c.Secret {
		return fmt.Errorf("coppersim: api key %s given twice with different secrets", c.Key)
	}
	s.secrets[c.Key] = c.Secret
	return nil
}

// PortfolioID returns the vault portfolio's ID.
func (s *Sim) PortfolioID() string { return s.cfg.PortfolioID }

// Threshold returns the number of distinct shards that execute an order.
func (s *Sim) Threshold() int { return s.cfg.Threshold }

// Nodes returns the nodes' configuration (with their credentials).
func (s *Sim) Nodes() []NodeConfig { return slices.Clone(s.cfg.Nodes) }

// Addrs chooses where Start listens. Empty addresses mean 127.0.0.1 on a free port.
type Addrs struct {
	Platform  string
	Unlimited map[string]string // node ID -> address
}

// Start serves the Platform API and one co-signer per node, each on its own listener.
func (s *Sim) Start(addrs Addrs) error {
	serve := func(addr string, h http.Handler) (string, error) {
		if addr == "" {
			addr = "127.0.0.1:0"
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return "", err
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		s.mu.Lock()
		s.servers = append(s.servers, srv)
		s.mu.Unlock()
		go func() { _ = srv.Serve(ln) }()
		return "http://" + ln.Addr().String(), nil
	}
	u, err := serve(addrs.Platform, s.PlatformHandler())
	if err != nil {
		return fmt.Errorf("coppersim: platform listener: %w", err)
	}
	urls := map[string]string{}
	for _, n := range s.cfg.Nodes {
		h, _ := s.UnlimitedHandler(n.ID)
		nu, err := serve(addrs.Unlimited[n.ID], h)
		if err != nil {
			_ = s.Close()
			return fmt.Errorf("coppersim: co-signer listener of %s: %w", n.ID, err)
		}
		urls[n.ID] = nu
	}
	s.mu.Lock()
	s.platformURL, s.unlimitedURLs = u, urls
	s.mu.Unlock()
	return nil
}

// PlatformURL is the base URL for copper.Config.BaseURL once started.
func (s *Sim) PlatformURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.platformURL
}

// UnlimitedURL is the co-signer URL of a node once started.
func (s *Sim) UnlimitedURL(nodeID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unlimitedURLs[nodeID]
}

// Close stops the listeners, unblocks hanging faults and waits for
// co-signer jobs and executions to end.
func (s *Sim) Close() error {
	s.cancel()
	s.mu.Lock()
	servers := s.servers
	s.servers = nil
	s.mu.Unlock()
	var errs []error
	for _, srv := range servers {
		if err := srv.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	s.wg.Wait()
	return errors.Join(errs...)
}

// go runs f as a tracked background task (co-signer job, execution).
func (s *Sim) spawn(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}

// touch marks a change (caller holds mu) and wakes WaitForStatus.
func (s *Sim) touch(o *simOrder) {
	o.UpdatedAt = s.cfg.Now().UTC()
	close(s.changed)
	s.changed = make(chan struct{})
}

// ---- inspection, for tests and the devnet ----

// Orders returns all orders, oldest first.
func (s *Sim) Orders() []copper.Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]copper.Order, 0, len(s.seq))
	for _, id := range s.seq {
		out = append(out, s.orders[id].snapshot())
	}
	return out
}

// Order returns one order by Copper order ID.
func (s *Sim) Order(orderID string) (copper.Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return copper.Order{}, false
	}
	return o.snapshot(), true
}

// OrderByExternalID returns the vault's order with this externalOrderId.
func (s *Sim) OrderByExternalID(externalID string) (copper.Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.byExt[s.cfg.PortfolioID+"\x00"+externalID]
	if !ok {
		return copper.Order{}, false
	}
	return s.orders[id].snapshot(), true
}

// OrderCount returns the number of orders created.
func (s *Sim) OrderCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.orders)
}

// SignatureCount returns the number of distinct shards that signed an order.
func (s *Sim) SignatureCount(orderID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.orders[orderID]; ok {
		return len(o.signers)
	}
	return 0
}

// Signers returns the node IDs whose partial signature counted, in order.
func (s *Sim) Signers(orderID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.orders[orderID]; ok {
		return slices.Clone(o.signers)
	}
	return nil
}

// TotalSignatures returns the partial signatures counted over all orders.
func (s *Sim) TotalSignatures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, o := range s.orders {
		n += len(o.signers)
	}
	return n
}

// Calls returns how many requests reached an endpoint class (faulted ones included).
func (s *Sim) Calls(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[ep]
}

// WaitForStatus waits until the order has one of the statuses (or, with none
// given, any terminal status) and returns it.
func (s *Sim) WaitForStatus(ctx context.Context, orderID string, statuses ...copper.Status) (copper.Order, error) {
	for {
		s.mu.Lock()
		o, ok := s.orders[orderID]
		var snap copper.Order
		if ok {
			snap = o.snapshot()
		}
		ch := s.changed
		s.mu.Unlock()
		if !ok {
			return copper.Order{}, fmt.Errorf("coppersim: order %s not found", orderID)
		}
		if (len(statuses) == 0 && snap.Status.Terminal()) || slices.Contains(statuses, snap.Status) {
			return snap, nil
		}
		select {
		case <-ctx.Done():
			return snap, fmt.Errorf("coppersim: order %s is %s: %w", orderID, snap.Status, ctx.Err())
		case <-s.ctx.Done():
			return snap, errors.New("coppersim: closed")
		case <-ch:
		}
	}
}

func (o *simOrder) snapshot() copper.Order {
	c := o.Order
	c.Extra.CoSigners = slices.Clone(o.signers)
	c.Extra.TransactionRequest = slices.Clone(o.Extra.TransactionRequest)
	return c
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

func newUUID() string {
	h := randomHex(16)
	b := []byte(h)
	b[12] = '4'
	b[16] = "89ab"[b[16]%4]
	h = string(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
