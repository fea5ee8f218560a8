package activities

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// chainAt returns a read whose source gains a confirmation every call.
func chainAt(confirmations int64, calls *int) func() (transfer.Reading, error) {
	return func() (transfer.Reading, error) {
		*calls++
		return transfer.Reading{Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true,
			Confirmations: confirmations + int64(*calls) - 1}}, nil
	}
}

// TestReadConfirmedWaitsForTheConfirmations: the read polls until the
// source has its confirmations, and no longer.
func TestReadConfirmedWaitsForTheConfirmations(t *testing.T) {
	calls := 0
	w := transfer.ConfirmWait{Confirmations: 4, For: time.Second, Poll: time.Millisecond}
	rd, err := readConfirmed(context.Background(), w, chainAt(1, &calls))
	require.NoError(t, err)
	require.EqualValues(t, 4, rd.Source.Confirmations)
	require.Equal(t, 4, calls)
}

// TestReadConfirmedReadsOnceWithoutAWait: the zero wait is a single read.
func TestReadConfirmedReadsOnceWithoutAWait(t *testing.T) {
	calls := 0
	rd, err := readConfirmed(context.Background(), transfer.ConfirmWait{}, chainAt(1, &calls))
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)
	require.Equal(t, 1, calls)
}

// TestReadConfirmedGivesUpWithTheLastReading: a block that does not come
// within the wait, or the activity's end, returns the pending reading for
// the workflow to judge; an error ends the wait at once.
func TestReadConfirmedGivesUpWithTheLastReading(t *testing.T) {
	stuck := func() (transfer.Reading, error) {
		return transfer.Reading{Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true, Confirmations: 1}}, nil
	}
	w := transfer.ConfirmWait{Confirmations: 4, For: 30 * time.Millisecond, Poll: 5 * time.Millisecond}
	start := time.Now()
	rd, err := readConfirmed(context.Background(), w, stuck)
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)
	require.Less(t, time.Since(start), time.Second)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rd, err = readConfirmed(ctx, transfer.ConfirmWait{Confirmations: 4, For: time.Hour, Poll: time.Minute}, stuck)
	require.NoError(t, err)
	require.EqualValues(t, 1, rd.Source.Confirmations)

	calls := 0
	_, err = readConfirmed(context.Background(), w, func() (transfer.Reading, error) {
		calls++
		return transfer.Reading{}, errors.New("rpc down")
	})
	require.ErrorContains(t, err, "rpc down")
	require.Equal(t, 1, calls)
}
