package workflows

import (
	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// setStatus moves the transfer to a status with a reason, for the query,
// the search attributes and the projection.
func (r *run) setStatus(status transfer.Status, reason string) {
	changed := status != r.st.Status
	r.st.Status = status
	r.st.Reason = reason
	r.st.UpdatedAt = workflow.Now(r.ctx)
	if changed || r.searchStale {
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

// quietStatus records and projects a status whose search attributes the
// next status replaces in the same workflow task unless something waits
// in between, so that it costs no upsert of its own (Temporal shows a
// task's attributes only once it completes). A wait writes them first: a
// note does, and so does the first failure of a local activity (local).
func (r *run) quietStatus(status transfer.Status, reason string) {
	r.st.Status, r.st.Reason, r.st.UpdatedAt = status, reason, workflow.Now(r.ctx)
	r.searchStale = true
	r.logger.Info("transfer status", "status", status, "reason", reason)
	r.project()
}

// note records a reason without a status change (e.g. what the transfer
// waits for), and projects it.
func (r *run) note(reason string) {
	if r.searchStale {
		r.upsertSearch()
	}
	if r.setReason(reason) {
		r.project()
	}
}

// setReason records a reason for the query alone; false when it is the
// one recorded already.
func (r *run) setReason(reason string) bool {
	if reason == r.st.Reason {
		return false
	}
	r.st.Reason = reason
	r.st.UpdatedAt = workflow.Now(r.ctx)
	r.logger.Info("transfer waiting", "status", r.st.Status, "reason", reason)
	return true
}

func (r *run) upsertSearch() {
	r.searchStale = false
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
