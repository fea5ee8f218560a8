package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// benchDevnet names one devnet configuration of the run.
type benchDevnet struct {
	name      string
	scan      time.Duration
	poll      time.Duration
	subscribe bool
}

// bench is a devnet whose blocks the benchmark produces itself, so that it
// knows when every block (and so every confirmation) happened.
type bench struct {
	f        flags
	d        *devnet.Devnet
	temporal client.Client
	dir      string

	mongoWrites atomic.Int64

	blocks    sync.Mutex // held to line several txs up in one block
	times     sync.Map   // "pokt/<h>" or "eth/<n>" -> time.Time
	stopChain chan struct{}
	chainDone chan struct{}
	paused    atomic.Bool
	produced  atomic.Int64
	closed    bool
	rng       *rand.Rand
}

func startBench(ctx context.Context, f flags, cfg benchDevnet) (*bench, error) {
	dir, err := os.MkdirTemp("", "wpokt-bench-"+cfg.name+"-")
	if err != nil {
		return nil, err
	}
	b := &bench{f: f, dir: dir, stopChain: make(chan struct{}), chainDone: make(chan struct{}), rng: rand.New(rand.NewPCG(42, 1))}
	monitor := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		switch e.CommandName {
		case "insert", "update", "delete", "findAndModify", "createIndexes":
			b.mongoWrites.Add(1)
		}
	}}
	nodeLog, err := os.Create(filepath.Join(dir, "nodes-console.log"))
	if err != nil {
		return nil, err
	}
	opts := devnet.Options{
		Dir: filepath.Join(dir, "devnet"), TemporalCLI: f.cli, Headless: true,
		Users:            max(f.senders, 10),
		EthBlockInterval: f.block, PocketBlockInterval: f.block, ManualBlocks: true,
		EthConfirmations: f.confirmations, PocketConfirmations: f.confirmations,
		ScanInterval: cfg.scan, PollInterval: cfg.poll, CopperPollInterval: cfg.poll, SignerRetryMax: max(cfg.poll, 500*time.Millisecond),
		NoSubscription: !cfg.subscribe,
		MongoMonitor:   monitor,
		NodeLog:        nodeLog, LogLevel: "info",
	}
	if _, err := os.Stat(f.nodeBinary); err == nil && cfg.subscribe {
		// One node runs alone in its own process, to measure its memory.
		opts.ProcessNodes, opts.NodeBinary = []int{12}, f.nodeBinary
	}
	progress("%s devnet: starting (data in %s)", cfg.name, dir)
	if b.d, err = devnet.Start(ctx, opts); err != nil {
		return nil, err
	}
	if b.temporal, err = client.Dial(client.Options{HostPort: b.d.TemporalAddress(), Logger: quietLogger{}}); err != nil {
		b.d.Close()
		return nil, err
	}
	go b.produceBlocks(f.block)
	progress("%s devnet: Temporal at %s, MongoDB at %s", cfg.name, b.d.TemporalAddress(), b.d.StoreURI())
	return b, nil
}

// produceBlocks makes one block on each chain every interval and notes when.
func (b *bench) produceBlocks(interval time.Duration) {
	defer close(b.chainDone)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-b.stopChain:
			return
		case <-t.C:
		}
		b.blocks.Lock()
		b.block()
		b.blocks.Unlock()
	}
}

func (b *bench) block() {
	h := b.d.Pocket.NextBlock()
	now := time.Now()
	b.times.Store(fmt.Sprintf("pokt/%d", h), now)
	b.d.Eth.Commit(1)
	now = time.Now()
	if n, err := b.d.Eth.Head(context.Background()); err == nil {
		b.times.Store(fmt.Sprintf("eth/%d", n), now)
	}
	b.produced.Add(1)
}

func (b *bench) blockTime(chain string, height int64) (time.Time, bool) {
	v, ok := b.times.Load(fmt.Sprintf("%s/%d", chain, height))
	if !ok {
		return time.Time{}, false
	}
	return v.(time.Time), true
}

// waitBlocks waits until n more blocks were produced.
func (b *bench) waitBlocks(ctx context.Context, n int64) error {
	target := b.produced.Load() + n
	for b.produced.Load() < target {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

func (b *bench) close(keep bool) {
	if b.closed {
		return
	}
	b.closed = true
	close(b.stopChain)
	<-b.chainDone
	b.temporal.Close()
	b.d.Close()
	if !keep {
		_ = os.RemoveAll(b.dir)
	}
}

func (b *bench) skeleton(ctx context.Context, f flags) (SkeletonResult, error) {
	stop, err := startSkeletonWorkers(b.temporal, 12)
	if err != nil {
		return SkeletonResult{}, err
	}
	defer stop()
	return runSkeleton(ctx, b.temporal, f.skeletonN, f.skeletonRuns, 50)
}

// fundBurners gives the first n users wPOKT through the bridge (a deposit
// each, in one block), so that they can burn later; not measured.
func (b *bench) fundBurners(ctx context.Context, n int) error {
	var ids []string
	b.blocks.Lock()
	for _, u := range b.d.Users[:n] {
		hash, err := b.d.Deposit(ctx, u, 10_000_000_000, devnet.MintMemo(u.Eth.Address))
		if err != nil {
			b.blocks.Unlock()
			return err
		}
		ids = append(ids, transfer.MintWorkflowID(hash))
	}
	b.blocks.Unlock()
	return b.waitAll(ctx, ids, 5*time.Minute)
}

// waitAll waits until every transfer is executed, or reports the first
// that ended otherwise.
func (b *bench) waitAll(ctx context.Context, ids []string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, id := range ids {
		doc, err := b.d.WaitStatus(ctx, id)
		if err != nil {
			return err
		}
		if doc.Status != transfer.StatusExecuted {
			return fmt.Errorf("%s ended %s: %s", id, doc.Status, doc.Reason)
		}
	}
	return nil
}

// idleLogQueries counts the Ethereum log queries all nodes make while
// 2,000 empty blocks are produced, per node.
func (b *bench) idleLogQueries(ctx context.Context) (float64, error) {
	before := b.methodCount("eth_getLogs")
	b.blocks.Lock()
	start, err := b.d.Eth.Head(ctx)
	if err != nil {
		b.blocks.Unlock()
		return 0, err
	}
	b.d.Eth.Commit(2000)
	b.blocks.Unlock()
	// Let every scanner see the new head (and do what it does about it).
	if err := b.waitBlocks(ctx, int64(4*time.Second/b.f.block)); err != nil {
		return 0, err
	}
	end, _ := b.d.Eth.Head(ctx)
	calls := b.methodCount("eth_getLogs") - before
	return float64(calls) / float64(b.d.NodeCount()) * 2000 / float64(end-start), nil
}

func (b *bench) methodCount(method string) int64 {
	var n int64
	for i := 1; i <= b.d.NodeCount(); i++ {
		n += b.d.EthProxy(i).Methods()[method]
	}
	return n
}

// sent is one transfer the benchmark made.
type sent struct {
	id     string
	kind   transfer.Kind
	hash   string
	sentAt time.Time
}

// send makes a deposit (even i) or a burn (odd i) from user u.
func (b *bench) send(ctx context.Context, i int, u devnet.User) (sent, error) {
	amount := uint64(1_000_000 + b.rng.IntN(9_000_000))
	s := sent{sentAt: time.Now()}
	var err error
	if i%2 == 0 {
		s.kind = transfer.KindMint
		if s.hash, err = b.d.Deposit(ctx, u, amount, devnet.MintMemo(u.Eth.Address)); err == nil {
			s.id = transfer.MintWorkflowID(s.hash)
		}
	} else {
		s.kind = transfer.KindBurn
		if s.hash, err = b.d.Burn(ctx, u, amount, u.PoktAddress); err == nil {
			s.id = transfer.BurnWorkflowID(s.hash, 0)
		}
	}
	return s, err
}

// latency sends n transfers one at a time at rate per second and measures
// each one's overhead: from the block that gave it its confirmations to
// the close of its workflow.
func (b *bench) latency(ctx context.Context, n int, rate float64) (LatencyResult, error) {
	res := LatencyResult{Rate: rate}
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var all []sent
	users := b.d.Users[:min(len(b.d.Users), b.f.senders)]
	for i := range n {
		<-tick.C
		s, err := b.send(ctx, i, users[i%len(users)])
		if err != nil {
			return res, err
		}
		all = append(all, s)
	}
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.id
	}
	if err := b.waitAll(ctx, ids, 5*time.Minute); err != nil {
		return res, err
	}
	var overhead, dest []time.Duration
	for _, s := range all {
		o, d, err := b.overhead(ctx, s)
		if err != nil {
			return res, err
		}
		overhead, dest = append(overhead, o), append(dest, d)
		if s.kind == transfer.KindMint {
			res.Mints++
		} else {
			res.Burns++
		}
	}
	res.Overhead, res.Destination = summarize(overhead), summarize(dest)
	return res, nil
}

// overhead is the time from the source's confirming block to the
// workflow's close, and the part of it spent waiting for the destination
// chain to include the executed order.
func (b *bench) overhead(ctx context.Context, s sent) (time.Duration, time.Duration, error) {
	doc, err := b.d.Store().Transfer(ctx, s.id)
	if err != nil {
		return 0, 0, err
	}
	chain, dchain := "pokt", "eth"
	if s.kind == transfer.KindBurn {
		chain, dchain = "eth", "pokt"
	}
	confirmed, ok := b.blockTime(chain, doc.SourceHeight+b.f.confirmations-1)
	if !ok {
		return 0, 0, fmt.Errorf("%s: no time for block %d", s.id, doc.SourceHeight+b.f.confirmations-1)
	}
	desc, err := b.temporal.DescribeWorkflowExecution(ctx, s.id, "")
	if err != nil {
		return 0, 0, err
	}
	closed := desc.GetWorkflowExecutionInfo().GetCloseTime().AsTime()
	destHeight, err := b.destinationHeight(ctx, dchain, doc.DestTxHash)
	if err != nil {
		return 0, 0, err
	}
	included, _ := b.blockTime(dchain, destHeight)
	signed, err := b.signedAt(ctx, s.id)
	if err != nil {
		return 0, 0, err
	}
	return closed.Sub(confirmed), max(0, included.Sub(signed)), nil
}

func (b *bench) destinationHeight(ctx context.Context, chain, hash string) (int64, error) {
	if chain == "eth" {
		r, err := b.d.Eth.Receipt(ctx, hexHash(hash))
		if err != nil {
			return 0, err
		}
		return r.BlockNumber.Int64(), nil
	}
	tx, err := b.d.PocketClient().Tx(ctx, hash)
	if err != nil {
		return 0, err
	}
	return tx.Height, nil
}

// signedAt is when the threshold-th co-signature completed (history).
func (b *bench) signedAt(ctx context.Context, id string) (time.Time, error) {
	events, err := history(ctx, b.temporal, id)
	if err != nil {
		return time.Time{}, err
	}
	signs := 0
	scheduled := map[int64]string{}
	for _, e := range events {
		if a := e.GetActivityTaskScheduledEventAttributes(); a != nil {
			scheduled[e.GetEventId()] = a.GetActivityType().GetName()
		}
		if a := e.GetActivityTaskCompletedEventAttributes(); a != nil && scheduled[a.GetScheduledEventId()] == transfer.ActivitySign {
			signs++
			if signs == b.d.Options().Threshold {
				return e.GetEventTime().AsTime(), nil
			}
		}
	}
	return time.Time{}, errors.New(id + ": fewer signatures than the threshold in its history")
}
