// Package workflows holds the bridge's deterministic orchestration: one
// workflow per transfer (MintWorkflow, BurnWorkflow), the control workflow
// (global pause and governor) and the per-recipient mint nonce workflow.
// All I/O happens in activities, called by name (see package transfer).
package workflows

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
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
	st       transfer.State
	// seenHeight is the lowest height a scanner reported, for telling a
	// lagging RPC from a tx that vanished.
	seenHeight int64
	// reports are the nodes' readings of the transfer, one per node.
	reports []nodeReport
}

type nodeReport struct {
	node   string
	report transfer.Report
}

func newRun(ctx workflow.Context, kind transfer.Kind, settings transfer.Settings) (*run, error) {
	info := workflow.GetInfo(ctx)
	r := &run{
		ctx:      ctx,
		logger:   workflow.GetLogger(ctx),
		settings: settings,
		st: transfer.State{
			WorkflowID: info.WorkflowExecution.ID,
			Kind:       kind,
			Status:     transfer.StatusDetected,
			CreatedAt:  workflow.Now(ctx),
			UpdatedAt:  workflow.Now(ctx),
		},
	}
	if err := validateSettings(settings); err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), "BadSettings", nil)
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
	case s.Threshold < 1 || s.Threshold > len(s.Signers):
		return fmt.Errorf("settings: threshold %d of %d signers", s.Threshold, len(s.Signers))
	}
	return nil
}

func (r *run) noteSeen(s transfer.SeenSignal) {
	if s.NodeID != "" && !slices.Contains(r.st.SeenBy, s.NodeID) {
		r.st.SeenBy = append(r.st.SeenBy, s.NodeID)
		if s.Report.Kind != "" {
			r.reports = append(r.reports, nodeReport{node: s.NodeID, report: s.Report})
		}
	}
	if s.Height > 0 && (r.seenHeight == 0 || s.Height < r.seenHeight) {
		r.seenHeight = s.Height
	}
}

// setStatus moves the transfer to a status with a reason, for the query,
// the search attributes and the projection.
func (r *run) setStatus(status transfer.Status, reason string) {
	changed := status != r.st.Status
	r.st.Status = status
	r.st.Reason = reason
	r.st.UpdatedAt = workflow.Now(r.ctx)
	if changed {
		r.logger.Info("transfer status", "status", status, "reason", reason)
		// The scanner set status and kind at the start; every later
		// status (with the amount and recipient by then) is one upsert.
		r.upsertSearch()
	}
	if status.Final() {
		r.projectFinal()
		return
	}
	r.project()
}

// note records a reason without a status change (e.g. what the transfer
// waits for), and projects it.
func (r *run) note(reason string) {
	if reason == r.st.Reason {
		return
	}
	r.st.Reason = reason
	r.st.UpdatedAt = workflow.Now(r.ctx)
	r.logger.Info("transfer waiting", "status", r.st.Status, "reason", reason)
	r.project()
}

func (r *run) upsertSearch() {
	updates := []temporal.SearchAttributeUpdate{
		searchStatus.ValueSet(string(r.st.Status)),
		searchKind.ValueSet(string(r.st.Kind)),
	}
	if r.st.Amount > 0 {
		updates = append(updates, searchAmount.ValueSet(int64(min(r.st.Amount, 1<<63-1))))
	}
	if r.st.Recipient != "" {
		updates = append(updates, searchRecipient.ValueSet(r.st.Recipient))
	}
	if err := workflow.UpsertTypedSearchAttributes(r.ctx, updates...); err != nil {
		// Only an unregistered attribute fails here: the transfer goes on,
		// it is merely harder to find.
		r.logger.Error("upsert search attributes", "error", err)
	}
}

// project writes the state to the read-only projection. A failure to write
// is logged and never stops the transfer: the next status writes it all.
func (r *run) project() {
	if err := r.tryProject(); err != nil {
		r.logger.Warn("project transfer", "error", err)
	}
}

// projectFinal writes the final state, retrying until it lands: no later
// write would correct it. The funds have moved by then; only the closing of
// the workflow waits for the database.
func (r *run) projectFinal() {
	for {
		err := r.tryProject()
		if err == nil {
			return
		}
		r.logger.Warn("project final status, will retry", "error", err)
		if err := workflow.Sleep(r.ctx, retryPause); err != nil {
			return
		}
	}
}

func (r *run) tryProject() error {
	r.st.Revision++
	ctx := workflow.WithLocalActivityOptions(r.ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    localTimeout,
		ScheduleToCloseTimeout: localGiveUp,
	})
	return workflow.ExecuteLocalActivity(ctx, transfer.ActivityProject, r.st).Get(ctx, nil)
}

// local runs a quick local activity until it succeeds. Each time it gives
// up (after localGiveUp) the error becomes the transfer's reason and the
// workflow waits before trying again, so that an RPC or Copper outage
// shows on the transfer instead of failing it. A non-retryable application
// error is returned to the caller.
func (r *run) local(name string, in, out any) error {
	ctx := workflow.WithLocalActivityOptions(r.ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    localTimeout,
		ScheduleToCloseTimeout: localGiveUp,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    200 * time.Millisecond,
			BackoffCoefficient: 2,
			MaximumInterval:    5 * time.Second,
		},
	})
	for {
		err := workflow.ExecuteLocalActivity(ctx, name, in).Get(ctx, out)
		if err == nil {
			return nil
		}
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) && appErr.NonRetryable() {
			return err
		}
		r.note(fmt.Sprintf("retrying %s: %v", name, rootCause(err)))
		if err := workflow.Sleep(r.ctx, retryPause); err != nil {
			return err
		}
	}
}

// awaitConfirmations re-reads the source tx with read until it has the
// required confirmations on the canonical chain. It waits with timers
// sized to the expected block time, not with a busy activity. It returns a
// non-empty failure reason when the tx failed or vanished.
func (r *run) awaitConfirmations(read func() (transfer.SourceCheck, error)) (failure string, err error) {
	need := r.settings.Confirmations
	for {
		sc, err := read()
		if err != nil {
			return "", err
		}
		switch {
		case sc.Found && !sc.Success:
			return "source transaction failed on chain", nil
		case !sc.Found:
			// A node's RPC may lag the scanner that saw the tx: call it gone
			// only once the chain is past where it would have confirmed.
			if r.seenHeight > 0 && sc.Head >= r.seenHeight+need {
				return fmt.Sprintf("source transaction vanished before confirmation (seen at height %d, head %d)", r.seenHeight, sc.Head), nil
			}
			r.note("source transaction not found on this node's RPC yet")
		case sc.Canonical && sc.Confirmations >= need:
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
			return "", nil
		default:
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
		}
		wait := r.settings.PollInterval
		if sc.Found && sc.Canonical && sc.Confirmations < need {
			// Sleep until the block that confirms it is due.
			wait = max(wait, time.Duration(need-sc.Confirmations)*r.settings.BlockTime)
		}
		if err := workflow.Sleep(r.ctx, wait); err != nil {
			return "", err
		}
	}
}

// agreed waits until threshold nodes' scanners read the transfer alike and
// returns that reading: the order is built from what 9 nodes agree on, not
// from the read of the one node that runs the workflow (its RPC may lie).
// own is that node's read, logged when it differs.
func (r *run) agreed(own transfer.Report) (transfer.Report, error) {
	var agreed transfer.Report
	tally := func() bool {
		for _, a := range r.reports {
			n := 0
			for _, b := range r.reports {
				if a.report.Agrees(b.report) {
					n++
				}
			}
			if n >= r.settings.Threshold {
				agreed = a.report
				return true
			}
		}
		return false
	}
	for !tally() {
		// Say who read what, and update it as more nodes report.
		r.note(fmt.Sprintf("waiting for %d nodes to read the transfer alike (%s)", r.settings.Threshold, r.readings()))
		n := len(r.reports)
		if err := workflow.Await(r.ctx, func() bool { return len(r.reports) != n }); err != nil {
			return transfer.Report{}, err
		}
	}
	if !agreed.Agrees(own) {
		r.logger.Warn("this node's RPC reads the transfer otherwise than the nodes agree on: going with them",
			"own", fmt.Sprintf("%+v", own), "agreed", fmt.Sprintf("%+v", agreed))
	}
	return agreed, nil
}

// readings summarises the reports so far, for a waiting transfer's reason.
func (r *run) readings() string {
	var parts []string
	counted := make([]bool, len(r.reports))
	for i, a := range r.reports {
		if counted[i] {
			continue
		}
		n := 0
		for j, b := range r.reports {
			if a.report.Agrees(b.report) {
				counted[j] = true
				n++
			}
		}
		parts = append(parts, fmt.Sprintf("%d read %s %d upokt to %s", n, a.report.Kind, a.report.PayAmount, a.report.Recipient))
	}
	if len(parts) == 0 {
		return "no node has reported yet"
	}
	return strings.Join(parts, "; ")
}

// reserve passes the governor, the global pause and, for a mint, its
// recipient's nonce lease: it returns once the control workflow granted
// the amount (and the nonce), holding for an operator's release, waiting
// out a pause or waiting in the recipient's queue on the way.
func (r *run) reserve(req transfer.ReserveRequest) (nonce uint64, err error) {
	release := workflow.GetSignalChannel(r.ctx, transfer.SignalRelease)
	resumed := workflow.GetSignalChannel(r.ctx, transfer.SignalResumed)
	granted := workflow.GetSignalChannel(r.ctx, transfer.SignalNonceGranted)
	for {
		var res transfer.ReserveResult
		if err := r.local(transfer.ActivityReserve, req, &res); err != nil {
			return 0, err
		}
		switch res.Decision {
		case transfer.ReserveGranted:
			return res.Nonce, nil
		case transfer.ReserveHeld:
			r.setStatus(transfer.StatusHeld, "held: "+res.Reason+"; waiting for an operator's release signal")
			var rel transfer.ReleaseSignal
			release.Receive(r.ctx, &rel)
			r.logger.Info("transfer released", "by", rel.By, "reason", rel.Reason)
			r.note(fmt.Sprintf("released by %s: %s", orUnknown(rel.By), rel.Reason))
			req.Released = true
		case transfer.ReservePaused:
			r.note("waiting: the bridge is paused (" + res.Reason + ")")
			r.waitSignal(resumed, pauseRecheck, nil)
		case transfer.ReserveQueued:
			r.note("waiting: " + res.Reason)
			var grant transfer.NonceGrant
			if r.waitSignal(granted, nonceRetry, &grant) {
				return grant.Nonce, nil
			}
		default:
			return 0, temporal.NewNonRetryableApplicationError("control workflow answered "+res.Decision, "BadReserve", nil)
		}
	}
}

// waitSignal waits for a signal, or gives up after timeout so that the
// caller asks again (a lost signal costs a delay, never a stuck transfer).
func (r *run) waitSignal(ch workflow.ReceiveChannel, timeout time.Duration, into any) bool {
	got := false
	sel := workflow.NewSelector(r.ctx)
	sel.AddReceive(ch, func(c workflow.ReceiveChannel, _ bool) { c.Receive(r.ctx, into); got = true })
	sel.AddFuture(workflow.NewTimer(r.ctx, timeout), func(workflow.Future) {})
	sel.Select(r.ctx)
	return got
}

// findOrder looks for an order this transfer already has (a retry, or a
// re-scan after Temporal forgot the first run).
func (r *run) findOrder() (transfer.OrderRef, error) {
	var ref transfer.OrderRef
	err := r.local(transfer.ActivityFindOrder, r.st.WorkflowID, &ref)
	return ref, err
}

func (r *run) createOrder(spec transfer.OrderSpec) (transfer.OrderRef, error) {
	var ref transfer.OrderRef
	if err := r.local(transfer.ActivityCreateOrder, spec, &ref); err != nil {
		return ref, err
	}
	r.useOrder(ref)
	r.setStatus(transfer.StatusStarted, "custody order "+ref.OrderID+" created")
	return ref, nil
}

func (r *run) useOrder(ref transfer.OrderRef) {
	r.st.OrderID = ref.OrderID
	r.st.OrderKind = ref.Spec.Kind
	r.st.Nonce = ref.Spec.Nonce
	r.st.PayAmount = ref.Spec.Amount
}

// orderNeedsSignatures reports whether a custody order status still waits
// for co-signatures.
func orderNeedsSignatures(status string) bool {
	switch status {
	case "full-signed-tx-added", "processing", "executed", "canceled", "rejected", "declined", "error", "blocked", "suspended":
		return false
	}
	return true
}

// collectSignatures asks every node's signer queue to verify and co-sign
// the order, and returns as soon as threshold distinct nodes signed (the
// other requests are cancelled). Refusals are recorded; when too many nodes
// refused for the threshold to be reachable the transfer says so and waits
// for an operator's retry-signers signal.
func (r *run) collectSignatures(kind transfer.OrderKind, logPosition int) error {
	ctx, cancel := workflow.WithCancel(r.ctx)
	defer cancel()
	sel := workflow.NewSelector(ctx)
	// Slices, not maps: the order of rescheduling must replay the same.
	var signed []string
	var refused []transfer.Refusal
	complete := false
	addSigner := func(node string) {
		if !slices.Contains(signed, node) {
			signed = append(signed, node)
			r.st.Signers = append(r.st.Signers, node)
		}
	}

	schedule := func(node string) {
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:           transfer.SignerQueue(node),
			StartToCloseTimeout: signTimeout,
			RetryPolicy: &temporal.RetryPolicy{
				InitialInterval:        min(time.Second, r.settings.SignerRetryMax),
				BackoffCoefficient:     2,
				MaximumInterval:        r.settings.SignerRetryMax,
				NonRetryableErrorTypes: []string{transfer.SignerRefusedError},
			},
		})
		req := transfer.SignRequest{
			NodeID: node, WorkflowID: r.st.WorkflowID, Kind: kind,
			SourceTxHash: r.st.SourceTxHash, LogPosition: logPosition, OrderID: r.st.OrderID,
		}
		sel.AddFuture(workflow.ExecuteActivity(actx, transfer.ActivitySign, req), func(f workflow.Future) {
			var res transfer.SignResult
			err := f.Get(ctx, &res)
			switch {
			case err == nil && res.OrderComplete:
				complete = true
				for _, cs := range res.CoSigners {
					if slices.Contains(r.settings.Signers, cs) {
						addSigner(cs)
					}
				}
			case err == nil:
				addSigner(node)
			case temporal.IsCanceledError(err):
			default:
				ref := transfer.Refusal{NodeID: node, Reason: rootCause(err)}
				refused = append(refused, ref)
				r.st.Refusals = append(r.st.Refusals, ref)
				r.logger.Warn("signer refused", "node", node, "reason", ref.Reason)
			}
		})
	}
	for _, node := range r.settings.Signers {
		schedule(node)
	}
	retry := workflow.GetSignalChannel(r.ctx, transfer.SignalRetrySigners)
	sel.AddReceive(retry, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		again := refused
		refused = nil
		for _, ref := range again {
			schedule(ref.NodeID)
		}
		r.note("operator asked the refusing signers to retry")
	})

	total := len(r.settings.Signers)
	for len(signed) < r.settings.Threshold && !complete {
		sel.Select(ctx)
		if len(refused) > total-r.settings.Threshold {
			r.note(fmt.Sprintf("stuck: %d of %d signed, %d refused (%s); the threshold %d cannot be reached until refusing nodes are fixed and an operator sends %s",
				len(signed), total, len(refused), refusalSummary(refused), r.settings.Threshold, transfer.SignalRetrySigners))
		} else if len(refused) > 0 {
			r.project()
		}
	}
	slices.Sort(r.st.Signers)
	r.setStatus(transfer.StatusSigned, fmt.Sprintf("co-signed by %d nodes", len(signed)))
	return nil
}

// awaitOrder waits for Copper to finish the order.
func (r *run) awaitOrder() (transfer.AwaitOrderResult, error) {
	ctx := workflow.WithActivityOptions(r.ctx, workflow.ActivityOptions{
		StartToCloseTimeout: awaitTimeout,
		HeartbeatTimeout:    awaitHeartbeat,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    time.Minute,
		},
	})
	var res transfer.AwaitOrderResult
	err := workflow.ExecuteActivity(ctx, transfer.ActivityAwaitOrder, transfer.AwaitOrderRequest{
		OrderID: r.st.OrderID, PollInterval: r.settings.OrderPollInterval,
	}).Get(ctx, &res)
	return res, err
}

// verifyDestination checks the executed order's tx on the destination chain.
func (r *run) verifyDestination(spec transfer.OrderSpec, txHash string) error {
	var res transfer.VerifyResult
	if err := r.local(transfer.ActivityVerifyDestination, transfer.VerifyRequest{Spec: spec, TxHash: txHash}, &res); err != nil {
		return err
	}
	r.st.DestTxHash = res.TxHash
	return nil
}

// finishOrder runs an order from its signatures to its verified execution
// and returns the failure reason if it ended unexecuted.
func (r *run) finishOrder(ref transfer.OrderRef, logPosition int) (failure string, err error) {
	if orderNeedsSignatures(ref.Status) {
		if err := r.collectSignatures(ref.Spec.Kind, logPosition); err != nil {
			return "", err
		}
	}
	res, err := r.awaitOrder()
	if err != nil {
		return "", err
	}
	if !res.Executed {
		return fmt.Sprintf("custody order %s ended %s: %s", res.OrderID, res.Status, res.Reason), nil
	}
	if err := r.verifyDestination(ref.Spec, res.TxHash); err != nil {
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) {
			return "destination check failed: " + appErr.Error(), nil
		}
		return "", err
	}
	return "", nil
}

// finishedBefore stops a re-run of a transfer that the projection remembers
// as finished (Temporal forgets closed workflows after the retention
// period): the transfer ends as it ended then, and nothing is done again.
func (r *run) finishedBefore() (bool, error) {
	var rec transfer.PriorRecord
	if err := r.local(transfer.ActivityPriorRecord, r.st.WorkflowID, &rec); err != nil {
		return false, err
	}
	if !rec.Found || !rec.Status.Final() {
		return false, nil
	}
	r.st.OrderID = rec.OrderID
	r.setStatus(rec.Status, fmt.Sprintf("already %s in an earlier run (%s); nothing was done again", rec.Status, rec.Reason))
	return true, nil
}

// order finds the transfer's custody order (a retry, or a re-run after
// Temporal forgot the first) or, once the control workflow let it through
// (and leased a mint its nonce), creates it. leased says the caller holds a
// nonce lease to give back when the order ended.
func (r *run) order(req transfer.ReserveRequest, spec func(nonce uint64) transfer.OrderSpec) (ref transfer.OrderRef, leased bool, err error) {
	if ref, err = r.findOrder(); err != nil {
		return ref, false, err
	}
	if ref.Found {
		// An earlier attempt passed the control workflow and created the
		// order (with its nonce): carry on with it, never create a second.
		r.useOrder(ref)
		r.setStatus(transfer.StatusStarted, "resuming custody order "+ref.OrderID)
		return ref, false, nil
	}
	nonce, err := r.reserve(req)
	if err != nil {
		return ref, false, err
	}
	ref, err = r.createOrder(spec(nonce))
	if err != nil {
		if req.Recipient != "" {
			r.releaseNonce(req.Recipient, nonce, false)
		}
		return ref, false, err
	}
	return ref, req.Recipient != "", nil
}

// end turns an activity's non-retryable error (bad input that retrying
// cannot fix, e.g. a custody order that does not match its transfer) into
// the failed status with its reason, so that every transfer ends in a
// named state. Other errors (cancellation) end the workflow as they are.
func (r *run) end(st transfer.State, err error) (transfer.State, error) {
	var appErr *temporal.ApplicationError
	if err != nil && errors.As(err, &appErr) && appErr.NonRetryable() {
		r.setStatus(transfer.StatusFailed, rootCause(err))
		return r.st, nil
	}
	return st, err
}

func refusalSummary(refused []transfer.Refusal) string {
	sorted := slices.Clone(refused)
	slices.SortFunc(sorted, func(a, b transfer.Refusal) int { return strings.Compare(a.NodeID, b.NodeID) })
	parts := make([]string, len(sorted))
	for i, ref := range sorted {
		// A signer's reason starts with its node ID.
		parts[i] = ref.Reason
		if !strings.HasPrefix(ref.Reason, ref.NodeID) {
			parts[i] = ref.NodeID + ": " + ref.Reason
		}
	}
	return strings.Join(parts, "; ")
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
