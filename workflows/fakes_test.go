package workflows

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

// fakeBridge stands in for the activities: a chain that confirms the
// source tx a little more on every read, a custody platform that keeps
// orders by external ID, signers that sign or refuse, and a projection that
// records every write.
type fakeBridge struct {
	mu sync.Mutex

	deposit transfer.Reading
	burn    transfer.Reading
	// confirmationsPerRead is how far the chain moves between two reads.
	confirmationsPerRead int64
	// vanishAfterReads makes the source tx disappear (a reorg) after that
	// many reads; 0 keeps it.
	vanishAfterReads int
	reads            int
	waitedReads      int // reads made while a read waited for confirmations
	// blockTime is how long the fake chain takes per block while a read
	// waits (0: a block every poll).
	blockTime time.Duration

	orders      map[string]transfer.OrderRef
	creates     int
	createFails int // fail this many creates after storing the order (a lost answer)
	// existing is an order Copper already has for the transfer.
	existing *transfer.OrderRef

	refuse map[string]string
	// notReady makes a node's signer fail with a retryable error, as a
	// signer that cannot sign yet does.
	notReady  map[string]string
	signCalls map[string]int
	signDelay time.Duration
	// completeFor makes a node find the order already complete, with these
	// co-signers listed by Copper.
	completeFor map[string][]string
	awaits      int

	reserve  []transfer.ReserveResult
	reserves []transfer.ReserveRequest
	// nonce is what the control workflow leases to a mint.
	nonce uint64
	// reports, when set, are the 12 nodes' readings (else all alike).
	reports []transfer.Reading

	await     transfer.AwaitOrderResult
	verifyErr error
	prior     transfer.PriorRecord

	projected []transfer.State

	// ownSays rewrites the read of the node running the workflow (its RPC
	// lies); answers and forged shape other nodes' source check answers.
	ownSays      func(transfer.Reading) transfer.Reading
	answers      map[string]transfer.Reading
	forged       map[string]bool
	sourceChecks int
}

func newFakeBridge() *fakeBridge {
	return &fakeBridge{
		confirmationsPerRead: 1,
		orders:               map[string]transfer.OrderRef{},
		nonce:                1,
		refuse:               map[string]string{},
		notReady:             map[string]string{},
		signCalls:            map[string]int{},
		await:                transfer.AwaitOrderResult{Executed: true, Status: "executed", TxHash: "0xdest"},
	}
}

func (f *fakeBridge) source() transfer.SourceCheck {
	f.reads++
	return f.sourceNow()
}

// sourceNow is the source as the fake chain has it after f.reads reads.
func (f *fakeBridge) sourceNow() transfer.SourceCheck {
	if f.vanishAfterReads > 0 && f.reads > f.vanishAfterReads {
		return transfer.SourceCheck{Found: false, Head: 100 + int64(f.reads)*10}
	}
	conf := f.confirmationsPerRead * int64(f.reads)
	return transfer.SourceCheck{Found: true, Success: true, Canonical: true, Height: 100, Head: 100 + conf - 1, Confirmations: conf}
}

// chainReading is the transfer as the fake chain has it with this source.
func (f *fakeBridge) chainReading(sc transfer.SourceCheck) transfer.Reading {
	rd := f.deposit
	if f.burn.Class != "" {
		rd = f.burn
	}
	rd.Source = sc
	if !sc.Found {
		return transfer.Reading{Source: sc}
	}
	if rd.Class == transfer.ClassFailed {
		rd.Source.Success = false
	}
	return rd
}

// ownRead is the read of the node running the workflow: the chain's,
// unless its RPC lies (ownSays).
func (f *fakeBridge) ownRead() transfer.Reading {
	rd := f.chainReading(f.source())
	if f.ownSays != nil {
		rd = f.ownSays(rd)
	}
	return rd
}

// waitRead is a read that waits as w says, each further read of the fake
// chain one more block: as many as blockTime lets pass in w.For.
func (f *fakeBridge) waitRead(w transfer.ConfirmWait) transfer.Reading {
	rd := f.ownRead()
	step := max(w.Poll, f.blockTime, time.Millisecond)
	for waited := step; w.Pending(rd) && waited <= w.For; waited += step {
		f.waitedReads++
		rd = f.ownRead()
	}
	return rd
}

func (f *fakeBridge) ReadDeposit(_ context.Context, ref transfer.DepositRef) (transfer.Reading, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := f.waitRead(ref.Wait)
	d.TxHash = ref.TxHash
	return d, nil
}

func (f *fakeBridge) ReadBurn(_ context.Context, ref transfer.BurnRef) (transfer.Reading, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.waitRead(ref.Wait)
	b.TxHash, b.LogPosition = ref.TxHash, ref.LogPosition
	return b, nil
}

// CheckSource is a node's signed reading of the source: the fake chain's
// (at least confirmed, since every node reads its own synced RPC), unless
// answers says otherwise for that node; forged answers are signed with a
// key that is not the node's.
func (f *fakeBridge) CheckSource(_ context.Context, req transfer.SourceRequest) (transfer.SourceAnswer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sourceChecks++
	sc := f.sourceNow()
	if sc.Found {
		sc.Confirmations = max(sc.Confirmations, 100)
	}
	rd, ok := f.answers[req.NodeID]
	if !ok {
		rd = f.chainReading(sc)
	}
	key := nodeKey(req.NodeID)
	if f.forged[req.NodeID] {
		key = nodeKey("mallory")
	}
	return transfer.SourceAnswer{NodeID: req.NodeID, Reading: rd}.Sign(req.WorkflowID, key), nil
}

func (f *fakeBridge) PriorRecord(context.Context, transfer.TransferRef) (transfer.PriorRecord, error) {
	return f.prior, nil
}

func (f *fakeBridge) Reserve(_ context.Context, req transfer.ReserveRequest) (transfer.ReserveResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reserves = append(f.reserves, req)
	res := transfer.ReserveResult{Decision: transfer.ReserveGranted}
	if len(f.reserve) > 0 {
		res = f.reserve[0]
		f.reserve = f.reserve[1:]
	}
	if res.Decision == transfer.ReserveGranted && req.Recipient != "" {
		res.Nonce = f.nonce
	}
	return res, nil
}

// mintReserves counts the reserve requests that asked for a nonce.
func (f *fakeBridge) mintReserves() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.reserves {
		if r.Recipient != "" {
			n++
		}
	}
	return n
}

func (f *fakeBridge) FindOrder(_ context.Context, ref transfer.TransferRef) (transfer.OrderRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.existing != nil {
		return *f.existing, nil
	}
	if o, ok := f.orders[ref.WorkflowID]; ok {
		return o, nil
	}
	return transfer.OrderRef{}, nil
}

func (f *fakeBridge) CreateOrder(_ context.Context, spec transfer.OrderSpec) (transfer.OrderRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.orders[spec.ExternalID]
	if !ok {
		f.creates++
		o = transfer.OrderRef{OrderID: fmt.Sprintf("order-%d", f.creates), Status: "working", Spec: spec, Found: true, NeedsSignatures: true}
		f.orders[spec.ExternalID] = o
	}
	if f.createFails > 0 {
		f.createFails--
		return transfer.OrderRef{}, errors.New("copper: answer lost")
	}
	return o, nil
}

func (f *fakeBridge) Sign(ctx context.Context, req transfer.SignRequest) (transfer.SignResult, error) {
	f.mu.Lock()
	f.signCalls[req.NodeID]++
	reason, refused := f.refuse[req.NodeID]
	wait, waiting := f.notReady[req.NodeID]
	delay := f.signDelay
	coSigners, complete := f.completeFor[req.NodeID]
	f.mu.Unlock()
	if complete {
		return transfer.SignResult{NodeID: req.NodeID, OrderComplete: true, CoSigners: coSigners}, nil
	}
	if refused {
		return transfer.SignResult{}, temporal.NewNonRetryableApplicationError(reason, transfer.SignerRefusedError, nil)
	}
	if waiting {
		return transfer.SignResult{}, temporal.NewApplicationError(wait, transfer.ErrorSignerNotReady)
	}
	select {
	case <-time.After(delay):
	case <-ctx.Done():
		return transfer.SignResult{}, ctx.Err()
	}
	return transfer.SignResult{NodeID: req.NodeID}, nil
}

func (f *fakeBridge) AwaitOrder(_ context.Context, req transfer.AwaitOrderRequest) (transfer.AwaitOrderResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.awaits++
	res := f.await
	res.OrderID = req.OrderID
	return res, nil
}

func (f *fakeBridge) VerifyDestination(_ context.Context, req transfer.VerifyRequest) (transfer.VerifyResult, error) {
	if f.verifyErr != nil {
		return transfer.VerifyResult{}, f.verifyErr
	}
	return transfer.VerifyResult{TxHash: req.TxHash, Height: 7}, nil
}

func (f *fakeBridge) Project(_ context.Context, st transfer.State) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.projected = append(f.projected, st)
	return nil
}

func (f *fakeBridge) statuses() []transfer.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []transfer.Status
	for _, st := range f.projected {
		if len(out) == 0 || out[len(out)-1] != st.Status {
			out = append(out, st.Status)
		}
	}
	return out
}

func (f *fakeBridge) register(env *testsuite.TestWorkflowEnvironment) {
	RegisterSharedActivities(env, f)
	RegisterSigner(env, f)
	RegisterWorkflows(env, testTrust(9))
}

// nodeKey is a node's reading key in these tests, derived from its name.
func nodeKey(node string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("test reading key of " + node))
	return ed25519.NewKeyFromSeed(seed[:])
}

// testTrust is the signing set of the twelve test nodes.
func testTrust(threshold int) Trust {
	keys := transfer.NodeKeys{}
	for _, n := range nodes {
		keys[n] = nodeKey(n).Public().(ed25519.PublicKey)
	}
	return NewTrust(threshold, keys, 24*time.Hour)
}

// startedID is the ID of the workflow the test started last: the readings
// the test sends are signed for it.
var startedID string

// signedSeen is node's reading, signed with its key for the started workflow.
func signedSeen(node string, height int64, rep transfer.Reading) transfer.SeenSignal {
	return transfer.SeenSignal{NodeID: node, Height: height, Report: rep}.Sign(startedID, nodeKey(node))
}

var mockAny = mock.Anything

var nodes = []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9", "node-10", "node-11", "node-12"}

func testSettings() transfer.Settings {
	return transfer.Settings{
		Confirmations: 3, BlockTime: 10 * time.Second, PollInterval: time.Second,
		SignerRetryMax: 10 * time.Second, OrderPollInterval: time.Second,
	}
}

const (
	depositHash = "AB12CD34"
	recipient   = "0x1111111111111111111111111111111111111111"
	sender      = "2222222222222222222222222222222222222222"
)

func validDeposit() transfer.Reading {
	return transfer.Reading{
		Sender: sender, Class: transfer.ClassMint, Recipient: recipient,
		Amount: 12_500_000, PayAmount: 12_500_000,
		Memo: `{"address":"` + recipient + `","chain_id":"1"}`,
	}
}

// report is the reading every node's scanner sends of the fake transfer.
func (f *fakeBridge) report() transfer.Reading {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.burn.Class != "" {
		return f.burn.Report()
	}
	return f.deposit.Report()
}

// newEnv makes a test environment with the fakes, the nonce release
// signal accepted, and every node's scanner reporting the transfer as the
// fake chain has it (unless f.reports says otherwise).
func newEnv(t *testing.T, f *fakeBridge) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	env := newTestEnv(t)
	f.register(env)
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", transfer.SignalNonceRelease, mock.Anything).Return(nil).Maybe()
	sendReports(env, f)
	return env
}

// sendReports has every node's scanner report the fake transfer at once.
func sendReports(env *testsuite.TestWorkflowEnvironment, f *fakeBridge) {
	env.RegisterDelayedCallback(func() {
		for i, node := range nodes {
			rep := f.report()
			if f.reports != nil {
				rep = f.reports[i]
			}
			env.SignalWorkflow(transfer.SignalSeen, signedSeen(node, 100, rep))
		}
	}, 0)
}

// newTestEnv makes a test environment whose workflow logs (warnings and
// up) go to the test's own log.
func newTestEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(tlog.NewStructuredLogger(slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	env := suite.NewTestWorkflowEnvironment()
	env.SetTestTimeout(30 * time.Second)
	return env
}

func seen(env *testsuite.TestWorkflowEnvironment, node string, height int64) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(transfer.SignalSeen, signedSeen(node, height, transfer.Reading{}))
	}, 0)
}

func result(t *testing.T, env *testsuite.TestWorkflowEnvironment) transfer.State {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted(), "workflow did not complete")
	require.NoError(t, env.GetWorkflowError())
	var st transfer.State
	require.NoError(t, env.GetWorkflowResult(&st))
	return st
}

func queryState(t *testing.T, env *testsuite.TestWorkflowEnvironment) transfer.State {
	t.Helper()
	v, err := env.QueryWorkflow(transfer.QueryState)
	require.NoError(t, err)
	var st transfer.State
	require.NoError(t, v.Get(&st))
	return st
}

// testWriter sends the workflow logs to the test's log, shown on failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
