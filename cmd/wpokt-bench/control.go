package main

import (
	"context"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/wpokt/bridge/transfer"
)

// ControlResult is the control workflow during the throughput run: every
// transfer's reserve is one update on this one workflow, so its workflow
// tasks are a serial path that every transfer crosses.
type ControlResult struct {
	Updates        int     `json:"updates"`
	UpdatesPerS    float64 `json:"updates_per_s"`
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
