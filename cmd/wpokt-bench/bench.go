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
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/temporalcluster"
	"github.com/wpokt/bridge/transfer"
)

// benchDevnet names one devnet configuration of the run.
type benchDevnet struct {
	name       string
	pocket     pokt.Protocol
	scan       time.Duration
	poll       time.Duration
	copperPoll time.Duration
	subscribe  bool
	// cluster, when set, is the Temporal the devnet uses, and every node
	// runs in its own process.
	cluster *temporalcluster.Cluster
}

// bench is a devnet whose blocks the benchmark produces itself, so that it
// knows when every block (and so every confirmation) happened.
type bench struct {
	f        flags
	d        *devnet.Devnet
	temporal client.Client
	dir      string
	cluster  *temporalcluster.Cluster

	mongoWrites atomic.Int64

	blocks    sync.Mutex // held to line several txs up in one block
	times     sync.Map   // "pokt/<h>" or "eth/<n>" -> time.Time
	stopChain chan struct{}
	chainDone chan struct{}
	produced  atomic.Int64
	funded    int // users holding wPOKT to burn (the first ones)
	closed    bool
	stopWatch context.CancelFunc // ends the timing of a Shannon chain's own blocks
	rng       *rand.Rand
}

func startBench(ctx context.Context, f flags, cfg benchDevnet) (*bench, error) {
	dir, err := os.MkdirTemp("", "wpokt-bench-"+cfg.name+"-")
	if err != nil {
		return nil, err
	}
	b := &bench{f: f, dir: dir, cluster: cfg.cluster, stopChain: make(chan struct{}), chainDone: make(chan struct{}), rng: rand.New(rand.NewPCG(42, 1))}
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
		Users: max(f.senders, 10),
		// Ethereum and Morse make a block when the bench says so; a
		// CometBFT node makes its own, every PocketBlockInterval, and the
		// bench times each as it is committed.
		Pocket:           cfg.pocket,
		EthBlockInterval: f.block, PocketBlockInterval: f.block, ManualBlocks: true,
		EthConfirmations: f.confirmations, PocketConfirmations: f.confirmations,
		ScanInterval: cfg.scan, PollInterval: cfg.poll, CopperPollInterval: cfg.copperPoll, UnlimitedPollInterval: cfg.copperPoll,
		SignerRetryMax: max(cfg.poll, 500*time.Millisecond),
		NoSubscription: !cfg.subscribe,
		MongoMonitor:   monitor,
		NodeLog:        nodeLog, LogLevel: "info",
	}
	if _, err := os.Stat(f.nodeBinary); err == nil && cfg.subscribe {
		// One node runs alone in its own process, to measure its memory.
		opts.ProcessNodes, opts.NodeBinary = []int{12}, f.nodeBinary
	}
	if c := cfg.cluster; c != nil {
		opts.TemporalAddress, opts.TemporalNamespace = c.Address(), c.Namespace()
		// The nodes' processes: their MongoDB writes counted on the wire.
		opts.CountMongo = true
		opts.ProcessNodes = nil
		for i := 1; i <= 12; i++ {
			opts.ProcessNodes = append(opts.ProcessNodes, i)
		}
	}
	progress("%s devnet: starting (data in %s)", cfg.name, dir)
	if b.d, err = devnet.Start(ctx, opts); err != nil {
		return nil, err
	}
	if b.temporal, err = client.Dial(client.Options{HostPort: b.d.TemporalAddress(), Namespace: b.d.Options().TemporalNamespace, Logger: quietLogger{}}); err != nil {
		b.d.Close()
		return nil, err
	}
	if err := b.timeShannonBlocks(); err != nil {
		b.close(true)
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

// timeShannonBlocks notes when the Shannon chain commits each block.
func (b *bench) timeShannonBlocks() error {
	if b.d.Shannon == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.stopWatch = cancel
	return b.d.Shannon.OnBlock(ctx, func(h int64) { b.times.Store(fmt.Sprintf("pokt/%d", h), time.Now()) })
}

func (b *bench) block() {
	if b.d.Morse != nil {
		h := b.d.Morse.NextBlock()
		b.times.Store(fmt.Sprintf("pokt/%d", h), time.Now())
	}
	b.d.Eth.Commit(1)
	now := time.Now()
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
	if b.stopWatch != nil {
		b.stopWatch()
	}
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
	before := b.counters()
	res, err := runSkeleton(ctx, b.temporal, f.skeletonN, f.skeletonRuns, 50)
	after := b.counters()
	n := float64(f.skeletonN + f.skeletonRuns)
	res.CPUSeconds = after.sub(before).total().Seconds() / n
	res.TemporalCPUSeconds = (after.temporalCPU - before.temporalCPU).Seconds() / n
	res.PostgresCPUSeconds = (after.postgresCPU - before.postgresCPU).Seconds() / n
	return res, err
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
	if err := b.waitAll(ctx, ids, 5*time.Minute); err != nil {
		return err
	}
	b.funded = n
	return nil
}

// waitAll waits until every transfer's workflow completed executed, or
// reports the first that ended otherwise. It waits on Temporal (one long
// poll per workflow), not on the projection, to load the devnet no more
// than its users would.
func (b *bench) waitAll(ctx context.Context, ids []string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for _, id := range ids {
		var st transfer.State
		for {
			err := b.temporal.GetWorkflow(ctx, id, "").Get(ctx, &st)
			if err == nil {
				break
			}
			// Not started yet (the scanners have not seen it): wait a block.
			var nf *serviceerror.NotFound
			if !errors.As(err, &nf) || ctx.Err() != nil {
				return fmt.Errorf("wait for %s: %w", id, err)
			}
			if err := b.waitBlocks(ctx, 1); err != nil {
				return err
			}
		}
		if st.Status != transfer.StatusExecuted {
			return fmt.Errorf("%s ended %s: %s", id, st.Status, st.Reason)
		}
	}
	return nil
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
