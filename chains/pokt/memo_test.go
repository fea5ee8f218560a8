package pokt

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func memoOf(address, chainID string) string {
	return `{"address":"` + address + `","chain_id":"` + chainID + `"}`
}

func TestParseMemoValid(t *testing.T) {
	lowerAddr := strings.ToLower(checksummed)
	tests := []struct {
		name string
		memo string
	}{
		{"checksummed", memoOf(checksummed, "1")},
		{"lower case", memoOf(lowerAddr, "1")},
		{"upper case", memoOf("0x"+strings.ToUpper(lowerAddr[2:]), "1")},
		// Decision: a mixed case that is not a valid EIP-55 checksum is
		// accepted (as the public wPOKT bridge does) and canonicalised.
		{"mixed case, wrong checksum", memoOf("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "1")},
		{"0X prefix", memoOf("0X"+lowerAddr[2:], "1")},
		{"fields swapped", `{"chain_id":"1","address":"` + checksummed + `"}`},
		{"whitespace", " {\n \"address\" : \"" + checksummed + "\" ,\t\"chain_id\": \"1\" }\n"},
		{"leading zero chain id", memoOf(checksummed, "001")},
		{"escaped key", `{"addr\u0065ss":"` + checksummed + `","chain_id":"1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMemo(tt.memo, 1)
			require.NoError(t, err)
			assert.Equal(t, checksummed, got)
		})
	}
}

func TestParseMemoInvalid(t *testing.T) {
	zero := "0x0000000000000000000000000000000000000000"
	tests := []struct {
		name    string
		memo    string
		chainID uint64
		want    error
	}{
		{"empty", "", 1, ErrMemoNotJSON},
		{"not JSON", "send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", 1, ErrMemoNotJSON},
		{"a JSON string", `"` + checksummed + `"`, 1, ErrMemoNotJSON},
		{"a JSON array", `["` + checksummed + `","1"]`, 1, ErrMemoNotJSON},
		{"truncated", memoOf(checksummed, "1")[:40], 1, ErrMemoNotJSON},
		{"unterminated", `{"address":"` + checksummed + `","chain_id":"1"`, 1, ErrMemoNotJSON},
		{"extra field", `{"address":"` + checksummed + `","chain_id":"1","amount":"5"}`, 1, ErrMemoUnexpectedField},
		{"key in another case", `{"Address":"` + checksummed + `","chain_id":"1"}`, 1, ErrMemoUnexpectedField},
		{"address twice", `{"address":"` + zero + `","address":"` + checksummed + `","chain_id":"1"}`, 1, ErrMemoUnexpectedField},
		{"trailing junk", memoOf(checksummed, "1") + "x", 1, ErrMemoUnexpectedField},
		{"two objects", memoOf(checksummed, "1") + memoOf(checksummed, "1"), 1, ErrMemoUnexpectedField},
		{"missing address", `{"chain_id":"1"}`, 1, ErrMemoMissingAddress},
		{"missing chain id", `{"address":"` + checksummed + `"}`, 1, ErrMemoMissingChainID},
		{"no 0x", memoOf(checksummed[2:], "1"), 1, ErrMemoBadAddress},
		{"39 hex", memoOf(checksummed[:41], "1"), 1, ErrMemoBadAddress},
		{"41 hex", memoOf(checksummed+"a", "1"), 1, ErrMemoBadAddress},
		{"not hex", memoOf("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "1"), 1, ErrMemoBadAddress},
		{"a pokt address", memoOf("7ef0b3b5c18f25abeb5aa2f4c1ae1ff3aae5c6f1", "1"), 1, ErrMemoBadAddress},
		{"address as a number", `{"address":1,"chain_id":"1"}`, 1, ErrMemoBadAddress},
		{"address null", `{"address":null,"chain_id":"1"}`, 1, ErrMemoBadAddress},
		{"address object", `{"address":{"a":1},"chain_id":"1"}`, 1, ErrMemoBadAddress},
		{"zero address", memoOf(zero, "1"), 1, ErrMemoZeroAddress},
		{"chain id as a number", `{"address":"` + checksummed + `","chain_id":1}`, 1, ErrMemoBadChainID},
		{"chain id in hex", memoOf(checksummed, "0x1"), 1, ErrMemoBadChainID},
		{"empty chain id", memoOf(checksummed, ""), 1, ErrMemoBadChainID},
		{"negative chain id", memoOf(checksummed, "-1"), 1, ErrMemoBadChainID},
		{"fractional chain id", memoOf(checksummed, "1.0"), 1, ErrMemoBadChainID},
		{"chain id with a space", memoOf(checksummed, " 1"), 1, ErrMemoBadChainID},
		{"chain id overflows", memoOf(checksummed, "18446744073709551616"), 1, ErrMemoBadChainID},
		{"wrong chain", memoOf(checksummed, "5"), 1, ErrMemoWrongChainID},
		{"no chain configured", memoOf(checksummed, "0"), 0, ErrMemoWrongChainID},
		{"10 KB of junk", strings.Repeat("junk", 2560), 1, ErrMemoTooLong},
		{"valid but padded over the bound", memoOf(checksummed, "1") + strings.Repeat(" ", MaxMemoBytes), 1, ErrMemoTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMemo(tt.memo, tt.chainID)
			require.ErrorIs(t, err, tt.want)
			require.ErrorIs(t, err, ErrInvalidMemo)
			assert.Empty(t, got)
			assert.Less(t, len(err.Error()), 300, "the reason stays short whatever the memo")
		})
	}
}

func TestParseMemoChainIDs(t *testing.T) {
	got, err := ParseMemo(memoOf(checksummed, "11155111"), 11155111)
	require.NoError(t, err)
	assert.Equal(t, checksummed, got)
	got, err = ParseMemo(memoOf(checksummed, "18446744073709551615"), 18446744073709551615)
	require.NoError(t, err)
	assert.Equal(t, common.HexToAddress(checksummed).Hex(), got)
}
