package pokt

import (
	"strings"
	"testing"

	"github.com/cosmos/btcutil/bech32"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeAddress(t *testing.T) {
	want := recordedSender
	for _, in := range []string{want, strings.ToUpper(want), "0x" + want, "0X" + strings.ToUpper(want)} {
		got, err := NormalizeAddress(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"", "0x", want[:39], want + "0", " " + want[1:], "0x" + want[:38] + "zz", "0x0x" + want[:36], "x" + want[1:]} {
		_, err := NormalizeAddress(in)
		require.ErrorIs(t, err, ErrInvalidAddress, "%q", in)
	}
}

func TestNormalizeTxHash(t *testing.T) {
	want := strings.Repeat("AB", 32)
	for _, in := range []string{want, strings.ToLower(want), "0x" + strings.ToLower(want), "0X" + want} {
		got, err := NormalizeTxHash(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"", want[:63], want + "A", strings.Repeat("G", 64), want[:62] + "\n"} {
		_, err := NormalizeTxHash(in)
		require.ErrorIs(t, err, ErrInvalidHash, "%q", in)
	}
}

func TestTxHashOf(t *testing.T) {
	// sha256("abc"), upper case.
	assert.Equal(t, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", TxHashOf([]byte("abc")))
}

// The production wPOKT vault on Shannon mainnet.
const shannonVault = "pokt14q8l4hlsdf2fqws7n6q6ck3xg5yt2qvgyynnll"

func TestParseAddressBothForms(t *testing.T) {
	a, err := ParseAddress(shannonVault)
	require.NoError(t, err)
	assert.Equal(t, shannonVault, a.String())
	assert.Len(t, a.Bytes(), 20)

	morse := a.In(Morse)
	assert.Len(t, morse.String(), AddressLen)
	back, err := ParseAddress("0x" + strings.ToUpper(morse.String()))
	require.NoError(t, err)
	assert.True(t, back.Equal(a), "the same 20 bytes in either form are one account")
	assert.Equal(t, shannonVault, back.In(Shannon).String())
	assert.True(t, SameAddress(shannonVault, morse.String()))

	upper, err := NormalizeAddress(strings.ToUpper(shannonVault))
	require.NoError(t, err, "bech32 allows one case throughout")
	assert.Equal(t, shannonVault, upper)
}

func TestParseAddressRejects(t *testing.T) {
	a, err := ParseAddress(shannonVault)
	require.NoError(t, err)
	otherPrefix := func() string {
		b, _ := bech32.ConvertBits(a.Bytes(), 8, 5, true)
		s, _ := bech32.Encode("cosmos", b)
		return s
	}()
	short := func() string {
		b, _ := bech32.ConvertBits(a.Bytes()[:19], 8, 5, true)
		s, _ := bech32.Encode(Bech32Prefix, b)
		return s
	}()
	for _, in := range []string{
		"", "pokt1", shannonVault[:len(shannonVault)-1] + "m", // bad checksum
		otherPrefix, short, "Pokt14q8l4hlsdf2fqws7n6q6ck3xg5yt2qvgyynnll", // mixed case
		shannonVault + strings.Repeat("q", 80),
	} {
		_, err := ParseAddress(in)
		require.ErrorIs(t, err, ErrInvalidAddress, "%q", in)
	}
	var zero Address
	assert.False(t, zero.Equal(Address{}), "the zero address is no account")
	assert.Equal(t, "", zero.String())
}

func TestAddressText(t *testing.T) {
	var a Address
	require.NoError(t, a.UnmarshalText([]byte(shannonVault)))
	b, err := a.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, shannonVault, string(b))
	require.ErrorIs(t, a.UnmarshalText([]byte("pokt1nope")), ErrInvalidAddress)
}
