package eth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

func TestCheckChainID(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	cl := c.DialHTTP(t, c.Options())
	tests := []struct {
		want    uint64
		wantErr error
	}{
		{ethnet.ChainID, nil},
		{1, eth.ErrChainIDMismatch},
		{11155111, eth.ErrChainIDMismatch},
	}
	for _, tt := range tests {
		err := cl.CheckChainID(context.Background(), tt.want)
		if tt.wantErr == nil {
			assert.NoError(t, err)
			continue
		}
		assert.ErrorIs(t, err, tt.wantErr)
		assert.Contains(t, err.Error(), "rpc serves chain 1337")
	}
}

func TestHeadNumberAndContractReads(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0].Address
	c.Mint(t, user, big64(700), big64(1))
	c.Mint(t, c.Users[1].Address, big64(300), big64(1))
	c.Commit(3)

	for name, url := range map[string]string{"http": c.HTTPURL, "ws": c.WSURL} {
		t.Run(name, func(t *testing.T) {
			cl, err := eth.Dial(context.Background(), url, c.Options())
			require.NoError(t, err)
			defer cl.Close()
			ctx := context.Background()

			head, err := cl.HeadNumber(ctx)
			require.NoError(t, err)
			assert.Equal(t, c.Head(t).Number.Uint64(), head)
			require.NoError(t, cl.CheckContract(ctx))

			nonce, err := cl.UserNonce(ctx, user)
			require.NoError(t, err)
			assert.Equal(t, big64(1), nonce)
			nonce, err = cl.UserNonce(ctx, common.HexToAddress("0x1234"))
			require.NoError(t, err)
			assert.Zero(t, nonce.Sign())

			supply, err := cl.TotalSupply(ctx)
			require.NoError(t, err)
			assert.Equal(t, big64(1_000), supply)
			bal, err := cl.BalanceOf(ctx, user)
			require.NoError(t, err)
			assert.Equal(t, big64(700), bal)
		})
	}
}

func TestNoContractAtAddress(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{NoContract: true})
	cl := c.DialHTTP(t, eth.Options{WPOKTAddress: common.HexToAddress("0xdead")})
	ctx := context.Background()

	assert.ErrorIs(t, cl.CheckContract(ctx), eth.ErrNoContract)
	_, err := cl.UserNonce(ctx, c.Users[0].Address)
	assert.ErrorIs(t, err, eth.ErrNoContract)
	_, err = cl.TotalSupply(ctx)
	assert.ErrorIs(t, err, eth.ErrNoContract)
}

func TestDialRejects(t *testing.T) {
	addr := eth.Options{WPOKTAddress: common.HexToAddress("0xc0de")}
	tests := []struct {
		name string
		url  string
		opts eth.Options
	}{
		{"ipc path", "/tmp/geth.ipc", addr},
		{"other scheme", "ftp://127.0.0.1:8545", addr},
		{"stdio", "stdio://", addr},
		{"unparsable", "http://[::1", addr},
		{"no contract address", "http://127.0.0.1:8545", eth.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl, err := eth.Dial(context.Background(), tt.url, tt.opts)
			assert.ErrorIs(t, err, eth.ErrInvalidArgument)
			assert.Nil(t, cl)
		})
	}
}

// hangingServer accepts requests and never answers them (until the client
// gives up or the test ends).
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv
}

func TestCallsTimeOut(t *testing.T) {
	srv := hangingServer(t)
	const secret = "s3cr3t-api-key"
	timeout := 200 * time.Millisecond
	cl, err := eth.Dial(context.Background(), srv.URL+"/v3/"+secret, eth.Options{
		WPOKTAddress: common.HexToAddress("0xc0de"),
		CallTimeout:  timeout,
	})
	require.NoError(t, err)
	defer cl.Close()

	tests := []struct {
		name   string
		call   func(ctx context.Context) error
		prefix string
	}{
		{"head", func(ctx context.Context) error { _, err := cl.HeadNumber(ctx); return err }, "get head number: "},
		{"chain id", func(ctx context.Context) error { return cl.CheckChainID(ctx, 1) }, "get chain id: "},
		{"burns", func(ctx context.Context) error { _, err := cl.Burns(ctx, 0, 9); return err }, "filter burn logs 0-9: "},
		{"check burn", func(ctx context.Context) error { _, err := cl.CheckBurn(ctx, common.HexToHash("0x01"), 0); return err }, "check burn 0x"},
		{"user nonce", func(ctx context.Context) error { _, err := cl.UserNonce(ctx, common.HexToAddress("0x01")); return err }, "call userNonce("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := tt.call(context.Background())
			elapsed := time.Since(start)
			require.Error(t, err)
			t.Log(err)
			assert.Less(t, elapsed, 5*time.Second, "the call timeout must end the call")
			assert.GreaterOrEqual(t, elapsed, timeout)
			assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.prefix), "%q does not say what was being done", err)
			assert.Contains(t, err.Error(), "no answer within 200ms")
			assert.NotContains(t, err.Error(), secret, "the rpc url's api key leaked into an error")
		})
	}

	t.Run("caller's deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := cl.HeadNumber(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.NotContains(t, err.Error(), "no answer within", "the caller's own deadline is not the call timeout")
	})
}

func TestDialWebsocketFailureHidesURL(t *testing.T) {
	srv := hangingServer(t)
	const secret = "s3cr3t-api-key"
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/ws/" + secret
	_, err := eth.Dial(context.Background(), url, eth.Options{
		WPOKTAddress: common.HexToAddress("0xc0de"),
		CallTimeout:  200 * time.Millisecond,
	})
	require.Error(t, err)
	t.Log(err)
	assert.True(t, strings.HasPrefix(err.Error(), "dial ethereum rpc ws://127.0.0.1:"), "%v", err)
	assert.NotContains(t, err.Error(), secret)
}
