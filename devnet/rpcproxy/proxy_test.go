package rpcproxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestProxyCountsFailsAndLies(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, _ = w.Write([]byte(`{"echo":` + string(body) + `,"amount":"100"}`))
	}))
	defer upstream.Close()
	p, err := Start(upstream.URL, "")
	require.NoError(t, err)
	defer p.Close()
	post := func(path, body string) (int, string) {
		resp, err := http.Post(p.URL()+path, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	code, body := post("/", `{"jsonrpc":"2.0","id":1,"method":"eth_getLogs"}`)
	require.Equal(t, 200, code)
	require.Contains(t, body, `"amount":"100"`)
	post("/", `[{"method":"eth_blockNumber"},{"method":"eth_getLogs"}]`)
	post("/v1/query/height", `{}`)
	require.Equal(t, map[string]int64{"eth_getLogs": 2, "eth_blockNumber": 1, "/v1/query/height": 1}, p.Methods())
	require.EqualValues(t, 3, p.Calls())

	p.SetRewrite(func(path string, req, resp []byte) []byte {
		return []byte(strings.ReplaceAll(string(resp), `"100"`, `"999"`))
	})
	_, body = post("/v1/query/tx", `{"hash":"AB"}`)
	require.Contains(t, body, `"amount":"999"`, "a lying node")
	p.SetRewrite(nil)

	p.SetDown(true)
	code, _ = post("/", `{}`)
	require.Equal(t, http.StatusServiceUnavailable, code, "a node whose RPC is down")
}

// TestProxyServesUnderAGatewayPath: with a path prefix (a gateway's
// application id) the proxy forwards only requests under it, without it.
func TestProxyServesUnderAGatewayPath(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.URL.Path))
	}))
	defer upstream.Close()
	p, err := Start(upstream.URL, "")
	require.NoError(t, err)
	defer p.Close()
	p.SetPathPrefix("/v1/app123")
	get := func(path string) (int, string) {
		resp, err := http.Post(p.URL()+path, "application/json", strings.NewReader("{}"))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/v1/app123")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "/", body)
	code, body = get("/v1/app123/v1/query/height")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "/v1/query/height", body)
	code, _ = get("/v1/app1234")
	require.Equal(t, http.StatusNotFound, code)
	code, _ = get("/")
	require.Equal(t, http.StatusNotFound, code)
}
