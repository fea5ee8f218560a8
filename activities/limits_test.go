package activities_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/transfer"
)

// TestSignerAppliesItsOwnLimits: each signer applies its own pause,
// single-transfer limit and rolling cap (counted in its own ledger),
// whatever the control workflow decided.
func TestSignerAppliesItsOwnLimits(t *testing.T) {
	st := newStack(t)

	t.Run("paused", func(t *testing.T) {
		st := st.on(t)
		m := st.mintDeposit("paused", 2_000_000)
		order := st.placeOrder(m.spec)
		paused := withRules(func(r *activities.Rules) { r.Paused, r.Released = true, []string{m.spec.ExternalID} })
		_, err := sign(t, st.signer(1, paused), m.request(1, order.OrderID))
		requireRefused(t, err, "node-1 refused: this node's operator paused its signer")
		assert.Zero(t, st.copper.SignatureCount(order.OrderID))
	})

	t.Run("single-transfer limit", func(t *testing.T) {
		st := st.on(t)
		m := st.mintDeposit("big", 5_000_000)
		order := st.placeOrder(m.spec)
		limit := withRules(func(r *activities.Rules) { r.SignerLimits, r.SingleTransferLimit = true, 4_000_000 })
		_, err := sign(t, st.signer(2, withRules(func(r *activities.Rules) { r.SingleTransferLimit = 4_000_000 })), m.request(2, order.OrderID))
		require.NoError(t, err, "without signer_limits the control workflow's governor decides")
		_, err = sign(t, st.signer(5, limit), m.request(5, order.OrderID))
		requireRefused(t, err, "node-5 refused: 5000000 upokt is above this node's single-transfer limit of 4000000",
			"(wpokt-node release)", "or its operator lists it in governor.released_transfers")
		released := withRules(func(r *activities.Rules) {
			r.SignerLimits, r.SingleTransferLimit, r.Released = true, 4_000_000, []string{m.spec.ExternalID}
		})
		res, err := sign(t, st.signer(5, released), m.request(5, order.OrderID))
		require.NoError(t, err)
		assert.Equal(t, transfer.SignResult{NodeID: "node-5"}, res)
	})

	t.Run("rolling cap", func(t *testing.T) {
		st := st.on(t)
		capped := withRules(func(r *activities.Rules) { r.SignerLimits, r.DailyCap = true, 5_000_000 })
		a := st.mintDeposit("cap-a", 3_000_000)
		orderA := st.placeOrder(a.spec)
		_, err := sign(t, st.signer(3, capped), a.request(3, orderA.OrderID))
		require.NoError(t, err)

		b, _ := st.refundDeposit("cap-b", 3_000_000)
		orderB := st.placeOrder(b.spec)
		_, err = sign(t, st.signer(3, capped), b.request(3, orderB.OrderID))
		requireRefused(t, err, "node-3 refused: 2990000 upokt would take what this node signed in the last 24 h from 3000000 to 5990000, above its cap of 5000000")
		assert.Zero(t, st.copper.SignatureCount(orderB.OrderID))

		_, err = sign(t, st.signer(3, capped), a.request(3, orderA.OrderID))
		require.NoError(t, err, "a retry of a signed order is not counted twice")
		_, err = sign(t, st.signer(4, capped), b.request(4, orderB.OrderID))
		require.NoError(t, err, "another node's cap counts its own signatures")
	})
}

// TestSignerLetsAHeldTransferThroughOnTheOperatorsReleases: above its
// single-transfer limit a signer signs only on a threshold of node
// operators' releases that verify under its own keys (eight, plus one
// signed with another node's key, are not enough), or once the source is
// older than the hold delay on its own chain.
func TestSignerLetsAHeldTransferThroughOnTheOperatorsReleases(t *testing.T) {
	st := newStack(t)
	keys := transfer.NodeKeys{}
	priv := map[string]ed25519.PrivateKey{}
	for i := 1; i <= 12; i++ {
		id := nodeID(i)
		seed := sha256.Sum256([]byte("release key of " + id))
		priv[id] = ed25519.NewKeyFromSeed(seed[:])
		keys[id] = priv[id].Public().(ed25519.PublicKey)
	}
	rule := activities.ReleaseRule{Keys: keys, Threshold: 9, After: 24 * time.Hour, PocketBlockTime: time.Minute}
	limited := withRules(func(r *activities.Rules) { r.SignerLimits, r.SingleTransferLimit, r.Release = true, 4_000_000, rule })
	m := st.mintDeposit("held", 5_000_000)
	order := st.placeOrder(m.spec)
	release := func(node string, key ed25519.PrivateKey) transfer.ReleaseSignal {
		return transfer.ReleaseSignal{NodeID: node, By: "operator", Reason: "checked"}.Sign(m.spec.ExternalID, key)
	}

	req := m.request(6, order.OrderID)
	for i := 1; i <= 8; i++ {
		req.Releases = append(req.Releases, release(nodeID(i), priv[nodeID(i)]))
	}
	req.Releases = append(req.Releases, release(nodeID(9), priv[nodeID(1)]), release(nodeID(1), priv[nodeID(1)]))
	_, err := sign(t, st.signer(6, limited), req)
	requireRefused(t, err, "node-6 refused: 5000000 upokt is above this node's single-transfer limit", "until 9 node operators release")
	assert.Zero(t, st.copper.SignatureCount(order.OrderID))

	req.Releases = append(req.Releases, release(nodeID(9), priv[nodeID(9)]))
	_, err = sign(t, st.signer(6, limited), req)
	require.NoError(t, err, "nine operators released it")

	aged := withRules(func(r *activities.Rules) {
		r.SignerLimits, r.SingleTransferLimit, r.Release = true, 4_000_000, rule
		r.Release.PocketBlockTime = 24 * time.Hour // a few confirmations are days
	})
	_, err = sign(t, st.signer(7, aged), m.request(7, order.OrderID))
	require.NoError(t, err, "held longer than the delay")
	assert.Equal(t, 2, st.copper.SignatureCount(order.OrderID))
}
