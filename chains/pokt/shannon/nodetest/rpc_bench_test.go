package nodetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt/shannon"
)

// BenchmarkRPCOnChain times the two calls of a Shannon deposit reading (a
// tx by hash, the head), on the in-process CometBFT node without a proxy:
// the RPC server's encoding and the client's decoding, on one connection.
func BenchmarkRPCOnChain(b *testing.B) {
	n := startNet(b)
	hash := n.deposit(b, 1_000_000, memo)
	client, err := shannon.NewClient(n.chain.RPCURL(), shannon.Options{Timeout: 5 * time.Second})
	require.NoError(b, err)
	b.Run("tx", func(b *testing.B) {
		for b.Loop() {
			if _, err := client.Tx(n.ctx, hash); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("status", func(b *testing.B) {
		for b.Loop() {
			if _, err := client.Height(n.ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
