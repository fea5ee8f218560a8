package morse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpokt/bridge/chains/pokt"
)

// The fuzz targets below run their seeds (f.Add and testdata/fuzz/<name>)
// in every plain `go test`; `go test -fuzz=FuzzDecodeTx` explores further.

func addTestdataSeeds(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// checkTx asserts what every pokt.Tx the decoder returns must satisfy.
func checkTx(t *testing.T, tx pokt.Tx) {
	t.Helper()
	if h, err := pokt.NormalizeTxHash(tx.Hash); err != nil || h != tx.Hash {
		t.Fatalf("hash %q is not 64 upper-case hex", tx.Hash)
	}
	if tx.Height < 1 {
		t.Fatalf("height %d", tx.Height)
	}
	if !tx.IsSend() && !strings.HasPrefix(tx.NotASend, "message type ") {
		t.Fatalf("not a send: %q", tx.NotASend)
	}
	for _, a := range []string{tx.From, tx.To} {
		if tx.IsSend() || a != "" {
			if n, err := pokt.NormalizeAddress(a); err != nil || n != a {
				t.Fatalf("address %q is not 40 lower-case hex", a)
			}
		}
	}
	if !tx.IsSend() && tx.Amount != 0 {
		t.Fatalf("amount %d on a tx that is not a send: %s", tx.Amount, tx.NotASend)
	}
}

func FuzzDecodeTx(f *testing.F) {
	addTestdataSeeds(f, "tx_*.json")
	f.Add([]byte(`null`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"hash":"","height":-1}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		tx, err := decodeTx(body)
		if err != nil {
			if tx != (pokt.Tx{}) {
				t.Fatalf("a pokt.Tx with an error: %+v", tx)
			}
			return
		}
		checkTx(t, tx)
		again, err := decodeTx(body)
		if err != nil || again != tx {
			t.Fatalf("not deterministic: %+v %v", again, err)
		}
	})
}

func FuzzDecodeAccountTxs(f *testing.F) {
	addTestdataSeeds(f, "accounttxs_*.json")
	f.Add([]byte(`{"page_count":0,"total_txs":0,"txs":[]}`))
	f.Add([]byte(`{"page_count":1,"total_txs":0,"txs":[{}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := decodeAccountTxs(body)
		if err != nil {
			return
		}
		if page.TotalTxs < int64(len(page.Txs)) || page.PageCount < 0 {
			t.Fatalf("total %d, page count %d, %d txs", page.TotalTxs, page.PageCount, len(page.Txs))
		}
		for _, tx := range page.Txs {
			checkTx(t, tx)
		}
	})
}
