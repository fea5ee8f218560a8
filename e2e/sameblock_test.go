package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet"
)

// TestFiftyDepositsInOneBlock: one sender sends 50 deposits for one
// recipient, all in the same Pocket block: 50 orders, 50 mints with the
// recipient's nonces 1..50, each once.
func TestFiftyDepositsInOneBlock(t *testing.T) {
	e := start(t, 8, onMorse(func(o *devnet.Options) {
		// The 50 mints to one recipient go one after the other (its nonce):
		// faster Ethereum blocks shorten each one's wait for its mint tx.
		o.EthBlockInterval = 100 * time.Millisecond
	}))
	alice, bob := e.d.Users[0], e.d.Users[1]

	e.clock.PausePocket()
	var ids []string
	for range 50 {
		ids = append(ids, e.mint(alice, bob.Eth.Address, e.amount(1, 20)))
	}
	require.Equal(t, 50, e.d.Morse.MempoolSize(), "the 50 deposits wait for the next block")
	height := e.d.Morse.NextBlock()
	e.clock.ResumePocket()
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
