package copper_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
)

func TestNewClientValidates(t *testing.T) {
	good := copper.Config{BaseURL: "https://api.copper.co", APIKey: "k", APISecret: "s", PortfolioID: "p"}
	tests := map[string]func(c *copper.Config){
		"no base url":     func(c *copper.Config) { c.BaseURL = "" },
		"ftp base url":    func(c *copper.Config) { c.BaseURL = "ftp://api.copper.co" },
		"query in url":    func(c *copper.Config) { c.BaseURL = "https://api.copper.co?x=1" },
		"user in url":     func(c *copper.Config) { c.BaseURL = "https://u:p@api.copper.co" },
		"no api key":      func(c *copper.Config) { c.APIKey = "" },
		"no api secret":   func(c *copper.Config) { c.APISecret = "" },
		"no portfolio id": func(c *copper.Config) { c.PortfolioID = " " },
	}
	_, err := copper.NewClient(good)
	require.NoError(t, err)
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			cfg := good
			mutate(&cfg)
			_, err := copper.NewClient(cfg)
			require.ErrorIs(t, err, copper.ErrInvalidRequest)
			assert.NotContains(t, err.Error(), "u:p")
		})
	}
}

func TestCreateGetFindOrder(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := t.Context()

	tests := map[string]copper.OrderRequest{
		"withdraw":   withdrawRequest("burn-0xabc-0"),
		"smart-call": mintRequest("mint-ABC"),
	}
	for name, req := range tests {
		t.Run(name, func(t *testing.T) {
			o, err := c.CreateOrder(ctx, req)
			require.NoError(t, err)
			assert.NotEmpty(t, o.OrderID)
			assert.Equal(t, req.ExternalOrderID, o.ExternalOrderID)
			assert.Equal(t, e.sim.PortfolioID(), o.PortfolioID)
			assert.Equal(t, copper.StatusWorking, o.Status)
			assert.True(t, o.Amount.Equal(req.Amount))
			assert.Equal(t, req.ToAddress, o.Extra.ToAddress)
			assert.Equal(t, req.Payload, o.Extra.Payload)
			assert.False(t, o.CreatedAt.IsZero())

			got, err := c.GetOrder(ctx, o.OrderID)
			require.NoError(t, err)
			assert.Equal(t, o.OrderID, got.OrderID)

			found, err := c.FindOrderByExternalID(ctx, req.ExternalOrderID)
			require.NoError(t, err)
			assert.Equal(t, o.OrderID, found.OrderID)

			again, err := c.CreateOrder(ctx, req) // idempotent: found by lookup, not created
			require.NoError(t, err)
			assert.Equal(t, o.OrderID, again.OrderID)
		})
	}
	assert.Equal(t, 2, e.sim.OrderCount())
	assert.Equal(t, 2, e.sim.Calls(coppersim.EndpointCreateOrder))
}

func TestCreateOrderSameExternalIDDifferentContentIsMismatch(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	_, err := c.CreateOrder(t.Context(), withdrawRequest("burn-1"))
	require.NoError(t, err)

	other := withdrawRequest("burn-1")
	other.Amount = copper.MustParseAmount("99")
	_, err = c.CreateOrder(t.Context(), other)
	require.ErrorIs(t, err, copper.ErrOrderMismatch)
	assert.Contains(t, err.Error(), "amount")
	assert.False(t, copper.IsRetryable(err))
	assert.Equal(t, 1, e.sim.OrderCount())
}

func TestClientErrorClasses(t *testing.T) {
	tests := []struct {
		name      string
		client    func(e *env, t *testing.T) *copper.Client
		setup     func(e *env)
		call      func(ctx context.Context, c *copper.Client) error
		wantIs    []error
		wantCode  int
		retryable bool
	}{
		{
			name: "401 bad signature",
			client: func(e *env, t *testing.T) *copper.Client {
				return e.client(t, func(c *copper.Config) { c.APISecret = "wrong-secret" })
			},
			call:     func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			wantIs:   []error{copper.ErrUnauthorized},
			wantCode: http.StatusUnauthorized,
		},
		{
			name: "401 stale timestamp",
			client: func(e *env, t *testing.T) *copper.Client {
				return e.client(t, func(c *copper.Config) { c.Now = func() time.Time { return time.Now().Add(-31 * time.Second) } })
			},
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.FindOrderByExternalID(ctx, "x")
				return err
			},
			wantIs:   []error{copper.ErrUnauthorized},
			wantCode: http.StatusUnauthorized,
		},
		{
			name: "401 unknown api key",
			client: func(e *env, t *testing.T) *copper.Client {
				return e.client(t, func(c *copper.Config) { c.APIKey = "nobody" })
			},
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.CreateOrder(ctx, withdrawRequest("burn-401"))
				return err
			},
			wantIs:   []error{copper.ErrUnauthorized},
			wantCode: http.StatusUnauthorized,
		},
		{
			name: "404 get unknown order",
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.GetOrder(ctx, "no-such-order")
				return err
			},
			wantIs:   []error{copper.ErrOrderNotFound, copper.ErrNotFound},
			wantCode: http.StatusNotFound,
		},
		{
			name: "404 order id that needs escaping",
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.GetOrder(ctx, "a/b c%2F?x=1")
				return err
			},
			wantIs:   []error{copper.ErrOrderNotFound},
			wantCode: http.StatusNotFound,
		},
		{
			name:     "404 start signing unknown order",
			call:     func(ctx context.Context, c *copper.Client) error { return c.StartSigning(ctx, "no-such-order") },
			wantIs:   []error{copper.ErrOrderNotFound},
			wantCode: http.StatusNotFound,
		},
		{
			name: "find unknown external id",
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.FindOrderByExternalID(ctx, "nope")
				return err
			},
			wantIs: []error{copper.ErrOrderNotFound},
		},
		{
			name: "400 bad order",
			call: func(ctx context.Context, c *copper.Client) error {
				req := withdrawRequest("burn-bad")
				req.ToAddress = "not-an-address"
				_, err := c.CreateOrder(ctx, req)
				return err
			},
			wantCode: http.StatusBadRequest,
		},
		{
			name:      "429 rate limited",
			setup:     func(e *env) { e.sim.FailNext(coppersim.EndpointGetOrder, 1, http.StatusTooManyRequests) },
			call:      func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			wantIs:    []error{copper.ErrRateLimited},
			wantCode:  http.StatusTooManyRequests,
			retryable: true,
		},
		{
			name:  "503 on lookup",
			setup: func(e *env) { e.sim.FailNext(coppersim.EndpointListOrders, 1, http.StatusServiceUnavailable) },
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.FindOrderByExternalID(ctx, "x")
				return err
			},
			wantCode:  http.StatusServiceUnavailable,
			retryable: true,
		},
		{
			name:  "500 on create before it is applied",
			setup: func(e *env) { e.sim.FailNext(coppersim.EndpointCreateOrder, 1, http.StatusInternalServerError) },
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.CreateOrder(ctx, withdrawRequest("burn-500"))
				return err
			},
			wantIs:    []error{copper.ErrOutcomeUnknown},
			wantCode:  http.StatusInternalServerError,
			retryable: true,
		},
		{
			name:      "500 on start signing",
			setup:     func(e *env) { e.sim.FailNext(coppersim.EndpointPatchOrder, 1, http.StatusBadGateway) },
			call:      func(ctx context.Context, c *copper.Client) error { return c.StartSigning(ctx, "x") },
			wantCode:  http.StatusBadGateway,
			retryable: true,
		},
		{
			name: "timeout",
			client: func(e *env, t *testing.T) *copper.Client {
				return e.client(t, func(c *copper.Config) { c.Timeout = 100 * time.Millisecond })
			},
			setup:     func(e *env) { e.sim.TimeoutNext(coppersim.EndpointGetOrder, 1) },
			call:      func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			wantIs:    []error{context.DeadlineExceeded},
			retryable: true,
		},
		{
			name:      "connection dropped",
			setup:     func(e *env) { e.sim.Inject(coppersim.EndpointGetOrder, 1, coppersim.Fault{Drop: true}) },
			call:      func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			retryable: true,
		},
		{
			name: "malformed JSON answer",
			setup: func(e *env) {
				e.sim.Inject(coppersim.EndpointListOrders, 1, coppersim.Fault{Body: `{"orders":[{"orderId":`})
			},
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.FindOrderByExternalID(ctx, "x")
				return err
			},
			wantIs: []error{copper.ErrInvalidResponse},
		},
		{
			name: "HTML answer with 200",
			setup: func(e *env) {
				e.sim.Inject(coppersim.EndpointGetOrder, 1, coppersim.Fault{Body: `<html>maintenance</html>`})
			},
			call:   func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			wantIs: []error{copper.ErrInvalidResponse},
		},
		{
			name: "HTML error page with 502",
			setup: func(e *env) {
				e.sim.Inject(coppersim.EndpointGetOrder, 1, coppersim.Fault{Status: 502, Body: `<html>bad gateway</html>`})
			},
			call:      func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, "x"); return err },
			wantCode:  http.StatusBadGateway,
			retryable: true,
		},
		{
			name:  "truncated answer",
			setup: func(e *env) { e.sim.Inject(coppersim.EndpointListOrders, 1, coppersim.Fault{Truncate: true}) },
			call: func(ctx context.Context, c *copper.Client) error {
				_, err := c.FindOrderByExternalID(ctx, "x")
				return err
			},
			retryable: true,
		},
		{
			name:   "empty order id refused before sending",
			call:   func(ctx context.Context, c *copper.Client) error { _, err := c.GetOrder(ctx, ""); return err },
			wantIs: []error{copper.ErrInvalidRequest},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(t)
			if tc.client != nil {
				c = tc.client(e, t)
			}
			if tc.setup != nil {
				tc.setup(e)
			}
			err := tc.call(t.Context(), c)
			require.Error(t, err)
			for _, target := range tc.wantIs {
				assert.ErrorIs(t, err, target)
			}
			var apiErr *copper.APIError
			if tc.wantCode != 0 {
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.wantCode, apiErr.Status)
			}
			assert.Equal(t, tc.retryable, copper.IsRetryable(err), "retryable: %v", err)
			t.Log(err)
			assert.NotContains(t, err.Error(), "bridge-secret")
			assert.NotContains(t, err.Error(), "wrong-secret")
		})
	}
}

func TestCreateOrderRecoversLostAnswer(t *testing.T) {
	tests := map[string]func(e *env){
		"connection closed after create": func(e *env) { e.sim.LoseNextCreateAnswer(1) },
		"timeout after create": func(e *env) {
			e.sim.Inject(coppersim.EndpointCreateOrder, 1, coppersim.Fault{Hang: true, AfterEffect: true})
		},
		"502 after create": func(e *env) {
			e.sim.Inject(coppersim.EndpointCreateOrder, 1, coppersim.Fault{Status: 502, AfterEffect: true})
		},
		"answer cut short after create": func(e *env) {
			e.sim.Inject(coppersim.EndpointCreateOrder, 1, coppersim.Fault{Truncate: true})
		},
		"garbage answer after create": func(e *env) {
			e.sim.Inject(coppersim.EndpointCreateOrder, 1, coppersim.Fault{Body: `{"orderId":`, AfterEffect: true})
		},
	}
	for name, inject := range tests {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(t, func(c *copper.Config) { c.Timeout = 200 * time.Millisecond })
			inject(e)
			o, err := c.CreateOrder(t.Context(), withdrawRequest("burn-lost"))
			require.NoError(t, err)
			assert.Equal(t, "burn-lost", o.ExternalOrderID)
			assert.Equal(t, 1, e.sim.OrderCount())
			assert.Equal(t, 1, e.sim.Calls(coppersim.EndpointCreateOrder), "never creates twice")
		})
	}
}

func TestCreateOrderOutcomeUnknownThenRetry(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := t.Context()
	// The first lookup answers "none", the create's answer is lost, and every
	// lookup after it fails: the client cannot know, and says so.
	e.sim.Inject(coppersim.EndpointListOrders, 1, coppersim.Fault{Body: `{"orders":[]}`})
	e.sim.LoseNextCreateAnswer(1)
	e.sim.FailNext(coppersim.EndpointListOrders, 3, http.StatusServiceUnavailable)

	_, err := c.CreateOrder(ctx, withdrawRequest("burn-unknown"))
	require.ErrorIs(t, err, copper.ErrOutcomeUnknown)
	assert.True(t, copper.IsRetryable(err))

	// The retry (as a Temporal activity would do) looks up first and finds it.
	o, err := c.CreateOrder(ctx, withdrawRequest("burn-unknown"))
	require.NoError(t, err)
	assert.Equal(t, "burn-unknown", o.ExternalOrderID)
	assert.Equal(t, 1, e.sim.OrderCount())
	assert.Equal(t, 1, e.sim.Calls(coppersim.EndpointCreateOrder))
}

func TestCreateOrderConflictRecovers(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := t.Context()
	first, err := c.CreateOrder(ctx, withdrawRequest("burn-409"))
	require.NoError(t, err)

	// A stale lookup says "none", so the client creates and gets a 409.
	e.sim.Inject(coppersim.EndpointListOrders, 1, coppersim.Fault{Body: `{"orders":[]}`})
	o, err := c.CreateOrder(ctx, withdrawRequest("burn-409"))
	require.NoError(t, err)
	assert.Equal(t, first.OrderID, o.OrderID)
	assert.Equal(t, 2, e.sim.Calls(coppersim.EndpointCreateOrder))
	assert.Equal(t, 1, e.sim.OrderCount())

	// A 409 whose order never shows up is final.
	e.sim.Inject(coppersim.EndpointListOrders, 4, coppersim.Fault{Body: `{"orders":[]}`})
	_, err = c.CreateOrder(ctx, withdrawRequest("burn-409"))
	require.ErrorIs(t, err, copper.ErrConflict)
	assert.False(t, copper.IsRetryable(err))
}

func TestConcurrentCreateOneOrder(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	const n = 12
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		c := e.client(t) // one client per node
		wg.Go(func() {
			<-start
			o, err := c.CreateOrder(ctx, mintRequest("mint-CONCURRENT"))
			errs[i] = err
			if err == nil {
				ids[i] = o.OrderID
			}
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i], "client %d", i)
		assert.Equal(t, ids[0], ids[i])
	}
	assert.Equal(t, 1, e.sim.OrderCount())
}

func TestStartSigningAndCancel(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := t.Context()

	o := e.startedOrder(t, withdrawRequest("burn-start"))
	assert.True(t, o.Extra.PartSigned)
	assert.NotEmpty(t, o.Extra.TransactionRequest)
	require.NoError(t, c.StartSigning(ctx, o.OrderID), "start signing is idempotent")

	require.NoError(t, c.CancelOrder(ctx, o.OrderID))
	got, err := c.GetOrder(ctx, o.OrderID)
	require.NoError(t, err)
	assert.Equal(t, copper.StatusCanceled, got.Status)
	assert.True(t, got.Status.Failed())
	require.NoError(t, c.CancelOrder(ctx, o.OrderID), "cancel is idempotent")

	err = c.StartSigning(ctx, o.OrderID)
	require.ErrorIs(t, err, copper.ErrConflict)
	assert.False(t, copper.IsRetryable(err))
}

func TestStartSigningLostAnswerIsRetryable(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx := t.Context()
	o, err := c.CreateOrder(ctx, withdrawRequest("burn-patch"))
	require.NoError(t, err)
	e.sim.Inject(coppersim.EndpointPatchOrder, 1, coppersim.Fault{Drop: true, AfterEffect: true})
	err = c.StartSigning(ctx, o.OrderID)
	require.Error(t, err)
	assert.True(t, copper.IsRetryable(err))
	require.NoError(t, c.StartSigning(ctx, o.OrderID))
	got, err := c.GetOrder(ctx, o.OrderID)
	require.NoError(t, err)
	assert.Equal(t, copper.StatusPartSignedTxAdded, got.Status)
}

func TestCancelledContextIsNotRetryable(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.GetOrder(ctx, "x")
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled))
	assert.False(t, copper.IsRetryable(err))
}
