package morse

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/morsesim"
)

const (
	// Addresses used by the recorded bodies in testdata.
	recordedVault  = "a83172b67b5ffbfcb8acb95acc0fd0466a9d4bc4"
	recordedSender = "7ef0b3b5c18f25abeb5aa2f4c1ae1ff3aae5c6f1"
	recordedOther  = "1b1973906ee85993e994422eddeab89f385a00a4"
	// The EIP-55 example address used in the recorded memos.
	checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
)

// newSim starts a simulator behind a real HTTP server and returns it with a
// client of it.
func newSim(t *testing.T, cfg morsesim.Config, opts Options) (*morsesim.Sim, *Client) {
	t.Helper()
	sim := morsesim.New(cfg)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := sim.Serve(l)
	t.Cleanup(func() { _ = srv.Close() })
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	c, err := NewClient("http://"+l.Addr().String(), opts)
	require.NoError(t, err)
	return sim, c
}

// readTestdata returns a file of testdata.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// recordedHash returns the hash of a recorded tx.
func recordedHash(t testing.TB, name string) string {
	t.Helper()
	var w struct {
		Hash string `json:"hash"`
	}
	require.NoError(t, json.Unmarshal(readTestdata(t, name), &w))
	return w.Hash
}

// editJSON decodes body, lets edit change it, and encodes it again.
func editJSON(t testing.TB, body []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	edit(m)
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

// obj walks nested objects of a decoded JSON value.
func obj(m map[string]any, path ...string) map[string]any {
	for _, p := range path {
		m = m[p].(map[string]any)
	}
	return m
}

// recordedRequest is one request a fake node received.
type recordedRequest struct {
	Path string
	Body map[string]any
}

// fakeNode answers each path with what its function returns, and records
// the requests it got.
type fakeNode struct {
	mu       sync.Mutex
	requests []recordedRequest
	answer   func(path string, req map[string]any) (status int, body []byte)
}

func newFakeNode(t *testing.T, answer func(path string, req map[string]any) (int, []byte)) (*fakeNode, *Client) {
	t.Helper()
	f := &fakeNode{answer: answer}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var req map[string]any
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		_ = dec.Decode(&req)
		f.mu.Lock()
		f.requests = append(f.requests, recordedRequest{Path: r.URL.Path, Body: req})
		f.mu.Unlock()
		status, body := f.answer(r.URL.Path, req)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL, Options{Timeout: 5 * time.Second, PerPage: 3})
	require.NoError(t, err)
	return f, c
}

func (f *fakeNode) Requests() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.requests...)
}

// answerAlways answers every request with the same body.
func answerAlways(status int, body []byte) func(string, map[string]any) (int, []byte) {
	return func(string, map[string]any) (int, []byte) { return status, body }
}

// recordedPages answers accounttxs from the recorded pages.
func recordedPages(t *testing.T) func(string, map[string]any) (int, []byte) {
	pages := [][]byte{
		readTestdata(t, "accounttxs_page1.json"),
		readTestdata(t, "accounttxs_page2.json"),
		readTestdata(t, "accounttxs_page3.json"),
	}
	return func(path string, req map[string]any) (int, []byte) {
		if path != PathAccountTxs {
			return 404, []byte(`{"code":404,"message":"not found"}`)
		}
		n, _ := req["page"].(json.Number).Int64()
		if n < 1 || int(n) > len(pages) {
			return 400, []byte(`{"code":400,"message":"page should be within [1, 3] range, given ` + string(req["page"].(json.Number)) + `"}`)
		}
		return 200, pages[n-1]
	}
}

func lower(s string) string { return strings.ToLower(s) }

// jsonInt is an integer as a decoded request body holds it.
func jsonInt(i int) json.Number { return json.Number(strconv.Itoa(i)) }
