package activities_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/morse"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/coppersim/ethvault"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/devnet/morsesim"
	"github.com/wpokt/bridge/ledger"
	"github.com/wpokt/bridge/secret"
	"github.com/wpokt/bridge/transfer"
)

// The bridge's settings in these tests: every node has the same rules
// unless a test gives one node its own.
const (
	feeUpokt      = 10_000
	maxMintUpokt  = 1_000_000_000_000
	portfolioID   = "vault"
	masterPass    = "master-password"
	pocketConfs   = 3
	ethConfs      = 2
	threshold     = 9
	nodeCount     = 12
	orchestration = "key-bridge"
)

// nodeID is the bridge's name of validator i (1-based).
func nodeID(i int) string { return "node-" + strconv.Itoa(i) }

// stack is one test's world: a Pocket simulator over HTTP with a funded
// vault, a simulated Ethereum chain with wPOKT whose minter is the vault's
// Ethereum account, and the Copper simulator holding the 12 shards, which
// executes fully signed orders on both chains.
type stack struct {
	t         *testing.T
	pokt      *morsesim.Sim
	poktURL   string
	eth       *ethnet.TestChain
	copper    *coppersim.Sim
	vault     string // the vault's Pocket address
	depositor string // a funded Pocket account that makes deposits
	ledgers   *ledgers
}

// ledgers are the nodes' own ledger files, one keeper per node: a bbolt
// file is opened by one holder at a time.
type ledgers struct {
	dir     string
	mu      sync.Mutex
	keepers map[string]*ledger.Keeper
}

// path is node id's ledger file.
func (l *ledgers) path(id string) string { return filepath.Join(l.dir, id+".db") }

// of returns node id's keeper, making a fresh ledger the first time.
func (l *ledgers) of(t *testing.T, id string) *ledger.Keeper {
	l.mu.Lock()
	defer l.mu.Unlock()
	if k, ok := l.keepers[id]; ok {
		return k
	}
	require.NoError(t, ledger.Init(l.path(id), id, time.Now()))
	k := ledger.NewKeeper(l.path(id), id)
	l.keepers[id] = k
	return k
}

func (l *ledgers) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range l.keepers {
		_ = k.Close()
	}
}

func newStack(t *testing.T) *stack {
	t.Helper()
	st := &stack{t: t, ledgers: &ledgers{dir: t.TempDir(), keepers: map[string]*ledger.Keeper{}}}
	t.Cleanup(st.ledgers.close)

	st.pokt = morsesim.New(morsesim.Config{FeeUpokt: feeUpokt})
	srv := httptest.NewServer(st.pokt.Handler())
	t.Cleanup(srv.Close)
	st.poktURL = srv.URL
	seed := sha256.Sum256([]byte("wpokt-activities-test/vault"))
	vaultKey := ed25519.NewKeyFromSeed(seed[:])
	vault, err := morsesim.AddressFromPublicKey(vaultKey.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	st.vault = vault
	require.NoError(t, st.pokt.Fund(vault, 1_000_000_000_000))
	st.depositor = strings.Repeat("d0", 20)
	require.NoError(t, st.pokt.Fund(st.depositor, 1_000_000_000_000))

	st.eth = ethnet.NewChain(t, ethnet.TestOptions{})
	exec, err := ethvault.New(ethvault.Config{
		Backend: autoMine{Client: st.eth.Client, backend: st.eth.Backend}, Key: st.eth.Minter.Key,
		PollInterval: 5 * time.Millisecond,
	})
	require.NoError(t, err)
	require.Equal(t, st.eth.Minter.Address, exec.Address())

	nodes := make([]coppersim.NodeConfig, nodeCount)
	for i := range nodes {
		id := nodeID(i + 1)
		nodes[i] = coppersim.NodeConfig{
			ID: id, KeyFilename: id + ".key", KeyPassword: "password-" + id,
			API: coppersim.APICredential{Key: "key-" + id, Secret: "secret-" + id},
		}
	}
	st.copper, err = coppersim.New(coppersim.Config{
		PortfolioID: portfolioID, Threshold: threshold, MasterPassword: masterPass, Nodes: nodes,
		Clients: []coppersim.APICredential{{Key: orchestration, Secret: "secret-bridge"}},
		Eth:     exec,
		Pokt: &coppersim.PoktRawTxExecutor{
			RPCURL: st.poktURL, FromAddress: vault, FeeUpokt: feeUpokt, WaitIncluded: true,
			PollInterval: 5 * time.Millisecond,
			Sign: func(to string, amount, fee uint64, memo string, entropy int64) ([]byte, error) {
				return morsesim.SignSend(vaultKey, to, amount, fee, memo, entropy)
			},
		},
		PoktFeeUpokt:   feeUpokt,
		ExecuteTimeout: 20 * time.Second,
	})
	require.NoError(t, err)
	require.NoError(t, st.copper.Start(coppersim.Addrs{}))
	t.Cleanup(func() { _ = st.copper.Close() })
	return st
}

// on returns the stack for subtest t, so that its helpers fail t.
func (st *stack) on(t *testing.T) *stack {
	c := *st
	c.t = t
	return &c
}

// autoMine seals a block as soon as the vault sends a transaction, so that
// an executed mint is mined at once.
type autoMine struct {
	simulated.Client
	backend *simulated.Backend
}

func (a autoMine) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.backend.Commit()
	return nil
}

// rules are node id's rules.
func (st *stack) rules(id string) activities.Rules {
	return activities.Rules{
		NodeID: id,
		Deposit: pokt.DepositRules{
			EthChainID: ethnet.ChainID, FeeUpokt: feeUpokt, MaxMintUpokt: maxMintUpokt, Vault: st.vault,
		},
		Protocol:            pokt.Morse,
		PocketConfirmations: pocketConfs,
		EthConfirmations:    ethConfs,
		WPOKTAddress:        st.eth.WPOKT,
		PortfolioID:         portfolioID,
		POKTCurrency:        "POKT",
		ETHCurrency:         "ETH",
		TaskQueue:           "bridge",
	}
}

func (st *stack) pocketClient(rpcURL string) *pokt.RecentHeads {
	st.t.Helper()
	c, err := morse.NewClient(rpcURL, morse.Options{Timeout: 5 * time.Second})
	require.NoError(st.t, err)
	return pokt.RememberHeads(c)
}

func (st *stack) ethClient() *eth.Client {
	st.t.Helper()
	return st.eth.DialHTTP(st.t, st.eth.Options())
}

func (st *stack) copperClient(key, apiSecret string) *copper.Client {
	st.t.Helper()
	c, err := copper.NewClient(copper.Config{
		BaseURL: st.copper.PlatformURL(), APIKey: secret.Value(key), APISecret: secret.Value(apiSecret),
		PortfolioID: portfolioID, Timeout: 5 * time.Second, RecoveryDelay: 10 * time.Millisecond,
	})
	require.NoError(st.t, err)
	return c
}

// orchestrator is the Copper client of the shared activities.
func (st *stack) orchestrator() *copper.Client {
	return st.copperClient(orchestration, "secret-bridge")
}

// shared returns the shared activities of node-1, with fakes for the
// projection and the Temporal client.
func (st *stack) shared() *activities.Shared {
	return &activities.Shared{
		Rules:    st.rules(nodeID(1)),
		Pocket:   st.pocketClient(st.poktURL),
		Eth:      st.ethClient(),
		Copper:   st.orchestrator(),
		Store:    &fakeProjection{},
		Temporal: &fakeOrchestrator{},
	}
}

// signerOption changes one node's signer: its RPC or its rules.
type signerOption func(*activities.Signer)

func withPocketRPC(st *stack, rpcURL string) signerOption {
	return func(s *activities.Signer) { s.Pocket = st.pocketClient(rpcURL) }
}

func withRules(f func(*activities.Rules)) signerOption {
	return func(s *activities.Signer) { f(&s.Rules) }
}

// signer returns node i's signer: its own RPC clients, its own Copper API
// key and its own Copper Unlimited co-signer.
func (st *stack) signer(i int, opts ...signerOption) *activities.Signer {
	st.t.Helper()
	id := nodeID(i)
	var n coppersim.NodeConfig
	for _, c := range st.copper.Nodes() {
		if c.ID == id {
			n = c
		}
	}
	require.Equal(st.t, id, n.ID)
	u, err := copper.NewUnlimited(copper.UnlimitedConfig{
		BaseURL: st.copper.UnlimitedURL(id), KeyFilename: n.KeyFilename, KeyPassword: secret.Value(n.KeyPassword),
		MasterPassword: masterPass, APIKey: secret.Value(n.API.Key), APISecret: secret.Value(n.API.Secret),
		PollInterval: 2 * time.Millisecond, Deadline: 10 * time.Second,
	})
	require.NoError(st.t, err)
	s := &activities.Signer{
		Rules:    st.rules(id),
		Pocket:   st.pocketClient(st.poktURL),
		Eth:      st.ethClient(),
		Copper:   st.copperClient(n.API.Key, n.API.Secret),
		CoSigner: u,
		Ledger:   st.ledgers.of(st.t, id),
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// ---- Pocket ----

// memoFor is the deposit memo that mints to recipient.
func memoFor(recipient common.Address) string {
	return fmt.Sprintf(`{"address":"%s","chain_id":"%d"}`, recipient.Hex(), ethnet.ChainID)
}

// deposit sends amount from the depositor to the vault with memo, includes
// it in a block and adds blocks until it has confirmations. It returns the
// deposit's hash.
func (st *stack) deposit(amount uint64, memo string, confirmations int) string {
	st.t.Helper()
	return st.depositFrom(st.depositor, amount, memo, confirmations)
}

func (st *stack) depositFrom(from string, amount uint64, memo string, confirmations int) string {
	st.t.Helper()
	hash, err := st.pokt.Send(from, st.vault, amount, memo)
	require.NoError(st.t, err)
	st.pokt.NextBlock()
	for range confirmations - 1 {
		st.pokt.NextBlock()
	}
	return hash
}

// recipient returns a fresh Ethereum address for one test.
func recipient(name string) common.Address { return ethnet.NewAccount("recipient/" + name).Address }

// poktAddress returns a fresh Pocket address for one test.
func poktAddress(name string) string {
	sum := sha256.Sum256([]byte("pokt/" + name))
	return fmt.Sprintf("%x", sum[:20])
}

// ---- Ethereum ----

// burn mints amount to a fresh user and burns it to poktTo; it commits
// confirmations-1 more blocks and returns the burn's tx hash.
func (st *stack) burn(name string, amount uint64, poktTo string, confirmations int) string {
	st.t.Helper()
	user := ethnet.NewAccount("burner/" + name)
	st.fundEth(user)
	r := st.eth.MintAndBurn(st.t, user, new(big.Int).SetUint64(amount), common.HexToAddress(poktTo))
	st.eth.Commit(confirmations - 1)
	return r.TxHash.Hex()
}

// fundEth gives a fresh account gas money.
func (st *stack) fundEth(a ethnet.Account) {
	st.t.Helper()
	value := new(big.Int).Mul(big.NewInt(1), big.NewInt(1e18))
	tx := st.eth.Send(st.t, st.eth.Admin, ethnet.Tx{To: &a.Address, Value: value})
	st.eth.MustSucceed(st.t, st.eth.Mine(st.t, tx))
}

// ---- Copper ----

// placeOrder creates the order that spec calls for (whatever it says: tests
// use it to make wrong orders) and starts its signing, as CreateOrder does.
func (st *stack) placeOrder(spec transfer.OrderSpec) *copper.Order {
	st.t.Helper()
	req, err := st.rules(nodeID(1)).OrderRequest(spec)
	require.NoError(st.t, err)
	return st.placeRequest(req)
}

func (st *stack) placeRequest(req copper.OrderRequest) *copper.Order {
	st.t.Helper()
	c := st.orchestrator()
	o, err := c.CreateOrder(st.t.Context(), req)
	require.NoError(st.t, err)
	require.NoError(st.t, c.StartSigning(st.t.Context(), o.OrderID))
	o, err = c.GetOrder(st.t.Context(), o.OrderID)
	require.NoError(st.t, err)
	require.Equal(st.t, copper.StatusPartSignedTxAdded, o.Status)
	return o
}

// waitTerminal waits for Copper to end an order, making Pocket blocks for
// the vault's sends meanwhile.
func (st *stack) waitTerminal(orderID string) copper.Order {
	st.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st.pokt.MempoolSize() > 0 {
			st.pokt.NextBlock()
		}
		o, ok := st.copper.Order(orderID)
		require.True(st.t, ok, "order %s", orderID)
		if o.Status.Terminal() {
			return o
		}
		if time.Now().After(deadline) {
			st.t.Fatalf("order %s still %s", orderID, o.Status)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// signAll has nodes 1..n sign the order of req, each with its own signer,
// and requires each to succeed.
func (st *stack) signAll(req transfer.SignRequest, n int) {
	st.t.Helper()
	for i := 1; i <= n; i++ {
		req.NodeID = nodeID(i)
		res, err := sign(st.t, st.signer(i), req)
		require.NoError(st.t, err, "node %d", i)
		require.Equal(st.t, transfer.SignResult{NodeID: nodeID(i)}, res)
	}
}

// ---- Temporal activity environment ----

var quietLogger = sdklog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))

// execute runs one activity in Temporal's test activity environment, so
// that it has an activity context (logger, heartbeats).
func execute[T any](t *testing.T, fn any, args ...any) (T, error) {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(quietLogger)
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(fn)
	var out T
	val, err := env.ExecuteActivity(fn, args...)
	if err != nil {
		return out, err
	}
	if err := val.Get(&out); err != nil {
		return out, fmt.Errorf("decode the activity's result: %w", err)
	}
	return out, nil
}

func sign(t *testing.T, s *activities.Signer, req transfer.SignRequest) (transfer.SignResult, error) {
	t.Helper()
	return execute[transfer.SignResult](t, s.Sign, req)
}

// appError returns the application error that err carries.
func appError(t *testing.T, err error) *temporal.ApplicationError {
	t.Helper()
	require.Error(t, err)
	var ae *temporal.ApplicationError
	require.True(t, errors.As(err, &ae), "not an application error: %v", err)
	return ae
}

// requireAppError checks err's type, retryability and that its message
// holds every part of want.
func requireAppError(t *testing.T, err error, errType string, nonRetryable bool, want ...string) {
	t.Helper()
	ae := appError(t, err)
	require.Equal(t, errType, ae.Type(), "message: %s", ae.Message())
	require.Equal(t, nonRetryable, ae.NonRetryable(), "message: %s", ae.Message())
	for _, w := range want {
		require.Contains(t, ae.Message(), w)
	}
}

func requireRefused(t *testing.T, err error, want ...string) {
	t.Helper()
	requireAppError(t, err, transfer.SignerRefusedError, true, want...)
}

func requireNotReady(t *testing.T, err error, want ...string) {
	t.Helper()
	requireAppError(t, err, "SignerNotReady", false, want...)
}

// requireRetryable checks that err is not marked non-retryable.
func requireRetryable(t *testing.T, err error) {
	t.Helper()
	var ae *temporal.ApplicationError
	require.Error(t, err)
	if errors.As(err, &ae) {
		require.False(t, ae.NonRetryable(), "%v", err)
	}
}

// ---- a lying Pocket RPC ----

// lyingPocket serves the Pocket simulator through a proxy that rewrites
// the answers of /v1/query/tx with lie.
func lyingPocket(t *testing.T, target string, lie func(tx map[string]any)) string {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.URL.Path != morse.PathTx || resp.StatusCode != http.StatusOK {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return err
		}
		var tx map[string]any
		if err := json.Unmarshal(body, &tx); err != nil {
			return err
		}
		lie(tx)
		if body, err = json.Marshal(tx); err != nil {
			return err
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv.URL
}

func stdTx(tx map[string]any) map[string]any { return tx["stdTx"].(map[string]any) }

func sendValue(tx map[string]any) map[string]any {
	return stdTx(tx)["msg"].(map[string]any)["value"].(map[string]any)
}

// ---- fakes of the projection and the Temporal client ----

type fakeProjection struct {
	mu        sync.Mutex
	projected []transfer.State
	prior     map[string]transfer.PriorRecord
	err       error
}

func (f *fakeProjection) Project(_ context.Context, st transfer.State) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.projected = append(f.projected, st)
	return nil
}

func (f *fakeProjection) Prior(_ context.Context, workflowID string) (transfer.PriorRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.prior[workflowID], f.err
}

// fakeOrchestrator records what the activities ask of Temporal and answers
// updates with reserve (or, by workflow ID, with byID).
type fakeOrchestrator struct {
	mu       sync.Mutex
	reserve  transfer.ReserveResult
	byID     map[string]transfer.ReserveResult
	err      error
	updates  []client.UpdateWithStartWorkflowOptions
	starts   []client.StartWorkflowOptions
	startArg []any
	// hold, when set, makes each update wait for a value from it.
	hold chan struct{}
	// oldControl answers reserve-batch as a control workflow from before
	// batches does.
	oldControl bool
}

func (f *fakeOrchestrator) UpdateWithStartWorkflow(_ context.Context, o client.UpdateWithStartWorkflowOptions) (client.WorkflowUpdateHandle, error) {
	f.mu.Lock()
	f.updates = append(f.updates, o)
	hold, err := f.hold, f.err
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	if err != nil {
		return nil, err
	}
	if f.oldControl && o.UpdateOptions.UpdateName == transfer.UpdateReserveBatch {
		return nil, errors.New("unknown update reserve-batch. KnownUpdates=[reserve]")
	}
	return fakeUpdate{f: f, arg: o.UpdateOptions.Args[0], id: o.UpdateOptions.WorkflowID}, nil
}

// answer is the fake control workflow's decision for one request.
func (f *fakeOrchestrator) answer(req transfer.ReserveRequest) transfer.ReserveResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	if res, ok := f.byID[req.WorkflowID]; ok {
		return res
	}
	return f.reserve
}

// sent is every request the updates carried, in order.
func (f *fakeOrchestrator) sent() []transfer.ReserveRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []transfer.ReserveRequest
	for _, u := range f.updates {
		switch arg := u.UpdateOptions.Args[0].(type) {
		case transfer.ReserveRequest:
			out = append(out, arg)
		case []transfer.ReserveRequest:
			out = append(out, arg...)
		}
	}
	return out
}

func (f *fakeOrchestrator) NewWithStartWorkflowOperation(o client.StartWorkflowOptions, workflow any, args ...any) client.WithStartWorkflowOperation {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.starts = append(f.starts, o)
	f.startArg = append([]any{workflow}, args...)
	return fakeStartOperation{}
}

type fakeStartOperation struct{}

func (fakeStartOperation) Get(context.Context) (client.WorkflowRun, error) {
	return nil, errors.New("fake start operation")
}

type fakeUpdate struct {
	f   *fakeOrchestrator
	arg any
	id  string
}

func (u fakeUpdate) WorkflowID() string { return u.id }
func (u fakeUpdate) RunID() string      { return "run" }
func (u fakeUpdate) UpdateID() string   { return "update" }
func (u fakeUpdate) Get(_ context.Context, valuePtr any) error {
	switch arg := u.arg.(type) {
	case transfer.ReserveRequest:
		*(valuePtr.(*transfer.ReserveResult)) = u.f.answer(arg)
	case []transfer.ReserveRequest:
		out := make([]transfer.ReserveResult, len(arg))
		for i, req := range arg {
			out[i] = u.f.answer(req)
		}
		*(valuePtr.(*[]transfer.ReserveResult)) = out
	}
	return nil
}
