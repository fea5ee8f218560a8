package shannonnet

import (
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/cosmos/btcutil/bech32"
	"github.com/stretchr/testify/require"
	//lint:ignore SA1019 the SDK's address hash is ripemd160, deprecated or not
	"golang.org/x/crypto/ripemd160"
)

// The address is recomputed here with other code than the package's:
// ripemd160(sha256(compressed pubkey)), bech32 "pokt" by btcutil.
func TestAddressIsRipemdOfShaOfThePubKeyInBech32Pokt(t *testing.T) {
	k := NewKey("alice")
	sum := sha256.Sum256(k.PubKeyBytes())
	r := ripemd160.New()
	r.Write(sum[:])
	want := r.Sum(nil)
	require.Equal(t, want, k.AddressBytes())

	five, err := bech32.ConvertBits(want, 8, 5, true)
	require.NoError(t, err)
	s, err := bech32.Encode("pokt", five)
	require.NoError(t, err)
	require.Equal(t, s, k.Address())
	require.True(t, strings.HasPrefix(k.Address(), "pokt1"))
	require.Len(t, k.PubKeyBytes(), 33)

	back, err := DecodeAddress(k.Address())
	require.NoError(t, err)
	require.Equal(t, want, back)
}

func TestKeysAreDeterministicAndDistinct(t *testing.T) {
	require.Equal(t, NewKey("vault").Address(), NewKey("vault").Address())
	require.NotEqual(t, NewKey("vault").Address(), NewKey("vault2").Address())
}

func TestDecodeAddressRefusals(t *testing.T) {
	addr := NewKey("alice").AddressBytes()
	five, err := bech32.ConvertBits(addr, 8, 5, true)
	require.NoError(t, err)
	cosmos, err := bech32.Encode("cosmos", five)
	require.NoError(t, err)
	five32, err := bech32.ConvertBits(append(addr, make([]byte, 12)...), 8, 5, true)
	require.NoError(t, err)
	long, err := bech32.Encode("pokt", five32)
	require.NoError(t, err)
	good := NewKey("alice").Address()
	last := "q"
	if strings.HasSuffix(good, last) {
		last = "p"
	}
	badChecksum := good[:len(good)-1] + last
	for _, s := range []string{"", cosmos, long, badChecksum, "0x" + strings.Repeat("ab", 20)} {
		_, err := DecodeAddress(s)
		require.Error(t, err, s)
	}
	_, err = EncodeAddress(make([]byte, 32))
	require.Error(t, err)
}

func TestTxHashIsUpperHexOfSha256(t *testing.T) {
	require.Equal(t, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", TxHash([]byte("abc")))
}
