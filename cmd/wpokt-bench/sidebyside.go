package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// sideBySide renders a cluster run (c) beside the dev-server run (dev, nil
// when the file has none) for README's Performance section.
func sideBySide(c Results, dev *Results) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// col renders one figure of each run; a run the file lacks is blank.
	col := func(f func(r Results) string) string {
		d := ""
		if dev != nil {
			d = f(*dev)
		}
		return d + " | " + f(c)
	}
	w("Production shape, measured by `%s` on %s (%d cores, %s): %s; %d nodes, each its own `wpokt-node` process with its own config file; the MongoDB wire server, both chains and the Copper simulator in the bench's process. The same settings as the dev-server run, on the same machine; one run each.",
		c.Command, c.Date, c.Cores, c.GoVersion, c.Settings.TemporalCluster, c.Settings.NodeProcesses)
	w("")
	w("| measure | dev server (`make bench`) | cluster (`make bench-cluster`) |")
	w("|---|---|---|")
	w("| date; transfers: latency run (sent per s) / throughput run | %s |", col(func(r Results) string {
		return fmt.Sprintf("%s; %d (%.1f/s) / %d", r.Date, r.Latency.Overhead.N, r.Latency.Rate, r.Throughput.Transfers)
	}))
	w("| overhead, confirmed -> executed, p50 | %s |", col(func(r Results) string { return fmt.Sprintf("%.2f s", r.Latency.Overhead.P50) }))
	w("| overhead p90 / p99 / max | %s |", col(func(r Results) string {
		o := r.Latency.Overhead
		return fmt.Sprintf("%.2f / %.2f / %.2f s", o.P90, o.P99, o.Max)
	}))
	steps := map[string]bool{}
	for _, r := range []*Results{dev, &c} {
		if r != nil {
			for k := range r.Latency.Steps {
				steps[k] = true
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(steps)) {
		w("| step %s, p50 | %s |", name, col(func(r Results) string { return fmt.Sprintf("%.2f s", r.Latency.Steps[name].P50) }))
	}
	w("| the transfers' workflow timers in the latency run: how many fired; how late, p50 / p99 / max | %s |", col(func(r Results) string { return timersFired(r.Latency.TimerLateness) }))
	w("| skeleton (same shape, empty steps), one at a time, p50 | %s |", col(func(r Results) string { return fmt.Sprintf("%.2f s", r.Skeleton.Latency.P50) }))
	w("| throughput in bursts (burst; senders) | %s |", col(func(r Results) string {
		t := r.Throughput
		return fmt.Sprintf("%.1f transfers/s (%d; %d)", t.PerSecond, t.Burst, t.Senders)
	}))
	w("| skeleton throughput (%d in flight) | %s |", c.Skeleton.InFlight, col(func(r Results) string { return fmt.Sprintf("%.1f workflows/s", r.Skeleton.Throughput) }))
	w("| lost / duplicated / orders; books | %s |", col(func(r Results) string {
		t := r.Throughput
		return fmt.Sprintf("%d / %d / %d; %s", t.Lost, t.Duplicated, t.Orders, t.Invariant)
	}))
	w("| control workflow in the throughput run: reserves/s in updates/s; reserves per update; updates per workflow task; task round trip p50 / p99 | %s |", col(func(r Results) string {
		return r.Throughput.Control.summary()
	}))
	w("| Temporal actions per transfer: steady / in bursts | %s |", col(func(r Results) string { return fmt.Sprintf("%.1f / %.1f", r.Latency.Actions, r.Costs.Actions) }))
	w("| Temporal workflow tasks per transfer: steady / in bursts | %s |", col(func(r Results) string {
		return fmt.Sprintf("%.1f / %.1f", r.Latency.WorkflowTasks, r.Costs.WorkflowTasks)
	}))
	w("| Ethereum / Pocket RPC calls per transfer | %s |", col(func(r Results) string { return fmt.Sprintf("%.1f / %.1f", r.Costs.EthRPCCalls, r.Costs.PoktRPCCalls) }))
	w("| Copper API and co-signer calls per transfer | %s |", col(func(r Results) string { return fmt.Sprintf("%.1f", r.Costs.CopperCalls) }))
	w("| MongoDB writes per transfer (the cluster's counted on the wire) | %s |", col(func(r Results) string { return fmt.Sprintf("%.1f", r.Costs.MongoWrites) }))
	w("| CPU seconds per transfer, all processes (Temporal server; PostgreSQL) | %s |", col(func(r Results) string {
		k := r.Costs
		return fmt.Sprintf("%.3f (%.3f; %.3f)", k.CPUSeconds, k.TemporalCPUSeconds, k.PostgresCPUSeconds)
	}))
	w("| CPU seconds per skeleton workflow (Temporal server; PostgreSQL) | %s |", col(func(r Results) string {
		s := r.Skeleton
		return fmt.Sprintf("%.3f (%.3f; %.3f)", s.CPUSeconds, s.TemporalCPUSeconds, s.PostgresCPUSeconds)
	}))
	w("| peak RSS: Temporal server / one node process | %s |", col(func(r Results) string {
		rss := r.Resources.TemporalRSSMiB
		if r.Resources.ClusterRSSMiB > 0 {
			rss = r.Resources.ClusterRSSMiB
		}
		return fmt.Sprintf("%.0f / %.0f MiB", rss, r.Resources.NodeRSSMiB)
	}))
	w("| wall time of the run | %s |", col(func(r Results) string { return r.Wall }))
	return b.String()
}
