package coppersim_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/secret"
)

const (
	master    = "master-pw"
	recipient = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	contract  = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
)

type countingEth struct {
	mu    sync.Mutex
	n     int
	err   error
	block chan struct{} // if set, calls wait for it
}

func (f *countingEth) ExecuteContractCall(ctx context.Context, _ string, _ []byte) (string, error) {
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if f.err != nil {
		return "0xdeadbeef", f.err
	}
	return fmt.Sprintf("0x%064x", f.n), nil
}

func (f *countingEth) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

type countingPokt struct {
	mu      sync.Mutex
	amounts []uint64
	to      []string
}

func (f *countingPokt) Send(_ context.Context, to string, amount uint64, _ string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.amounts = append(f.amounts, amount)
	f.to = append(f.to, to)
	return strings.Repeat("AB", 32), nil
}

type harness struct {
	sim    *coppersim.Sim
	eth    *countingEth
	pokt   *countingPokt
	client *copper.Client
}

func start(t *testing.T, mutate ...func(*coppersim.Config)) *harness {
	t.Helper()
	h := &harness{eth: &countingEth{}, pokt: &countingPokt{}}
	cfg := coppersim.Config{MasterPassword: master, Nodes: coppersim.NewNodes(12), Eth: h.eth, Pokt: h.pokt}
	for _, m := range mutate {
		m(&cfg)
	}
	sim, err := coppersim.New(cfg)
	require.NoError(t, err)
	require.NoError(t, sim.Start(coppersim.Addrs{}))
	t.Cleanup(func() { require.NoError(t, sim.Close()) })
	h.sim = sim
	n := sim.Nodes()[0]
	h.client, err = copper.NewClient(copper.Config{BaseURL: sim.PlatformURL(), APIKey: secret.Value(n.API.Key),
		APISecret: secret.Value(n.API.Secret), PortfolioID: sim.PortfolioID(), Timeout: 2 * time.Second})
	require.NoError(t, err)
	return h
}

func (h *harness) signer(t *testing.T, n coppersim.NodeConfig) *copper.Unlimited {
	t.Helper()
	u, err := copper.NewUnlimited(copper.UnlimitedConfig{
		BaseURL: h.sim.UnlimitedURL(n.ID), KeyFilename: n.KeyFilename, KeyPassword: secret.Value(n.KeyPassword),
		MasterPassword: master, APIKey: secret.Value(n.API.Key), APISecret: secret.Value(n.API.Secret),
		PollInterval: 2 * time.Millisecond, Deadline: 5 * time.Second,
	})
	require.NoError(t, err)
	return u
}

// order creates and starts an order.
func (h *harness) order(t *testing.T, req copper.OrderRequest) *copper.Order {
	t.Helper()
	o, err := h.client.CreateOrder(t.Context(), req)
	require.NoError(t, err)
	require.NoError(t, h.client.StartSigning(t.Context(), o.OrderID))
	o, err = h.client.GetOrder(t.Context(), o.OrderID)
	require.NoError(t, err)
	return o
}

func (h *harness) signBy(t *testing.T, o *copper.Order, nodes int) {
	t.Helper()
	for _, n := range h.sim.Nodes()[:nodes] {
		require.NoError(t, h.signer(t, n).Sign(t.Context(), o))
	}
}

func (h *harness) wait(t *testing.T, id string, statuses ...copper.Status) copper.Order {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	o, err := h.sim.WaitForStatus(ctx, id, statuses...)
	require.NoError(t, err)
	return o
}

func withdraw(ext, amount string) copper.OrderRequest {
	return copper.OrderRequest{ExternalOrderID: ext, OrderType: copper.OrderTypeWithdraw, BaseCurrency: "POKT",
		Amount: copper.MustParseAmount(amount), ToAddress: recipient, Memo: "m"}
}

func smartCall(ext string) copper.OrderRequest {
	return copper.OrderRequest{ExternalOrderID: ext, OrderType: copper.OrderTypeWithdraw, BaseCurrency: "ETH",
		ToAddress: contract, BlockchainTransactionType: copper.TxTypeSmartCall, Payload: "0x01"}
}

// raw sends a signed (or deliberately mis-signed) request straight to the platform.
func raw(t *testing.T, h *harness, method, uri, body string, tweak func(r *http.Request)) (int, string) {
	t.Helper()
	n := h.sim.Nodes()[0]
	req, err := http.NewRequestWithContext(t.Context(), method, h.sim.PlatformURL()+uri, strings.NewReader(body))
	require.NoError(t, err)
	ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
	req.Header.Set("Authorization", "ApiKey "+n.API.Key)
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", copper.RequestSignature(secret.Value(n.API.Secret), ts, method, uri, []byte(body)))
	req.Header.Set("Content-Type", copper.ContentTypeJSON)
	if tweak != nil {
		tweak(req)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(data)
}

func TestPlatformAuth(t *testing.T) {
	h := start(t)
	n := h.sim.Nodes()[0]
	resign := func(ts time.Time) func(r *http.Request) {
		return func(r *http.Request) {
			s := strconv.FormatInt(ts.UnixMilli(), 10)
			r.Header.Set("X-Timestamp", s)
			r.Header.Set("X-Signature", copper.RequestSignature(secret.Value(n.API.Secret), s, r.Method, r.URL.RequestURI(), nil))
		}
	}
	tests := []struct {
		name  string
		tweak func(r *http.Request)
		want  int
	}{
		{"valid", nil, http.StatusOK},
		{"no authorization", func(r *http.Request) { r.Header.Del("Authorization") }, http.StatusUnauthorized},
		{"bearer instead of ApiKey", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+n.API.Key) }, http.StatusUnauthorized},
		{"unknown key", func(r *http.Request) { r.Header.Set("Authorization", "ApiKey nobody") }, http.StatusUnauthorized},
		{"bad signature", func(r *http.Request) { r.Header.Set("X-Signature", strings.Repeat("0", 64)) }, http.StatusUnauthorized},
		{"upper-case signature", func(r *http.Request) {
			r.Header.Set("X-Signature", strings.ToUpper(r.Header.Get("X-Signature")))
		}, http.StatusUnauthorized},
		{"timestamp not a number", func(r *http.Request) { r.Header.Set("X-Timestamp", "yesterday") }, http.StatusUnauthorized},
		{"timestamp 31 s old", resign(time.Now().Add(-31 * time.Second)), http.StatusUnauthorized},
		{"timestamp 31 s ahead", resign(time.Now().Add(31 * time.Second)), http.StatusUnauthorized},
		{"timestamp 20 s old", resign(time.Now().Add(-20 * time.Second)), http.StatusOK},
		{"signature of another path", func(r *http.Request) {
			ts := r.Header.Get("X-Timestamp")
			r.Header.Set("X-Signature", copper.RequestSignature(secret.Value(n.API.Secret), ts, "GET", "/platform/orders", nil))
		}, http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := raw(t, h, http.MethodGet, "/platform/orders?externalOrderId=x&limit=5", "", tc.tweak)
			assert.Equal(t, tc.want, status, body)
			if status == http.StatusUnauthorized {
				assert.Contains(t, body, `"error":"unauthorized"`)
			}
		})
	}
}

func TestCreateOrderValidation(t *testing.T) {
	h := start(t)
	base := map[string]any{"externalOrderId": "e1", "orderType": "withdraw", "portfolioId": h.sim.PortfolioID(),
		"baseCurrency": "POKT", "amount": "1.5", "toAddress": recipient}
	tests := map[string]map[string]any{
		"unknown field":                 {"surprise": true},
		"no external id":                {"externalOrderId": ""},
		"other portfolio":               {"portfolioId": "someone-else"},
		"buy order":                     {"orderType": "buy"},
		"wrong currency":                {"baseCurrency": "BTC"},
		"zero amount":                   {"amount": "0"},
		"too precise":                   {"amount": "1.0000001"},
		"negative amount":               {"amount": "-1"},
		"numeric amount with exponent":  {"amount": json.RawMessage("1e3")},
		"bad pocket address":            {"toAddress": "0x" + recipient},
		"payload on a send":             {"payload": "0x01"},
		"unknown tx type":               {"blockchainTransactionType": "stake-delegation"},
		"smart-call with value":         {"blockchainTransactionType": "smart-call", "baseCurrency": "ETH", "toAddress": contract, "payload": "0x01", "amount": "1"},
		"smart-call without payload":    {"blockchainTransactionType": "smart-call", "baseCurrency": "ETH", "toAddress": contract, "amount": "0"},
		"smart-call to pocket address":  {"blockchainTransactionType": "smart-call", "baseCurrency": "ETH", "toAddress": recipient, "payload": "0x01", "amount": "0"},
		"smart-call with odd hex":       {"blockchainTransactionType": "smart-call", "baseCurrency": "ETH", "toAddress": contract, "payload": "0x123", "amount": "0"},
		"smart-call with POKT currency": {"blockchainTransactionType": "smart-call", "toAddress": contract, "payload": "0x01", "amount": "0"},
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			body := map[string]any{}
			for k, v := range base {
				body[k] = v
			}
			for k, v := range change {
				body[k] = v
			}
			data, err := json.Marshal(body)
			require.NoError(t, err)
			status, answer := raw(t, h, http.MethodPost, "/platform/orders", string(data), nil)
			assert.Equal(t, http.StatusBadRequest, status, answer)
			assert.Contains(t, answer, `"error":"bad-request"`)
		})
	}
	status, answer := raw(t, h, http.MethodPost, "/platform/orders", `{"externalOrderId":`, nil)
	assert.Equal(t, http.StatusBadRequest, status, answer)
	assert.Equal(t, 0, h.sim.OrderCount())

	data, _ := json.Marshal(base)
	status, _ = raw(t, h, http.MethodPost, "/platform/orders", string(data), nil)
	require.Equal(t, http.StatusOK, status)
	status, answer = raw(t, h, http.MethodPost, "/platform/orders", string(data), nil)
	assert.Equal(t, http.StatusConflict, status)
	assert.Contains(t, answer, `"error":"conflict"`)
	assert.Equal(t, 1, h.sim.OrderCount())
}

func TestPlatformRoutes(t *testing.T) {
	h := start(t)
	for range 5 {
		_, err := h.client.CreateOrder(t.Context(), withdraw(fmt.Sprintf("e%d", h.sim.OrderCount()), "1"))
		require.NoError(t, err)
	}
	status, body := raw(t, h, http.MethodGet, "/platform/orders?limit=2&offset=1", "", nil)
	require.Equal(t, http.StatusOK, status)
	list, err := copper.DecodeOrderList([]byte(body))
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "e1", list[0].ExternalOrderID)
	assert.Equal(t, "e2", list[1].ExternalOrderID)

	status, body = raw(t, h, http.MethodGet, "/platform/orders?externalOrderId=e3", "", nil)
	require.Equal(t, http.StatusOK, status)
	list, err = copper.DecodeOrderList([]byte(body))
	require.NoError(t, err)
	require.Len(t, list, 1)

	tests := []struct {
		method, uri, ctype string
		want               int
	}{
		{http.MethodGet, "/platform/orders?limit=0", "", http.StatusBadRequest},
		{http.MethodGet, "/platform/orders/unknown", "", http.StatusNotFound},
		{http.MethodGet, "/platform/portfolios", "", http.StatusNotFound},
		{http.MethodDelete, "/platform/orders/" + list[0].OrderID, "", http.StatusNotFound},
		{http.MethodPatch, "/platform/orders/" + list[0].OrderID, "application/vnd.something+json", http.StatusUnsupportedMediaType},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.uri, func(t *testing.T) {
			status, body := raw(t, h, tc.method, tc.uri, "", func(r *http.Request) {
				if tc.ctype != "" {
					r.Header.Set("Content-Type", tc.ctype)
				}
			})
			assert.Equal(t, tc.want, status, body)
		})
	}
}

func TestExecutionFailureEndsError(t *testing.T) {
	h := start(t)
	h.eth.err = errors.New("execution reverted: nonce already used")
	o := h.order(t, smartCall("mint-revert"))
	h.signBy(t, o, 9)
	done := h.wait(t, o.OrderID)
	assert.Equal(t, copper.StatusError, done.Status)
	assert.Contains(t, done.Extra.ErrorMessage, "nonce already used")
	assert.Equal(t, "0xdeadbeef", done.Extra.TransactionID, "the reverted tx is recorded")
	assert.Equal(t, 1, h.eth.count())

	got, err := h.client.GetOrder(t.Context(), o.OrderID)
	require.NoError(t, err)
	assert.True(t, got.Status.Failed())
	assert.Contains(t, got.Extra.ErrorMessage, "nonce already used")
}

func TestNoExecutorEndsError(t *testing.T) {
	h := start(t, func(c *coppersim.Config) { c.Pokt = nil })
	o := h.order(t, withdraw("burn-no-exec", "1"))
	h.signBy(t, o, 9)
	done := h.wait(t, o.OrderID)
	assert.Equal(t, copper.StatusError, done.Status)
	assert.Contains(t, done.Extra.ErrorMessage, "no Pocket executor")
}

func TestInjectedOutcomes(t *testing.T) {
	for _, st := range []copper.Status{copper.StatusRejected, copper.StatusError, copper.StatusDeclined} {
		t.Run(string(st), func(t *testing.T) {
			h := start(t)
			require.NoError(t, h.sim.FailOrder("mint-"+string(st), st, "compliance says no"))
			o := h.order(t, smartCall("mint-"+string(st)))
			h.signBy(t, o, 9)
			done := h.wait(t, o.OrderID)
			assert.Equal(t, st, done.Status)
			assert.Equal(t, "compliance says no", done.Extra.ErrorMessage)
			assert.Equal(t, 0, h.eth.count(), "nothing executed")
		})
	}
	h := start(t)
	require.Error(t, h.sim.FailOrder("x", copper.StatusExecuted, ""))

	o := h.order(t, withdraw("burn-forced", "1"))
	require.NoError(t, h.sim.ForceStatus(o.OrderID, copper.StatusBlocked, "held by compliance"))
	got, err := h.client.GetOrder(t.Context(), o.OrderID)
	require.NoError(t, err)
	assert.Equal(t, copper.StatusBlocked, got.Status)
	require.Error(t, h.sim.ForceStatus("nope", copper.StatusError, ""))
	// Signatures on a blocked order are refused and nothing executes.
	err = h.signer(t, h.sim.Nodes()[0]).Sign(t.Context(), o)
	require.ErrorIs(t, err, copper.ErrSignFailed)
}

func TestWithdrawFee(t *testing.T) {
	h := start(t)
	req := withdraw("burn-fee", "1")
	req.IncludeFeeInWithdraw = true
	o := h.order(t, req)
	h.signBy(t, o, 9)
	assert.Equal(t, copper.StatusExecuted, h.wait(t, o.OrderID).Status)

	req = withdraw("burn-dust", "0.01")
	req.IncludeFeeInWithdraw = true
	o = h.order(t, req)
	h.signBy(t, o, 9)
	done := h.wait(t, o.OrderID)
	assert.Equal(t, copper.StatusError, done.Status)
	assert.Contains(t, done.Extra.ErrorMessage, "does not cover the fee")

	o = h.order(t, withdraw("burn-plain", "2.000001"))
	h.signBy(t, o, 9)
	assert.Equal(t, copper.StatusExecuted, h.wait(t, o.OrderID).Status)
	assert.Equal(t, []uint64{990_000, 2_000_001}, h.pokt.amounts)
}

func TestExecutionDelayAndProcessing(t *testing.T) {
	h := start(t, func(c *coppersim.Config) { c.ExecutionDelay = 50 * time.Millisecond })
	h.eth.block = make(chan struct{})
	o := h.order(t, smartCall("mint-slow"))
	h.signBy(t, o, 9)
	got, _ := h.sim.Order(o.OrderID)
	assert.Equal(t, copper.StatusFullSignedTxAdded, got.Status)
	h.wait(t, o.OrderID, copper.StatusProcessing)
	close(h.eth.block)
	assert.Equal(t, copper.StatusExecuted, h.wait(t, o.OrderID).Status)
}

func TestCancelAfterFullSignatureRefused(t *testing.T) {
	h := start(t, func(c *coppersim.Config) { c.ExecutionDelay = time.Hour })
	o := h.order(t, smartCall("mint-cancel"))
	h.signBy(t, o, 9)
	err := h.client.CancelOrder(t.Context(), o.OrderID)
	require.ErrorIs(t, err, copper.ErrConflict)
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	h := start(t, func(c *coppersim.Config) { c.KeyDir = dir })
	require.NoError(t, h.sim.WriteKeyFiles(dir))
	nodes := h.sim.Nodes()
	info, err := os.Stat(filepath.Join(dir, nodes[0].KeyFilename))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(filepath.Join(dir, nodes[0].KeyFilename))
	require.NoError(t, err)
	assert.NotContains(t, string(data), nodes[0].KeyPassword)

	o := h.order(t, withdraw("burn-keys", "1"))
	require.NoError(t, h.signer(t, nodes[0]).Sign(t.Context(), o))

	require.NoError(t, os.Remove(filepath.Join(dir, nodes[1].KeyFilename)))
	err = h.signer(t, nodes[1]).Sign(t.Context(), o)
	require.ErrorIs(t, err, copper.ErrSignFailed)
	assert.Contains(t, err.Error(), "not found")

	// A shard file swapped in from another node does not open as this shard.
	other, err := os.ReadFile(filepath.Join(dir, nodes[3].KeyFilename))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, nodes[2].KeyFilename), other, 0o600))
	err = h.signer(t, nodes[2]).Sign(t.Context(), o)
	require.ErrorIs(t, err, copper.ErrSignFailed)
	assert.Equal(t, 1, h.sim.SignatureCount(o.OrderID))
}

func TestCloseUnblocksHangingCalls(t *testing.T) {
	sim, err := coppersim.New(coppersim.Config{MasterPassword: master, Nodes: coppersim.NewNodes(9)})
	require.NoError(t, err)
	require.NoError(t, sim.Start(coppersim.Addrs{}))
	n := sim.Nodes()[0]
	c, err := copper.NewClient(copper.Config{BaseURL: sim.PlatformURL(), APIKey: secret.Value(n.API.Key),
		APISecret: secret.Value(n.API.Secret), PortfolioID: sim.PortfolioID(), Timeout: time.Minute})
	require.NoError(t, err)
	sim.TimeoutNext(coppersim.EndpointGetOrder, 1)
	errc := make(chan error, 1)
	go func() { _, err := c.GetOrder(context.Background(), "x"); errc <- err }()
	require.Eventually(t, func() bool { return sim.Calls(coppersim.EndpointGetOrder) == 1 }, 2*time.Second, time.Millisecond)
	closed := time.Now()
	require.NoError(t, sim.Close())
	err = <-errc
	require.Error(t, err)
	assert.True(t, copper.IsRetryable(err))
	assert.Less(t, time.Since(closed), 2*time.Second)
}

func TestNewValidatesConfig(t *testing.T) {
	nodes := coppersim.NewNodes(12)
	tests := map[string]func(c *coppersim.Config){
		"no master password": func(c *coppersim.Config) { c.MasterPassword = "" },
		"too few nodes":      func(c *coppersim.Config) { c.Nodes = c.Nodes[:8] },
		"duplicate node":     func(c *coppersim.Config) { c.Nodes = append(c.Nodes, c.Nodes[0]) },
		"path in key file":   func(c *coppersim.Config) { c.Nodes[0].KeyFilename = "../x.key" },
		"shared key file":    func(c *coppersim.Config) { c.Nodes[1].KeyFilename = c.Nodes[0].KeyFilename },
		"no key password":    func(c *coppersim.Config) { c.Nodes[0].KeyPassword = "" },
		"conflicting client": func(c *coppersim.Config) {
			c.Clients = []coppersim.APICredential{{Key: c.Nodes[0].API.Key, Secret: "other"}}
		},
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			cfg := coppersim.Config{MasterPassword: master, Nodes: append([]coppersim.NodeConfig(nil), nodes...)}
			mutate(&cfg)
			_, err := coppersim.New(cfg)
			require.Error(t, err)
		})
	}
}

func TestPoktRawTxExecutor(t *testing.T) {
	var mu sync.Mutex
	var rawtx map[string]string
	queries := 0
	rpc := http.NewServeMux()
	rpc.HandleFunc("POST /v1/client/rawtx", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		_ = json.NewDecoder(r.Body).Decode(&rawtx)
		_, _ = w.Write([]byte(`{"height":"0","txhash":"ABCDEF0123","code":0,"raw_log":""}`))
	})
	rpc.HandleFunc("POST /v1/query/tx", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		queries++
		if queries < 3 {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"code":400,"message":"tx not found"}`))
			return
		}
		_, _ = w.Write([]byte(`{"hash":"ABCDEF0123","height":7,"tx_result":{"code":0}}`))
	})
	srv := newServer(t, rpc)

	var signed []string
	e := &coppersim.PoktRawTxExecutor{
		RPCURL: srv, FromAddress: "vaultaddr", WaitIncluded: true, PollInterval: time.Millisecond,
		Sign: func(to string, amount, fee uint64, memo string, entropy int64) ([]byte, error) {
			signed = append(signed, fmt.Sprintf("%s/%d/%d/%s", to, amount, fee, memo))
			assert.GreaterOrEqual(t, entropy, int64(0))
			return []byte{0xca, 0xfe}, nil
		},
	}
	hash, err := e.Send(t.Context(), recipient, 5_000_000, "hello")
	require.NoError(t, err)
	assert.Equal(t, "ABCDEF0123", hash)
	assert.Equal(t, []string{recipient + "/5000000/10000/hello"}, signed)
	assert.Equal(t, map[string]string{"address": "vaultaddr", "raw_hex_bytes": "cafe"}, rawtx)
	assert.Equal(t, 3, queries)

	failing := http.NewServeMux()
	failing.HandleFunc("POST /v1/client/rawtx", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"txhash":"FF","code":5,"raw_log":"insufficient funds"}`))
	})
	e.RPCURL = newServer(t, failing)
	_, err = e.Send(t.Context(), recipient, 1, "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "insufficient funds")
}

func newServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
