package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// TestTemporalRestart: the Temporal server is stopped and started again on
// the same SQLite file while 20 transfers are in flight: every transfer
// completes, none twice (one run, one order, paid once).
func TestTemporalRestart(t *testing.T) {
	e := start(t, 7, nil)
	users := e.d.Users
	held := map[common.Address]uint64{}
	var setup []string
	for _, u := range users {
		amount := e.amount(100, 200)
		setup = append(setup, e.mint(u, u.Eth.Address, amount))
		held[u.Eth.Address] += amount
	}
	e.waitStatus(time.Minute, setup, transfer.StatusExecuted)

	var ids []string
	for i := range 12 {
		ids = append(ids, e.mint(users[i%len(users)], users[(i+2)%len(users)].Eth.Address, e.amount(1, 300)))
	}
	ids = append(ids, randomBurns(e, users, held, 8)...)

	// Restart once some transfers are done and many are still on the way.
	eventually(t, time.Minute, func() (bool, string) {
		var done, moving int
		docs := e.docs()
		for _, id := range ids {
			doc, ok := docs[id]
			switch {
			case ok && doc.Status.Final():
				done++
			case ok:
				moving++
			}
		}
		return done >= 1 && moving >= 8, fmt.Sprintf("%d done, %d on the way", done, moving)
	})
	var inFlight []string
	docs := e.docs()
	for _, id := range ids {
		if !docs[id].Status.Final() {
			inFlight = append(inFlight, fmt.Sprintf("%s:%s", id[:12], docs[id].Status))
		}
	}
	began := time.Now()
	require.NoError(t, e.d.Temporal.Restart(e.ctx))
	t.Logf("Temporal restarted in %s with %d of %d transfers in flight: %v", time.Since(began).Round(time.Millisecond), len(inFlight), len(ids), inFlight)

	e.waitStatus(3*time.Minute, ids, transfer.StatusExecuted)
	t.Logf("all %d transfers executed %s after the restart began", len(ids), time.Since(began).Round(time.Millisecond))
	e.finish(time.Minute)
}
