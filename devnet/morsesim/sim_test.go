package morsesim

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	vault = "00000000000000000000000000000000000000aa"
	alice = "00000000000000000000000000000000000000a1"
	bob   = "00000000000000000000000000000000000000b0"
)

// serve starts sim on a real listener and returns its base URL.
func serve(t *testing.T, sim *Sim) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := sim.Serve(l)
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + l.Addr().String()
}

// post sends body as JSON and returns the status and the decoded answer.
func post(t *testing.T, url string, body any) (int, map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&out), string(raw))
	return resp.StatusCode, out
}

func num(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

func TestAccountTxsQuirks(t *testing.T) {
	sim := New(Config{MaxPerPage: 2})
	url := serve(t, sim)
	require.NoError(t, sim.Fund(alice, 100_000_000))
	var hashes []string // oldest first
	for i := 0; i < 5; i++ {
		h, err := sim.Send(alice, vault, uint64(1_000_000+i), "")
		require.NoError(t, err)
		hashes = append(hashes, h)
		if i%2 == 1 {
			sim.NextBlock()
		}
	}
	sim.NextBlock()
	_, err := sim.Send(vault, bob, 1, "") // sent by the vault, not received
	require.NoError(t, err)
	sim.NextBlock()

	for _, order := range []string{"desc", "asc", ""} {
		var got []string
		for page := 1; page <= 3; page++ {
			status, res := post(t, url+"/v1/query/accounttxs", map[string]any{
				"address": vault, "page": page, "per_page": 1000, "received": true, "prove": false, "order": order,
			})
			require.Equal(t, 200, status)
			txs := res["txs"].([]any)
			assert.Equal(t, int64(len(txs)), num(res["page_count"]), "page_count is the number of txs on the page")
			assert.Equal(t, int64(5), num(res["total_txs"]))
			for _, tx := range txs {
				got = append(got, tx.(map[string]any)["hash"].(string))
			}
		}
		assert.Equal(t, []string{hashes[4], hashes[3], hashes[2], hashes[1], hashes[0]}, got, "newest first, order %q", order)
	}

	status, res := post(t, url+"/v1/query/accounttxs", map[string]any{"address": vault, "page": 4, "per_page": 2, "received": true})
	assert.Equal(t, 400, status)
	assert.Equal(t, "page should be within [1, 3] range, given 4", res["message"])

	status, res = post(t, url+"/v1/query/accounttxs", map[string]any{"address": vault, "received": false})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(1), num(res["total_txs"]), "received false lists what the address sent")

	status, _ = post(t, url+"/v1/query/accounttxs", map[string]any{"address": vault, "order": "newest"})
	assert.Equal(t, 400, status)
	status, _ = post(t, url+"/v1/query/accounttxs", map[string]any{"address": "0x" + vault})
	assert.Equal(t, 400, status)
}

func TestTxEndpoint(t *testing.T) {
	sim := New(Config{ChainID: "testnet"})
	url := serve(t, sim)
	require.NoError(t, sim.Fund(alice, 10_000_000))
	ok, err := sim.Send(alice, vault, 1_000_000, `{"address":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","chain_id":"1"}`)
	require.NoError(t, err)
	failed, err := sim.Send(bob, vault, 1_000_000, "")
	require.NoError(t, err)
	height := sim.NextBlock()

	status, res := post(t, url+"/v1/query/tx", map[string]any{"hash": strings.ToLower(ok), "prove": false})
	require.Equal(t, 200, status)
	assert.Equal(t, ok, res["hash"])
	assert.Equal(t, height, num(res["height"]))
	result := res["tx_result"].(map[string]any)
	assert.NotContains(t, result, "code", "code 0 is left out, as the node does")
	assert.Equal(t, "send", result["message_type"])
	assert.Equal(t, strings.ToUpper(alice), result["signer"])
	assert.Equal(t, strings.ToUpper(vault), result["recipient"])
	std := res["stdTx"].(map[string]any)
	assert.Equal(t, []any{map[string]any{"amount": "10000", "denom": "upokt"}}, std["fee"])
	value := std["msg"].(map[string]any)["value"].(map[string]any)
	assert.Equal(t, map[string]any{"amount": "1000000", "from_address": alice, "to_address": vault}, value)
	assert.Equal(t, "pos/Send", std["msg"].(map[string]any)["type"])

	status, res = post(t, url+"/v1/query/tx", map[string]any{"hash": failed})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(10), num(res["tx_result"].(map[string]any)["code"]))
	assert.Equal(t, "sdk", res["tx_result"].(map[string]any)["codespace"])

	status, res = post(t, url+"/v1/query/tx", map[string]any{"hash": "0x" + ok})
	assert.Equal(t, 400, status)
	assert.Contains(t, res["message"], "encoding/hex")

	unknown := strings.Repeat("AB", 32)
	status, res = post(t, url+"/v1/query/tx", map[string]any{"hash": unknown})
	assert.Equal(t, 400, status)
	assert.Equal(t, "tx ("+unknown+") not found", res["message"])
}

func TestBlockHeightBalanceEndpoints(t *testing.T) {
	sim := New(Config{ChainID: "testnet"})
	url := serve(t, sim)
	sim.NextBlock()

	status, res := post(t, url+"/v1/query/height", map[string]any{})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(2), num(res["height"]))

	for _, h := range []int64{0, 2} {
		status, res = post(t, url+"/v1/query/block", map[string]any{"height": h})
		require.Equal(t, 200, status)
		header := res["block"].(map[string]any)["header"].(map[string]any)
		assert.Equal(t, "testnet", header["chain_id"])
		assert.Equal(t, "2", header["height"], "heights in the header are strings")
	}
	status, _ = post(t, url+"/v1/query/block", map[string]any{"height": 3})
	assert.Equal(t, 400, status)

	require.NoError(t, sim.Fund(alice, 42))
	status, res = post(t, url+"/v1/query/balance", map[string]any{"address": alice, "height": 0})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(42), num(res["balance"]))
	status, _ = post(t, url+"/v1/query/balance", map[string]any{"address": "nope"})
	assert.Equal(t, 400, status)

	resp, err := http.Get(url + "/v1/query/height")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func newKey(t *testing.T) (ed25519.PrivateKey, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	addr, err := AddressFromPublicKey(pub)
	require.NoError(t, err)
	return priv, addr
}

func TestRawTxEndpoint(t *testing.T) {
	sim := New(Config{})
	url := serve(t, sim)
	priv, from := newKey(t)
	require.NoError(t, sim.Fund(from, 1_010_000))
	raw, err := SignSend(priv, vault, 1_000_000, DefaultFeeUpokt, "memo", 7)
	require.NoError(t, err)

	status, res := post(t, url+"/v1/client/rawtx", map[string]any{"address": from, "raw_hex_bytes": hex.EncodeToString(raw)})
	require.Equal(t, 200, status)
	sum := sha256.Sum256(raw)
	assert.Equal(t, strings.ToUpper(hex.EncodeToString(sum[:])), res["txhash"])
	assert.NotContains(t, res, "code")
	assert.Equal(t, 1, sim.MempoolSize())

	// The mempool already spends the whole balance.
	raw2, err := SignSend(priv, vault, 1, DefaultFeeUpokt, "", 8)
	require.NoError(t, err)
	status, res = post(t, url+"/v1/client/rawtx", map[string]any{"address": from, "raw_hex_bytes": hex.EncodeToString(raw2)})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(10), num(res["code"]))
	assert.Equal(t, "sdk", res["codespace"])

	status, _ = post(t, url+"/v1/client/rawtx", map[string]any{"address": from, "raw_hex_bytes": "zz"})
	assert.Equal(t, 400, status)

	sim.NextBlock()
	assert.Equal(t, uint64(0), sim.Balance(from))
	assert.Equal(t, uint64(1_000_000), sim.Balance(vault))
}

func TestSignSendAndDecode(t *testing.T) {
	priv, from := newKey(t)
	raw, err := SignSend(priv, "0x"+strings.ToUpper(bob), 5, 10000, `{"a":"<&>"}`, -3)
	require.NoError(t, err)
	s, err := DecodeSignedSend(raw)
	require.NoError(t, err)
	assert.Equal(t, from, s.From)
	assert.Equal(t, bob, s.To)
	assert.Equal(t, uint64(5), s.Amount)
	assert.Equal(t, uint64(10000), s.Fee)
	assert.Equal(t, `{"a":"<&>"}`, s.Memo)
	assert.Equal(t, int64(-3), s.Entropy)

	// The signed bytes are the canonical JSON of the unsigned part.
	var w wireSend
	require.NoError(t, json.Unmarshal(raw, &w))
	assert.Equal(t, `{"entropy":-3,"fee":"10000","memo":"{\"a\":\"\u003c\u0026\u003e\"}","msg":{"amount":"5","from_address":"`+from+`","to_address":"`+bob+`"}}`,
		string(w.signBytes()))

	other, _ := newKey(t)
	tests := []struct {
		name string
		raw  []byte
		bad  bool // a signature error rather than a decode error
	}{
		{"tampered amount", []byte(strings.Replace(string(raw), `"amount":"5"`, `"amount":"6"`, 1)), true},
		{"another key's signature", func() []byte {
			var w wireSend
			require.NoError(t, json.Unmarshal(raw, &w))
			w.Signature = hex.EncodeToString(ed25519.Sign(other, w.signBytes()))
			w.PublicKey = hex.EncodeToString(other.Public().(ed25519.PublicKey))
			b, _ := json.Marshal(w)
			return b
		}(), true},
		{"short signature", []byte(strings.Replace(string(raw), `"signature":"`, `"signature":"00`, 1)), true},
		{"unknown field", []byte(strings.Replace(string(raw), `"memo":`, `"gas":1,"memo":`, 1)), false},
		{"trailing data", append(append([]byte{}, raw...), []byte("{}")...), false},
		{"not JSON", []byte("\x0a\x0b amino"), false},
		{"amount not decimal", []byte(strings.Replace(string(raw), `"amount":"5"`, `"amount":"5e0"`, 1)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeSignedSend(tt.raw)
			require.Error(t, err)
			assert.Equal(t, tt.bad, errors.Is(err, errBadSignature), err.Error())
		})
	}

	_, err = SignSend(priv[:10], bob, 1, 1, "", 1)
	require.Error(t, err)
	_, err = SignSend(priv, "bob", 1, 1, "", 1)
	require.Error(t, err)
	_, err = SignSend(priv, bob, 0, 1, "", 1)
	require.Error(t, err)
	_, err = AddressFromPublicKey([]byte{1, 2, 3})
	require.Error(t, err)
}

func TestDevnetEndpoints(t *testing.T) {
	sim := New(Config{FeeUpokt: 100})
	url := serve(t, sim)
	status, res := post(t, url+"/devnet/fund", map[string]any{"address": alice, "amount": "1000"})
	require.Equal(t, 200, status, res)
	assert.Equal(t, int64(1000), num(res["balance"]))

	status, res = post(t, url+"/devnet/send", map[string]any{"from": alice, "to": vault, "amount": 500, "memo": "hi"})
	require.Equal(t, 200, status, res)
	hash := res["txhash"].(string)
	status, res = post(t, url+"/devnet/block", map[string]any{})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(2), num(res["height"]))
	assert.Equal(t, uint64(400), sim.Balance(alice))

	status, _ = post(t, url+"/devnet/drop", map[string]any{"hash": hash})
	require.Equal(t, 200, status)
	assert.Equal(t, uint64(1000), sim.Balance(alice))
	status, _ = post(t, url+"/devnet/drop", map[string]any{"hash": hash})
	assert.Equal(t, 400, status)

	status, _ = post(t, url+"/devnet/fail", map[string]any{"code": 7, "codespace": "pos"})
	require.Equal(t, 200, status)
	hash, err := sim.Send(alice, vault, 1, "")
	require.NoError(t, err)
	sim.NextBlock()
	status, res = post(t, url+"/v1/query/tx", map[string]any{"hash": hash})
	require.Equal(t, 200, status)
	assert.Equal(t, int64(7), num(res["tx_result"].(map[string]any)["code"]))

	status, _ = post(t, url+"/devnet/send", map[string]any{"from": alice, "to": vault, "amount": "-1"})
	assert.Equal(t, 400, status)
	status, _ = post(t, url+"/devnet/send", map[string]any{"from": "x", "to": vault, "amount": 1})
	assert.Equal(t, 400, status)
}

func TestRunAndConcurrency(t *testing.T) {
	sim := New(Config{})
	url := serve(t, sim)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { sim.Run(ctx, 5*time.Millisecond); close(done) }()
	require.NoError(t, sim.Fund(alice, 1<<40))

	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				_, err := sim.Send(alice, vault, 1_000_000, "")
				assert.NoError(t, err)
				resp, err := http.Post(url+"/v1/query/accounttxs", "application/json",
					strings.NewReader(`{"address":"`+vault+`","received":true,"per_page":5}`))
				if assert.NoError(t, err) {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	require.Eventually(t, func() bool { return sim.MempoolSize() == 0 }, 2*time.Second, 5*time.Millisecond)
	cancel()
	<-done
	assert.Greater(t, sim.Height(), int64(1))
	assert.Equal(t, uint64(80_000_000), sim.Balance(vault))
}

func TestDelay(t *testing.T) {
	sim := New(Config{Delay: 300 * time.Millisecond})
	url := serve(t, sim)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/v1/query/height", strings.NewReader(`{}`))
	require.NoError(t, err)
	_, err = http.DefaultClient.Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	sim.SetDelay(0)
	status, _ := post(t, url+"/v1/query/height", map[string]any{})
	assert.Equal(t, 200, status)
}
