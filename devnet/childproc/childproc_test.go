package childproc

import (
	"context"
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestStopSignalsAndWaits(t *testing.T) {
	p, err := Start(exec.Command("sleep", "30"))
	require.NoError(t, err)
	require.NotZero(t, p.Pid())
	require.NoError(t, p.Exited(), "running")
	p.Stop(syscall.SIGTERM, 5*time.Second)
	require.Zero(t, p.Pid())
	require.ErrorContains(t, p.Exited(), "signal: terminated")
	p.Stop(syscall.SIGTERM, time.Second) // stopped already: nothing
}

func TestStopKillsAfterTheGrace(t *testing.T) {
	// A shell that ignores SIGTERM.
	p, err := Start(exec.Command("sh", "-c", "trap '' TERM; sleep 30"))
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond) // the trap is set
	began := time.Now()
	p.Stop(syscall.SIGTERM, 200*time.Millisecond)
	require.Less(t, time.Since(began), 5*time.Second)
	require.ErrorContains(t, p.Exited(), "killed")
}

func TestExitedReportsACleanExitToo(t *testing.T) {
	p, err := Start(exec.Command("true"))
	require.NoError(t, err)
	require.Eventually(t, func() bool { return p.Exited() != nil }, 5*time.Second, 10*time.Millisecond)
	require.ErrorContains(t, p.Exited(), "exit status 0")
	var none *Process
	require.Zero(t, none.Pid())
	require.NoError(t, none.Exited())
	none.Stop(syscall.SIGTERM, time.Second)
}

// TestWaitReadyEndsOnReadyExitOrDeadline: the wait ends when the check
// passes, when the process exits first (ErrExited, without waiting out
// the deadline), or at the deadline with the check's last error.
func TestWaitReadyEndsOnReadyExitOrDeadline(t *testing.T) {
	p, err := Start(exec.Command("sleep", "30"))
	require.NoError(t, err)
	defer p.Stop(syscall.SIGTERM, 5*time.Second)
	calls := 0
	require.NoError(t, p.WaitReady(context.Background(), time.Millisecond, func(context.Context) error {
		if calls++; calls < 3 {
			return errors.New("not yet")
		}
		return nil
	}))
	require.Equal(t, 3, calls)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err = p.WaitReady(ctx, 5*time.Millisecond, func(context.Context) error { return errors.New("port closed") })
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorContains(t, err, "last: port closed")
	require.NotErrorIs(t, err, ErrExited)

	gone, err := Start(exec.Command("false"))
	require.NoError(t, err)
	began := time.Now()
	err = gone.WaitReady(context.Background(), 5*time.Millisecond, func(context.Context) error { return errors.New("no answer") })
	require.ErrorIs(t, err, ErrExited)
	require.ErrorContains(t, err, "exit status 1")
	require.Less(t, time.Since(began), 5*time.Second)
}

func TestTailKeepsTheLastBytes(t *testing.T) {
	tail := NewTail(8)
	for _, s := range []string{"hello ", "world", "\nbind: address already in use\n"} {
		if _, err := tail.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got := tail.String(); got != "in use" {
		t.Fatalf("kept %q", got)
	}
}
