// Command wpokt-bench measures the bridge on its devnet (make bench): its
// own overhead next to confirmations, its throughput under bursts, what
// each transfer costs, and the same figures for an empty workflow of the
// same shape and for a polling bridge, side by side in one run. It writes
// bench/results.json and prints the Markdown table for README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet/temporalserver"
)

type flags struct {
	out, readme, profileDir, cli, nodeBinary string
	pocket                                   pokt.Protocol
	latencyN, throughputN, burst, senders    int
	morseLatencyN                            int
	baselineN, skeletonN, skeletonRuns       int
	rate                                     float64
	block, scan, poll, copperPoll, baseline  time.Duration
	confirmations                            int64
	keep                                     bool
	// cluster runs the measurement on Temporal Server and PostgreSQL with
	// twelve node processes (make bench-cluster).
	cluster clusterFlags
}

func main() {
	var f flags
	flag.StringVar(&f.out, "out", "bench/results.json", "results file")
	flag.StringVar(&f.readme, "readme", "README.md", "README whose Performance section gets the table (empty: do not touch)")
	flag.StringVar(&f.profileDir, "profiles", "bench", "where the CPU and mutex profiles of the throughput run go")
	flag.StringVar(&f.cli, "temporal-cli", "", "temporal CLI (default ./bin/temporal)")
	flag.StringVar(&f.nodeBinary, "node-binary", "bin/wpokt-node", "wpokt-node binary, for the node that runs alone")
	pocket := flag.String("pocket", string(pokt.Shannon), "Pocket protocol of the measured bridge: shannon or morse")
	flag.IntVar(&f.morseLatencyN, "morse-latency-n", 200, "transfers of a second latency run on Morse, for the Shannon/Morse ratio from one run (0: none)")
	flag.IntVar(&f.latencyN, "latency-n", 500, "transfers sent one at a time for the overhead latency")
	flag.Float64Var(&f.rate, "rate", 3, "transfers per second in the latency run (below what the machine sustains, so that it measures the bridge, not a queue)")
	flag.IntVar(&f.throughputN, "throughput-n", 800, "transfers in the throughput run (half deposits, half burns); 2000 take about 10 minutes alone on 2 cores")
	flag.IntVar(&f.burst, "burst", 200, "transfers of one kind in one block")
	flag.IntVar(&f.senders, "senders", 200, "senders in the throughput run")
	flag.IntVar(&f.baselineN, "baseline-n", 10, "transfers in the polling baseline")
	flag.IntVar(&f.skeletonN, "skeleton-n", 30, "skeleton workflows run one at a time")
	flag.IntVar(&f.skeletonRuns, "skeleton-runs", 200, "skeleton workflows in its throughput run (50 in flight)")
	flag.DurationVar(&f.block, "block-interval", 250*time.Millisecond, "block interval of both chains")
	flag.Int64Var(&f.confirmations, "confirmations", 2, "confirmations required")
	flag.DurationVar(&f.scan, "scan-interval", 200*time.Millisecond, "Pocket scan interval")
	flag.DurationVar(&f.poll, "poll-interval", 50*time.Millisecond, "confirmation re-check interval")
	flag.DurationVar(&f.copperPoll, "copper-poll", 20*time.Millisecond, "Copper order and co-signer poll interval")
	flag.DurationVar(&f.baseline, "baseline-interval", 3*time.Second, "every interval of the polling baseline (production: 30 s)")
	flag.BoolVar(&f.keep, "keep", false, "keep the devnets' data dirs")
	f.cluster.register()
	flag.Parse()
	if f.pocket = pokt.Protocol(*pocket); !f.pocket.Valid() {
		fmt.Fprintf(os.Stderr, "wpokt-bench: --pocket %q: want shannon or morse\n", *pocket)
		os.Exit(2)
	}
	if err := run(f); err != nil {
		fmt.Fprintln(os.Stderr, "wpokt-bench:", err)
		os.Exit(1)
	}
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench: "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func run(f flags) error {
	started := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if f.cli == "" && !f.cluster.on { // the cluster needs no dev server
		cli, err := temporalserver.FindCLI()
		if err != nil {
			return err
		}
		f.cli = cli
	}
	var r Results
	r.Date = time.Now().UTC().Format("2006-01-02")
	r.Command = "make bench"
	r.Cores = runtime.NumCPU()
	r.GoVersion = runtime.Version()

	if f.cluster.on {
		return runCluster(ctx, f, r, started)
	}
	b, err := startBench(ctx, f, benchDevnet{name: "bridge", pocket: f.pocket, scan: f.scan, poll: f.poll, copperPoll: f.copperPoll, subscribe: true})
	if err != nil {
		return err
	}
	defer b.close(f.keep)
	r.Settings.TemporalDevServer = "temporal CLI v1.5.1 start-dev, SQLite file, WAL, synchronous=normal, eager activities"
	if err := measure(ctx, f, b, &r, true); err != nil {
		return err
	}
	b.close(f.keep)

	if f.morseLatencyN > 0 && f.pocket != pokt.Morse {
		progress("morse: %d transfers at %.1f/s, for the ratio", f.morseLatencyN, f.rate)
		if r.MorseLatency, err = morseLatency(ctx, f); err != nil {
			return err
		}
		progress("morse: overhead p50 %.3f s p99 %.3f s", r.MorseLatency.Overhead.P50, r.MorseLatency.Overhead.P99)
	}

	progress("polling baseline: every interval %s, %d transfers", f.baseline, f.baselineN)
	base, err := startBench(ctx, f, benchDevnet{name: "baseline", pocket: f.pocket, scan: f.baseline, poll: f.baseline, copperPoll: f.baseline})
	if err != nil {
		return err
	}
	if err := base.fundBurners(ctx, 10); err != nil {
		base.close(f.keep)
		return err
	}
	r.Baseline, err = base.latency(ctx, f.baselineN, 0.5)
	base.close(f.keep)
	if err != nil {
		return err
	}
	r.Baseline.withoutTraces()
	r.Wall = time.Since(started).Round(time.Second).String()
	return write(f, r, false)
}

// measure runs the phases both shapes share on a started bench: the
// skeleton, the idle counts, the latency run, the throughput run (with
// the CPU and mutex profiles when profile is set), the memory peaks.
func measure(ctx context.Context, f flags, b *bench, r *Results, profile bool) error {
	var err error
	r.Settings.Nodes, r.Settings.Threshold = b.d.NodeCount(), b.d.Options().Threshold
	r.Settings.BlockInterval, r.Settings.Confirmations = f.block.String(), f.confirmations
	r.Settings.ScanInterval, r.Settings.PollInterval = f.scan.String(), f.poll.String()
	r.Settings.BaselineInterval = f.baseline.String()
	r.Settings.CopperExecDelay = "0s"
	r.Settings.EthScannerSubscribe = true
	r.Settings.Pocket = string(f.pocket)

	progress("skeleton: %d one at a time, %d with 50 in flight", f.skeletonN, f.skeletonRuns)
	if r.Skeleton, err = b.skeleton(ctx, f); err != nil {
		return err
	}
	progress("skeleton: p50 %.3f s, %.1f workflows/s", r.Skeleton.Latency.P50, r.Skeleton.Throughput)

	progress("setup: %d senders get wPOKT to burn", f.senders)
	if err := b.fundBurners(ctx, f.senders); err != nil {
		return err
	}
	progress("idle: counting Ethereum RPC calls over 40 blocks without burns")
	if r.Costs.IdleEth, err = b.idleEthCalls(ctx, 40); err != nil {
		return err
	}
	if f.pocket == pokt.Shannon {
		progress("idle: counting the Pocket scanners' calls over 40 blocks without deposits")
		if r.Costs.IdlePocket, err = b.idlePocketScans(ctx, 40); err != nil {
			return err
		}
		progress("idle: %.2f tx_search and %.2f RPC calls per scan window", r.Costs.IdlePocket.TxSearchPerWindow, r.Costs.IdlePocket.RPCCallsPerWindow)
	}

	progress("latency: %d transfers at %.1f/s", f.latencyN, f.rate)
	if r.Latency, err = b.latency(ctx, f.latencyN, f.rate); err != nil {
		return err
	}
	progress("latency: overhead p50 %.3f s p99 %.3f s", r.Latency.Overhead.P50, r.Latency.Overhead.P99)

	progress("throughput: %d transfers in bursts of %d", f.throughputN, f.burst)
	stopProfiles := func() {}
	if profile {
		if err := os.MkdirAll(f.profileDir, 0o755); err != nil {
			return err
		}
		if stopProfiles, err = startProfiles(f.profileDir); err != nil {
			return err
		}
	}
	timer, err := startLedgerTimer(b.dir, 50*time.Millisecond)
	if err != nil {
		return err
	}
	r.Throughput, r.Costs, err = b.throughput(ctx, f, r.Costs)
	r.Costs.LedgerRecord = timer.Stop()
	stopProfiles()
	if err != nil {
		return err
	}
	r.Throughput.SkeletonPct = r.Throughput.PerSecond / r.Skeleton.Throughput
	progress("throughput: %.1f transfers/s, %.1f actions/transfer", r.Throughput.PerSecond, r.Costs.Actions)
	r.Resources = b.resources()
	return nil
}

// morseLatency is the latency run of the same bridge on Morse.
func morseLatency(ctx context.Context, f flags) (*LatencyResult, error) {
	m, err := startBench(ctx, f, benchDevnet{name: "morse", pocket: pokt.Morse, scan: f.scan, poll: f.poll, copperPoll: f.copperPoll, subscribe: true})
	if err != nil {
		return nil, err
	}
	defer m.close(f.keep)
	if err := m.fundBurners(ctx, 20); err != nil {
		return nil, err
	}
	res, err := m.latency(ctx, f.morseLatencyN, f.rate)
	res.withoutTraces()
	return &res, err
}

// startProfiles writes the CPU and mutex profiles of the run.
func startProfiles(dir string) (func(), error) {
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return nil, err
	}
	runtime.SetMutexProfileFraction(10)
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		if m, err := os.Create(filepath.Join(dir, "mutex.pprof")); err == nil {
			_ = pprof.Lookup("mutex").WriteTo(m, 0)
			_ = m.Close()
		}
		runtime.SetMutexProfileFraction(0)
	}, nil
}

const (
	perfBegin = "<!-- performance:begin (written by make bench) -->"
	perfEnd   = "<!-- performance:end -->"
)

// updateReadme replaces the table between the Performance markers.
func updateReadme(path, table string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	i, j := strings.Index(s, perfBegin), strings.Index(s, perfEnd)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no performance markers", path)
	}
	s = s[:i+len(perfBegin)] + "\n" + table + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
