package pokt

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// The fuzz targets below run their seeds (f.Add and testdata/fuzz/<name>)
// in every plain `go test`; `go test -fuzz=FuzzDecodeTx` explores further.

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
