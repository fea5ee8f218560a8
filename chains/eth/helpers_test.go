package eth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

// countingTransport counts the JSON-RPC methods sent through it.
type countingTransport struct {
	mu     sync.Mutex
	counts map[string]int
}

func (ct *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	_ = req.Body.Close()
	req.Body = io.NopCloser(bytes.NewReader(body))

	var msgs []struct {
		Method string `json:"method"`
	}
	if len(body) > 0 && body[0] == '[' {
		_ = json.Unmarshal(body, &msgs)
	} else {
		msgs = make([]struct {
			Method string `json:"method"`
		}, 1)
		_ = json.Unmarshal(body, &msgs[0])
	}
	ct.mu.Lock()
	for _, m := range msgs {
		ct.counts[m.Method]++
	}
	ct.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (ct *countingTransport) count(method string) int {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	return ct.counts[method]
}

// dialCounting returns a client over the chain's HTTP endpoint whose calls
// are counted by method.
func dialCounting(t *testing.T, c *ethnet.TestChain, opts eth.Options) (*eth.Client, *countingTransport) {
	t.Helper()
	ct := &countingTransport{counts: map[string]int{}}
	rc, err := rpc.DialOptions(context.Background(), c.HTTPURL, rpc.WithHTTPClient(&http.Client{Transport: ct}))
	if err != nil {
		t.Fatal(err)
	}
	cl := eth.NewClient(ethclient.NewClient(rc), opts)
	t.Cleanup(cl.Close)
	return cl, ct
}

// commitUntil seals empty blocks until the head is block n.
func commitUntil(t *testing.T, c *ethnet.TestChain, n uint64) {
	t.Helper()
	head := c.Head(t).Number.Uint64()
	if head > n {
		t.Fatalf("head %d is already past %d", head, n)
	}
	c.Commit(int(n - head))
}

func big64(n int64) *big.Int { return big.NewInt(n) }
