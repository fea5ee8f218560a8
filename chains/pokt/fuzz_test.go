package pokt

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
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

// checkTx asserts what every Tx the decoder returns must satisfy.
func checkTx(t *testing.T, tx Tx) {
	t.Helper()
	if h, err := NormalizeTxHash(tx.Hash); err != nil || h != tx.Hash {
		t.Fatalf("hash %q is not 64 upper-case hex", tx.Hash)
	}
	if tx.Height < 1 {
		t.Fatalf("height %d", tx.Height)
	}
	if !knownMessageTypes[tx.MessageType] {
		t.Fatalf("message type %q", tx.MessageType)
	}
	for _, a := range []string{tx.From, tx.To} {
		if tx.MessageType == MessageTypeSend || a != "" {
			if n, err := NormalizeAddress(a); err != nil || n != a {
				t.Fatalf("address %q is not 40 lower-case hex", a)
			}
		}
	}
	if tx.MessageType != MessageTypeSend && tx.Amount != 0 {
		t.Fatalf("amount %d on a %s", tx.Amount, tx.MessageType)
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
			if tx != (Tx{}) {
				t.Fatalf("a Tx with an error: %+v", tx)
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

func FuzzParseMemo(f *testing.F) {
	f.Add(memoOf(checksummed, "1"), uint64(1))
	f.Add(memoOf(strings.ToLower(checksummed), "1"), uint64(1))
	f.Add(memoOf(checksummed, "5"), uint64(1))
	f.Add(`{"chain_id":"1","address":"`+checksummed+`"}`, uint64(1))
	f.Add(`{"address":"0x0000000000000000000000000000000000000000","chain_id":"1"}`, uint64(1))
	f.Add(`{"address":"`+checksummed+`","address":"`+checksummed+`","chain_id":"1"}`, uint64(1))
	f.Add("not json", uint64(1))
	f.Add("", uint64(0))
	f.Fuzz(func(t *testing.T, memo string, chainID uint64) {
		recipient, err := ParseMemo(memo, chainID)
		if err != nil {
			if recipient != "" {
				t.Fatalf("recipient %q with error %v", recipient, err)
			}
			return
		}
		if len(memo) > MaxMemoBytes {
			t.Fatalf("accepted a memo of %d bytes", len(memo))
		}
		if !common.IsHexAddress(recipient) || common.HexToAddress(recipient).Hex() != recipient {
			t.Fatalf("recipient %q is not checksummed", recipient)
		}
		if common.HexToAddress(recipient) == (common.Address{}) {
			t.Fatal("zero address accepted")
		}
		// The canonical memo of the same deposit reads the same.
		again, err := ParseMemo(fmt.Sprintf(`{"address":%q,"chain_id":"%d"}`, recipient, chainID), chainID)
		if err != nil || again != recipient {
			t.Fatalf("canonical memo: %q, %v", again, err)
		}
	})
}
