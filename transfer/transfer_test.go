package transfer

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWorkflowIDs(t *testing.T) {
	require.Equal(t, "mint-ab12", MintWorkflowID("AB12"))
	require.Equal(t, "mint-ab12", MintWorkflowID("0xab12"))
	require.Equal(t, "burn-0xabcd-2", BurnWorkflowID("0xABCD", 2))
	require.Equal(t, "burn-0xabcd-0", BurnWorkflowID("abcd", 0))

	kind, hash, n, err := ParseWorkflowID("burn-0xabcd-2")
	require.NoError(t, err)
	require.Equal(t, KindBurn, kind)
	require.Equal(t, "0xabcd", hash)
	require.Equal(t, 2, n)
	kind, hash, _, err = ParseWorkflowID("mint-ab12")
	require.NoError(t, err)
	require.Equal(t, KindMint, kind)
	require.Equal(t, "ab12", hash)
	for _, bad := range []string{"", "mint-", "burn-0xabcd", "burn-0xabcd-x", "burn-0xabcd--1", "wpokt-control"} {
		_, _, _, err := ParseWorkflowID(bad)
		require.Error(t, err, bad)
	}
}

func TestStatusesOnlyMoveForward(t *testing.T) {
	require.ElementsMatch(t, []Status{StatusSigned, StatusDetected, StatusConfirmed, StatusHeld, StatusStarted}, StatusSigned.Before())
	require.NotContains(t, StatusFailed.Before(), StatusExecuted, "a final status is never replaced")
	require.NotContains(t, StatusExecuted.Before(), StatusRefunded)
	require.Contains(t, StatusExecuted.Before(), StatusExecuted, "rewriting the same status is idempotent")
	require.Nil(t, Status("bogus").Before())
	for _, s := range AllStatuses {
		require.True(t, s.Valid())
	}
	require.True(t, StatusRefunded.Final())
	require.False(t, StatusHeld.Final())
}

func TestPOKTAmounts(t *testing.T) {
	for upokt, s := range map[uint64]string{0: "0", 1: "0.000001", 12_500_000: "12.5", 3_000_000: "3", 10_000: "0.01"} {
		require.Equal(t, s, FormatPOKT(upokt))
		got, err := ParsePOKT(s)
		require.NoError(t, err)
		require.Equal(t, upokt, got)
	}
	got, err := ParsePOKT(".5")
	require.NoError(t, err)
	require.EqualValues(t, 500_000, got)
	for _, bad := range []string{"", ".", "1.", "-1", "1e6", "1.0000001", "12,5", " 1", "18446744073709.551616", "99999999999999999999"} {
		_, err := ParsePOKT(bad)
		require.Error(t, err, bad)
	}
	max, err := ParsePOKT("18446744073709.551615")
	require.NoError(t, err)
	require.Equal(t, uint64(1<<64-1), max)
}
