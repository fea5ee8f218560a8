package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	pocket "github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
)

// inOneBlock sends what send sends between two Pocket blocks and returns
// the height of the block that holds it: on Morse the clock stops, on
// Shannon send runs just after a block, well within the block interval.
func (e *env) inOneBlock(send func()) int64 {
	e.t.Helper()
	if e.d.Protocol() == pocket.Morse {
		e.clock.PausePocket()
		defer e.clock.ResumePocket()
		send()
		require.Equal(e.t, 50, e.d.Morse.MempoolSize(), "the 50 deposits wait for the next block")
		return e.d.Morse.NextBlock()
	}
	h := e.d.PocketHeight()
	eventually(e.t, 10*time.Second, func() (bool, string) { return e.d.PocketHeight() > h, "waiting for a Pocket block" })
	before := e.d.PocketHeight()
	send()
	require.Equal(e.t, before, e.d.PocketHeight(), "the deposits were sent within one block interval")
	eventually(e.t, 10*time.Second, func() (bool, string) { return e.d.PocketHeight() > before, "waiting for the block" })
	return before + 1
}

// TestFiftyDepositsInOneBlock: one sender sends 50 deposits for one
// recipient, all in the same Pocket block: 50 orders, 50 mints with the
// recipient's nonces 1..50, each once.
func TestFiftyDepositsInOneBlock(t *testing.T) { fiftyInOneBlock(t, nil) }

// TestFiftyDepositsInOneBlockMorse: the same on Morse.
func TestFiftyDepositsInOneBlockMorse(t *testing.T) { fiftyInOneBlock(t, onMorse(nil)) }

func fiftyInOneBlock(t *testing.T, tweak func(*devnet.Options)) {
	e := start(t, 8, func(o *devnet.Options) {
		// The 50 mints to one recipient go one after the other (its nonce):
		// faster Ethereum blocks shorten each one's wait for its mint tx.
		o.EthBlockInterval = 100 * time.Millisecond
		// A Shannon chain cannot be stopped: slow blocks leave time to send
		// the 50 deposits between two of them.
		o.PocketBlockInterval = 3 * time.Second
		if tweak != nil {
			tweak(o)
		}
	})
	alice, bob := e.d.Users[0], e.d.Users[1]

	var ids []string
	height := e.inOneBlock(func() {
		for range 50 {
			ids = append(ids, e.mint(alice, bob.Eth.Address, e.amount(1, 20)))
		}
	})
	began := time.Now()

	e.finish(4 * time.Minute)
	t.Logf("50 mints to one recipient executed in %s (%s each)", time.Since(began).Round(time.Millisecond), (time.Since(began) / 50).Round(time.Millisecond))
	docs := e.docs()
	nonces := map[int64]string{}
	for _, id := range ids {
		doc := docs[id]
		assert.Equal(t, height, doc.SourceHeight, "%s in block %d", id, height)
		if other, dup := nonces[doc.Nonce]; dup {
			t.Errorf("nonce %d minted for %s and %s", doc.Nonce, other, id)
		}
		nonces[doc.Nonce] = id
	}
	onChain, err := e.d.Eth.UserNonce(e.ctx, bob.Eth.Address)
	require.NoError(t, err)
	assert.EqualValues(t, 50, onChain, "userNonce on chain")
}
