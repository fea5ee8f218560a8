package eth_test

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/eth/wpokt"
)

func maxUint256() *big.Int {
	return new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
}

func TestMintSelectorMatchesABI(t *testing.T) {
	id := wpokt.NewWrappedPocket().GetABI().Methods["mint"].ID
	assert.Equal(t, eth.MintSelector, string(id))
}

func TestMintCallRoundTrip(t *testing.T) {
	token := wpokt.NewWrappedPocket()
	tests := []struct {
		name          string
		to            common.Address
		amount, nonce *big.Int
	}{
		{"usual", common.HexToAddress("0x5aeda56215b167893e80b4fe645ba6d5bab767de"), big.NewInt(1_000_000), big.NewInt(1)},
		{"zeroes", common.Address{}, big.NewInt(0), big.NewInt(0)},
		{"max", common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), maxUint256(), maxUint256()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := eth.EncodeMintCall(tt.to, tt.amount, tt.nonce)
			assert.Equal(t, token.PackMint(tt.to, tt.amount, tt.nonce), data, "same bytes as the abigen binding")
			to, amount, nonce, err := eth.DecodeMintCall(data)
			require.NoError(t, err)
			assert.Equal(t, tt.to, to)
			assert.Zero(t, tt.amount.Cmp(amount))
			assert.Zero(t, tt.nonce.Cmp(nonce))
		})
	}
}

func TestTryEncodeMintCallRejects(t *testing.T) {
	to := common.HexToAddress("0x01")
	tests := []struct {
		name          string
		amount, nonce *big.Int
	}{
		{"nil amount", nil, big.NewInt(1)},
		{"nil nonce", big.NewInt(1), nil},
		{"negative amount", big.NewInt(-1), big.NewInt(1)},
		{"amount over 256 bits", new(big.Int).Add(maxUint256(), big.NewInt(1)), big.NewInt(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eth.TryEncodeMintCall(to, tt.amount, tt.nonce)
			assert.ErrorIs(t, err, eth.ErrInvalidArgument)
			assert.Panics(t, func() { eth.EncodeMintCall(to, tt.amount, tt.nonce) })
		})
	}
}

func TestDecodeMintCallRejects(t *testing.T) {
	token := wpokt.NewWrappedPocket()
	to := common.HexToAddress("0x5aeda56215b167893e80b4fe645ba6d5bab767de")
	good := eth.EncodeMintCall(to, big.NewInt(10), big.NewInt(2))
	with := func(f func([]byte) []byte) []byte { return f(bytes.Clone(good)) }

	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"selector only", good[:4]},
		{"short selector", good[:3]},
		{"one word short", good[:len(good)-32]},
		{"one byte short", good[:len(good)-1]},
		{"trailing byte", append(bytes.Clone(good), 0)},
		{"trailing word", append(bytes.Clone(good), make([]byte, 32)...)},
		{"transfer call", token.PackTransfer(to, big.NewInt(10))},
		{"burnAndBridge call", token.PackBurnAndBridge(big.NewInt(10), to)},
		{"another selector, right length", with(func(b []byte) []byte { b[0] ^= 1; return b })},
		{"dirty address padding", with(func(b []byte) []byte { b[4] = 1; return b })},
		{"dirty address padding, last byte", with(func(b []byte) []byte { b[4+11] = 0x80; return b })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, amount, nonce, err := eth.DecodeMintCall(tt.data)
			assert.ErrorIs(t, err, eth.ErrInvalidMintCall)
			assert.Nil(t, amount)
			assert.Nil(t, nonce)
		})
	}
}

// FuzzDecodeMintCall: whatever the bytes, DecodeMintCall does not panic, and
// what it accepts re-encodes to the very same bytes (one encoding per call).
func FuzzDecodeMintCall(f *testing.F) {
	f.Add(eth.EncodeMintCall(common.HexToAddress("0x5aeda56215b167893e80b4fe645ba6d5bab767de"), big.NewInt(1_000_000), big.NewInt(1)))
	f.Add(eth.EncodeMintCall(common.Address{}, maxUint256(), maxUint256()))
	f.Add([]byte{})
	f.Add([]byte(eth.MintSelector))
	f.Add(append(eth.EncodeMintCall(common.Address{}, big.NewInt(1), big.NewInt(1)), 0))
	f.Add(wpokt.NewWrappedPocket().PackTransfer(common.Address{}, big.NewInt(1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		to, amount, nonce, err := eth.DecodeMintCall(data)
		if err != nil {
			if amount != nil || nonce != nil || to != (common.Address{}) {
				t.Fatalf("rejected input %x returned values", data)
			}
			return
		}
		again, err := eth.TryEncodeMintCall(to, amount, nonce)
		if err != nil {
			t.Fatalf("decoded values do not re-encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("%x decoded and re-encoded to %x", data, again)
		}
	})
}
