package pokt

import (
	"strings"
	"testing"

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
