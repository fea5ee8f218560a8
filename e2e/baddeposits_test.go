package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// TestBadDeposits: deposits whose memo names no valid recipient on the
// bridge's chain, or whose amount is above the maximum, are refunded to
// their sender (in full on Shannon, minus the fee on Morse); dust at or
// below the fee is recorded invalid and kept. A good deposit among them is
// minted as usual.
func TestBadDeposits(t *testing.T) { badDeposits(t, nil) }

// TestBadDepositsMorse: the same on the Morse simulator.
func TestBadDepositsMorse(t *testing.T) { badDeposits(t, onMorse(nil)) }

func badDeposits(t *testing.T, tweak func(*devnet.Options)) {
	e := start(t, 9, func(o *devnet.Options) {
		o.MaxMintUpokt = 1_000 * pokt
		if tweak != nil {
			tweak(o)
		}
	})
	alice, bob, carol := e.d.Users[0], e.d.Users[1], e.d.Users[2]
	bobAddr := bob.Eth.Address.Hex()

	refunds := []string{
		e.refund(alice, e.amount(1, 50), "please mint to bob", "memo is not a JSON object"),
		e.refund(alice, e.amount(1, 50), "", "memo is not a JSON object"),
		e.refund(bob, e.amount(1, 50), `{"address":"`+bobAddr+`","chain_id":"1"}`, "chain_id is not the bridge's chain"),
		e.refund(bob, e.amount(1, 50), `{"address":"0x0000000000000000000000000000000000000000","chain_id":"1337"}`, "zero address"),
		e.refund(carol, e.amount(1, 50), `{"address":"0xZZ`+bobAddr[4:]+`","chain_id":"1337"}`, "not a 20-byte hex address"),
		e.refund(carol, e.amount(1, 50), `{"address":"`+bobAddr+`","chain_id":"1337","amount":"1000000"}`, "unknown, repeated or extra field"),
		e.refund(carol, e.amount(1, 50), `{"address":"`+bobAddr+`"}`, "no chain_id"),
		e.refund(alice, 1_500*pokt, devnet.MintMemo(bob.Eth.Address), "above the maximum"),
		e.refund(alice, fee+1, "\x00\x01junk ☃ {", "memo is not a JSON object"),
	}
	dust := []string{
		e.dust(bob, fee, devnet.MintMemo(bob.Eth.Address)),
		e.dust(carol, 1, "not even a memo"),
	}
	good := e.mint(carol, bob.Eth.Address, e.amount(1, 50))
	e.finish(2 * time.Minute)

	docs := e.docs()
	pc := e.d.PocketClient()
	for _, id := range refunds {
		doc := docs[id]
		tx, err := pc.Tx(e.ctx, doc.DestTxHash)
		require.NoError(t, err, "%s refund tx", id)
		assert.Equal(t, transfer.RefundMemo(doc.SourceTxHash), tx.Memo, "%s refund memo", id)
		assert.True(t, strings.EqualFold(doc.Sender, tx.To), "%s refunded to %s, sent by %s", id, tx.To, doc.Sender)
		assert.EqualValues(t, e.payout(uint64(doc.AmountUpokt)), tx.Amount, "%s refund amount", id)
		assert.True(t, strings.EqualFold(tx.From, e.d.VaultPokt), "%s refund from the vault", id)
	}
	for _, id := range dust {
		assert.Empty(t, docs[id].DestTxHash, "%s: nothing sent back", id)
	}
	t.Logf("e.g. refunded: %s; invalid: %s; minted: %s", docs[refunds[4]].Reason, docs[dust[0]].Reason, docs[good].Reason)
}
