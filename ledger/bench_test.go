package ledger_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/ledger"
)

// BenchmarkLedgerRecord is the ledger's cost per signature: the read of a
// transfer's earlier orders and the synced write of the new one, through
// the Keeper a node uses. It reports the p50 as well as the mean.
func BenchmarkLedgerRecord(b *testing.B) {
	path := filepath.Join(b.TempDir(), "ledger.db")
	require.NoError(b, ledger.Init(path, "node-1", now))
	k := ledger.NewKeeper(path, "node-1")
	defer k.Close()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		id := fmt.Sprintf("burn-0x%064x-0", i)
		if _, err := k.Signed(id); err != nil {
			b.Fatal(err)
		}
		if err := k.Record(ledger.Entry{TransferID: id, OrderID: fmt.Sprintf("order-%d", i), Kind: "return",
			Recipient: "ab12", Amount: 1, SignedAt: now}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns/op")
}
