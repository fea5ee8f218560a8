// Package workflows holds the bridge's deterministic orchestration: one
// workflow per transfer (MintWorkflow, BurnWorkflow, sharing one skeleton:
// carry) and the control workflow (the global pause, the governor and the
// mint nonce leases). All I/O happens in activities, called by name (see
// package transfer and RegisterSharedActivities).
package workflows

import (
	"errors"
	"fmt"
	"go.temporal.io/sdk/log"
	"slices"
	"time"

	"github.com/wpokt/bridge/transfer"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Search attribute keys, typed for upserts.
var (
	searchStatus    = temporal.NewSearchAttributeKeyKeyword(transfer.SearchStatus)
	searchKind      = temporal.NewSearchAttributeKeyKeyword(transfer.SearchKind)
	searchAmount    = temporal.NewSearchAttributeKeyInt64(transfer.SearchAmount)
	searchRecipient = temporal.NewSearchAttributeKeyKeyword(transfer.SearchRecipient)
)

// Timeouts and retries of the activities, stated once.
const (
	// localTimeout bounds one attempt of a quick local activity (an RPC
	// read, a Copper call, a projection write).
	localTimeout = 15 * time.Second
	// localGiveUp is how long a local activity retries before the workflow
	// records the error as its reason and waits retryPause to try again.
	localGiveUp = time.Minute
	retryPause  = 15 * time.Second
	// signTimeout bounds one signing attempt: the re-verification plus the
	// co-signer's session. Signers retry without limit and have no
	// schedule-to-start timeout: a node that is down is simply not needed
	// while threshold others are up, and is cancelled once they signed.
	signTimeout = 10 * time.Minute
	// awaitHeartbeat: the order watcher heartbeats each poll.
	awaitHeartbeat = time.Minute
	awaitTimeout   = 24 * time.Hour
	// nonceRetry re-asks the control workflow when a queued mint got no
	// grant (e.g. the holder was terminated by an operator).
	nonceRetry = 5 * time.Minute
	// pauseRecheck re-asks the control workflow while paused, in case the
	// resume signal was lost with a control workflow restart.
	pauseRecheck = 5 * time.Minute
)

// run is the state and the shared steps of one transfer workflow.
type run struct {
	ctx      workflow.Context
	logger   log.Logger
	settings transfer.Settings
	trust    Trust
	st       transfer.State
	// folded: this run folds its steps into fewer tasks
	// (versionFoldedSteps).
	folded bool
	// quietTally: this run projects the readings' tally at most every
	// tallyProjectEvery (versionFoldedSteps 2).
	quietTally bool
	// searchStale: a quiet status is not in the search attributes yet.
	searchStale bool
	// seenHeight is the lowest height a scanner reported, for telling a
	// lagging RPC from a tx that vanished.
	seenHeight int64
	// reports are the nodes' readings of the transfer, one per node.
	reports []nodeReport
	// releases are the verified operators' releases of a held transfer,
	// passed to every signer, which verifies them again itself.
	releases []transfer.ReleaseSignal
}

type nodeReport struct {
	node   string
	report transfer.Reading
}

func newRun(ctx workflow.Context, kind transfer.Kind, settings transfer.Settings, trust Trust) (*run, error) {
	info := workflow.GetInfo(ctx)
	r := &run{
		ctx:      ctx,
		logger:   workflow.GetLogger(ctx),
		settings: settings,
		trust:    trust,
		st: transfer.State{
			WorkflowID: info.WorkflowExecution.ID,
			Kind:       kind,
			Status:     transfer.StatusDetected,
			CreatedAt:  workflow.Now(ctx),
			UpdatedAt:  workflow.Now(ctx),
		},
	}
	if err := errors.Join(validateSettings(settings), trust.validate()); err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorBadSettings, nil)
	}
	if err := workflow.SetQueryHandler(ctx, transfer.QueryState, func() (transfer.State, error) {
		return r.st, nil
	}); err != nil {
		return nil, fmt.Errorf("set query handler: %w", err)
	}
	seen := workflow.GetSignalChannel(ctx, transfer.SignalSeen)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var s transfer.SeenSignal
			seen.Receive(ctx, &s)
			r.noteSeen(s)
		}
	})
	// The signal that started the workflow is already buffered: take it
	// now so that the first read knows the height the scanner saw.
	for {
		var s transfer.SeenSignal
		if !seen.ReceiveAsync(&s) {
			break
		}
		r.noteSeen(s)
	}
	return r, nil
}

func validateSettings(s transfer.Settings) error {
	switch {
	case s.Confirmations < 0:
		return errors.New("settings: negative confirmations")
	case s.BlockTime <= 0 || s.PollInterval <= 0 || s.OrderPollInterval <= 0 || s.SignerRetryMax <= 0:
		return errors.New("settings: block time, poll intervals and signer retry must be positive")
	}
	return nil
}

// noteSeen takes one node's authenticated reading; a reading from a node
// outside the signing set, or whose signature does not verify, is dropped
// (loudly: it is a forgery or a misconfigured node).
func (r *run) noteSeen(s transfer.SeenSignal) {
	if !r.trust.Keys.Verify(r.st.WorkflowID, s) {
		r.logger.Warn("dropped a reading that is not signed by a node of the signing set", "node", s.NodeID)
		return
	}
	if s.NodeID != "" && !slices.Contains(r.st.SeenBy, s.NodeID) {
		r.st.SeenBy = append(r.st.SeenBy, s.NodeID)
		if s.Report.Class != "" {
			r.reports = append(r.reports, nodeReport{node: s.NodeID, report: s.Report})
		}
	}
	if s.Height > 0 && (r.seenHeight == 0 || s.Height < r.seenHeight) {
		r.seenHeight = s.Height
	}
}
