package workflows

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// local runs a quick local activity until it succeeds. Each time it gives
// up (after localGiveUp) the error becomes the transfer's reason and the
// workflow waits before trying again, so that an RPC or Copper outage
// shows on the transfer instead of failing it. A non-retryable application
// error is returned to the caller.
func (r *run) local(name string, in, out any) error {
	opts := workflow.LocalActivityOptions{
		StartToCloseTimeout:    localTimeout,
		ScheduleToCloseTimeout: localGiveUp,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    200 * time.Millisecond,
			BackoffCoefficient: 2,
			MaximumInterval:    5 * time.Second,
		},
	}
	for {
		attempt, quiet := opts, r.searchStale
		if quiet {
			// A quiet status is not in the search attributes yet: one
			// attempt, and a failure writes them before the retries wait.
			policy := *opts.RetryPolicy
			policy.MaximumAttempts = 1
			attempt.RetryPolicy = &policy
		}
		err := workflow.ExecuteLocalActivity(workflow.WithLocalActivityOptions(r.ctx, attempt), name, in).Get(r.ctx, out)
		if err == nil {
			return nil
		}
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) && appErr.NonRetryable() {
			return err
		}
		r.note(fmt.Sprintf("retrying %s: %v", name, rootCause(err)))
		if quiet {
			continue
		}
		if err := workflow.Sleep(r.ctx, retryPause); err != nil {
			return err
		}
	}
}

// rootCause unwraps Temporal's activity error chain to the message of the
// error the activity returned.
func rootCause(err error) string {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		return appErr.Message()
	}
	var timeoutErr *temporal.TimeoutError
	if errors.As(err, &timeoutErr) {
		return "timeout: " + timeoutErr.Error()
	}
	return err.Error()
}

func orUnknown(s string) string {
	if s == "" {
		return "an operator"
	}
	return s
}
