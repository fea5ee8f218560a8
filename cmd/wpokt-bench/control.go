package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	updatepb "go.temporal.io/api/update/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/wpokt/bridge/transfer"
)

// ControlResult is the control workflow during the throughput run: every
// transfer's reserve is decided on this one workflow, so its workflow
// tasks are a serial path that every transfer crosses. A node sends its
// reserves in one update at a time, each carrying what queued meanwhile.
type ControlResult struct {
	Updates     int     `json:"updates"`
	UpdatesPerS float64 `json:"updates_per_s"`
	// Reserves are the requests the updates carried (0 in results from
	// before batches, where each update carried one).
	Reserves       int     `json:"reserves,omitempty"`
	WorkflowTasks  int     `json:"workflow_tasks"`
	UpdatesPerTask float64 `json:"updates_per_workflow_task"`
	// TaskRoundTrip is each workflow task from scheduled to completed:
	// matching, a node's worker, and the history write of its result.
	TaskRoundTrip Stats `json:"workflow_task_round_trip"`
}

// control reads the control workflow's runs (it continues as new) between
// from and to.
func (b *bench) control(ctx context.Context, from, to time.Time) (ControlResult, error) {
	var res ControlResult
	resp, err := b.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Query: fmt.Sprintf("WorkflowId = '%s' AND (CloseTime >= '%s' OR ExecutionStatus = 'Running')",
			transfer.ControlWorkflowID, from.UTC().Format(time.RFC3339)),
		PageSize: 1000,
	})
	if err != nil {
		return res, fmt.Errorf("list control runs: %w", err)
	}
	var trips []time.Duration
	for _, e := range resp.GetExecutions() {
		events, err := historyRun(ctx, b.temporal, e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId())
		if err != nil {
			return res, err
		}
		scheduled := map[int64]time.Time{}
		for _, ev := range events {
			t := ev.GetEventTime().AsTime()
			if t.Before(from) || t.After(to) {
				continue
			}
			switch ev.GetEventType() {
			case enumspb.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
				scheduled[ev.GetEventId()] = t
			case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
				res.WorkflowTasks++
				if s, ok := scheduled[ev.GetWorkflowTaskCompletedEventAttributes().GetScheduledEventId()]; ok {
					trips = append(trips, t.Sub(s))
				}
			case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
				res.Updates++
				res.Reserves += requestsIn(ev.GetWorkflowExecutionUpdateAcceptedEventAttributes().GetAcceptedRequest().GetInput())
			}
		}
	}
	res.TaskRoundTrip = summarize(trips)
	res.UpdatesPerS = float64(res.Updates) / to.Sub(from).Seconds()
	if res.WorkflowTasks > 0 {
		res.UpdatesPerTask = float64(res.Updates) / float64(res.WorkflowTasks)
	}
	return res, nil
}

// requestsIn is how many reserve requests an update carries.
func requestsIn(in *updatepb.Input) int {
	if in.GetName() != transfer.UpdateReserveBatch {
		return 1
	}
	var reqs []json.RawMessage
	if p := in.GetArgs().GetPayloads(); len(p) == 1 && json.Unmarshal(p[0].GetData(), &reqs) == nil {
		return len(reqs)
	}
	return 1
}

// reserves is the requests decided, in results from before batches too.
func (c ControlResult) reserves() int {
	if c.Reserves == 0 {
		return c.Updates
	}
	return c.Reserves
}

// summary is the row's cell: reserves and updates a second, reserves an
// update, updates a workflow task, the task's round trip.
func (c ControlResult) summary() string {
	perUpdate := 0.0
	if c.Updates > 0 {
		perUpdate = float64(c.reserves()) / float64(c.Updates)
	}
	return fmt.Sprintf("%.1f/s in %.1f updates/s; %.2f; %.2f; %.0f / %.0f ms", c.UpdatesPerS*perUpdate, c.UpdatesPerS, perUpdate,
		c.UpdatesPerTask, 1000*c.TaskRoundTrip.P50, 1000*c.TaskRoundTrip.P99)
}
