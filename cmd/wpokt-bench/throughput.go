package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/temporalcluster"
)

// counters are the cumulative costs the run reads before and after.
type counters struct {
	mongo, eth, pokt, copper int64
	// cpu is the devnet process (and its node processes), temporalCPU the
	// Temporal server, postgresCPU PostgreSQL (cluster runs).
	cpu, temporalCPU, postgresCPU time.Duration
}

func (c counters) sub(o counters) counters {
	return counters{mongo: c.mongo - o.mongo, eth: c.eth - o.eth, pokt: c.pokt - o.pokt, copper: c.copper - o.copper,
		cpu: c.cpu - o.cpu, temporalCPU: c.temporalCPU - o.temporalCPU, postgresCPU: c.postgresCPU - o.postgresCPU}
}

// total is the CPU time of every process.
func (c counters) total() time.Duration { return c.cpu + c.temporalCPU + c.postgresCPU }

func (b *bench) counters() counters {
	var c counters
	c.mongo = b.mongoWrites.Load()
	if b.d.MongoCounter != nil {
		// What the monitor counts, for the nodes in their own processes.
		c.mongo = b.d.MongoCounter.Count("insert", "update", "delete", "findAndModify", "createIndexes")
	}
	c.pokt, c.eth = b.d.RPCCalls()
	for _, ep := range []coppersim.Endpoint{coppersim.EndpointCreateOrder, coppersim.EndpointGetOrder, coppersim.EndpointListOrders,
		coppersim.EndpointPatchOrder, coppersim.EndpointUnlimitedSign, coppersim.EndpointUnlimitedStatus} {
		c.copper += int64(b.d.Copper.Calls(ep))
	}
	c.cpu = processCPU(os.Getpid())
	c.temporalCPU = processCPU(b.temporalPID())
	if b.cluster != nil && b.cluster.Postgres != nil {
		c.postgresCPU = postgresCPU(b.cluster.Postgres)
	}
	for i := 1; i <= b.d.NodeCount(); i++ {
		if pid := b.d.NodePID(i); pid != 0 {
			c.cpu += processCPU(pid)
		}
	}
	return c
}

// throughput sends bursts of deposits and burns, each burst in one block
// per chain, and measures until the last is executed.
func (b *bench) throughput(ctx context.Context, f flags, costs Costs) (ThroughputResult, Costs, error) {
	res := ThroughputResult{Transfers: f.throughputN, Senders: f.senders, Burst: f.burst}
	ordersBefore := b.d.Copper.OrderCount()
	before := b.counters()
	start := time.Now()
	var all []sent
	users := b.d.Users[:f.senders]
	for round := 0; len(all) < f.throughputN; round++ {
		if err := b.waitBlocks(ctx, 1); err != nil {
			return res, costs, err
		}
		b.blocks.Lock()
		for k := 0; k < 2*f.burst && len(all) < f.throughputN; k++ {
			// Deposits on even k, burns on odd: a burst of each per block.
			s, err := b.send(ctx, k, users[(round*f.burst+k/2)%len(users)])
			if err != nil {
				b.blocks.Unlock()
				return res, costs, err
			}
			all = append(all, s)
		}
		b.blocks.Unlock()
	}
	progress("throughput: %d sent in %.1f s, waiting for them", len(all), time.Since(start).Seconds())
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.id
	}
	if err := b.waitAll(ctx, ids, 15*time.Minute); err != nil {
		return res, costs, err
	}
	end := time.Now()
	after := b.counters()

	var latencies []time.Duration
	var last time.Time
	for _, s := range all {
		desc, err := b.temporal.DescribeWorkflowExecution(ctx, s.id, "")
		if err != nil {
			return res, costs, err
		}
		closed := desc.GetWorkflowExecutionInfo().GetCloseTime().AsTime()
		latencies = append(latencies, closed.Sub(s.sentAt))
		if closed.After(last) {
			last = closed
		}
	}
	res.Seconds = last.Sub(start).Seconds()
	res.PerSecond = float64(len(all)) / res.Seconds
	res.Latency = summarize(latencies)
	typical, err := b.typicalTrace(ctx, all, latencies)
	if err != nil {
		return res, costs, err
	}
	res.Typical = typical
	res.Orders = b.d.Copper.OrderCount() - ordersBefore
	seen := map[string]int{}
	for _, o := range b.d.Copper.Orders() {
		seen[o.ExternalOrderID]++
	}
	for _, id := range ids {
		switch n := seen[id]; {
		case n == 0:
			res.Lost++
		case n > 1:
			res.Duplicated += n - 1
		}
	}
	if _, err := b.d.Invariant(ctx); err != nil {
		res.Invariant = err.Error()
	} else {
		res.Invariant = "balanced"
	}

	n := float64(len(all))
	costs.MongoWrites = float64(after.mongo-before.mongo) / n
	costs.EthRPCCalls = float64(after.eth-before.eth) / n
	costs.PoktRPCCalls = float64(after.pokt-before.pokt) / n
	costs.CopperCalls = float64(after.copper-before.copper) / n
	costs.CPUSeconds = after.sub(before).total().Seconds() / n
	costs.TemporalCPUSeconds = (after.temporalCPU - before.temporalCPU).Seconds() / n
	costs.PostgresCPUSeconds = (after.postgresCPU - before.postgresCPU).Seconds() / n
	actions, tasks, byKind, err := b.actions(ctx, start, end)
	if err != nil {
		return res, costs, err
	}
	if res.Control, err = b.control(ctx, start, end); err != nil {
		return res, costs, err
	}
	costs.Actions, costs.WorkflowTasks = actions/n, tasks/n
	costs.ActionsByKind = map[string]float64{}
	for k, v := range byKind {
		costs.ActionsByKind[k] = v / n
	}
	return res, costs, nil
}

// typicalTrace is the history of the transfer whose send-to-close time is
// the run's median, as offsets from its send.
func (b *bench) typicalTrace(ctx context.Context, all []sent, latencies []time.Duration) (*Trace, error) {
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Compare(latencies[i], latencies[j]) })
	s := all[order[len(order)/2]]
	events, err := history(ctx, b.temporal, s.id)
	if err != nil {
		return nil, err
	}
	tr := newTrace(s.id, latencies[order[len(order)/2]], events, s.sentAt)
	return &tr, nil
}

// actions counts what Temporal Cloud would bill as actions, over every
// workflow event of the run's window (transfers, the control workflow and
// the nonce workflows): starts, signals, activity attempts, timers,
// local-activity batches (one per workflow task), search-attribute upserts,
// updates, signals to other workflows, continue-as-new. Workflow tasks are
// counted apart.
func (b *bench) actions(ctx context.Context, from, to time.Time) (actions, tasks float64, byKind map[string]float64, err error) {
	byKind = map[string]float64{}
	var next []byte
	for {
		resp, err := b.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Query:         fmt.Sprintf("CloseTime >= '%s' OR ExecutionStatus = 'Running'", from.UTC().Format(time.RFC3339)),
			NextPageToken: next, PageSize: 1000,
		})
		if err != nil {
			return 0, 0, nil, fmt.Errorf("list workflows: %w", err)
		}
		for _, e := range resp.GetExecutions() {
			if strings.HasPrefix(e.GetExecution().GetWorkflowId(), "skeleton-") {
				continue
			}
			events, err := historyRun(ctx, b.temporal, e.GetExecution().GetWorkflowId(), e.GetExecution().GetRunId())
			if err != nil {
				return 0, 0, nil, err
			}
			countActions(events, from, to, byKind, &tasks)
		}
		if next = resp.GetNextPageToken(); len(next) == 0 {
			break
		}
	}
	for _, v := range byKind {
		actions += v
	}
	return actions, tasks, byKind, nil
}

func countActions(events []*historypb.HistoryEvent, from, to time.Time, byKind map[string]float64, tasks *float64) {
	laBatch := false
	for _, e := range events {
		t := e.GetEventTime().AsTime()
		if t.Before(from) || t.After(to) {
			continue
		}
		switch e.GetEventType() {
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
			byKind["workflow starts"]++
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
			byKind["signals received"]++
		case enumspb.EVENT_TYPE_ACTIVITY_TASK_STARTED:
			byKind["activity attempts"]++
		case enumspb.EVENT_TYPE_TIMER_STARTED:
			byKind["timers"]++
		case enumspb.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
			if !onlyChangeVersion(e) {
				byKind["search attribute upserts"]++
			}
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
			byKind["updates"]++
		case enumspb.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
			byKind["signals sent"]++
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
			byKind["continue-as-new"]++
		case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
			*tasks++
			laBatch = false
		case enumspb.EVENT_TYPE_MARKER_RECORDED:
			// A version marker (workflow.GetVersion) is not an action.
			if e.GetMarkerRecordedEventAttributes().GetMarkerName() == localActivityMarker && !laBatch {
				byKind["local activity batches"]++
				laBatch = true
			}
		}
	}
}

// localActivityMarker is the Go SDK's marker name for local activities.
const localActivityMarker = "LocalActivity"

// onlyChangeVersion reports an upsert of TemporalChangeVersion alone, which
// workflow.GetVersion makes and Temporal does not count as an action.
func onlyChangeVersion(e *historypb.HistoryEvent) bool {
	fields := e.GetUpsertWorkflowSearchAttributesEventAttributes().GetSearchAttributes().GetIndexedFields()
	_, ok := fields["TemporalChangeVersion"]
	return ok && len(fields) == 1
}

func history(ctx context.Context, c client.Client, id string) ([]*historypb.HistoryEvent, error) {
	return historyRun(ctx, c, id, "")
}

func historyRun(ctx context.Context, c client.Client, id, runID string) ([]*historypb.HistoryEvent, error) {
	iter := c.GetWorkflowHistory(ctx, id, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var out []*historypb.HistoryEvent
	for iter.HasNext() {
		e, err := iter.Next()
		if err != nil {
			return nil, fmt.Errorf("history of %s: %w", id, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func (b *bench) resources() Resources {
	r := Resources{DevnetRSSMiB: peakRSS(os.Getpid())}
	if b.cluster != nil {
		r.ClusterRSSMiB = peakRSS(b.temporalPID())
	} else {
		r.TemporalRSSMiB = peakRSS(b.temporalPID())
	}
	for i := 1; i <= b.d.NodeCount(); i++ {
		if pid := b.d.NodePID(i); pid != 0 {
			r.NodeRSSMiB = peakRSS(pid)
		}
	}
	return r
}

// peakRSS reads a process's VmHWM, in MiB.
func peakRSS(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// processCPU reads a process's user+system CPU time.
func processCPU(pid int) time.Duration {
	own, _ := processCPUs(pid)
	return own
}

// processCPUs reads a process's user+system CPU time, and that of its
// children it has waited for (exited ones).
func processCPUs(pid int) (own, children time.Duration) {
	if pid == 0 {
		return 0, 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0
	}
	// Fields after the command name, which is in parentheses.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 15 {
		return 0, 0
	}
	ticks := func(fields ...string) time.Duration {
		var sum int64
		for _, v := range fields {
			n, _ := strconv.ParseInt(v, 10, 64)
			sum += n
		}
		return time.Duration(sum) * time.Second / time.Duration(clockTicks)
	}
	return ticks(f[11], f[12]), ticks(f[13], f[14])
}

// postgresCPU is the CPU time of every PostgreSQL process: the live ones
// and the backends that have exited (the postmaster's waited-for children).
func postgresCPU(p *temporalcluster.Postgres) time.Duration {
	var sum time.Duration
	for i, pid := range p.PIDs() {
		own, children := processCPUs(pid)
		sum += own
		if i == 0 { // the postmaster
			sum += children
		}
	}
	return sum
}

// temporalPID is the Temporal server's process: the cluster's or the dev
// server's.
func (b *bench) temporalPID() int {
	if b.cluster != nil {
		return b.cluster.Pid()
	}
	if b.d.Temporal != nil {
		return b.d.Temporal.Pid()
	}
	return 0
}

// clockTicks is USER_HZ, 100 on Linux.
const clockTicks = 100

func hexHash(h string) common.Hash { return common.HexToHash(h) }

// quietLogger drops the SDK's logs.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}
