package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// pickNodes draws n distinct node numbers (1-based), deterministically.
func pickNodes(e *env, n int) []int {
	all := make([]int, nodeCount)
	for i := range all {
		all[i] = i + 1
	}
	e.rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	picked := slices.Clone(all[:n])
	slices.Sort(picked)
	return picked
}

func nodeIDs(nodes []int) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = devnet.NodeID(n)
	}
	return out
}

// TestThreeNodesDown: with 3 of 12 nodes stopped for the whole run, the 9
// others carry every transfer, each signed by exactly them.
func TestThreeNodesDown(t *testing.T) {
	e := start(t, 2, nil)
	down := pickNodes(e, 3)
	for _, n := range down {
		e.d.StopNode(n)
	}
	t.Logf("nodes down for the whole run: %v", down)
	users := e.d.Users

	held := map[common.Address]uint64{}
	var deposits []string
	for i := range 8 {
		to := users[(i+1)%len(users)]
		amount := e.amount(10, 300)
		deposits = append(deposits, e.mint(users[i%len(users)], to.Eth.Address, amount))
		held[to.Eth.Address] += amount
	}
	e.waitStatus(2*time.Minute, deposits, transfer.StatusExecuted)
	burns := randomBurns(e, users, held, 6)
	e.finish(2 * time.Minute)

	docs := e.docs()
	for _, id := range append(deposits, burns...) {
		signers := docs[id].Signers
		assert.Len(t, signers, threshold, "%s signers", id)
		for _, s := range nodeIDs(down) {
			assert.NotContains(t, signers, s, "%s signed by a stopped node", id)
		}
	}
}

// TestFourNodesDownThenBack: with 4 of 12 nodes stopped the threshold of 9
// cannot be reached: transfers wait at `started` (8 co-signatures, their
// workflows running, nothing failed) for as long as the nodes are down,
// then complete once the nodes are back.
func TestFourNodesDownThenBack(t *testing.T) {
	e := start(t, 3, nil)
	users := e.d.Users

	// Some wPOKT to burn later, minted while all nodes run.
	held := map[common.Address]uint64{}
	var setup []string
	for i := range 4 {
		amount := e.amount(50, 200)
		setup = append(setup, e.mint(users[i], users[i].Eth.Address, amount))
		held[users[i].Eth.Address] += amount
	}
	e.waitStatus(time.Minute, setup, transfer.StatusExecuted)

	down := pickNodes(e, 4)
	for _, n := range down {
		e.d.StopNode(n)
	}
	t.Logf("nodes down: %v", down)
	var waiting []string
	for i := range 4 {
		waiting = append(waiting, e.mint(users[i], users[(i+1)%len(users)].Eth.Address, e.amount(1, 100)))
	}
	waiting = append(waiting, randomBurns(e, users, held, 4)...)

	// They wait before any order: only 8 nodes read them, and an order
	// needs 9 nodes' alike readings. They stay there while the chains move.
	stuck := e.waitingWithoutOrder(waiting, transfer.StatusDetected, "waiting for 9 nodes to read the transfer alike (8 read")
	eventually(t, time.Minute, stuck)
	e.stillAfterBlocks(8, stuck, "while 4 nodes are down")
	docs := e.docs()
	for _, id := range waiting {
		doc := docs[id]
		assert.NotEmpty(t, doc.Reason, "%s waits without a reason", id)
		assert.Empty(t, doc.Refusals, "%s: no node refused", id)
		assert.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, e.describe(id), "%s workflow", id)
		for _, s := range nodeIDs(down) {
			assert.NotContains(t, doc.SeenBy, s)
		}
	}
	t.Logf("while 4 nodes are down, e.g. %s: %s (%s)", waiting[0], docs[waiting[0]].Status, docs[waiting[0]].Reason)

	back := time.Now()
	for _, n := range down {
		require.NoError(t, e.d.StartNode(e.ctx, n))
	}
	e.waitStatus(2*time.Minute, waiting, transfer.StatusExecuted)
	t.Logf("all %d waiting transfers executed %s after the nodes came back", len(waiting), time.Since(back).Round(time.Millisecond))
	e.finish(time.Minute)
}
