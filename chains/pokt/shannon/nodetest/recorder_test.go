// Package nodetest runs the Shannon client against a real in-process Shannon
// chain (devnet/shannonnet: CometBFT's own RPC, tx indexer and mempool over a
// bank application). It is a package of its own so that the client's unit
// tests do not link a CometBFT node. With -record it also saves the node's
// answers into ../testdata, where the unit tests replay them.
package nodetest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var record = flag.Bool("record", false, "save the node's answers into ../testdata")

// recorder is a proxy in front of the node: it counts the calls by method
// and, while a name is set, saves each answer (the first as name.json, the
// next as name_2.json, ...).
type recorder struct {
	t      testing.TB
	target string
	url    string

	mu    sync.Mutex
	calls map[string]int
	name  string
	n     int
}

func newRecorder(t testing.TB, target string) *recorder {
	r := &recorder{t: t, target: target, calls: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.url = srv.URL
	return r
}

func (r *recorder) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var call struct {
		Method string `json:"method"`
	}
	_ = json.Unmarshal(body, &call)
	resp, err := http.Post(r.target, "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	r.keep(call.Method, answer)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(answer)
}

func (r *recorder) keep(method string, answer []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls[method]++
	if r.name == "" || !*record {
		return
	}
	r.n++
	name := r.name
	if r.n > 1 {
		name = fmt.Sprintf("%s_%d", r.name, r.n)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, answer, "", "  "); err != nil {
		r.t.Errorf("record %s: %v", name, err)
		return
	}
	out.WriteByte('\n')
	if err := os.WriteFile(filepath.Join("..", "testdata", name+".json"), out.Bytes(), 0o644); err != nil {
		r.t.Errorf("record %s: %v", name, err)
	}
}

// save names the answers of what follows; "" stops saving.
func (r *recorder) save(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.name, r.n = strings.TrimSuffix(name, ".json"), 0
}

// count is how many calls of method the node answered so far.
func (r *recorder) count(method string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[method]
}
