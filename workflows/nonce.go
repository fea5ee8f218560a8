package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// nonceIdle is how long a nonce workflow waits for the next mint before it
// ends; the next mint to that recipient starts a new one.
const nonceIdle = time.Hour

// nonceContinueAfter bounds the history of a busy recipient's workflow.
const nonceContinueAfter = 500

// MintNonceWorkflow hands out the wPOKT mint nonces of one recipient, one
// mint at a time. The contract accepts nonce n+1 only once n is minted, so
// a mint holds the lease from creating its order until the order ended; the
// next mint then gets the chain's nonce + 1 (never below NextMin).
func MintNonceWorkflow(ctx workflow.Context, s transfer.NonceState) error {
	logger := workflow.GetLogger(ctx)
	if err := workflow.SetQueryHandler(ctx, transfer.QueryState, func() (transfer.NonceState, error) { return s, nil }); err != nil {
		return fmt.Errorf("set query handler: %w", err)
	}
	acquire := workflow.GetSignalChannel(ctx, transfer.SignalNonceAcquire)
	release := workflow.GetSignalChannel(ctx, transfer.SignalNonceRelease)
	drain := func() {
		for {
			var a transfer.NonceAcquire
			if acquire.ReceiveAsync(&a) {
				if a.WorkflowID != s.Holder && !containsString(s.Queue, a.WorkflowID) {
					s.Queue = append(s.Queue, a.WorkflowID)
				}
				continue
			}
			var rel transfer.NonceRelease
			if release.ReceiveAsync(&rel) {
				if rel.WorkflowID == s.Holder {
					if rel.Used && rel.Nonce+1 > s.NextMin {
						s.NextMin = rel.Nonce + 1
					}
					s.Holder, s.HolderNonce = "", 0
				}
				continue
			}
			return
		}
	}
	for {
		drain()
		if s.Holder == "" && len(s.Queue) > 0 {
			if err := grantNext(ctx, &s); err != nil {
				return err
			}
			continue
		}
		if s.Holder == "" && len(s.Queue) == 0 {
			if s.Granted >= nonceContinueAfter || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
				s.Granted = 0
				return workflow.NewContinueAsNewError(ctx, MintNonceWorkflow, s)
			}
			ok, err := workflow.AwaitWithTimeout(ctx, nonceIdle, func() bool { return acquire.Len() > 0 || release.Len() > 0 })
			if err != nil {
				return err
			}
			if !ok {
				drain()
				if s.Holder == "" && len(s.Queue) == 0 {
					logger.Info("mint nonce workflow idle, ending", "recipient", s.Recipient)
					return nil
				}
			}
			continue
		}
		if err := workflow.Await(ctx, func() bool { return acquire.Len() > 0 || release.Len() > 0 }); err != nil {
			return err
		}
	}
}

// grantNext reads the recipient's nonce on chain and grants the next one to
// the first mint in the queue.
func grantNext(ctx workflow.Context, s *transfer.NonceState) error {
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    localTimeout,
		ScheduleToCloseTimeout: localGiveUp,
	})
	var onChain uint64
	for {
		err := workflow.ExecuteLocalActivity(lctx, transfer.ActivityReadUserNonce, s.Recipient).Get(lctx, &onChain)
		if err == nil {
			break
		}
		workflow.GetLogger(ctx).Warn("read mint nonce, will retry", "recipient", s.Recipient, "error", err)
		if err := workflow.Sleep(ctx, retryPause); err != nil {
			return err
		}
	}
	next := max(onChain+1, s.NextMin)
	holder := s.Queue[0]
	s.Queue = s.Queue[1:]
	err := workflow.SignalExternalWorkflow(ctx, holder, "", transfer.SignalNonceGranted, transfer.NonceGrant{Nonce: next}).Get(ctx, nil)
	if err != nil {
		// The mint is gone (terminated by an operator): skip it.
		workflow.GetLogger(ctx).Warn("grant mint nonce", "holder", holder, "error", err)
		return nil
	}
	s.Holder, s.HolderNonce = holder, next
	s.Granted++
	return nil
}
