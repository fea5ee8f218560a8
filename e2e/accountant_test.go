package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// TestWPOKTMintedOutsideTheBridgeStopsEverySigner: a compromised admin key
// grants itself the minter role and mints 1,000 wPOKT with no deposit
// behind it. Every node's accountant reads wPOKT above the vault's POKT
// beyond its tolerance, and every signer refuses: a deposit made meanwhile
// gets no signature and says why it waits, with the accountant's figures. The
// operators' treasury tops the vault up by the excess: the top-up ends
// topped_up (nothing minted, nothing refunded), every accountant reads
// balanced books again, and the waiting deposit executes once.
func TestWPOKTMintedOutsideTheBridgeStopsEverySigner(t *testing.T) {
	e := start(t, 14, nil)
	alice, bob := e.d.Users[0], e.d.Users[1]
	before := e.mint(alice, alice.Eth.Address, 30*pokt)
	e.waitStatus(time.Minute, []string{before}, transfer.StatusExecuted)

	const outside = 1_000 * pokt
	rogue := ethnet.NewAccount("rogue").Address
	e.addEth(rogue, outside)
	e.mintedOutside += outside
	require.NoError(t, e.d.Eth.MintOutsideBridge(e.ctx, rogue, outside))
	eventually(t, time.Minute, e.everyAccountant(func(excess float64) bool { return excess >= outside }))

	waiting := e.mint(bob, bob.Eth.Address, 20*pokt)
	e.mayBeRefused(waiting)
	// The deposit gets its order, and no signature: every signer refuses
	// for as long as the books do not balance, and tells the transfer so.
	var doc store.Document
	eventually(t, time.Minute, func() (bool, string) {
		doc, _ = e.doc(waiting)
		return strings.Contains(doc.Reason, "12 signers not ready: accountant: the books do not balance"), fmt.Sprintf("%s is %s (%s)", waiting, doc.Status, doc.Reason)
	})
	t.Logf("%s waits: %s", waiting, doc.Reason)
	assert.Contains(t, doc.Reason, "waiting for co-signatures: 0 of 9 signed")
	assert.Equal(t, transfer.StatusStarted, doc.Status)
	assert.Empty(t, doc.Signers)
	assert.Empty(t, doc.Refusals, "a wait is no refusal")
	e.stillAfterBlocks(8, func() (bool, string) {
		n := e.d.Copper.SignatureCount(doc.OrderID)
		return n == 0, fmt.Sprintf("%d signatures", n)
	}, "no signature while the books do not balance")
	minted, err := e.d.Eth.BalanceOf(e.ctx, bob.Eth.Address)
	require.NoError(t, err)
	assert.Zero(t, minted, "nothing minted to bob yet")

	topUp := e.topUp(outside)
	e.waitStatus(time.Minute, []string{topUp}, transfer.StatusToppedUp)
	eventually(t, time.Minute, e.everyAccountant(func(excess float64) bool { return excess == 0 }))
	e.waitStatus(time.Minute, []string{waiting}, transfer.StatusExecuted)
	e.finish(time.Minute)
}

// topUp sends amount from the devnet's treasury to the vault, a top-up of
// its backing: kept, neither minted nor refunded.
func (e *env) topUp(amount uint64) string {
	e.t.Helper()
	treasury := e.d.Treasury
	e.addPokt(treasury.PoktAddress, -int64(amount+fee))
	id := transfer.MintWorkflowID(e.sendDeposit(treasury, amount, "top-up"))
	e.expect(want{ID: id, Kind: transfer.KindMint, Status: transfer.StatusToppedUp, Reason: "top-up of the vault", Amount: amount})
	return id
}

var excessMetric = regexp.MustCompile(`(?m)^wpokt_accountant_upokt\{figure="excess"\} (\S+)$`)

// everyAccountant is a condition: every node's accountant exports an
// excess of wPOKT over the vault (its metric) that ok accepts.
func (e *env) everyAccountant(ok func(excess float64) bool) func() (bool, string) {
	return func() (bool, string) {
		for i := 1; i <= e.d.NodeCount(); i++ {
			status, body := httpGet(e.t, "http://"+e.d.NodeMetricsAddress(i)+"/metrics")
			m := excessMetric.FindStringSubmatch(body)
			if status != 200 || m == nil {
				return false, fmt.Sprintf("node %d: no accountant figure (HTTP %d)", i, status)
			}
			excess, err := strconv.ParseFloat(m[1], 64)
			if err != nil || !ok(excess) {
				return false, fmt.Sprintf("node %d: excess %s upokt", i, m[1])
			}
		}
		return true, ""
	}
}
