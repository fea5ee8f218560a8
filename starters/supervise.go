package starters

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// Restart reasons, as the observer and the metrics label them.
const (
	RestartPanic    = "panic"
	RestartReturned = "returned"
)

const (
	defaultRestartBackoff = time.Second
	maxRestartBackoff     = time.Minute
)

// panicError is a scanner's panic turned into an error, with the stack of
// the goroutine that panicked (recover runs on that stack).
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// Supervise runs a scanner's run until ctx ends. A panic inside run is
// recovered into an error, counted and logged with its stack, and run starts
// again after a pause; so does a return before ctx ended (a scanner returns
// only at shutdown). The pause doubles from RestartBackoff up to a minute,
// and starts over once run has lived longer than the pause: a scanner that
// panics on every round neither spins nor stays down for long, and one that
// panicked once comes back at once. A node without its scanners would see
// no transfer and sign nothing, silently, so the process must not die or
// leave them stopped.
func (n Node) Supervise(ctx context.Context, chain string, run func(context.Context) error) error {
	pause := n.restartBackoff()
	for {
		began := time.Now()
		err := runRecovered(ctx, run)
		if ctx.Err() != nil {
			return nil
		}
		reason := RestartReturned
		if pe, ok := err.(*panicError); ok {
			reason = RestartPanic
			n.logger().Error("scanner panicked; restarting it", "chain", chain, "node", n.NodeID,
				"error", err, "after", pause, "stack", string(pe.stack))
		} else {
			n.logger().Error("scanner stopped; restarting it", "chain", chain, "node", n.NodeID, "error", err, "after", pause)
		}
		n.observer().Restarted(chain, reason)
		if err == nil {
			err = fmt.Errorf("%s scanner returned before shutdown", chain)
		}
		n.observer().ScanFailed(chain, err)
		if time.Since(began) > pause {
			pause = n.restartBackoff()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(pause):
		}
		pause = min(2*pause, max(maxRestartBackoff, n.restartBackoff()))
	}
}

// runRecovered calls run, turning a panic into a *panicError.
func runRecovered(ctx context.Context, run func(context.Context) error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return run(ctx)
}

func (n Node) restartBackoff() time.Duration {
	if n.RestartBackoff > 0 {
		return n.RestartBackoff
	}
	return defaultRestartBackoff
}
