package shannon

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpokt/bridge/chains/pokt"
)

// The fuzz targets run their seeds (f.Add and testdata/fuzz/<name>) in
// every plain `go test`; `go test -fuzz=FuzzDecodeTxBytes` explores further.

// addRecordedResults seeds f with the results of recorded answers.
func addRecordedResults(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		f.Add([]byte(resultOf(f, filepath.Base(name))))
	}
}

// checkTx asserts what every Tx the decoders return must satisfy.
func checkTx(t *testing.T, tx pokt.Tx) {
	t.Helper()
	if h, err := pokt.NormalizeTxHash(tx.Hash); err != nil || h != tx.Hash {
		t.Fatalf("hash %q is not 64 upper-case hex", tx.Hash)
	}
	if tx.Height < 1 {
		t.Fatalf("height %d", tx.Height)
	}
	checkBody(t, tx)
}

// checkBody asserts the invariants of what the tx bytes gave.
func checkBody(t *testing.T, tx pokt.Tx) {
	t.Helper()
	for _, a := range []string{tx.From, tx.To} {
		if tx.IsSend() || a != "" {
			if n, err := shannonAddress(a); err != nil || n != a {
				t.Fatalf("address %q is not a canonical pokt1… address (send: %v)", a, tx.IsSend())
			}
		}
	}
	if !tx.IsSend() && tx.Amount != 0 {
		t.Fatalf("amount %d on a tx that is not a send: %s", tx.Amount, tx.NotASend)
	}
	if strings.HasPrefix(tx.NotASend, ReasonUndecodable) && (tx.From != "" || tx.Memo != "" || tx.Fee != 0) {
		t.Fatalf("an undecodable tx with a body: %+v", tx)
	}
}

func FuzzDecodeTx(f *testing.F) {
	addRecordedResults(f, "tx_*.json")
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"hash":"","height":"-1","tx":""}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		tx, w, err := decodeTx(body)
		if err != nil {
			if tx != (pokt.Tx{}) || w != nil {
				t.Fatalf("a Tx with an error: %+v", tx)
			}
			return
		}
		checkTx(t, tx)
		again, _, err := decodeTx(body)
		if err != nil || again != tx {
			t.Fatalf("not deterministic: %+v %v", again, err)
		}
	})
}

// FuzzDecodeTxBytes feeds arbitrary tx bytes with the events of a plain
// deposit: the result is a Tx with a reason, or an impossible amount.
func FuzzDecodeTxBytes(f *testing.F) {
	for _, name := range []string{"tx_deposit.json", "tx_two_sends.json", "tx_multi_coin.json", "tx_other_denom.json", "tx_failed.json"} {
		f.Add(recordedTxBytes(f, name))
	}
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x02, 0x0a, 0x00})
	events := []wireEvent{}
	b, _ := json.Marshal(concat(feeEvents(recordedAlice, "10000upokt"), transferEvents(recordedAlice, recordedVault, "25000000upokt")))
	if err := json.Unmarshal(b, &events); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		tx := pokt.Tx{Hash: pokt.TxHashOf(raw), Height: 1}
		if err := readTxBytes(&tx, raw, events); err != nil {
			return
		}
		checkBody(t, tx)
		if tx.IsSend() && (tx.From != recordedAlice || tx.To != recordedVault || tx.Amount != 25_000_000) {
			t.Fatalf("a send that disagrees with its events: %+v", tx)
		}
	})
}

func FuzzDecodeSearchPage(f *testing.F) {
	addRecordedResults(f, "tx_search_*.json")
	f.Add([]byte(`{"txs":[],"total_count":"0"}`))
	f.Add([]byte(`{"txs":[{}],"total_count":"1"}`))
	w := window{key: "transfer.recipient", address: recordedVault, from: 1, to: 1 << 40}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodeSearchPage(body, w, MaxPerPage)
		if err != nil {
			return
		}
		if p.total < int64(len(p.txs)) || len(p.txs) > MaxPerPage {
			t.Fatalf("total %d with %d txs", p.total, len(p.txs))
		}
		for _, tx := range p.txs {
			checkTx(t, tx)
			if tx.Height < w.from || tx.Height > w.to {
				t.Fatalf("height %d outside the window", tx.Height)
			}
		}
	})
}
