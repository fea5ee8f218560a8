package e2e

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// TestHappyPath: 20 deposits, then 20 burns of what was minted, random
// amounts between several users: all executed, once each, on Shannon.
func TestHappyPath(t *testing.T) { happyPath(t, nil) }

// TestHappyPathMorse: the same on the Morse simulator.
func TestHappyPathMorse(t *testing.T) { happyPath(t, onMorse(nil)) }

func happyPath(t *testing.T, tweak func(*devnet.Options)) {
	e := start(t, 1, tweak)
	users := e.d.Users

	minted := map[common.Address]uint64{}
	var deposits []string
	for range 20 {
		from, to := users[e.rng.IntN(len(users))], users[e.rng.IntN(len(users))]
		amount := e.amount(1, 500)
		deposits = append(deposits, e.mint(from, to.Eth.Address, amount))
		minted[to.Eth.Address] += amount
	}
	began := time.Now()
	e.waitStatus(2*time.Minute, deposits, transfer.StatusExecuted)
	t.Logf("20 deposits minted in %s", time.Since(began).Round(time.Millisecond))

	began = time.Now()
	burns := randomBurns(e, users, minted, 20)
	e.waitStatus(2*time.Minute, burns, transfer.StatusExecuted)
	t.Logf("20 burns paid out in %s", time.Since(began).Round(time.Millisecond))
	e.finish(time.Minute)
}

// randomBurns burns n random amounts of what each user holds, to random
// users' Pocket addresses.
func randomBurns(e *env, users []devnet.User, held map[common.Address]uint64, n int) []string {
	var ids []string
	for len(ids) < n {
		var holders []devnet.User
		for _, u := range users {
			if held[u.Eth.Address] >= 2*pokt {
				holders = append(holders, u)
			}
		}
		if len(holders) == 0 {
			e.t.Fatalf("nobody holds wPOKT enough for %d more burns", n-len(ids))
		}
		u := holders[e.rng.IntN(len(holders))]
		// At most half of what u holds, so that u can burn again.
		amount := min(e.amount(1, 200), held[u.Eth.Address]/2)
		held[u.Eth.Address] -= amount
		to := users[e.rng.IntN(len(users))]
		ids = append(ids, e.burn(u, amount, to.PoktAddress))
	}
	return ids
}
