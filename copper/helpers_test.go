package copper_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/secret"
)

const (
	testMasterPassword = "master-pw-for-tests"
	vaultPokt          = "0f5a0e6b5c3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e"
	recipientPokt      = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	wpoktContract      = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
	mintPayload        = "0x156e29f6000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266"
)

// fakeEth and fakePokt count executor calls.
type fakeEth struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (f *fakeEth) ExecuteContractCall(_ context.Context, to string, payload []byte) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf("%s:%x", to, payload))
	return fmt.Sprintf("0x%064x", len(f.calls)), f.err
}

func (f *fakeEth) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

type poktCall struct {
	to     string
	amount uint64
	memo   string
}

type fakePokt struct {
	mu    sync.Mutex
	calls []poktCall
	err   error
}

func (f *fakePokt) Send(_ context.Context, to string, amount uint64, memo string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, poktCall{to, amount, memo})
	return fmt.Sprintf("%064X", len(f.calls)), f.err
}

func (f *fakePokt) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

type env struct {
	sim       *coppersim.Sim
	eth       *fakeEth
	pokt      *fakePokt
	url       string
	unlimited map[string]string // node ID -> URL
	shared    coppersim.APICredential
}

func newEnv(t *testing.T, mutate ...func(*coppersim.Config)) *env {
	t.Helper()
	e := &env{eth: &fakeEth{}, pokt: &fakePokt{}, unlimited: map[string]string{},
		shared: coppersim.APICredential{Key: "bridge-key", Secret: "bridge-secret"}}
	cfg := coppersim.Config{
		MasterPassword: testMasterPassword,
		Nodes:          coppersim.NewNodes(12),
		Clients:        []coppersim.APICredential{e.shared},
		Eth:            e.eth,
		Pokt:           e.pokt,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	sim, err := coppersim.New(cfg)
	require.NoError(t, err)
	e.sim = sim
	srv := httptest.NewServer(sim.PlatformHandler())
	e.url = srv.URL
	t.Cleanup(srv.Close)
	for _, n := range sim.Nodes() {
		h, err := sim.UnlimitedHandler(n.ID)
		require.NoError(t, err)
		us := httptest.NewServer(h)
		t.Cleanup(us.Close)
		e.unlimited[n.ID] = us.URL
	}
	t.Cleanup(func() { _ = sim.Close() }) // runs first: unblocks hanging faults
	return e
}

func (e *env) client(t *testing.T, mutate ...func(*copper.Config)) *copper.Client {
	t.Helper()
	cfg := copper.Config{
		BaseURL:         e.url,
		APIKey:          secret.Value(e.shared.Key),
		APISecret:       secret.Value(e.shared.Secret),
		PortfolioID:     e.sim.PortfolioID(),
		Timeout:         2 * time.Second,
		RecoveryLookups: 3,
		RecoveryDelay:   5 * time.Millisecond,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := copper.NewClient(cfg)
	require.NoError(t, err)
	return c
}

func (e *env) node(t *testing.T, i int) coppersim.NodeConfig {
	t.Helper()
	return e.sim.Nodes()[i]
}

func (e *env) signer(t *testing.T, n coppersim.NodeConfig, mutate ...func(*copper.UnlimitedConfig)) *copper.Unlimited {
	t.Helper()
	cfg := copper.UnlimitedConfig{
		BaseURL:        e.unlimited[n.ID],
		KeyFilename:    n.KeyFilename,
		KeyPassword:    secret.Value(n.KeyPassword),
		MasterPassword: secret.Value(testMasterPassword),
		APIKey:         secret.Value(n.API.Key),
		APISecret:      secret.Value(n.API.Secret),
		PollInterval:   2 * time.Millisecond,
		Deadline:       5 * time.Second,
		CallTimeout:    2 * time.Second,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	u, err := copper.NewUnlimited(cfg)
	require.NoError(t, err)
	return u
}

func withdrawRequest(ext string) copper.OrderRequest {
	return copper.OrderRequest{
		ExternalOrderID: ext, OrderType: copper.OrderTypeWithdraw, BaseCurrency: "POKT", MainCurrency: "POKT",
		Amount: copper.MustParseAmount("12.5"), ToAddress: recipientPokt, Memo: "burn-0xabc-0", FeeLevel: "low",
	}
}

func mintRequest(ext string) copper.OrderRequest {
	return copper.OrderRequest{
		ExternalOrderID: ext, OrderType: copper.OrderTypeWithdraw, BaseCurrency: "ETH", MainCurrency: "ETH",
		ToAddress: wpoktContract, BlockchainTransactionType: copper.TxTypeSmartCall, Payload: mintPayload,
	}
}

// startedOrder creates an order and starts signing it.
func (e *env) startedOrder(t *testing.T, req copper.OrderRequest) *copper.Order {
	t.Helper()
	ctx := t.Context()
	c := e.client(t)
	o, err := c.CreateOrder(ctx, req)
	require.NoError(t, err)
	require.NoError(t, c.StartSigning(ctx, o.OrderID))
	o, err = c.GetOrder(ctx, o.OrderID)
	require.NoError(t, err)
	require.Equal(t, copper.StatusPartSignedTxAdded, o.Status)
	return o
}

func waitTerminal(t *testing.T, sim *coppersim.Sim, orderID string) copper.Order {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	o, err := sim.WaitForStatus(ctx, orderID)
	require.NoError(t, err)
	return o
}
