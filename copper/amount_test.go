package copper

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "12.5", want: "12.5"},
		{in: "12.500000", want: "12.5"},
		{in: "0", want: "0"},
		{in: "0.000000", want: "0"},
		{in: "0.000001", want: "0.000001"},
		{in: "007", want: "7"},
		{in: "100", want: "100"},
		{in: "1000000.000001", want: "1000000.000001"},
		{in: "123456789012345678901234567890.123456789", want: "123456789012345678901234567890.123456789"},
		{in: "", wantErr: true},
		{in: "-1", wantErr: true},
		{in: "+1", wantErr: true},
		{in: "1e6", wantErr: true},
		{in: ".5", wantErr: true},
		{in: "5.", wantErr: true},
		{in: "1.2.3", wantErr: true},
		{in: " 1", wantErr: true},
		{in: "1,5", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "1" + string(make([]byte, 100)), wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			a, err := ParseAmount(tc.in)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrInvalidAmount)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, a.String())
		})
	}
}

func TestAmountBaseUnits(t *testing.T) {
	tests := []struct {
		in       string
		decimals int
		want     uint64
		wantErr  bool
	}{
		{in: "12.5", decimals: 6, want: 12_500_000},
		{in: "0.000001", decimals: 6, want: 1},
		{in: "0", decimals: 6, want: 0},
		{in: "18446744073709.551615", decimals: 6, want: 18446744073709551615},
		{in: "0.0000001", decimals: 6, wantErr: true},             // too precise: never rounds
		{in: "18446744073709.551616", decimals: 6, wantErr: true}, // overflows uint64
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := MustParseAmount(tc.in).BaseUnits(tc.decimals)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrInvalidAmount)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "12.5", AmountFromBaseUnits(12_500_000, PoktDecimals).String())
	assert.Equal(t, "0.000001", AmountFromBaseUnits(1, PoktDecimals).String())
	assert.Equal(t, "0", AmountFromBaseUnits(0, PoktDecimals).String())
	big1, err := AmountFromBigBaseUnits(new(big.Int).Lsh(big.NewInt(1), 100), 18)
	require.NoError(t, err)
	back, err := big1.BigBaseUnits(18)
	require.NoError(t, err)
	assert.Equal(t, new(big.Int).Lsh(big.NewInt(1), 100), back)
	_, err = AmountFromBigBaseUnits(big.NewInt(-1), 6)
	require.ErrorIs(t, err, ErrInvalidAmount)
}

func TestAmountCompareAndJSON(t *testing.T) {
	assert.True(t, MustParseAmount("12.50").Equal(MustParseAmount("12.5")))
	assert.Equal(t, -1, MustParseAmount("0.1").Cmp(MustParseAmount("0.10001")))
	assert.Equal(t, 1, MustParseAmount("2").Cmp(Amount{}))
	assert.True(t, Amount{}.Equal(MustParseAmount("0.000")))

	data, err := json.Marshal(struct{ A Amount }{MustParseAmount("12.5")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"12.5"}`, string(data))

	var v struct{ A, B, C Amount }
	require.NoError(t, json.Unmarshal([]byte(`{"A":"1.000001","B":2.5,"C":null}`), &v))
	assert.Equal(t, "1.000001", v.A.String())
	assert.Equal(t, "2.5", v.B.String(), "a bare number is read from its text, not a float64")
	assert.True(t, v.C.IsZero())
	require.ErrorIs(t, json.Unmarshal([]byte(`{"A":"-1"}`), &v), ErrInvalidAmount)
	require.Error(t, json.Unmarshal([]byte(`{"A":1e3}`), &v))
}
