package e2e

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/transfer"
)

// TestCopperFaults: Copper answers 5xx for a while, then times out, loses
// the answers to order creations and fails co-signer calls: the transfers
// retry, wait, and complete once Copper recovers, with one order each.
func TestCopperFaults(t *testing.T) {
	e := start(t, 6, nil)
	users := e.d.Users
	cs := e.d.Copper

	// An outage: every order creation fails with 500 (and a few lookups
	// with 503) until Copper recovers.
	cs.FailNext(coppersim.EndpointListOrders, 3, 503)
	cs.FailNext(coppersim.EndpointCreateOrder, 1_000_000, 500)
	held := map[common.Address]uint64{}
	var first []string
	for i, u := range users {
		to := users[(i+1)%len(users)].Eth.Address
		amount := e.amount(50, 150)
		first = append(first, e.mint(u, to, amount))
		held[to] += amount
	}
	// Each transfer waits at `confirmed`, retrying, while the calls fail.
	eventually(t, time.Minute, func() (bool, string) {
		docs := e.docs()
		for _, id := range first {
			if docs[id].Status != transfer.StatusConfirmed {
				return false, fmt.Sprintf("%s is %s (%s)", id, docs[id].Status, docs[id].Reason)
			}
		}
		calls := cs.Calls(coppersim.EndpointCreateOrder)
		return calls >= 3*len(first), fmt.Sprintf("%d order creations tried, all failed", calls)
	})
	require.Zero(t, cs.OrderCount(), "no order while Copper fails")
	outage := time.Now()
	cs.ClearFaults()
	e.waitStatus(time.Minute, first, transfer.StatusExecuted)
	t.Logf("%d order creations failed during the outage; all %d transfers executed %s after Copper recovered",
		cs.Calls(coppersim.EndpointCreateOrder)-len(first), len(first), time.Since(outage).Round(time.Millisecond))

	// Flaky Copper: lost answers to creations (the orders exist), timeouts
	// on reads, failed start-signing, co-signer errors.
	before := map[coppersim.Endpoint]int{}
	faults := map[coppersim.Endpoint]int{
		coppersim.EndpointCreateOrder: 2, coppersim.EndpointGetOrder: 2, coppersim.EndpointPatchOrder: 2,
		coppersim.EndpointUnlimitedSign: 4, coppersim.EndpointUnlimitedStatus: 2,
	}
	for ep := range faults {
		before[ep] = cs.Calls(ep)
	}
	cs.LoseNextCreateAnswer(2)
	cs.TimeoutNext(coppersim.EndpointGetOrder, 2)
	cs.FailNext(coppersim.EndpointPatchOrder, 2, 502)
	cs.FailNext(coppersim.EndpointUnlimitedSign, 4, 503)
	cs.FailNext(coppersim.EndpointUnlimitedStatus, 2, 429)
	var second []string
	for i := range 2 {
		second = append(second, e.mint(users[i], users[i].Eth.Address, e.amount(1, 100)))
	}
	second = append(second, randomBurns(e, users, held, 3)...)
	e.waitStatus(2*time.Minute, second, transfer.StatusExecuted)
	for ep, n := range faults {
		assert.Greater(t, cs.Calls(ep)-before[ep], n, "every injected %s fault was hit, and retried", ep)
	}
	e.finish(time.Minute)
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(externalIDs(cs.Orders())))), len(first)+len(second))
}

func externalIDs(orders []copper.Order) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = o.ExternalOrderID
	}
	return out
}
