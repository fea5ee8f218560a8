package activities_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/devnet/lockedio"
	"github.com/wpokt/bridge/transfer"
)

// TestSignerRefuses puts wrong orders before an honest node: each time it
// refuses, for good (non-retryable), says why, logs it loudly and adds no
// signature (DESIGN.md, rule 1).
func TestSignerRefuses(t *testing.T) {
	st := newStack(t)

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, st *stack) transfer.SignRequest
		want  []string
	}{
		{"mint of another amount", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("other-amount", 2_000_000)
			spec := m.spec
			spec.Amount = 2_000_001
			return m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"does not match the source transfer", "amount 2000001 upokt, want 2000000"}},

		{"mint to another recipient", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("other-recipient", 2_000_000)
			spec := m.spec
			spec.Recipient = recipient("thief").Hex()
			return m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"pays " + recipient("thief").Hex() + ", want " + recipient("other-recipient").Hex()}},

		{"mint with a used nonce", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("used-nonce", 2_000_000)
			st.eth.Mint(t, m.recipient, big.NewInt(1), big.NewInt(1))
			return m.request(1, st.placeOrder(m.spec).OrderID)
		}, []string{fmt.Sprintf("nonce 1 of %s is already used (the chain is at 1)", recipient("used-nonce").Hex())}},

		// Found by this test: the nonce was checked before the rest, so an
		// order that pays the wrong amount with a nonce ahead of the chain
		// was waited on ("not ready") forever instead of refused.
		{"mint of another amount with a nonce ahead", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("amount-nonce-ahead", 2_000_000)
			spec := m.spec
			spec.Amount, spec.Nonce = 20_000_000, 5
			return m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"amount 20000000 upokt, want 2000000"}},

		{"order filed for another transfer", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("other-transfer", 2_000_000)
			other := st.mintDeposit("other-transfer-2", 2_000_000)
			spec := m.spec
			spec.ExternalID = other.spec.ExternalID
			return m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"external id \"mint-"}},

		{"request from another workflow", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("other-workflow", 2_000_000)
			req := m.request(1, st.placeOrder(m.spec).OrderID)
			req.WorkflowID = transfer.MintWorkflowID(strings.Repeat("99", 32))
			return req
		}, []string{"workflow mint-9999", "asks to sign for transfer " + "mint-"}},

		{"mint asked for a deposit to refund", func(t *testing.T, st *stack) transfer.SignRequest {
			r, _ := st.refundDeposit("refund-as-mint", 2_000_000)
			spec := transfer.OrderSpec{ExternalID: r.spec.ExternalID, Kind: transfer.OrderMint,
				Recipient: recipient("refund-as-mint").Hex(), Amount: 2_000_000, Nonce: 1}
			req := r.request(1, st.placeOrder(spec).OrderID)
			req.Kind = transfer.OrderMint
			return req
		}, []string{`reads deposit`, `as "refund"`, "asked to sign a mint"}},

		{"refund asked for a deposit to mint", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("mint-as-refund", 2_000_000)
			spec := transfer.OrderSpec{ExternalID: m.spec.ExternalID, Kind: transfer.OrderRefund,
				Recipient: st.depositor, Amount: 2_000_000 - feeUpokt, Memo: transfer.RefundMemo(m.hash)}
			req := m.request(1, st.placeOrder(spec).OrderID)
			req.Kind = transfer.OrderRefund
			return req
		}, []string{`as "mint"`, "asked to sign a refund"}},

		{"mint asked but the order is a refund", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("kind-mismatch", 2_000_000)
			spec := transfer.OrderSpec{ExternalID: m.spec.ExternalID, Kind: transfer.OrderRefund,
				Recipient: st.depositor, Amount: 2_000_000 - feeUpokt, Memo: transfer.RefundMemo(m.hash)}
			return m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"is a refund order, the request is for a mint"}},

		{"failed deposit", func(t *testing.T, st *stack) transfer.SignRequest {
			r := recipient("failed")
			hash := st.depositFrom(poktAddress("penniless"), 2_000_000, memoFor(r), pocketConfs)
			spec := transfer.OrderSpec{ExternalID: transfer.MintWorkflowID(hash), Kind: transfer.OrderMint,
				Recipient: r.Hex(), Amount: 2_000_000, Nonce: 1}
			return mintTransfer{hash: hash, spec: spec}.request(1, st.placeOrder(spec).OrderID)
		}, []string{"failed on chain (code 10)"}},

		{"refund to another address", func(t *testing.T, st *stack) transfer.SignRequest {
			r, _ := st.refundDeposit("refund-elsewhere", 2_000_000)
			spec := r.spec
			spec.Recipient = poktAddress("thief")
			return r.request(1, st.placeOrder(spec).OrderID)
		}, []string{"pays " + poktAddress("thief") + ", want " + poktAddress("sender/refund-elsewhere")}},

		{"refund of the whole deposit", func(t *testing.T, st *stack) transfer.SignRequest {
			r, _ := st.refundDeposit("refund-fee", 2_000_000)
			spec := r.spec
			spec.Amount = 2_000_000
			return r.request(1, st.placeOrder(spec).OrderID)
		}, []string{"amount 2000000 upokt, want 1990000"}},

		{"refund with another memo", func(t *testing.T, st *stack) transfer.SignRequest {
			r, _ := st.refundDeposit("refund-memo", 2_000_000)
			spec := r.spec
			spec.Memo = "hello"
			return r.request(1, st.placeOrder(spec).OrderID)
		}, []string{`memo "hello", want "InvalidMint: 0x`}},

		{"return of another amount", func(t *testing.T, st *stack) transfer.SignRequest {
			b := st.burnToPokt("return-amount", 3_000_000)
			spec := b.spec
			spec.Amount = 3_000_000
			return b.request(1, st.placeOrder(spec).OrderID)
		}, []string{"amount 3000000 upokt, want 2990000"}},

		{"return to another address", func(t *testing.T, st *stack) transfer.SignRequest {
			b := st.burnToPokt("return-elsewhere", 3_000_000)
			spec := b.spec
			spec.Recipient = poktAddress("thief")
			return b.request(1, st.placeOrder(spec).OrderID)
		}, []string{"pays " + poktAddress("thief")}},

		{"return of a reverted burn", func(t *testing.T, st *stack) transfer.SignRequest {
			user := ethnet.NewAccount("burner/reverted-return")
			st.fundEth(user)
			to := poktAddress("reverted-return")
			tx := st.eth.Send(t, user, ethnet.Tx{To: &st.eth.WPOKT, Gas: 200_000,
				Data: st.eth.Token.PackBurnAndBridge(big.NewInt(3_000_000), common.HexToAddress(to))})
			rcpt := st.eth.Mine(t, tx)
			require.Zero(t, rcpt.Status)
			st.eth.Commit(ethConfs)
			b := burnTransfer{hash: rcpt.TxHash.Hex(), spec: transfer.OrderSpec{
				ExternalID: transfer.BurnWorkflowID(rcpt.TxHash.Hex(), 0), Kind: transfer.OrderReturn,
				Recipient: to, Amount: 3_000_000 - feeUpokt, Memo: transfer.ReturnMemo(rcpt.TxHash.Hex(), 0),
			}}
			return b.request(1, st.placeOrder(b.spec).OrderID)
		}, []string{"reverted"}},

		{"return of a burn at the fee", func(t *testing.T, st *stack) transfer.SignRequest {
			b := st.burnToPokt("return-dust", feeUpokt)
			spec := b.spec
			spec.Amount = 1
			return b.request(1, st.placeOrder(spec).OrderID)
		}, []string{"as invalid", "at or below the Pocket fee"}},

		{"misrouted request", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("misrouted", 2_000_000)
			req := m.request(2, st.placeOrder(m.spec).OrderID)
			return req
		}, []string{"request for node node-2 reached node node-1"}},

		{"unknown order", func(t *testing.T, st *stack) transfer.SignRequest {
			m := st.mintDeposit("unknown-order", 2_000_000)
			return m.request(1, "no-such-order")
		}, []string{"order no-such-order does not exist"}},

		{"order the bridge would not make", func(t *testing.T, st *stack) transfer.SignRequest {
			r, _ := st.refundDeposit("fee-included", 2_000_000)
			req, err := st.rules(nodeID(1)).OrderRequest(r.spec)
			require.NoError(t, err)
			req.IncludeFeeInWithdraw = true
			return r.request(1, st.placeRequest(req).OrderID)
		}, []string{"fee included in the withdraw amount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := st.on(t)
			req := tc.setup(t, st)
			var logs lockedio.Writer
			s := st.signer(1)
			s.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			_, err := sign(t, s, req)
			requireRefused(t, err, append([]string{"node-1 refused: "}, tc.want...)...)
			assert.Contains(t, logs.String(), "signer refused")
			assert.Contains(t, logs.String(), "workflow_id="+req.WorkflowID)
			assert.Zero(t, st.copper.SignatureCount(req.OrderID), "no signature added")
		})
	}
	assert.Zero(t, st.copper.TotalSignatures())
}

// TestSignerNotReady: what a node cannot check yet is retried, never
// refused and never signed.
func TestSignerNotReady(t *testing.T) {
	st := newStack(t)

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest)
		want  []string
	}{
		{"deposit unknown to this node", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			hash := strings.Repeat("5A", 32)
			m := mintTransfer{hash: hash, spec: transfer.OrderSpec{ExternalID: transfer.MintWorkflowID(hash),
				Kind: transfer.OrderMint, Recipient: recipient("unknown").Hex(), Amount: 2_000_000, Nonce: 1}}
			return st.signer(1), m.request(1, st.placeOrder(m.spec).OrderID)
		}, []string{"deposit " + strings.Repeat("5A", 32) + " is not on this node's Pocket RPC"}},

		{"deposit not confirmed yet", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			r := recipient("young")
			hash := st.deposit(2_000_000, memoFor(r), 1)
			m := mintTransfer{hash: hash, spec: transfer.OrderSpec{ExternalID: transfer.MintWorkflowID(hash),
				Kind: transfer.OrderMint, Recipient: r.Hex(), Amount: 2_000_000, Nonce: 1}}
			return st.signer(1), m.request(1, st.placeOrder(m.spec).OrderID)
		}, []string{"has 1 of 3 confirmations"}},

		{"this node asks for more confirmations", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			m := st.mintDeposit("careful", 2_000_000)
			s := st.signer(5, withRules(func(r *activities.Rules) { r.PocketConfirmations = 10 }))
			return s, m.request(5, st.placeOrder(m.spec).OrderID)
		}, []string{"has 3 of 10 confirmations"}},

		{"nonce ahead of the chain", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			m := st.mintDeposit("ahead", 2_000_000)
			spec := m.spec
			spec.Nonce = 2
			return st.signer(1), m.request(1, st.placeOrder(spec).OrderID)
		}, []string{"nonce 2 of " + recipient("ahead").Hex() + " is ahead of the chain (at 0)"}},

		{"burn unknown to this node", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			hash := "0x" + strings.Repeat("5a", 32)
			b := burnTransfer{hash: hash, spec: transfer.OrderSpec{ExternalID: transfer.BurnWorkflowID(hash, 0),
				Kind: transfer.OrderReturn, Recipient: poktAddress("nobody"), Amount: 1_000_000, Memo: transfer.ReturnMemo(hash, 0)}}
			return st.signer(1), b.request(1, st.placeOrder(b.spec).OrderID)
		}, []string{"is not on this node's Ethereum RPC"}},

		{"burn not confirmed yet", func(t *testing.T, st *stack) (*activities.Signer, transfer.SignRequest) {
			to := poktAddress("young-burn")
			hash := st.burn("young-burn", 3_000_000, to, 1)
			b := burnTransfer{hash: hash, spec: transfer.OrderSpec{ExternalID: transfer.BurnWorkflowID(hash, 0),
				Kind: transfer.OrderReturn, Recipient: to, Amount: 3_000_000 - feeUpokt, Memo: transfer.ReturnMemo(hash, 0)}}
			return st.signer(1), b.request(1, st.placeOrder(b.spec).OrderID)
		}, []string{"has 1 of 2 confirmations"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := st.on(t)
			s, req := tc.setup(t, st)
			_, err := sign(t, s, req)
			requireNotReady(t, err, tc.want...)
			assert.Zero(t, st.copper.SignatureCount(req.OrderID))
		})
	}
}

// TestSignerOwnRPC: a node whose Pocket RPC lies refuses the order an
// honest node signs: each node trusts only its own view of the chain.
func TestSignerOwnRPC(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("lied-about", 2_000_000)
	order := st.placeOrder(m.spec)

	inflate := lyingPocket(t, st.poktURL, func(tx map[string]any) { sendValue(tx)["amount"] = "9000000" })
	thief := recipient("rpc-thief")
	redirect := lyingPocket(t, st.poktURL, func(tx map[string]any) { stdTx(tx)["memo"] = memoFor(thief) })

	_, err := sign(t, st.signer(3, withPocketRPC(st, inflate)), m.request(3, order.OrderID))
	requireRefused(t, err, "node-3 refused", "amount 2000000 upokt, want 9000000")
	_, err = sign(t, st.signer(4, withPocketRPC(st, redirect)), m.request(4, order.OrderID))
	requireRefused(t, err, "node-4 refused", "pays "+m.recipient.Hex()+", want "+thief.Hex())
	assert.Zero(t, st.copper.SignatureCount(order.OrderID))

	res, err := sign(t, st.signer(1), m.request(1, order.OrderID))
	require.NoError(t, err)
	assert.Equal(t, transfer.SignResult{NodeID: "node-1"}, res)
	assert.Equal(t, []string{"node-1"}, st.copper.Signers(order.OrderID))

	// Signing twice counts once.
	_, err = sign(t, st.signer(1), m.request(1, order.OrderID))
	require.NoError(t, err)
	assert.Equal(t, 1, st.copper.SignatureCount(order.OrderID))
}

// TestSignerExecutes: nine honest nodes over a real order, and Copper
// executes it exactly once on the destination chain; a node that comes
// after adds nothing.
func TestSignerExecutes(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	pocket := st.pocketClient(st.poktURL)

	t.Run("mint", func(t *testing.T) {
		st := st.on(t)
		m := st.mintDeposit("executes", 7_000_000)
		ref, err := createOrder(t, a, m.spec)
		require.NoError(t, err)
		for i := 1; i <= threshold; i++ {
			res, err := sign(t, st.signer(i), m.request(i, ref.OrderID))
			require.NoError(t, err, "node %d", i)
			assert.Equal(t, transfer.SignResult{NodeID: nodeID(i)}, res)
		}
		// Enough signed: the tenth node adds nothing, at once or later.
		res, err := sign(t, st.signer(10), m.request(10, ref.OrderID))
		require.NoError(t, err)
		signers := []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9"}
		assert.Equal(t, transfer.SignResult{NodeID: "node-10", OrderComplete: true, CoSigners: signers}, res)

		o := st.waitTerminal(ref.OrderID)
		require.Equal(t, copper.StatusExecuted, o.Status, o.Extra.ErrorMessage)
		res, err = sign(t, st.signer(11), m.request(11, ref.OrderID))
		require.NoError(t, err)
		assert.Equal(t, transfer.SignResult{NodeID: "node-11", OrderComplete: true, CoSigners: signers}, res)
		assert.Equal(t, signers, st.copper.Signers(ref.OrderID))
		assert.NotContains(t, st.copper.Signers(ref.OrderID), "node-10")

		ec := st.ethClient()
		check, err := ec.VerifyMinted(t.Context(), common.HexToHash(o.Extra.TransactionID), m.recipient, big.NewInt(7_000_000), big.NewInt(1))
		require.NoError(t, err)
		assert.Positive(t, check.BlockNumber)
		bal, err := ec.BalanceOf(t.Context(), m.recipient)
		require.NoError(t, err)
		assert.Equal(t, big.NewInt(7_000_000), bal, "minted once")
		nonce, err := ec.UserNonce(t.Context(), m.recipient)
		require.NoError(t, err)
		assert.Equal(t, big.NewInt(1), nonce)
	})

	t.Run("refund", func(t *testing.T) {
		st := st.on(t)
		r, sender := st.refundDeposit("executes", 5_000_000)
		before := st.pokt.Balance(sender)
		ref, err := createOrder(t, a, r.spec)
		require.NoError(t, err)
		st.signAll(r.request(1, ref.OrderID), threshold)
		o := st.waitTerminal(ref.OrderID)
		require.Equal(t, copper.StatusExecuted, o.Status, o.Extra.ErrorMessage)
		assert.Equal(t, before+5_000_000-feeUpokt, st.pokt.Balance(sender))

		tx, err := pocket.Tx(t.Context(), o.Extra.TransactionID)
		require.NoError(t, err)
		assert.True(t, tx.Success())
		assert.Equal(t, st.vault, tx.From)
		assert.Equal(t, sender, tx.To)
		assert.Equal(t, uint64(5_000_000-feeUpokt), tx.Amount)
		assert.Equal(t, transfer.RefundMemo(r.hash), tx.Memo)
	})

	t.Run("return", func(t *testing.T) {
		st := st.on(t)
		b := st.burnToPokt("executes", 8_000_000)
		ref, err := createOrder(t, a, b.spec)
		require.NoError(t, err)
		st.signAll(b.request(1, ref.OrderID), threshold)
		o := st.waitTerminal(ref.OrderID)
		require.Equal(t, copper.StatusExecuted, o.Status, o.Extra.ErrorMessage)
		assert.Equal(t, uint64(8_000_000-feeUpokt), st.pokt.Balance(b.spec.Recipient))

		tx, err := pocket.Tx(t.Context(), o.Extra.TransactionID)
		require.NoError(t, err)
		assert.Equal(t, st.vault, tx.From)
		assert.Equal(t, transfer.ReturnMemo(b.hash, 0), tx.Memo)
	})
}

// tamperedCustody is a Copper that shows an order's true fields but asks
// the co-signer to sign a transaction paying someone else.
type tamperedCustody struct {
	activities.Custody
}

func (c tamperedCustody) GetOrder(ctx context.Context, id string) (*copper.Order, error) {
	o, err := c.Custody.GetOrder(ctx, id)
	if err != nil {
		return nil, err
	}
	var sr copper.SignRequest
	if err := json.Unmarshal(o.Extra.TransactionRequest, &sr); err != nil {
		return nil, err
	}
	sr.ToAddress = strings.Repeat("ee", 20)
	o.Extra.TransactionRequest, _ = json.Marshal(sr)
	return o, nil
}

// TestSignerRefusesASignRequestThatDiffersFromTheOrder: what the co-signer
// signs is checked too, not only the order's fields.
func TestSignerRefusesASignRequestThatDiffersFromTheOrder(t *testing.T) {
	st := newStack(t)
	r, _ := st.refundDeposit("tampered", 2_000_000)
	req := r.request(1, st.placeOrder(r.spec).OrderID)
	s := st.signer(1)
	s.Copper = tamperedCustody{s.Copper}
	_, err := sign(t, s, req)
	requireRefused(t, err, "node-1 refused: ", "the transaction to sign differs from the order", "toAddress")
	assert.Zero(t, st.copper.SignatureCount(req.OrderID), "no signature added")
}
