package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	pocket "github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/temporalserver"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// The devnet's facts the scenarios rely on.
const (
	fee       = devnet.PocketFee
	nodeCount = 12
	threshold = 9
	pokt      = 1_000_000 // upokt per POKT
)

// eventually polls cond until it holds; after timeout it fails the test
// with the last reason cond gave. It is how every scenario waits: on a
// condition with a deadline, never on a sleep.
func eventually(t testing.TB, timeout time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, reason := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still not true after %s: %s", timeout, reason)
		}
		<-tick.C
	}
}

// logTail keeps the last bytes the nodes logged, for the failure dump, and
// streams them to stderr when WPOKT_TEST_LOGS is set.
type logTail struct {
	mu     sync.Mutex
	buf    []byte
	max    int
	stream bool
}

func newLogTail() *logTail {
	return &logTail{max: 2 << 20, stream: os.Getenv("WPOKT_TEST_LOGS") != ""}
}

func (l *logTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if len(l.buf) > l.max {
		l.buf = slices.Clone(l.buf[len(l.buf)-l.max/2:])
	}
	if l.stream {
		_, _ = os.Stderr.Write(p)
	}
	return len(p), nil
}

// Tail returns the last n lines, each cut to width characters.
func (l *logTail) Tail(n, width int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := strings.Split(strings.TrimRight(string(l.buf), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	for i, line := range lines {
		if len(line) > width {
			lines[i] = line[:width] + fmt.Sprintf("... (%d more bytes)", len(line)-width)
		}
	}
	return strings.Join(lines, "\n")
}

// blockClock makes the blocks of both chains (the devnet runs with
// ManualBlocks), so that a scenario can stop either chain between two
// blocks, e.g. to line up a reorg or to put many txs in one block.
type blockClock struct {
	d                 *devnet.Devnet
	ethMu, poktMu     sync.Mutex
	ethStop, poktStop bool
	quit              chan struct{}
	wg                sync.WaitGroup
}

func startClock(d *devnet.Devnet, ethEvery, poktEvery time.Duration) *blockClock {
	c := &blockClock{d: d, quit: make(chan struct{})}
	c.wg.Add(2)
	go c.run(ethEvery, &c.ethMu, &c.ethStop, func() { d.Eth.Commit(1) })
	go c.run(poktEvery, &c.poktMu, &c.poktStop, func() {
		// A Shannon chain (CometBFT) makes its own blocks; only the Morse
		// simulator waits for the clock.
		if d.Morse != nil {
			d.Morse.NextBlock()
		}
	})
	return c
}

func (c *blockClock) run(every time.Duration, mu *sync.Mutex, stopped *bool, block func()) {
	defer c.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-c.quit:
			return
		case <-t.C:
			mu.Lock()
			if !*stopped {
				block()
			}
			mu.Unlock()
		}
	}
}

// PauseEth returns once no Ethereum block will be made until ResumeEth.
func (c *blockClock) PauseEth()  { c.set(&c.ethMu, &c.ethStop, true) }
func (c *blockClock) ResumeEth() { c.set(&c.ethMu, &c.ethStop, false) }

// PausePocket returns once no Pocket block will be made until ResumePocket
// (Morse only: a Shannon chain does not stop).
func (c *blockClock) PausePocket()  { c.set(&c.poktMu, &c.poktStop, true) }
func (c *blockClock) ResumePocket() { c.set(&c.poktMu, &c.poktStop, false) }

func (c *blockClock) set(mu *sync.Mutex, v *bool, to bool) {
	mu.Lock()
	*v = to
	mu.Unlock()
}

func (c *blockClock) close() {
	close(c.quit)
	c.wg.Wait()
}

// want is what a transfer must end as.
type want struct {
	ID     string
	Kind   transfer.Kind
	Status transfer.Status
	// Order: the transfer needed a Copper order (and has exactly one).
	Order bool
	// Reason is a substring of the final reason ("" for any).
	Reason string
	// Amount is the source amount, Pay what the order paid (0: unchecked).
	Amount, Pay uint64
	// Recipient is the Ethereum (mint) or Pocket (burn, refund) address.
	Recipient string
	// MayBeRefused: a node may refuse it (a scenario makes one lie);
	// otherwise no node may.
	MayBeRefused bool
}

// env is one scenario's running devnet with its books: what every transfer
// must end as, and how every balance must move.
type env struct {
	t     *testing.T
	d     *devnet.Devnet
	ctx   context.Context
	tc    client.Client
	logs  *logTail
	clock *blockClock
	rng   *rand.Rand

	mu   sync.Mutex
	want map[string]*want
	ids  []string
	// unprojected are transfer workflows that end without a projection
	// document (one lying node's sighting): checkRuns accepts them.
	unprojected []string
	poktStart   map[string]uint64
	poktDelta   map[string]int64
	ethStart    map[common.Address]uint64
	ethDelta    map[common.Address]int64
	// mintedOutside is wPOKT a scenario minted outside the bridge.
	mintedOutside uint64
}

// start runs a devnet for one scenario with fast settings (blocks every
// 250 ms, 2 confirmations, short scan and poll intervals), tweaked by the
// scenario, and stops it when the test ends.
func start(t *testing.T, seed uint64, tweak func(*devnet.Options)) *env {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end scenario: skipped with -short")
	}
	cli, err := temporalserver.FindCLI()
	require.NoError(t, err)
	logs := newLogTail()
	opts := devnet.Options{
		Dir: t.TempDir(), TemporalCLI: cli, Headless: true, Users: 4,
		EthBlockInterval: 250 * time.Millisecond, PocketBlockInterval: 250 * time.Millisecond,
		EthConfirmations: 2, PocketConfirmations: 2,
		ScanInterval: 200 * time.Millisecond, PollInterval: 100 * time.Millisecond,
		CopperPollInterval: 50 * time.Millisecond, SignerRetryMax: time.Second,
		ManualBlocks: true, Log: logs, NodeLog: logs,
	}
	if tweak != nil {
		tweak(&opts)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel)
	began := time.Now()
	startCtx, cancelStart := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelStart()
	d, err := devnet.Start(startCtx, opts)
	require.NoError(t, err, "start the devnet:\n%s", logs.Tail(50, 600))
	t.Cleanup(func() {
		stopped := time.Now()
		d.Close()
		t.Logf("devnet stopped in %s", time.Since(stopped).Round(time.Millisecond))
	})
	t.Logf("devnet ready in %s (Temporal %s)", time.Since(began).Round(time.Millisecond), d.TemporalAddress())
	clock := startClock(d, opts.EthBlockInterval, opts.PocketBlockInterval)
	t.Cleanup(clock.close)
	tc, err := client.Dial(client.Options{HostPort: d.TemporalAddress(), Namespace: opts.TemporalNamespace, Logger: quietLogger{}})
	require.NoError(t, err)
	t.Cleanup(tc.Close)

	e := &env{
		t: t, d: d, ctx: ctx, tc: tc, logs: logs, clock: clock, rng: rand.New(rand.NewPCG(seed, seed^0x5eed)),
		want:      map[string]*want{},
		poktStart: map[string]uint64{}, poktDelta: map[string]int64{},
		ethStart: map[common.Address]uint64{}, ethDelta: map[common.Address]int64{},
	}
	for _, u := range d.Users {
		e.addPokt(u.PoktAddress, 0)
		e.addEth(u.Eth.Address, 0)
	}
	t.Cleanup(e.dumpOnFailure)
	return e
}

// onMorse runs a scenario's devnet on the Morse simulator (then tweak, if
// any); the scenarios run on Shannon, the devnet's default, otherwise.
func onMorse(tweak func(*devnet.Options)) func(*devnet.Options) {
	return func(o *devnet.Options) {
		o.Pocket = pocket.Morse
		if tweak != nil {
			tweak(o)
		}
	}
}

// ---- the books ----

func (e *env) addPokt(addr string, delta int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	addr = strings.ToLower(addr)
	if _, ok := e.poktStart[addr]; !ok {
		e.poktStart[addr] = e.poktBalance(addr)
	}
	e.poktDelta[addr] += delta
}

func (e *env) poktBalance(addr string) uint64 {
	b, err := e.d.PocketBalance(e.ctx, addr)
	require.NoError(e.t, err)
	return b
}

// payout is what the vault pays for a burn or a refund of amount: on
// Shannon the whole amount (the vault pays the fee), on Morse the amount
// minus the fee.
func (e *env) payout(amount uint64) uint64 {
	if e.d.Protocol() == pocket.Morse {
		return amount - fee
	}
	return amount
}

func (e *env) addEth(addr common.Address, delta int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.ethStart[addr]; !ok {
		b, err := e.d.Eth.BalanceOf(e.ctx, addr)
		require.NoError(e.t, err)
		e.ethStart[addr] = b
	}
	e.ethDelta[addr] += delta
}

// expect records (or replaces) what a transfer must end as.
func (e *env) expect(w want) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.want[w.ID]; !ok {
		e.ids = append(e.ids, w.ID)
	}
	e.want[w.ID] = &w
}

// expectUnprojected records a transfer workflow that must end without a
// projection document.
func (e *env) expectUnprojected(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unprojected = append(e.unprojected, id)
}

// mayBeRefused lets nodes refuse these transfers (their RPC lies).
func (e *env) mayBeRefused(ids ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, id := range ids {
		e.want[id].MayBeRefused = true
	}
}

func (e *env) wantOf(id string) want {
	e.mu.Lock()
	defer e.mu.Unlock()
	return *e.want[id]
}

func (e *env) tracked() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.ids)
}

// amount draws a random amount in [lo, hi] POKT, to the upokt.
func (e *env) amount(lo, hi uint64) uint64 {
	return lo*pokt + e.rng.Uint64N((hi-lo)*pokt+1)
}

// ---- transfers ----

// sendDeposit sends POKT to the vault with a memo and returns the tx hash.
func (e *env) sendDeposit(u devnet.User, amount uint64, memo string) string {
	e.t.Helper()
	hash, err := e.d.Deposit(e.ctx, u, amount, memo)
	require.NoError(e.t, err)
	return hash
}

// mint deposits amount from u for to and expects it minted.
func (e *env) mint(u devnet.User, to common.Address, amount uint64) string {
	e.t.Helper()
	e.addPokt(u.PoktAddress, -int64(amount+fee))
	e.addEth(to, int64(amount))
	id := transfer.MintWorkflowID(e.sendDeposit(u, amount, devnet.MintMemo(to)))
	e.expect(want{ID: id, Kind: transfer.KindMint, Status: transfer.StatusExecuted, Order: true,
		Amount: amount, Pay: amount, Recipient: to.Hex()})
	return id
}

// refund deposits amount from u with a bad memo and expects it refunded
// (the payout of amount back to u), with reason in its final reason.
func (e *env) refund(u devnet.User, amount uint64, memo, reason string) string {
	e.t.Helper()
	e.addPokt(u.PoktAddress, -int64(amount+fee)+int64(e.payout(amount)))
	id := transfer.MintWorkflowID(e.sendDeposit(u, amount, memo))
	e.expect(want{ID: id, Kind: transfer.KindMint, Status: transfer.StatusRefunded, Order: true, Reason: reason,
		Amount: amount, Pay: e.payout(amount), Recipient: strings.ToLower(u.PoktAddress)})
	return id
}

// dust deposits an amount at or below the fee and expects it invalid.
func (e *env) dust(u devnet.User, amount uint64, memo string) string {
	e.t.Helper()
	e.addPokt(u.PoktAddress, -int64(amount+fee))
	id := transfer.MintWorkflowID(e.sendDeposit(u, amount, memo))
	e.expect(want{ID: id, Kind: transfer.KindMint, Status: transfer.StatusInvalid, Reason: "at or below the fee", Amount: amount})
	return id
}

// burn burns amount of u's wPOKT for the Pocket address to and expects
// the payout of amount there.
func (e *env) burn(u devnet.User, amount uint64, to string) string {
	e.t.Helper()
	e.addEth(u.Eth.Address, -int64(amount))
	e.addPokt(to, int64(e.payout(amount)))
	hash, err := e.d.Burn(e.ctx, u, amount, to)
	require.NoError(e.t, err)
	id := transfer.BurnWorkflowID(hash, 0)
	e.expect(want{ID: id, Kind: transfer.KindBurn, Status: transfer.StatusExecuted, Order: true,
		Amount: amount, Pay: e.payout(amount), Recipient: strings.ToLower(to)})
	return id
}

// ---- reading the state ----

// waitingWithoutOrder is a condition: every transfer is at status with a
// reason that contains says, and none has a Copper order.
func (e *env) waitingWithoutOrder(ids []string, status transfer.Status, says string) func() (bool, string) {
	return func() (bool, string) {
		docs := e.docs()
		for _, id := range ids {
			doc, ok := docs[id]
			if !ok || doc.Status != status || !strings.Contains(doc.Reason, says) {
				return false, fmt.Sprintf("%s is %s (%s)", id, doc.Status, doc.Reason)
			}
			if _, ordered := e.d.Copper.OrderByExternalID(id); ordered {
				return false, id + " has an order"
			}
		}
		return true, ""
	}
}

// stillAfterBlocks waits n more blocks on both chains, then requires cond
// (true now) to hold still: a state that must last while the chains move.
func (e *env) stillAfterBlocks(n int64, cond func() (bool, string), while string) {
	e.t.Helper()
	ethHead, err := e.d.Eth.Head(e.ctx)
	require.NoError(e.t, err)
	poktHead := e.d.PocketHeight()
	eventually(e.t, time.Minute, func() (bool, string) {
		h, err := e.d.Eth.Head(e.ctx)
		require.NoError(e.t, err)
		return h >= ethHead+uint64(n) && e.d.PocketHeight() >= poktHead+n, fmt.Sprintf("waiting for %d more blocks on both chains", n)
	})
	ok, why := cond()
	require.True(e.t, ok, "%s: %s", while, why)
}

// docs reads every transfer document of the projection, by workflow ID.
func (e *env) docs() map[string]store.Document {
	e.t.Helper()
	list, err := e.d.Store().List(e.ctx, "", 0)
	require.NoError(e.t, err)
	out := make(map[string]store.Document, len(list))
	for _, doc := range list {
		out[doc.TransferID] = doc
	}
	return out
}

func (e *env) doc(id string) (store.Document, bool) {
	doc, err := e.d.Store().Transfer(e.ctx, id)
	if err != nil {
		return store.Document{}, false
	}
	return *doc, true
}

// waitStatus waits until the transfers reach one of the statuses.
func (e *env) waitStatus(timeout time.Duration, ids []string, statuses ...transfer.Status) {
	e.t.Helper()
	eventually(e.t, timeout, func() (bool, string) {
		docs := e.docs()
		var behind []string
		for _, id := range ids {
			doc, ok := docs[id]
			switch {
			case !ok:
				behind = append(behind, id+" not projected")
			case !slices.Contains(statuses, doc.Status):
				behind = append(behind, fmt.Sprintf("%s %s (%s)", id, doc.Status, doc.Reason))
			}
		}
		return len(behind) == 0, fmt.Sprintf("%d of %d transfers not %v yet: %s", len(behind), len(ids), statuses, summary(behind, 5))
	})
}

// waitFinal waits until every transfer reached the status it must end as;
// one that ends otherwise fails the test at once.
func (e *env) waitFinal(timeout time.Duration) {
	e.t.Helper()
	ids := e.tracked()
	eventually(e.t, timeout, func() (bool, string) {
		docs := e.docs()
		var behind []string
		for _, id := range ids {
			w := e.wantOf(id)
			doc, ok := docs[id]
			switch {
			case !ok:
				behind = append(behind, id+" not projected")
			case doc.Status == w.Status:
			case doc.Status.Final():
				e.t.Fatalf("transfer %s ended %s (%s), want %s", id, doc.Status, doc.Reason, w.Status)
			default:
				behind = append(behind, fmt.Sprintf("%s %s (%s)", id, doc.Status, doc.Reason))
			}
		}
		return len(behind) == 0, fmt.Sprintf("%d of %d transfers not final yet: %s", len(behind), len(ids), summary(behind, 5))
	})
}

func summary(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:n], "; ") + fmt.Sprintf("; and %d more", len(items)-n)
}

// describe is a transfer workflow's execution status in Temporal.
func (e *env) describe(id string) enumspb.WorkflowExecutionStatus {
	e.t.Helper()
	res, err := e.tc.DescribeWorkflowExecution(e.ctx, id, "")
	require.NoError(e.t, err, "describe %s", id)
	return res.GetWorkflowExecutionInfo().GetStatus()
}

// transferRuns lists every run of every transfer workflow, by workflow ID.
func (e *env) transferRuns() map[string][]*workflowpb.WorkflowExecutionInfo {
	e.t.Helper()
	out := map[string][]*workflowpb.WorkflowExecutionInfo{}
	var token []byte
	for {
		res, err := e.tc.ListWorkflow(e.ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace:     e.d.Options().TemporalNamespace,
			PageSize:      1000,
			NextPageToken: token,
			Query:         fmt.Sprintf("WorkflowType = '%s' OR WorkflowType = '%s'", transfer.MintWorkflowType, transfer.BurnWorkflowType),
		})
		require.NoError(e.t, err)
		for _, info := range res.GetExecutions() {
			id := info.GetExecution().GetWorkflowId()
			out[id] = append(out[id], info)
		}
		if token = res.GetNextPageToken(); len(token) == 0 {
			return out
		}
	}
}

// ---- the final checks ----

// finish waits for every transfer to end as expected, then checks
// everything a scenario must leave true: each transfer's projection
// document, one Copper order per transfer that needed one and no other,
// consecutive mint nonces, one Temporal run per transfer, every balance on
// both chains, and the bridge's invariant.
func (e *env) finish(timeout time.Duration) {
	e.t.Helper()
	began := time.Now()
	e.waitFinal(timeout)
	e.t.Logf("%d transfers final %s after the wait began; %s", len(e.tracked()), time.Since(began).Round(time.Millisecond), e.latencies())
	e.checkProjection()
	e.checkOrders()
	e.checkNonces()
	e.checkRuns()
	e.checkBalances()
	e.checkInvariant()
}

// latencies sums up how long the transfers took, from their workflow's
// start to their final status.
func (e *env) latencies() string {
	var ds []time.Duration
	for _, doc := range e.docs() {
		if doc.Status.Final() {
			ds = append(ds, doc.UpdatedAt.Sub(doc.CreatedAt))
		}
	}
	if len(ds) == 0 {
		return "no transfer final"
	}
	slices.Sort(ds)
	return fmt.Sprintf("workflow start to final status: p50 %s, p90 %s, max %s",
		ds[len(ds)/2].Round(time.Millisecond), ds[len(ds)*9/10].Round(time.Millisecond), ds[len(ds)-1].Round(time.Millisecond))
}

func (e *env) checkProjection() {
	t := e.t
	t.Helper()
	docs := e.docs()
	ids := e.tracked()
	assert.Len(t, docs, len(ids), "the projection holds exactly the scenario's transfers")
	for id := range docs {
		assert.Contains(t, ids, id, "untracked transfer in the projection")
	}
	for _, id := range ids {
		w := e.wantOf(id)
		doc, ok := docs[id]
		if !assert.True(t, ok, "%s not in the projection", id) {
			continue
		}
		assert.Equal(t, w.Status, doc.Status, "%s status (%s)", id, doc.Reason)
		assert.Equal(t, w.Kind, doc.Kind, "%s kind", id)
		assert.NotEmpty(t, doc.Reason, "%s has no reason", id)
		if w.Reason != "" {
			assert.Contains(t, doc.Reason, w.Reason, "%s reason", id)
		}
		if w.Amount != 0 {
			assert.EqualValues(t, w.Amount, doc.AmountUpokt, "%s amount", id)
		}
		if w.Pay != 0 {
			assert.EqualValues(t, w.Pay, doc.PayAmountUpokt, "%s pay amount", id)
		}
		if w.Recipient != "" {
			assert.True(t, strings.EqualFold(w.Recipient, doc.Recipient), "%s recipient %s, want %s", id, doc.Recipient, w.Recipient)
		}
		wantColl := store.Burns
		switch {
		case w.Kind == transfer.KindBurn:
		case w.Status == transfer.StatusExecuted || (w.Status == transfer.StatusFailed && doc.Classification == "mint"):
			wantColl = store.Mints
		default:
			wantColl = store.InvalidMints
		}
		assert.Equal(t, wantColl, doc.Collection, "%s collection", id)
		assert.NotEmpty(t, doc.SeenBy, "%s seen by no scanner", id)
		if !w.MayBeRefused {
			assert.Empty(t, doc.Refusals, "%s: refused by an honest node", id)
		}
		if !w.Order {
			assert.Empty(t, doc.OrderID, "%s has an order but needed none", id)
			continue
		}
		order, found := e.d.Copper.OrderByExternalID(id)
		if !assert.True(t, found, "%s has no Copper order", id) {
			continue
		}
		assert.Equal(t, order.OrderID, doc.OrderID, "%s order", id)
		if w.Status == transfer.StatusExecuted || w.Status == transfer.StatusRefunded {
			assert.True(t, order.Status.Executed(), "%s order %s is %s", id, order.OrderID, order.Status)
			assert.NotEmpty(t, doc.DestTxHash, "%s has no destination tx", id)
			assert.GreaterOrEqual(t, len(doc.Signers), threshold, "%s signers %v", id, doc.Signers)
			assert.Len(t, slices.Compact(slices.Sorted(slices.Values(doc.Signers))), len(doc.Signers), "%s signers twice: %v", id, doc.Signers)
			assert.GreaterOrEqual(t, e.d.Copper.SignatureCount(order.OrderID), threshold, "%s partial signatures", id)
		}
	}
}

func (e *env) checkOrders() {
	t := e.t
	t.Helper()
	need := 0
	for _, id := range e.tracked() {
		if e.wantOf(id).Order {
			need++
		}
	}
	orders := e.d.Copper.Orders()
	assert.Equal(t, need, e.d.Copper.OrderCount(), "Copper orders == transfers that needed one")
	seen := map[string]bool{}
	for _, o := range orders {
		assert.False(t, seen[o.ExternalOrderID], "two Copper orders for %s", o.ExternalOrderID)
		seen[o.ExternalOrderID] = true
		e.mu.Lock()
		w, ok := e.want[o.ExternalOrderID]
		e.mu.Unlock()
		assert.True(t, ok && w.Order, "Copper order %s (%s) belongs to no transfer that needed one", o.OrderID, o.ExternalOrderID)
	}
}

// checkNonces: the mints of each recipient carry nonces 1..n, each once,
// and the contract's userNonce is n.
func (e *env) checkNonces() {
	t := e.t
	t.Helper()
	byRecipient := map[string][]int64{}
	for _, doc := range e.docs() {
		if doc.Kind == transfer.KindMint && doc.Status == transfer.StatusExecuted {
			byRecipient[doc.Recipient] = append(byRecipient[doc.Recipient], doc.Nonce)
		}
	}
	for recipient, nonces := range byRecipient {
		slices.Sort(nonces)
		for i, n := range nonces {
			if !assert.EqualValues(t, i+1, n, "mint nonces of %s: %v", recipient, nonces) {
				break
			}
		}
		onChain, err := e.d.Eth.UserNonce(e.ctx, common.HexToAddress(recipient))
		require.NoError(t, err)
		assert.EqualValues(t, len(nonces), onChain, "userNonce of %s", recipient)
	}
}

// checkRuns: one Temporal run per transfer, completed; no other transfer
// workflow.
func (e *env) checkRuns() {
	t := e.t
	t.Helper()
	e.mu.Lock()
	ids := append(slices.Clone(e.ids), e.unprojected...)
	e.mu.Unlock()
	eventually(t, 30*time.Second, func() (bool, string) {
		runs := e.transferRuns()
		var bad []string
		for _, id := range ids {
			r := runs[id]
			if len(r) != 1 || r[0].GetStatus() != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
				states := make([]string, len(r))
				for i, info := range r {
					states[i] = info.GetStatus().String()
				}
				bad = append(bad, fmt.Sprintf("%s: runs %v", id, states))
			}
		}
		for id := range runs {
			if !slices.Contains(ids, id) {
				bad = append(bad, "untracked transfer workflow "+id)
			}
		}
		return len(bad) == 0, "Temporal runs: " + summary(bad, 5)
	})
}

func (e *env) checkBalances() {
	t := e.t
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for addr, start := range e.poktStart {
		got := int64(e.poktBalance(addr)) - int64(start)
		assert.Equal(t, e.poktDelta[addr], got, "POKT balance change of %s", addr)
	}
	for addr, start := range e.ethStart {
		b, err := e.d.Eth.BalanceOf(e.ctx, addr)
		require.NoError(t, err)
		assert.Equal(t, e.ethDelta[addr], int64(b)-int64(start), "wPOKT balance change of %s", addr.Hex())
	}
}

func (e *env) checkInvariant() {
	t := e.t
	t.Helper()
	b, err := e.d.Invariant(e.ctx)
	if b.MintedOutsideUpokt = e.mintedOutside; err != nil && e.mintedOutside > 0 {
		err = b.Check()
	}
	require.NoError(t, err)
	assert.Zero(t, b.PendingUpokt, "nothing in flight at the end")
	assert.Zero(t, b.Failed, "no transfer failed after funds moved")
	t.Logf("books: vault %s POKT, wPOKT supply %s, kept %s, %d Copper orders",
		transfer.FormatPOKT(b.VaultUpokt), transfer.FormatPOKT(b.SupplyUpokt), transfer.FormatPOKT(b.HeldUpokt), e.d.Copper.OrderCount())
}

// ---- failure dump ----

// dumpOnFailure prints, when the test failed, every transfer that is not as
// expected (its projection document and its workflow's state), the Copper
// orders, and the tail of the nodes' log.
func (e *env) dumpOnFailure() {
	if !e.t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var b strings.Builder
	list, err := e.d.Store().List(ctx, "", 0)
	if err != nil {
		fmt.Fprintf(&b, "read the projection: %v\n", err)
	}
	docs := map[string]store.Document{}
	for _, doc := range list {
		docs[doc.TransferID] = doc
	}
	fine, shown := 0, 0
	for _, id := range e.tracked() {
		w := e.wantOf(id)
		doc, ok := docs[id]
		if ok && doc.Status == w.Status {
			fine++
			continue
		}
		if shown++; shown > 25 {
			continue
		}
		fmt.Fprintf(&b, "--- %s: want %s", id, w.Status)
		if ok {
			j, _ := json.Marshal(doc)
			fmt.Fprintf(&b, ", projection: %s\n", j)
		} else {
			b.WriteString(", not in the projection\n")
		}
		if v, err := e.tc.QueryWorkflow(ctx, id, "", transfer.QueryState); err == nil {
			var st transfer.State
			if v.Get(&st) == nil {
				fmt.Fprintf(&b, "    workflow state: %s (%s); signers %v; refusals %v; order %s\n", st.Status, st.Reason, st.Signers, st.Refusals, st.OrderID)
			}
		} else {
			fmt.Fprintf(&b, "    workflow query: %v\n", err)
		}
	}
	fmt.Fprintf(&b, "(%d transfers as expected, %d not)\n", fine, shown)
	orders := e.d.Copper.Orders()
	fmt.Fprintf(&b, "--- %d Copper orders:\n", len(orders))
	for i, o := range orders {
		if i == 40 {
			fmt.Fprintf(&b, "    ...\n")
			break
		}
		fmt.Fprintf(&b, "    %s %s %s signatures %d\n", o.OrderID, o.ExternalOrderID, o.Status, e.d.Copper.SignatureCount(o.OrderID))
	}
	fmt.Fprintf(&b, "--- the nodes' log, last lines:\n%s\n", e.logs.Tail(150, 600))
	e.t.Log("failure dump:\n" + b.String())
}

// ---- the operators' tools ----

// temporalCLI runs the real temporal CLI against the devnet's server.
func (e *env) temporalCLI(args ...string) string {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, time.Minute)
	defer cancel()
	args = append(args, "--address", e.d.TemporalAddress(), "--namespace", e.d.Options().TemporalNamespace)
	cmd := exec.CommandContext(ctx, e.d.Options().TemporalCLI, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	require.NoError(e.t, err, "temporal %s:\n%s", strings.Join(args, " "), out.String())
	return out.String()
}

// quietLogger drops the Temporal SDK's own logs of the test's client.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}
