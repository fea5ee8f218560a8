package workflows

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

// confirmedWithoutReadings is a deposit that its first read confirms and
// that no node has reported yet; truth is the reading they will send.
func confirmedWithoutReadings(t *testing.T) (*fakeBridge, *testsuite.TestWorkflowEnvironment, transfer.Reading) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.confirmationsPerRead = 3
	env := newTestEnv(t)
	f.register(env)
	env.OnSignalExternalWorkflow(mockAny, mockAny, "", transfer.SignalNonceRelease, mockAny).Return(nil).Maybe()
	return f, env, f.report()
}

// TestTrickledReadingsAreProjectedAtMostEveryTallyInterval: eight readings
// arrive a second apart after the deposit confirmed, the ninth well after
// the interval
// (scanners working through a burst). The query shows every change at
// once; the projection gets the first tally at once, the eight readings
// once the interval passed (one timer, not a write per reading), and the
// transfer goes on when the ninth arrives.
func TestTrickledReadingsAreProjectedAtMostEveryTallyInterval(t *testing.T) {
	f, env, truth := confirmedWithoutReadings(t)
	for i := range 9 {
		at := time.Duration(i+1) * time.Second
		if i == 8 {
			at = tallyProjectEvery + 15*time.Second
		}
		env.RegisterDelayedCallback(func() { env.SignalWorkflow(transfer.SignalSeen, signedSeen(nodes[i], 100, truth)) }, at)
	}
	var live transfer.State
	env.RegisterDelayedCallback(func() { live = queryState(t, env) }, 8500*time.Millisecond)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Contains(t, live.Reason, "(8 read mint 12500000 upokt", "the query shows the tally at once")
	var tallies []string
	for _, p := range f.projected {
		if strings.HasPrefix(p.Reason, "waiting for 9 nodes to read the transfer alike") {
			tallies = append(tallies, p.Reason)
		}
	}
	require.Len(t, tallies, 2, "the first tally at once, then one write for the eight that trickled in: %q", tallies)
	require.Contains(t, tallies[0], "(no node has reported yet)")
	require.Contains(t, tallies[1], "(8 read mint 12500000 upokt")
}

// TestATransferShortOfReadingsShowsItsLastTally: readings stop at eight
// within the interval; the projection still shows all eight, however long
// the transfer waits, and nothing is ordered.
func TestATransferShortOfReadingsShowsItsLastTally(t *testing.T) {
	f, env, truth := confirmedWithoutReadings(t)
	for i := range 8 {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow(transfer.SignalSeen, signedSeen(nodes[i], 100, truth)) }, time.Duration(i+1)*time.Second)
	}
	env.RegisterDelayedCallback(func() { env.CancelWorkflow() }, time.Hour)
	startMint(env)

	require.Zero(t, f.creates)
	last := f.projected[len(f.projected)-1]
	require.Equal(t, transfer.StatusDetected, last.Status)
	require.Contains(t, last.Reason, "waiting for 9 nodes to read the transfer alike (8 read mint 12500000 upokt")
	require.LessOrEqual(t, len(f.projected), 4, "no write per reading")
}

// TestReadingsArrivingWithTheRefreshAreCounted: the last readings arrive
// in the workflow task in which the refresh timer fires. They are counted,
// and the transfer goes on (the wait resumes from what the tally saw, not
// from what arrived while its projection ran).
func TestReadingsArrivingWithTheRefreshAreCounted(t *testing.T) {
	f, env, truth := confirmedWithoutReadings(t)
	for i := range 8 {
		env.RegisterDelayedCallback(func() { env.SignalWorkflow(transfer.SignalSeen, signedSeen(nodes[i], 100, truth)) }, time.Duration(i+1)*time.Second)
	}
	env.RegisterDelayedCallback(func() {
		for _, node := range nodes[8:] {
			env.SignalWorkflow(transfer.SignalSeen, signedSeen(node, 100, truth))
		}
	}, tallyProjectEvery)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, 1, f.creates)
}
