package morse

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wpokt/bridge/chains/pokt"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTxBadAnswers feeds the client a broken answer to /v1/query/tx, one
// defect at a time: each must be a clear error, never a panic or a pokt.Tx.
func TestTxBadAnswers(t *testing.T) {
	good := readTestdata(t, "tx_send_memo.json")
	hash := recordedHash(t, "tx_send_memo.json")
	edit := func(f func(m map[string]any)) []byte { return editJSON(t, good, f) }
	value := func(m map[string]any) map[string]any { return obj(m, "stdTx", "msg", "value") }
	result := func(m map[string]any) map[string]any { return obj(m, "tx_result") }
	otherHash := "AB" + hash[2:]

	tests := []struct {
		name string
		body []byte
		want error
	}{
		{"empty body", []byte(""), pokt.ErrInvalidResponse},
		{"malformed JSON", []byte(`{"hash":`), pokt.ErrInvalidResponse},
		{"truncated JSON", good[:len(good)/2], pokt.ErrInvalidResponse},
		{"not an object", []byte(`[1,2]`), pokt.ErrInvalidResponse},
		{"html error page", []byte(`<html>bad gateway</html>`), pokt.ErrInvalidResponse},
		{"null (old nodes' unknown tx)", []byte(`null`), pokt.ErrTxNotFound},
		{"another tx", readTestdata(t, "tx_failed_code10.json"), pokt.ErrHashMismatch},
		{"hash not of its bytes", edit(func(m map[string]any) { m["hash"] = otherHash }), pokt.ErrHashMismatch},
		{"other hash, no bytes", edit(func(m map[string]any) { m["hash"] = otherHash; delete(m, "tx") }), pokt.ErrHashMismatch},
		{"hash not hex", edit(func(m map[string]any) { m["hash"] = "zz" + hash[2:] }), pokt.ErrInvalidResponse},
		{"tx bytes not base64", edit(func(m map[string]any) { m["tx"] = "!!!" }), pokt.ErrInvalidResponse},
		{"negative height", edit(func(m map[string]any) { m["height"] = -5 }), pokt.ErrInvalidResponse},
		{"zero height", edit(func(m map[string]any) { m["height"] = 0 }), pokt.ErrInvalidResponse},
		{"fractional height", edit(func(m map[string]any) { m["height"] = 1.5 }), pokt.ErrInvalidResponse},
		{"no height", edit(func(m map[string]any) { delete(m, "height") }), pokt.ErrInvalidResponse},
		{"height overflows", edit(func(m map[string]any) { m["height"] = json.Number("9223372036854775808") }), pokt.ErrInvalidResponse},
		{"amount with exponent", edit(func(m map[string]any) { value(m)["amount"] = "1e6" }), pokt.ErrInvalidAmount},
		{"negative amount", edit(func(m map[string]any) { value(m)["amount"] = "-5" }), pokt.ErrInvalidAmount},
		{"amount with plus", edit(func(m map[string]any) { value(m)["amount"] = "+5" }), pokt.ErrInvalidAmount},
		{"amount with spaces", edit(func(m map[string]any) { value(m)["amount"] = " 5" }), pokt.ErrInvalidAmount},
		{"amount overflows uint64", edit(func(m map[string]any) { value(m)["amount"] = "18446744073709551616" }), pokt.ErrInvalidAmount},
		{"empty amount", edit(func(m map[string]any) { value(m)["amount"] = "" }), pokt.ErrInvalidAmount},
		{"amount as a number", edit(func(m map[string]any) { value(m)["amount"] = 5 }), pokt.ErrInvalidResponse},
		{"fee in pokt", edit(func(m map[string]any) { obj(m, "stdTx")["fee"] = []any{map[string]any{"amount": "1", "denom": "pokt"}} }), pokt.ErrInvalidDenom},
		{"fee not decimal", edit(func(m map[string]any) {
			obj(m, "stdTx")["fee"] = []any{map[string]any{"amount": "ten", "denom": "upokt"}}
		}), pokt.ErrInvalidAmount},
		{"fee sum overflows", edit(func(m map[string]any) {
			c := map[string]any{"amount": "18446744073709551615", "denom": "upokt"}
			obj(m, "stdTx")["fee"] = []any{c, c}
		}), pokt.ErrInvalidAmount},
		{"unknown message type", edit(func(m map[string]any) {
			result(m)["message_type"] = "teleport"
			obj(m, "stdTx", "msg")["type"] = "pos/Teleport"
		}), pokt.ErrUnknownMessageType},
		{"send without a send msg", edit(func(m map[string]any) { obj(m, "stdTx", "msg")["type"] = "pos/MsgStake" }), pokt.ErrUnknownMessageType},
		{"send msg with another message type", edit(func(m map[string]any) { result(m)["message_type"] = "app_stake" }), pokt.ErrInvalidResponse},
		{"signer is not from_address", edit(func(m map[string]any) { result(m)["signer"] = strings.ToUpper(recordedOther) }), pokt.ErrInvalidResponse},
		{"recipient is not to_address", edit(func(m map[string]any) { result(m)["recipient"] = strings.ToUpper(recordedOther) }), pokt.ErrInvalidResponse},
		{"from_address not hex", edit(func(m map[string]any) { value(m)["from_address"] = "not an address" }), pokt.ErrInvalidResponse},
		{"to_address short", edit(func(m map[string]any) { value(m)["to_address"] = recordedVault[:38] }), pokt.ErrInvalidResponse},
		{"no tx_result", edit(func(m map[string]any) { delete(m, "tx_result") }), pokt.ErrInvalidResponse},
		{"no stdTx", edit(func(m map[string]any) { delete(m, "stdTx") }), pokt.ErrInvalidResponse},
		{"no msg value", edit(func(m map[string]any) { delete(obj(m, "stdTx", "msg"), "value") }), pokt.ErrInvalidResponse},
		{"negative code", edit(func(m map[string]any) { result(m)["code"] = -1 }), pokt.ErrInvalidResponse},
		{"code overflows uint32", edit(func(m map[string]any) { result(m)["code"] = json.Number("4294967296") }), pokt.ErrInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, answerAlways(200, tt.body))
			tx, err := c.Tx(context.Background(), hash)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, tx)
			assert.Contains(t, err.Error(), "get tx "+hash, "the error says what was being done")
		})
	}
}

func TestTxKnownNonSendType(t *testing.T) {
	body := editJSON(t, readTestdata(t, "tx_send_memo.json"), func(m map[string]any) {
		obj(m, "tx_result")["message_type"] = "dao_tranfer"
		obj(m, "stdTx", "msg")["type"] = "gov/msg_dao_transfer"
		delete(m, "tx")
	})
	_, c := newFakeNode(t, answerAlways(200, body))
	tx, err := c.Tx(context.Background(), recordedHash(t, "tx_send_memo.json"))
	require.NoError(t, err)
	assert.Equal(t, `message type "dao_tranfer" is not a send`, tx.NotASend)
	assert.Equal(t, recordedSender, tx.From)
	assert.Equal(t, recordedVault, tx.To)
	assert.Zero(t, tx.Amount, "only a send's amount is read")
}

func TestTxBadInput(t *testing.T) {
	_, c := newFakeNode(t, answerAlways(200, readTestdata(t, "tx_send_memo.json")))
	for _, in := range []string{"", "0x", "abc", strings.Repeat("g", 64), strings.Repeat("a", 63), strings.Repeat("a", 65), " " + strings.Repeat("a", 64)} {
		_, err := c.Tx(context.Background(), in)
		require.ErrorIs(t, err, pokt.ErrInvalidHash, "%q", in)
	}
}

func TestQuotedJSONBody(t *testing.T) {
	// Some node versions answer a JSON string holding the JSON.
	inner := readTestdata(t, "tx_send_memo.json")
	quoted, err := json.Marshal(string(inner))
	require.NoError(t, err)
	_, c := newFakeNode(t, answerAlways(200, quoted))
	tx, err := c.Tx(context.Background(), recordedHash(t, "tx_send_memo.json"))
	require.NoError(t, err)
	assert.Equal(t, uint64(25000000), tx.Amount)

	_, c = newFakeNode(t, answerAlways(200, []byte(`"{\"height\":`)))
	_, err = c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrInvalidResponse)
}

func TestHeightBadAnswers(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"negative", `{"height":-1}`},
		{"missing", `{}`},
		{"string", `{"height":"ten"}`},
		{"float", `{"height":1.5}`},
		{"truncated", `{"height":12`},
		{"null", `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, answerAlways(200, []byte(tt.body)))
			_, err := c.Height(context.Background())
			require.ErrorIs(t, err, pokt.ErrInvalidResponse)
			assert.True(t, strings.HasPrefix(err.Error(), "get height: "), err.Error())
		})
	}
}

func TestChainIDBadAnswers(t *testing.T) {
	good := readTestdata(t, "block.json")
	tests := []struct {
		name string
		body []byte
	}{
		{"no header", []byte(`{"block":{}}`)},
		{"no block", []byte(`{}`)},
		{"empty chain id", editJSON(t, good, func(m map[string]any) { obj(m, "block", "header")["chain_id"] = "" })},
		{"chain id with a space", editJSON(t, good, func(m map[string]any) { obj(m, "block", "header")["chain_id"] = "main net" })},
		{"chain id too long", editJSON(t, good, func(m map[string]any) { obj(m, "block", "header")["chain_id"] = strings.Repeat("x", 51) })},
		{"negative block height", editJSON(t, good, func(m map[string]any) { obj(m, "block", "header")["height"] = "-3" })},
		{"truncated", good[:100]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, answerAlways(200, tt.body))
			_, err := c.ChainID(context.Background())
			require.ErrorIs(t, err, pokt.ErrInvalidResponse)
		})
	}
}

func TestHTTPErrorStatus(t *testing.T) {
	_, c := newFakeNode(t, answerAlways(502, []byte("<html>bad gateway</html>")))
	_, err := c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrRPC)
	var rpcErr *pokt.RPCError
	require.True(t, errors.As(err, &rpcErr))
	assert.Equal(t, 502, rpcErr.StatusCode)
	assert.Contains(t, err.Error(), "bad gateway")

	// A 400 that is not "not found" is not pokt.ErrTxNotFound.
	_, c = newFakeNode(t, answerAlways(400, []byte(`{"code":400,"message":"encoding/hex: invalid byte"}`)))
	_, err = c.Tx(context.Background(), strings.Repeat("a", 64))
	require.ErrorIs(t, err, pokt.ErrRPC)
	require.NotErrorIs(t, err, pokt.ErrTxNotFound)
}

// sleepyNode answers after delay, or when the request is given up.
func sleepyNode(t *testing.T, delay time.Duration) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the body first: only then does the server notice a client
		// that hangs up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		_, _ = w.Write([]byte(`{"height":1}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestTimeout(t *testing.T) {
	url := sleepyNode(t, 2*time.Second)
	c, err := NewClient(url, Options{Timeout: 50 * time.Millisecond})
	require.NoError(t, err)
	start := time.Now()
	_, err = c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "get height")
	assert.Contains(t, err.Error(), "timed out after 50ms")
	assert.Less(t, time.Since(start), time.Second)

	// The caller's own cancellation is not a timeout.
	ctx, cancel := context.WithCancel(context.Background())
	c, err = NewClient(url, Options{Timeout: time.Minute})
	require.NoError(t, err)
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err = c.Height(ctx)
	require.ErrorIs(t, err, context.Canceled)
	require.NotErrorIs(t, err, pokt.ErrTimeout)

	// A timeout of the caller's http.Client is a timeout too.
	c, err = NewClient(url, Options{HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	require.NoError(t, err)
	_, err = c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrTimeout)
}

func TestNewClientBadOptions(t *testing.T) {
	for _, tt := range []struct {
		url  string
		opts Options
	}{
		{"", Options{}},
		{"localhost:8081", Options{}},
		{"ftp://node", Options{}},
		{"http://", Options{}},
		{"http://node", Options{Timeout: -time.Second}},
		{"http://node", Options{PerPage: MaxPerPage + 1}},
		{"http://node", Options{PerPage: -1}},
	} {
		_, err := NewClient(tt.url, tt.opts)
		require.ErrorIs(t, err, pokt.ErrInvalidArgument, "%q %+v", tt.url, tt.opts)
	}
	c, err := NewClient("https://node.example/pokt/", Options{})
	require.NoError(t, err)
	assert.Equal(t, "https://node.example/pokt", c.baseURL)
	assert.Equal(t, DefaultTimeout, c.timeout)
	assert.Equal(t, DefaultPerPage, c.perPage)
}

func TestSendRawTxBadCases(t *testing.T) {
	raw := []byte("rawtx-bytes")
	hash := pokt.TxHashOf(raw)
	tests := []struct {
		name   string
		status int
		body   string
		want   []error
	}{
		{"duplicate in the mempool cache", 400, `{"code":400,"message":"tx already exists in cache"}`, []error{pokt.ErrTxRejected, pokt.ErrTxDuplicate}},
		{"duplicate by the auth module", 200, `{"code":6,"codespace":"auth","height":"0","raw_log":"duplicate","txhash":"` + hash + `"}`, []error{pokt.ErrTxRejected, pokt.ErrTxDuplicate}},
		{"bad fee", 200, `{"code":4,"codespace":"auth","height":"0","raw_log":"fee","txhash":"` + hash + `"}`, []error{pokt.ErrTxRejected}},
		{"hash not hex", 200, `{"height":"0","txhash":"xyz"}`, []error{pokt.ErrInvalidResponse}},
		{"no hash", 200, `{"height":"0"}`, []error{pokt.ErrInvalidResponse}},
		{"truncated", 200, `{"height":"0","txhash":"` + hash[:10], []error{pokt.ErrInvalidResponse}},
		{"server error", 500, `{"code":500,"message":"boom"}`, []error{pokt.ErrRPC}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, answerAlways(tt.status, []byte(tt.body)))
			got, err := c.SendRawTx(context.Background(), recordedSender, raw)
			for _, want := range tt.want {
				require.ErrorIs(t, err, want)
			}
			assert.Empty(t, got)
		})
	}
	_, c := newFakeNode(t, answerAlways(200, readTestdata(t, "rawtx_ok.json")))
	_, err := c.SendRawTx(context.Background(), recordedSender, nil)
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
	_, err = c.SendRawTx(context.Background(), "nope", raw)
	require.ErrorIs(t, err, pokt.ErrInvalidAddress)
}

// pagedNode serves accounttxs from a list of txs (newest first) that a test
// may change between pages, the way the real node pages: page_count is the
// number of txs on the page and the order asked is ignored.
type pagedNode struct {
	t     *testing.T
	txs   func(page int) []map[string]any
	calls atomic.Int32
}

func (p *pagedNode) answer(path string, req map[string]any) (int, []byte) {
	page, _ := req["page"].(json.Number).Int64()
	perPage, _ := req["per_page"].(json.Number).Int64()
	n := p.calls.Add(1)
	list := p.txs(int(n))
	pages := (int64(len(list)) + perPage - 1) / perPage
	if pages == 0 {
		pages = 1
	}
	if page > pages {
		return 400, []byte(`{"code":400,"message":"page should be within [1, N] range, given P"}`)
	}
	var out []map[string]any
	for i := (page - 1) * perPage; i < page*perPage && i < int64(len(list)); i++ {
		out = append(out, list[i])
	}
	body, err := json.Marshal(map[string]any{"page_count": len(out), "total_txs": len(list), "txs": out})
	require.NoError(p.t, err)
	return 200, body
}

// recordedTxs returns the 7 txs of the recorded pages, newest first.
func recordedTxs(t *testing.T) []map[string]any {
	var all []map[string]any
	for _, name := range []string{"accounttxs_page1.json", "accounttxs_page2.json", "accounttxs_page3.json"} {
		var page struct {
			Txs []map[string]any `json:"txs"`
		}
		dec := json.NewDecoder(strings.NewReader(string(readTestdata(t, name))))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&page))
		all = append(all, page.Txs...)
	}
	return all
}

func TestReceivedTxsPagesShift(t *testing.T) {
	all := recordedTxs(t)
	// A new tx arrives after the first page: every later entry moves one
	// place down, so page 2 starts with the last entry of page 1. The new tx
	// itself is newer than the scan (the next scan finds it).
	p := &pagedNode{t: t, txs: func(call int) []map[string]any {
		if call == 1 {
			return all[1:]
		}
		return all
	}}
	node, c := newFakeNode(t, p.answer)
	txs, err := c.ReceivedTxs(context.Background(), recordedVault, 0, 1<<40)
	require.NoError(t, err)
	require.Len(t, txs, 6, "the shifted duplicate is dropped, nothing older is missed")
	assert.Equal(t, int64(104829), txs[5].Height)
	assert.Len(t, node.Requests(), 3)

	// A tx vanishes (reorg) after the first page: the list shrinks, entries
	// move up and one would be skipped; the scan starts again.
	p = &pagedNode{t: t, txs: func(call int) []map[string]any {
		if call == 1 {
			return all
		}
		return all[1:]
	}}
	node, c = newFakeNode(t, p.answer)
	txs, err = c.ReceivedTxs(context.Background(), recordedVault, 0, 1<<40)
	require.NoError(t, err)
	assert.Len(t, txs, 6)
	assert.Len(t, node.Requests(), 2+2, "one aborted scan, one full scan")
}

func TestReceivedTxsBadPages(t *testing.T) {
	all := recordedTxs(t)
	reversed := make([]map[string]any, len(all))
	for i := range all {
		reversed[len(all)-1-i] = all[i]
	}
	tests := []struct {
		name   string
		answer func(string, map[string]any) (int, []byte)
		want   error
	}{
		{"oldest first (a node honouring asc)", (&pagedNode{t: t, txs: func(int) []map[string]any { return reversed }}).answer, pokt.ErrInvalidResponse},
		{"total below the page", answerAlways(200, editJSON(t, readTestdata(t, "accounttxs_page1.json"), func(m map[string]any) { m["total_txs"] = 1 })), pokt.ErrInvalidResponse},
		{"negative total", answerAlways(200, []byte(`{"page_count":0,"total_txs":-1,"txs":[]}`)), pokt.ErrInvalidResponse},
		{"truncated page", answerAlways(200, readTestdata(t, "accounttxs_page1.json")[:500]), pokt.ErrInvalidResponse},
		{"a tx sent elsewhere", answerAlways(200, editJSON(t, readTestdata(t, "accounttxs_page3.json"), func(m map[string]any) {
			tx := m["txs"].([]any)[0].(map[string]any)
			obj(tx, "stdTx", "msg", "value")["to_address"] = recordedOther
			obj(tx, "tx_result")["recipient"] = strings.ToUpper(recordedOther)
		})), pokt.ErrInvalidResponse},
		{"a bad amount", answerAlways(200, editJSON(t, readTestdata(t, "accounttxs_page3.json"), func(m map[string]any) {
			obj(m["txs"].([]any)[0].(map[string]any), "stdTx", "msg", "value")["amount"] = "1.5"
		})), pokt.ErrInvalidAmount},
		{"the same page for every page", answerAlways(200, readTestdata(t, "accounttxs_page1.json")), pokt.ErrInvalidResponse},
		{"two copies of a tx that differ", func() func(string, map[string]any) (int, []byte) {
			changed := editJSON(t, readTestdata(t, "accounttxs_page1.json"), func(m map[string]any) {
				txs := m["txs"].([]any)
				last := txs[2].(map[string]any)
				changed := map[string]any{}
				for k, v := range last {
					changed[k] = v
				}
				changed["index"] = 7 // same hash, same height, another index
				m["txs"] = []any{last, changed}
			})
			return answerAlways(200, changed)
		}(), pokt.ErrInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, tt.answer)
			txs, err := c.ReceivedTxs(context.Background(), recordedVault, 0, 1<<40)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, txs)
			assert.Contains(t, err.Error(), "list txs received by "+recordedVault)
		})
	}
}

func TestReceivedTxsBadArguments(t *testing.T) {
	_, c := newFakeNode(t, recordedPages(t))
	_, err := c.ReceivedTxs(context.Background(), "xyz", 0, 10)
	require.ErrorIs(t, err, pokt.ErrInvalidAddress)
	_, err = c.ReceivedTxs(context.Background(), recordedVault, 10, 9)
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
	_, err = c.ReceivedTxs(context.Background(), recordedVault, -1, 9)
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
}

func TestReceivedTxsEmpty(t *testing.T) {
	node, c := newFakeNode(t, answerAlways(200, []byte(`{"page_count":0,"total_txs":0,"txs":null}`)))
	txs, err := c.ReceivedTxs(context.Background(), recordedVault, 0, 100)
	require.NoError(t, err)
	assert.Empty(t, txs)
	assert.Len(t, node.Requests(), 1)
}

func TestBalanceBadAnswers(t *testing.T) {
	for _, body := range []string{`{"balance":-1}`, `{"balance":1.5}`, `{"balance":1e21}`, `{}`, `{"balance":18446744073709551616}`, `{"balance":`} {
		_, c := newFakeNode(t, answerAlways(200, []byte(body)))
		_, err := c.Balance(context.Background(), recordedVault)
		require.ErrorIs(t, err, pokt.ErrInvalidResponse, body)
	}
	_, c := newFakeNode(t, answerAlways(200, []byte(`{"balance":18446744073709551615}`)))
	b, err := c.Balance(context.Background(), recordedVault)
	require.NoError(t, err)
	assert.Equal(t, uint64(18446744073709551615), b)
}

func TestReceivedTxsNodeIgnoringPage(t *testing.T) {
	// Every tx at one height, and a node that answers page 1 whatever the
	// page: heights cannot show it, the count of distinct txs does.
	all := recordedTxs(t)
	for _, tx := range all {
		tx["height"] = json.Number("104830")
	}
	p := &pagedNode{t: t, txs: func(int) []map[string]any { return all }}
	_, c := newFakeNode(t, func(path string, req map[string]any) (int, []byte) {
		req["page"] = json.Number("1")
		return p.answer(path, req)
	})
	_, err := c.ReceivedTxs(context.Background(), recordedVault, 0, 1<<40)
	require.ErrorIs(t, err, pokt.ErrInvalidResponse)
	assert.Contains(t, err.Error(), "read 3 distinct txs of the 7")
}
