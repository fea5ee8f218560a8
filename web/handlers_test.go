package web

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/store"
)

func newTestServer(t *testing.T, proj Projection) *Server {
	t.Helper()
	s, err := New(proj, Config{Explorers: testExplorers, Fallback: testSettings, Logger: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return t0.Add(11 * time.Minute) }})
	require.NoError(t, err)
	return s
}

func get(t *testing.T, h http.Handler, method, target string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	resp := rec.Result()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

var (
	hex64 = strings.Repeat("a", 64)
	hex40 = strings.Repeat("b", 40)
)

func TestEveryBadInputIsA400WithAMessageAndNoQuery(t *testing.T) {
	cases := []struct{ path, says string }{
		{"/tx/xyz", "not a transaction hash"},
		{"/tx/" + hex64[:63], "not a transaction hash"},
		{"/tx/" + hex64 + "a", "not a transaction hash"},
		{"/tx/0x" + hex64[:63], "not a transaction hash"},
		{"/tx/" + strings.Repeat("g", 64), "not a transaction hash"},
		{"/tx/" + strings.Repeat("a", 400), "not a transaction hash"},
		{"/tx/%20" + hex64, "not a transaction hash"},
		{"/tx/0x0x" + hex64[:62], "not a transaction hash"},
		{"/t/foo", "not a transfer id"},
		{"/t/mint-xyz", "not a transfer id"},
		{"/t/mint-" + hex64[:63], "not a transfer id"},
		{"/t/mint-" + strings.ToUpper(hex64), "not a transfer id"},
		{"/t/burn-" + hex64 + "-0", "not a transfer id"},
		{"/t/burn-0x" + hex64 + "-x", "not a transfer id"},
		{"/t/burn-0x" + hex64 + "--1", "not a transfer id"},
		{"/t/burn-0x" + hex64 + "-99999999", "not a transfer id"},
		{"/t/burn-0xabc-1", "not a transfer id"},
		{"/t/" + strings.Repeat("m", 300), "too long"},
		{"/address/0x123", "not an address"},
		{"/address/" + hex40[:39], "not an address"},
		{"/address/0x" + hex40 + "0", "not an address"},
		{"/address/pokt1invalid", "not a Pocket address"},
		{"/address/pokt1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3znxdsxp", "not a Pocket address"}, // a checksum error
		{"/address/cosmos1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zwqjy6c", "not an address"},     // another chain's prefix
		{"/address/" + strings.Repeat("z", 200), "too long"},
		{"/address/%3Cscript%3E", "not an address"},
		{"/address/" + ethAddr + "?limit=0", "limit"},
		{"/address/" + ethAddr + "?limit=101", "limit"},
		{"/address/" + ethAddr + "?limit=ten", "limit"},
		{"/search", "type a transaction hash or an address"},
		{"/search?q=%20%20", "type a transaction hash or an address"},
		{"/search?q=hello", "neither a transaction hash"},
		{"/search?q=" + strings.Repeat("a", 129), "too long"},
		{"/search?q=mint-zz", "not a transfer id"},
	}
	for _, c := range cases {
		for _, prefix := range []string{"", "/api/v1"} {
			path := c.path
			if prefix != "" {
				if strings.HasPrefix(path, "/search") {
					continue // the search is a page only
				}
				path = strings.Replace(prefix+path, "/api/v1/t/", "/api/v1/transfers/", 1)
			}
			t.Run(path, func(t *testing.T) {
				proj := newFake(mintDoc())
				resp, body := get(t, newTestServer(t, proj), http.MethodGet, path)
				require.Equal(t, http.StatusBadRequest, resp.StatusCode, body)
				require.Contains(t, body, c.says)
				require.Zero(t, proj.Calls(), "a refused input reaches no query")
				if prefix != "" {
					require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
					var e struct{ Error string }
					require.NoError(t, json.Unmarshal([]byte(body), &e))
					require.Contains(t, e.Error, c.says)
				} else {
					require.Contains(t, resp.Header.Get("Content-Type"), "text/html")
					require.NotContains(t, body, "<script>", "the input is escaped")
				}
			})
		}
	}
}

func TestOnlyGetAndHeadAreServed(t *testing.T) {
	s := newTestServer(t, newFake(mintDoc()))
	for _, path := range []string{"/", "/t/" + mintDoc().ID, "/api/v1/bridge", "/static/app.js", "/nowhere"} {
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions, "TRACE"} {
			resp, body := get(t, s, m, path)
			require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s %s", m, path)
			require.Equal(t, "GET, HEAD", resp.Header.Get("Allow"))
			require.Contains(t, body, "only GET and HEAD")
		}
		resp, body := get(t, s, http.MethodHead, path)
		require.NotEqual(t, http.StatusMethodNotAllowed, resp.StatusCode, path)
		require.Empty(t, body, "HEAD has no body")
	}
}

func TestEveryAnswerKeepsThePageToItsOwnOrigin(t *testing.T) {
	s := newTestServer(t, newFake(mintDoc()))
	for _, path := range []string{"/", "/t/" + mintDoc().ID, "/api/v1/nodes", "/static/style.css", "/nowhere", "/tx/bad"} {
		resp, _ := get(t, s, http.MethodGet, path)
		require.Equal(t, "default-src 'self'", resp.Header.Get("Content-Security-Policy"), path)
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), path)
	}
	_, body := get(t, s, http.MethodGet, "/t/"+mintDoc().ID)
	require.NotContains(t, body, "http://", "no third-party resource")
	require.NotContains(t, body, "style=", "no inline style (the CSP forbids it)")
	require.NotRegexp(t, `<script>`, body, "no inline script")
}

func TestUnknownThingsAre404AndTheDatabaseA503(t *testing.T) {
	s := newTestServer(t, newFake(mintDoc()))
	for _, path := range []string{"/nowhere", "/t/mint-" + hex64, "/api/v1/transfers/burn-0x" + hex64 + "-0", "/api/v1/nope"} {
		resp, body := get(t, s, http.MethodGet, path)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path+": "+body)
	}
	broken := newFake(mintDoc())
	broken.err = errors.New("connection refused to mongodb://frontend:hunter22@db:27017")
	s = newTestServer(t, broken)
	for _, path := range []string{"/", "/t/" + mintDoc().ID, "/tx/" + pocketHash, "/address/" + ethAddr, "/nodes",
		"/api/v1/bridge", "/api/v1/nodes", "/api/v1/tx/" + ethHash, "/api/v1/transfers/" + mintDoc().ID, "/api/v1/address/" + morseAddr} {
		resp, body := get(t, s, http.MethodGet, path)
		require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, path)
		require.Contains(t, body, "cannot be read right now")
		require.NotContains(t, body, "hunter22", "no database detail, and so no secret, is rendered")
	}
}

func TestSearchSendsEachInputToItsPage(t *testing.T) {
	s := newTestServer(t, newFake())
	for q, want := range map[string]string{
		pocketHash:                  "/tx/" + pocketHash,
		strings.ToLower(pocketHash): "/tx/" + pocketHash,
		ethHash:                     "/tx/" + ethHash,
		"  " + ethAddr + " ":        "/address/" + ethAddr,
		morseAddr:                   "/address/" + morseAddr,
		"pokt1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3znxdsxq": "/address/pokt1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3znxdsxq",
		mintDoc().ID: "/t/" + mintDoc().ID,
	} {
		resp, body := get(t, s, http.MethodGet, "/search?q="+strings.ReplaceAll(q, " ", "+"))
		require.Equal(t, http.StatusSeeOther, resp.StatusCode, q+": "+body)
		require.Equal(t, want, resp.Header.Get("Location"), q)
	}
}

func TestTransferAPIDerivesProgress(t *testing.T) {
	proj := newFake(mintDoc(), burnDoc(0, "detected"), burnDoc(1, "detected"))
	proj.bridge = &store.BridgeState{Settings: &testSettings}
	s := newTestServer(t, proj)

	resp, body := get(t, s, http.MethodGet, "/api/v1/transfers/"+mintDoc().ID)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	var v TransferView
	require.NoError(t, json.Unmarshal([]byte(body), &v))
	require.Equal(t, Signatures{Have: 9, Need: 9, Of: 12}, v.Signatures)
	require.Equal(t, Count{Have: 8, Need: 8}, v.Confirmations)
	require.Nil(t, v.ETASeconds, "no wait for confirmations once confirmed")
	require.Equal(t, "https://eth.example/address/"+ethAddr, v.Links.Recipient)
	require.Equal(t, "https://pocket.example/tx/"+pocketHash, v.Links.SourceTx)
	require.False(t, v.Final)
	var states []string
	for _, st := range v.Steps {
		states = append(states, string(st.Status)+":"+st.State)
	}
	require.Equal(t, []string{"detected:done", "confirmed:done", "started:done", "signed:current", "executed:pending"}, states)
	require.Equal(t, t0.Add(8*time.Minute), v.Steps[1].At.UTC())

	// The two burn logs of one tx: a list; the ETA counts the 29 missing
	// Ethereum blocks of 12 s, less the 11 minutes since the count.
	resp, body = get(t, s, http.MethodGet, "/api/v1/tx/"+ethHash)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	var tx TxView
	require.NoError(t, json.Unmarshal([]byte(body), &tx))
	require.True(t, tx.Seen)
	require.Len(t, tx.Transfers, 2)
	require.Equal(t, Count{Have: 3, Need: 32}, tx.Transfers[0].Confirmations)
	require.EqualValues(t, 0, *tx.Transfers[0].ETASeconds, "29 blocks of 12 s (348 s) were due before the 660 s since")
	require.Equal(t, []string{"https://eth.example/tx/" + ethHash}, tx.Links)

	// Its page lists both, each linked to its own page.
	resp, body = get(t, s, http.MethodGet, "/tx/"+ethHash)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, "holds 2 transfers")
	for _, n := range []int{0, 1} {
		require.Contains(t, body, `href="/t/`+burnDoc(n, "detected").ID+`"`)
	}

	// A tx never seen: an empty answer, with the explorers to look at.
	_, body = get(t, s, http.MethodGet, "/api/v1/tx/"+strings.ToUpper(hex64))
	require.NoError(t, json.Unmarshal([]byte(body), &tx))
	require.False(t, tx.Seen)
	require.Empty(t, tx.Transfers)
	require.Len(t, tx.Links, 2, "without 0x it may be either chain's")
}

func TestAddressAcceptsEveryFormOfTheSameAccount(t *testing.T) {
	proj := newFake(mintDoc(), burnDoc(0, "executed"))
	s := newTestServer(t, proj)
	// The same 20 bytes 0x2222...: Morse hex in any case, with 0x, and bech32.
	for _, a := range []string{morseAddr, "0x" + morseAddr, "pokt1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3znxdsxq", "POKT1YG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZYG3ZNXDSXQ"} {
		resp, body := get(t, s, http.MethodGet, "/api/v1/address/"+a)
		require.Equal(t, http.StatusOK, resp.StatusCode, a+": "+body)
		var v AddressView
		require.NoError(t, json.Unmarshal([]byte(body), &v))
		require.Len(t, v.Transfers, 2, a)
	}
}

func TestPagesReloadThemselvesWithoutJavaScriptUntilFinal(t *testing.T) {
	executed := burnDoc(2, "executed")
	executed.SourceTxHash = "0x" + hex64
	executed.ID = "burn-0x" + hex64 + "-0"
	s := newTestServer(t, newFake(mintDoc(), executed))
	const refresh = `<noscript><meta http-equiv="refresh" content="15"></noscript>`
	_, body := get(t, s, http.MethodGet, "/t/"+mintDoc().ID)
	require.Contains(t, body, refresh, "a transfer on its way")
	require.Contains(t, body, `data-watch="/api/v1/transfers/`+mintDoc().ID+`"`, "and the script follows it")
	_, body = get(t, s, http.MethodGet, "/t/"+executed.ID)
	require.NotContains(t, body, refresh, "a final transfer does not change")
	require.NotContains(t, body, "data-watch")
	_, body = get(t, s, http.MethodGet, "/tx/"+strings.Repeat("c", 64))
	require.Contains(t, body, refresh, "a tx not seen yet is looked for again")
}
