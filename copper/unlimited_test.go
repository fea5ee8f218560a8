package copper_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/secret"
)

func TestThresholdExecutesOnce(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	o := e.startedOrder(t, mintRequest("mint-THRESHOLD"))

	for i := range 8 {
		require.NoError(t, e.signer(t, e.node(t, i)).Sign(ctx, o), "node %d", i)
	}
	got, _ := e.sim.Order(o.OrderID)
	assert.Equal(t, copper.StatusPartSignedTxAdded, got.Status, "8 signatures do not execute")
	assert.Equal(t, 8, e.sim.SignatureCount(o.OrderID))
	assert.Equal(t, 0, e.eth.count())

	require.NoError(t, e.signer(t, e.node(t, 8)).Sign(ctx, o))
	done := waitTerminal(t, e.sim, o.OrderID)
	assert.Equal(t, copper.StatusExecuted, done.Status)
	assert.True(t, done.Extra.Signed)
	assert.NotEmpty(t, done.Extra.TransactionID)
	assert.Equal(t, 1, e.eth.count())
	assert.Len(t, done.Extra.CoSigners, 9)

	// The last three nodes sign too, concurrently: still executed once.
	var wg sync.WaitGroup
	for i := 9; i < 12; i++ {
		u := e.signer(t, e.node(t, i))
		wg.Go(func() { assert.NoError(t, u.Sign(ctx, o)) })
	}
	wg.Wait()
	assert.Equal(t, 12, e.sim.SignatureCount(o.OrderID))
	assert.Equal(t, 1, e.eth.count(), "the executor ran once")

	c := e.client(t)
	final, err := c.GetOrder(ctx, o.OrderID)
	require.NoError(t, err)
	assert.True(t, final.Status.Executed())
	assert.Equal(t, done.Extra.TransactionID, final.Extra.TransactionID)
	assert.Equal(t, wpoktContract+":"+mintPayload[2:], e.eth.calls[0])
}

func TestTwelveConcurrentSignersExecuteOnce(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	o := e.startedOrder(t, withdrawRequest("burn-12"))
	var wg sync.WaitGroup
	for i := range 12 {
		u := e.signer(t, e.node(t, i))
		wg.Go(func() { assert.NoError(t, u.Sign(ctx, o)) })
	}
	wg.Wait()
	done := waitTerminal(t, e.sim, o.OrderID)
	assert.Equal(t, copper.StatusExecuted, done.Status)
	assert.Equal(t, 1, e.pokt.count())
	assert.Equal(t, poktCall{to: recipientPokt, amount: 12_500_000, memo: "burn-0xabc-0"}, e.pokt.calls[0])
}

func TestSameShardTwiceCountsOnce(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	o := e.startedOrder(t, withdrawRequest("burn-twice"))
	u := e.signer(t, e.node(t, 0))
	require.NoError(t, u.Sign(ctx, o))
	require.NoError(t, u.Sign(ctx, o))
	require.NoError(t, e.signer(t, e.node(t, 0)).Sign(ctx, o))
	assert.Equal(t, 1, e.sim.SignatureCount(o.OrderID))
	assert.Equal(t, []string{e.node(t, 0).ID}, e.sim.Signers(o.OrderID))
}

func TestSignRefusals(t *testing.T) {
	tests := map[string]func(e *env, t *testing.T) *copper.Unlimited{
		"wrong key password": func(e *env, t *testing.T) *copper.Unlimited {
			return e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) { c.KeyPassword = "wrong-password" })
		},
		"wrong master password": func(e *env, t *testing.T) *copper.Unlimited {
			return e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) { c.MasterPassword = "wrong-master" })
		},
		"another node's key file": func(e *env, t *testing.T) *copper.Unlimited {
			other := e.node(t, 1)
			return e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) {
				c.KeyFilename, c.KeyPassword = other.KeyFilename, secret.Value(other.KeyPassword)
			})
		},
		"unknown key file": func(e *env, t *testing.T) *copper.Unlimited {
			return e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) { c.KeyFilename = "node-99.key" })
		},
		"another node's api key": func(e *env, t *testing.T) *copper.Unlimited {
			other := e.node(t, 1)
			return e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) {
				c.APIKey, c.APISecret = secret.Value(other.API.Key), secret.Value(other.API.Secret)
			})
		},
	}
	for name, build := range tests {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			o := e.startedOrder(t, withdrawRequest("burn-refused"))
			u := build(e, t)
			err := u.Sign(t.Context(), o)
			require.ErrorIs(t, err, copper.ErrSignFailed)
			assert.False(t, copper.IsRetryable(err))
			assert.Equal(t, 0, e.sim.SignatureCount(o.OrderID), "no signature counted")
			for _, secret := range []string{"wrong-password", "wrong-master", testMasterPassword, e.node(t, 0).KeyPassword, e.node(t, 1).KeyPassword} {
				assert.NotContains(t, err.Error(), secret)
			}
			t.Log(err)
		})
	}
}

func TestUnknownShardHasNoCoSigner(t *testing.T) {
	e := newEnv(t)
	_, err := e.sim.UnlimitedHandler("node-99")
	require.Error(t, err)
}

func TestSignNotSignable(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	c := e.client(t)
	o, err := c.CreateOrder(ctx, withdrawRequest("burn-not-started"))
	require.NoError(t, err)
	u := e.signer(t, e.node(t, 0))

	err = u.Sign(ctx, o) // no transactionRequest before start-signing
	require.ErrorIs(t, err, copper.ErrNotSignable)

	// A forged transactionRequest (another amount) is refused by the co-signer.
	started := e.startedOrder(t, withdrawRequest("burn-forged"))
	var tr coppersim.TransactionRequest
	require.NoError(t, json.Unmarshal(started.Extra.TransactionRequest, &tr))
	tr.Digest = "00"
	forged := *started
	forged.Extra.TransactionRequest, _ = json.Marshal(tr)
	require.ErrorIs(t, u.Sign(ctx, &forged), copper.ErrSignFailed)
	assert.Equal(t, 0, e.sim.SignatureCount(started.OrderID))

	require.NoError(t, c.CancelOrder(ctx, started.OrderID))
	canceled, err := c.GetOrder(ctx, started.OrderID)
	require.NoError(t, err)
	require.ErrorIs(t, u.Sign(ctx, canceled), copper.ErrNotSignable)
	// The stale copy (not yet seen as canceled) reaches the co-signer, which refuses.
	require.ErrorIs(t, u.Sign(ctx, started), copper.ErrSignFailed)
	require.ErrorIs(t, u.Sign(ctx, nil), copper.ErrInvalidRequest)
}

func TestSignSurvivesTransientFaults(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	o := e.startedOrder(t, withdrawRequest("burn-transient"))
	e.sim.FailNext(coppersim.EndpointUnlimitedSign, 1, http.StatusServiceUnavailable)
	e.sim.FailNext(coppersim.EndpointUnlimitedStatus, 3, http.StatusInternalServerError)
	e.sim.SetSigningDelay(20 * time.Millisecond)
	require.NoError(t, e.signer(t, e.node(t, 0)).Sign(ctx, o))
	assert.Equal(t, 1, e.sim.SignatureCount(o.OrderID))
	assert.Equal(t, 2, e.sim.Calls(coppersim.EndpointUnlimitedSign))

	// The sign request's answer is lost after the job started: the retry
	// with the same transactionRequestId is recognised.
	e.sim.Inject(coppersim.EndpointUnlimitedSign, 1, coppersim.Fault{Drop: true, AfterEffect: true})
	require.NoError(t, e.signer(t, e.node(t, 1)).Sign(ctx, o))
	assert.Equal(t, 2, e.sim.SignatureCount(o.OrderID))
}

func TestSignDeadline(t *testing.T) {
	e := newEnv(t)
	o := e.startedOrder(t, withdrawRequest("burn-slow"))
	e.sim.SetSigningDelay(2 * time.Second)
	u := e.signer(t, e.node(t, 0), func(c *copper.UnlimitedConfig) { c.Deadline = 150 * time.Millisecond })
	start := time.Now()
	err := u.Sign(t.Context(), o)
	require.ErrorIs(t, err, copper.ErrSignTimeout)
	assert.True(t, copper.IsRetryable(err))
	assert.Contains(t, err.Error(), "in-progress")
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, 0, e.sim.SignatureCount(o.OrderID))
}

func TestSignRequestLost(t *testing.T) {
	e := newEnv(t)
	o := e.startedOrder(t, withdrawRequest("burn-lost-job"))
	e.sim.Inject(coppersim.EndpointUnlimitedStatus, 1, coppersim.Fault{Status: http.StatusNotFound})
	err := e.signer(t, e.node(t, 0)).Sign(t.Context(), o)
	require.ErrorIs(t, err, copper.ErrSignRequestLost)
	assert.True(t, copper.IsRetryable(err))
}

// A co-signer that echoes secrets back in its messages: they are redacted.
func TestUnlimitedRedactsEchoedSecrets(t *testing.T) {
	const pw, master, secret = "key-pw-1234", "master-5678", "api-secret-9"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			var req copper.SignAsyncRequest
			_ = json.NewDecoder(r.Body).Decode(&req)
			assert.Equal(t, pw, req.KeyPassword, "the wire carries the real value")
			_, _ = w.Write([]byte(`{"transactionRequestId":"` + req.TransactionRequestID + `"}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"error","message":"bad password ` + pw + ` / ` + master + ` / ` + secret + `"}`))
	}))
	defer srv.Close()
	u, err := copper.NewUnlimited(copper.UnlimitedConfig{BaseURL: srv.URL, KeyFilename: "k", KeyPassword: pw,
		MasterPassword: master, APIKey: "key", APISecret: secret, PollInterval: time.Millisecond})
	require.NoError(t, err)
	err = u.Sign(t.Context(), &copper.Order{OrderID: "o", Status: copper.StatusPartSignedTxAdded,
		Extra: copper.OrderExtra{TransactionRequest: json.RawMessage(`{"orderId":"o"}`)}})
	require.ErrorIs(t, err, copper.ErrSignFailed)
	for _, s := range []string{pw, master, secret} {
		assert.NotContains(t, err.Error(), s)
	}
	assert.Contains(t, err.Error(), "[REDACTED]")
}

func TestUnlimitedBadAnswers(t *testing.T) {
	tests := map[string]coppersim.Fault{
		"malformed status":   {Body: `{"status":`},
		"unknown status":     {Body: `{"status":"dancing"}`},
		"array status":       {Body: `[]`},
		"400 on status":      {Status: http.StatusBadRequest},
		"401 on status":      {Status: http.StatusUnauthorized},
		"empty 200 answer":   {Body: ` `},
		"html status answer": {Body: `<html></html>`},
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			o := e.startedOrder(t, withdrawRequest("burn-bad-answer"))
			e.sim.SetSigningDelay(50 * time.Millisecond)
			e.sim.Inject(coppersim.EndpointUnlimitedStatus, 1, f)
			err := e.signer(t, e.node(t, 0)).Sign(t.Context(), o)
			require.Error(t, err)
			assert.False(t, copper.IsRetryable(err), "%v", err)
		})
	}
}

func TestNewUnlimitedValidates(t *testing.T) {
	good := copper.UnlimitedConfig{BaseURL: "http://127.0.0.1:3010", KeyFilename: "k", KeyPassword: "a",
		MasterPassword: "b", APIKey: "c", APISecret: "d"}
	_, err := copper.NewUnlimited(good)
	require.NoError(t, err)
	for name, mutate := range map[string]func(c *copper.UnlimitedConfig){
		"no url":             func(c *copper.UnlimitedConfig) { c.BaseURL = "" },
		"no key file":        func(c *copper.UnlimitedConfig) { c.KeyFilename = "" },
		"no key password":    func(c *copper.UnlimitedConfig) { c.KeyPassword = "" },
		"no master password": func(c *copper.UnlimitedConfig) { c.MasterPassword = "" },
		"no api key":         func(c *copper.UnlimitedConfig) { c.APIKey = "" },
		"no api secret":      func(c *copper.UnlimitedConfig) { c.APISecret = "" },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := good
			mutate(&cfg)
			_, err := copper.NewUnlimited(cfg)
			require.ErrorIs(t, err, copper.ErrInvalidRequest)
		})
	}
}

func TestUnlimitedPing(t *testing.T) {
	e := newEnv(t)
	require.NoError(t, e.signer(t, e.node(t, 0)).Ping(t.Context()))

	down, err := copper.NewUnlimited(copper.UnlimitedConfig{
		BaseURL: "http://127.0.0.1:1", KeyFilename: "k", KeyPassword: "a", MasterPassword: "b", APIKey: "c", APISecret: "d",
		CallTimeout: time.Second,
	})
	require.NoError(t, err)
	require.ErrorContains(t, down.Ping(t.Context()), "ping")
}
