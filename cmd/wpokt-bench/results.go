package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Results is what one `make bench` run measured (bench/results.json).
type Results struct {
	Date      string `json:"date"`
	Command   string `json:"command"`
	Cores     int    `json:"cores"`
	GoVersion string `json:"go_version"`
	Settings  struct {
		Nodes               int    `json:"nodes"`
		Threshold           int    `json:"threshold"`
		BlockInterval       string `json:"block_interval"`
		Confirmations       int64  `json:"confirmations"`
		ScanInterval        string `json:"scan_interval"`
		BaselineInterval    string `json:"baseline_interval"`
		PollInterval        string `json:"poll_interval"`
		CopperExecDelay     string `json:"copper_execution_delay"`
		TemporalDevServer   string `json:"temporal_dev_server"`
		EthScannerSubscribe bool   `json:"eth_scanner_subscribes"`
		Pocket              string `json:"pocket_protocol"`
		// TemporalCluster describes the cluster of a make bench-cluster
		// run, whose NodeProcesses nodes each run in their own process.
		TemporalCluster string `json:"temporal_cluster,omitempty"`
		NodeProcesses   int    `json:"node_processes,omitempty"`
	} `json:"settings"`
	Skeleton SkeletonResult `json:"skeleton"`
	Latency  LatencyResult  `json:"overhead_latency"`
	// MorseLatency is the same latency run on Morse, in the same run.
	MorseLatency *LatencyResult   `json:"overhead_latency_morse,omitempty"`
	Throughput   ThroughputResult `json:"throughput"`
	Baseline     LatencyResult    `json:"polling_baseline"`
	Costs        Costs            `json:"cost_per_transfer"`
	Resources    Resources        `json:"resources"`
	Wall         string           `json:"wall_time"`
	// Cluster is the same measurement on the shape of production (make
	// bench-cluster), beside this dev-server run.
	Cluster *Results `json:"cluster,omitempty"`
}

// Stats are latency figures in seconds.
type Stats struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_s"`
	P90 float64 `json:"p90_s"`
	P99 float64 `json:"p99_s"`
	Max float64 `json:"max_s"`
}

func summarize(ds []time.Duration) Stats {
	if len(ds) == 0 {
		return Stats{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		return s[max(0, min(i, len(s)-1))].Seconds()
	}
	return Stats{N: len(s), P50: q(0.5), P90: q(0.9), P99: q(0.99), Max: s[len(s)-1].Seconds()}
}

// SkeletonResult is the empty workflow of the same shape.
type SkeletonResult struct {
	Latency       Stats   `json:"one_at_a_time"`
	Throughput    float64 `json:"workflows_per_s"`
	LoadedLatency Stats   `json:"loaded_latency"`
	Runs          int     `json:"runs"`
	InFlight      int     `json:"in_flight"`
	// CPUSeconds per skeleton workflow, all processes (of which Temporal).
	CPUSeconds         float64 `json:"cpu_seconds"`
	TemporalCPUSeconds float64 `json:"temporal_server_cpu_seconds"`
	// PostgresCPUSeconds is PostgreSQL's part (cluster runs).
	PostgresCPUSeconds float64 `json:"postgres_cpu_seconds,omitempty"`
}

// LatencyResult is the bridge's overhead: from the moment the source tx
// had its confirmations to executed.
type LatencyResult struct {
	Overhead Stats `json:"overhead"`
	// Destination is the part of the overhead spent waiting for the
	// destination chain to include the executed order (the next block).
	Destination Stats `json:"destination_inclusion"`
	// Steps split the overhead along the workflow's history.
	Steps map[string]Stats `json:"steps"`
	Rate  float64          `json:"sent_per_s"`
	Mints int              `json:"mints"`
	Burns int              `json:"burns"`
	// Actions and WorkflowTasks per transfer at this steady rate (the
	// costs section counts them under bursts).
	Actions       float64 `json:"temporal_actions"`
	WorkflowTasks float64 `json:"temporal_workflow_tasks"`
	// TimerLateness is how late the transfers' timers fired after they
	// were due (a TimerStarted event's time plus its duration).
	TimerLateness Stats `json:"timer_lateness"`
	// Slowest are the slowest transfers' histories, Median the one of the
	// median overhead.
	Slowest []Trace `json:"slowest,omitempty"`
	Median  *Trace  `json:"a_typical_transfer,omitempty"`
}

// ThroughputResult is the burst run.
type ThroughputResult struct {
	Transfers   int     `json:"transfers"`
	Senders     int     `json:"senders"`
	Burst       int     `json:"burst"`
	Seconds     float64 `json:"seconds"`
	PerSecond   float64 `json:"transfers_per_s"`
	Orders      int     `json:"orders"`
	Lost        int     `json:"lost"`
	Duplicated  int     `json:"duplicated"`
	Invariant   string  `json:"invariant"`
	Latency     Stats   `json:"send_to_executed"`
	SkeletonPct float64 `json:"fraction_of_skeleton"`
	// Control is the control workflow meanwhile.
	Control ControlResult `json:"control_workflow"`
	// Typical is the history of the transfer with the median time from
	// send to close, as offsets from its send: what a burst adds.
	Typical *Trace `json:"a_typical_transfer,omitempty"`
}

// Costs are per transfer, all 12 nodes together, over the throughput run.
type Costs struct {
	Actions       float64            `json:"temporal_actions"`
	ActionsByKind map[string]float64 `json:"temporal_actions_by_kind"`
	WorkflowTasks float64            `json:"temporal_workflow_tasks"`
	MongoWrites   float64            `json:"mongo_writes"`
	EthRPCCalls   float64            `json:"eth_rpc_calls"`
	PoktRPCCalls  float64            `json:"pokt_rpc_calls"`
	CopperCalls   float64            `json:"copper_calls"`
	CPUSeconds    float64            `json:"cpu_seconds"`
	// TemporalCPUSeconds is the Temporal server's part of CPUSeconds, and
	// PostgresCPUSeconds PostgreSQL's (all its processes; cluster runs).
	TemporalCPUSeconds float64 `json:"temporal_server_cpu_seconds"`
	PostgresCPUSeconds float64 `json:"postgres_cpu_seconds,omitempty"`
	// IdleEth is every Ethereum RPC call per node per 2,000 blocks without
	// burns.
	IdleEth IdleEth `json:"idle_eth"`
	// IdlePocket is the Shannon scanners' calls per scan window without
	// deposits.
	IdlePocket IdlePocket `json:"idle_pocket_scans"`
	// LedgerRecord is a signer ledger's cost per signature, timed during
	// the throughput run.
	LedgerRecord Stats `json:"ledger_record"`
}

// Resources are peak resident memory figures, in MiB.
type Resources struct {
	DevnetRSSMiB   float64 `json:"devnet_process_peak_rss_mib"`
	TemporalRSSMiB float64 `json:"temporal_dev_server_peak_rss_mib"`
	// ClusterRSSMiB is a cluster run's Temporal Server process.
	ClusterRSSMiB float64 `json:"temporal_server_peak_rss_mib,omitempty"`
	NodeRSSMiB    float64 `json:"one_node_alone_peak_rss_mib"`
}

// timersFired renders the timers' lateness: how many fired, how late.
func timersFired(late Stats) string {
	if late.N == 0 {
		return "none fired"
	}
	return fmt.Sprintf("%d; %.0f / %.0f / %.0f ms", late.N, 1000*late.P50, 1000*late.P99, 1000*late.Max)
}

// Markdown renders the table for README's Performance section.
func (r Results) Markdown() string {
	if r.Cluster == nil {
		return r.devMarkdown()
	}
	if r.Date == "" { // a cluster run alone
		return sideBySide(*r.Cluster, nil)
	}
	return r.devMarkdown() + "\n" + sideBySide(*r.Cluster, &r)
}

// devMarkdown is the table of the dev-server run.
func (r Results) devMarkdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	sk, l, t, c := r.Skeleton, r.Latency, r.Throughput, r.Costs
	w("Measured by `%s` on %s (%d cores, %s), Pocket on %s, %d nodes, threshold %d, blocks every %s, %d confirmations, Temporal dev server (SQLite WAL, eager activities). Medians and ratios from one run.",
		r.Command, r.Date, r.Cores, r.GoVersion, r.Settings.Pocket, r.Settings.Nodes, r.Settings.Threshold, r.Settings.BlockInterval, r.Settings.Confirmations)
	w("")
	w("| measure | bridge | skeleton (same shape, empty steps) | ratio / difference |")
	w("|---|---|---|---|")
	w("| overhead, confirmed -> executed, p50 | %.2f s | %.2f s | +%.2f s |", l.Overhead.P50, sk.Latency.P50, l.Overhead.P50-sk.Latency.P50)
	w("| overhead p90 / p99 / max | %.2f / %.2f / %.2f s | %.2f / %.2f / %.2f s | |", l.Overhead.P90, l.Overhead.P99, l.Overhead.Max, sk.Latency.P90, sk.Latency.P99, sk.Latency.Max)
	w("| of which: destination chain includes the executed order, p50 | %.2f s | | |", l.Destination.P50)
	for _, name := range slices.Sorted(maps.Keys(l.Steps)) {
		w("| step %s, p50 | %.2f s | | |", name, l.Steps[name].P50)
	}
	w("| the transfers' workflow timers (a sleep before the confirming block, a retry's pause): how many fired; how late, p50 / p99 / max | %s | | |", timersFired(l.TimerLateness))
	if m := r.MorseLatency; m != nil {
		w("| the same bridge on Morse (%d transfers): overhead p50 / p99 / max | %.2f / %.2f / %.2f s | | %s p50 is %.2fx Morse's |",
			m.Overhead.N, m.Overhead.P50, m.Overhead.P99, m.Overhead.Max, r.Settings.Pocket, l.Overhead.P50/max(m.Overhead.P50, 0.001))
	}
	w("| throughput, %d transfers in bursts of %d (%d senders) | %.1f transfers/s | %.1f workflows/s | %.0f%% |", t.Transfers, t.Burst, t.Senders, t.PerSecond, sk.Throughput, 100*t.SkeletonPct)
	w("| lost / duplicated / orders | %d / %d / %d | | books: %s |", t.Lost, t.Duplicated, t.Orders, t.Invariant)
	if ct := t.Control; ct.WorkflowTasks > 0 {
		w("| control workflow meanwhile (it decides every reserve; a node sends its reserves in one update at a time): reserves/s in updates/s; reserves per update; updates per workflow task; task round trip p50 / p99 | %s | | |", ct.summary())
	}
	w("| polling baseline (every scan and poll %s: the production validator's 30 s shape scaled /10), overhead p50 | %.2f s | | bridge is %.1fx faster (about x10 more at production's 30 s) |", r.Settings.BaselineInterval, r.Baseline.Overhead.P50, r.Baseline.Overhead.P50/max(l.Overhead.P50, 0.001))
	w("")
	w("| cost per transfer (12 nodes together) | value |")
	w("|---|---|")
	w("| Temporal actions (starts, signals, activities, timers, local-activity batches, upserts but TemporalChangeVersion, updates; as Temporal counts them): steady (latency run) / in bursts (throughput run) | %.1f / %.1f |", l.Actions, c.Actions)
	w("| Temporal workflow tasks: steady / in bursts | %.1f / %.1f |", l.WorkflowTasks, c.WorkflowTasks)
	w("| MongoDB writes | %.1f |", c.MongoWrites)
	w("| Ethereum RPC calls / Pocket RPC calls | %.1f / %.1f |", c.EthRPCCalls, c.PoktRPCCalls)
	w("| Copper API and co-signer calls | %.1f |", c.CopperCalls)
	w("| CPU seconds, all processes (of which the Temporal dev server) | %.3f (%.3f); skeleton %.3f (%.3f) |", c.CPUSeconds, c.TemporalCPUSeconds, r.Skeleton.CPUSeconds, r.Skeleton.TemporalCPUSeconds)
	w("| Ethereum RPC calls per node per 2,000 blocks without burns (plus one ranged log query per 2,000 blocks): all / of which the accountant's totalSupply reads | %.2f / %.2f |", c.IdleEth.Calls, c.IdleEth.EthCalls)
	if p := c.IdlePocket; p.Windows > 0 {
		w("| Shannon scanner, per scan window without deposits (%d windows, %.1f blocks each): tx_search calls / all Pocket RPC calls | %.2f / %.2f |",
			p.Windows, p.BlocksPerWindow, p.TxSearchPerWindow, p.RPCCallsPerWindow)
	}
	w("| signer ledger per signature (read earlier orders, synced write), during the throughput run: p50 / p90 / max | %.2f / %.2f / %.2f ms |",
		1000*c.LedgerRecord.P50, 1000*c.LedgerRecord.P90, 1000*c.LedgerRecord.Max)
	w("| peak RSS: devnet process / Temporal dev server / one node alone | %.0f / %.0f / %.0f MiB |", r.Resources.DevnetRSSMiB, r.Resources.TemporalRSSMiB, r.Resources.NodeRSSMiB)
	return b.String()
}
