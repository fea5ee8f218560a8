package activities_test

import (
	"errors"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/transfer"
)

// mintTransfer is a confirmed mint deposit with the order spec and sign
// request that go with it.
type mintTransfer struct {
	hash      string
	recipient common.Address
	amount    uint64
	spec      transfer.OrderSpec
}

// mintDeposit deposits amount for a fresh recipient, with the configured
// confirmations, and returns the mint it calls for (first nonce).
func (st *stack) mintDeposit(name string, amount uint64) mintTransfer {
	st.t.Helper()
	r := recipient(name)
	hash := st.deposit(amount, memoFor(r), pocketConfs)
	return mintTransfer{hash: hash, recipient: r, amount: amount, spec: transfer.OrderSpec{
		ExternalID: transfer.MintWorkflowID(hash), Kind: transfer.OrderMint,
		Recipient: r.Hex(), Amount: amount, Nonce: 1,
	}}
}

func (m mintTransfer) request(node int, orderID string) transfer.SignRequest {
	return transfer.SignRequest{
		NodeID: nodeID(node), WorkflowID: m.spec.ExternalID, Kind: m.spec.Kind,
		SourceTxHash: m.hash, OrderID: orderID,
	}
}

// refundDeposit deposits amount from a fresh funded sender with a memo
// that is no address, and returns the refund it calls for.
func (st *stack) refundDeposit(name string, amount uint64) (mintTransfer, string) {
	st.t.Helper()
	sender := poktAddress("sender/" + name)
	require.NoError(st.t, st.pokt.Fund(sender, 10*amount))
	hash := st.depositFrom(sender, amount, "not an address", pocketConfs)
	return mintTransfer{hash: hash, amount: amount, spec: transfer.OrderSpec{
		ExternalID: transfer.MintWorkflowID(hash), Kind: transfer.OrderRefund,
		Recipient: sender, Amount: amount - feeUpokt, Memo: transfer.RefundMemo(hash),
	}}, sender
}

// burnTransfer is a confirmed burn with the return it calls for.
type burnTransfer struct {
	hash string
	spec transfer.OrderSpec
}

func (st *stack) burnToPokt(name string, amount uint64) burnTransfer {
	st.t.Helper()
	to := poktAddress("burn/" + name)
	hash := st.burn(name, amount, to, ethConfs)
	return burnTransfer{hash: hash, spec: transfer.OrderSpec{
		ExternalID: transfer.BurnWorkflowID(hash, 0), Kind: transfer.OrderReturn,
		Recipient: to, Amount: amount - feeUpokt, Memo: transfer.ReturnMemo(hash, 0),
	}}
}

func (b burnTransfer) request(node int, orderID string) transfer.SignRequest {
	return transfer.SignRequest{
		NodeID: nodeID(node), WorkflowID: b.spec.ExternalID, Kind: transfer.OrderReturn,
		SourceTxHash: b.hash, LogPosition: 0, OrderID: orderID,
	}
}

// createOrder runs the CreateOrder activity of a.
func createOrder(t *testing.T, a *activities.Shared, spec transfer.OrderSpec) (transfer.OrderRef, error) {
	t.Helper()
	return execute[transfer.OrderRef](t, a.CreateOrder, spec)
}

// execute9 creates the order of spec through CreateOrder, has 9 nodes sign
// it and waits for Copper to end it.
func (st *stack) execute9(a *activities.Shared, spec transfer.OrderSpec, req func(node int, orderID string) transfer.SignRequest) copper.Order {
	st.t.Helper()
	ref, err := createOrder(st.t, a, spec)
	require.NoError(st.t, err)
	st.signAll(req(1, ref.OrderID), threshold)
	return st.waitTerminal(ref.OrderID)
}

func TestReadDeposit(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	r := recipient("read-deposit")

	mint := st.deposit(2_000_000, memoFor(r), 1)
	refund := st.deposit(3_000_000, `{"address":"`+r.Hex()+`","chain_id":"1"}`, 1)
	invalid := st.deposit(feeUpokt, memoFor(r), 1)
	poor := poktAddress("poor") // cannot pay: its send is included and fails (code 10)
	failed := st.depositFrom(poor, 5_000_000, memoFor(r), 1)
	st.pokt.NextBlock()
	st.pokt.NextBlock()
	head := st.pokt.Height()
	unknown := strings.Repeat("EF", 32)

	for _, tc := range []struct {
		name string
		hash string
		want transfer.Reading
	}{
		{"mint", mint, transfer.Reading{
			Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true, Height: head - 5, Head: head, Confirmations: 6},
			TxHash: mint, Sender: st.depositor, Class: transfer.ClassMint, Memo: memoFor(r),
			Recipient: r.Hex(), Amount: 2_000_000, PayAmount: 2_000_000,
		}},
		{"refund", refund, transfer.Reading{
			Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true, Height: head - 4, Head: head, Confirmations: 5},
			TxHash: refund, Sender: st.depositor, Class: transfer.ClassRefund, Recipient: st.depositor, Memo: `{"address":"` + r.Hex() + `","chain_id":"1"}`,
			Reason: "invalid memo: memo chain_id is not the bridge's chain: chain_id 1, want 1337", Amount: 3_000_000, PayAmount: 3_000_000 - feeUpokt,
		}},
		{"invalid", invalid, transfer.Reading{
			Source: transfer.SourceCheck{Found: true, Success: true, Canonical: true, Height: head - 3, Head: head, Confirmations: 4},
			TxHash: invalid, Sender: st.depositor, Class: transfer.ClassInvalid, Memo: memoFor(r),
			Reason: "amount at or below the fee, not refundable", Amount: feeUpokt,
		}},
		{"failed", failed, transfer.Reading{
			Source: transfer.SourceCheck{Found: true, Success: false, Canonical: true, Height: head - 2, Head: head, Confirmations: 3},
			TxHash: failed, Sender: poor, Class: transfer.ClassFailed, Memo: memoFor(r),
			Reason: `source tx failed on chain: code 10 codespace "sdk"`, Amount: 5_000_000,
		}},
		{"not found", unknown, transfer.Reading{TxHash: unknown, Source: transfer.SourceCheck{Head: head}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := a.ReadDeposit(t.Context(), transfer.DepositRef{TxHash: tc.hash})
			require.NoError(t, err)
			if tc.want.Reason != "" {
				// The memo errors' wording belongs to chains/pokt: check the gist.
				assert.Contains(t, got.Reason, strings.SplitN(tc.want.Reason, ":", 2)[0])
				tc.want.Reason = got.Reason
			}
			assert.Equal(t, tc.want, got)
			if got.Source.Found {
				assert.Equal(t, got.Source.Head-got.Source.Height+1, got.Source.Confirmations)
			}
		})
	}

	t.Run("bad hash", func(t *testing.T) {
		// Retrying cannot fix a malformed hash: the error is final.
		_, err := a.ReadDeposit(t.Context(), transfer.DepositRef{TxHash: "0x1234"})
		requireAppError(t, err, "BadInput", true, "0x1234")
	})
}

func TestReadBurn(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	to := poktAddress("read-burn")

	happy := st.burn("happy", 5_000_000, to, 1)
	dust := st.burn("dust", feeUpokt, to, 1)
	// A burn of wPOKT the user does not have, mined with a fixed gas limit:
	// it reverts.
	user := ethnet.NewAccount("burner/reverted")
	st.fundEth(user)
	tx := st.eth.Send(t, user, ethnet.Tx{To: &st.eth.WPOKT, Data: st.eth.Token.PackBurnAndBridge(big.NewInt(1_000_000), common.HexToAddress(to)), Gas: 200_000})
	reverted := st.eth.Mine(t, tx)
	require.Zero(t, reverted.Status)
	st.eth.Commit(2)
	head := st.eth.Head(t).Number.Int64()
	happyRcpt := st.eth.Receipt(t, common.HexToHash(happy))
	unknown := "0x" + strings.Repeat("ef", 32)

	for _, tc := range []struct {
		name string
		ref  transfer.BurnRef
		want func(*testing.T, transfer.Reading)
	}{
		{"burn", transfer.BurnRef{TxHash: happy}, func(t *testing.T, b transfer.Reading) {
			assert.Equal(t, transfer.Reading{
				Source: transfer.SourceCheck{
					Found: true, Success: true, Canonical: true, Height: happyRcpt.BlockNumber.Int64(), Head: head,
					Confirmations: head - happyRcpt.BlockNumber.Int64() + 1,
				},
				TxHash: happy, Sender: ethnet.NewAccount("burner/happy").Address.Hex(),
				Recipient: to, Amount: 5_000_000, PayAmount: 5_000_000 - feeUpokt, Class: transfer.ClassBurn,
			}, b)
		}},
		{"at the fee", transfer.BurnRef{TxHash: dust}, func(t *testing.T, b transfer.Reading) {
			assert.True(t, b.Source.Found)
			assert.Equal(t, transfer.ClassInvalid, b.Class)
			assert.Equal(t, uint64(feeUpokt), b.Amount)
			assert.Zero(t, b.PayAmount)
			assert.Contains(t, b.Reason, "at or below the Pocket fee")
		}},
		{"reverted", transfer.BurnRef{TxHash: reverted.TxHash.Hex()}, func(t *testing.T, b transfer.Reading) {
			assert.True(t, b.Source.Found)
			assert.False(t, b.Source.Success)
			assert.Equal(t, transfer.ClassFailed, b.Class)
			assert.Equal(t, "burn transaction reverted", b.Reason)
			assert.Zero(t, b.PayAmount)
		}},
		{"not found", transfer.BurnRef{TxHash: unknown}, func(t *testing.T, b transfer.Reading) {
			assert.Equal(t, transfer.Reading{TxHash: unknown, Source: transfer.SourceCheck{Head: head}}, b)
		}},
		{"no such log in the tx", transfer.BurnRef{TxHash: happy, LogPosition: 1}, func(t *testing.T, b transfer.Reading) {
			assert.Equal(t, transfer.Reading{TxHash: happy, LogPosition: 1, Source: transfer.SourceCheck{Head: head}}, b)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := a.ReadBurn(t.Context(), tc.ref)
			require.NoError(t, err)
			tc.want(t, b)
		})
	}

	t.Run("bad hash", func(t *testing.T) {
		_, err := a.ReadBurn(t.Context(), transfer.BurnRef{TxHash: "0x1234"})
		requireAppError(t, err, "BadInput", true, `"0x1234" is not a 32-byte hex hash`)
	})
}

func TestCreateOrder(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	spec := func(name string) transfer.OrderSpec {
		return transfer.OrderSpec{
			ExternalID: transfer.MintWorkflowID(poktAddress(name) + "000000000000000000000000"), Kind: transfer.OrderMint,
			Recipient: recipient(name).Hex(), Amount: 4_000_000, Nonce: 1,
		}
	}

	t.Run("twice is one order", func(t *testing.T) {
		s := spec("twice")
		first, err := createOrder(t, a, s)
		require.NoError(t, err)
		second, err := createOrder(t, a, s)
		require.NoError(t, err)
		assert.Equal(t, first.OrderID, second.OrderID)
		assert.True(t, first.Found)
		assert.Equal(t, s, first.Spec)
		assert.Equal(t, s, second.Spec)
		o, ok := st.copper.OrderByExternalID(s.ExternalID)
		require.True(t, ok)
		assert.Equal(t, first.OrderID, o.OrderID)
		assert.Equal(t, copper.StatusPartSignedTxAdded, o.Status, "signing started")
		assert.NotEmpty(t, o.Extra.TransactionRequest)
		assert.Equal(t, 1, countOrders(st, s.ExternalID))
	})

	t.Run("existing order differs", func(t *testing.T) {
		s := spec("differs")
		_, err := createOrder(t, a, s)
		require.NoError(t, err)
		s.Amount++
		_, err = createOrder(t, a, s)
		requireAppError(t, err, "CustodyRefused", true, "existing order does not match", "payload")
		assert.Equal(t, 1, countOrders(st, s.ExternalID))
	})

	t.Run("lost answer", func(t *testing.T) {
		s := spec("lost")
		st.copper.LoseNextCreateAnswer(1)
		ref, err := createOrder(t, a, s)
		require.NoError(t, err)
		assert.Equal(t, 1, countOrders(st, s.ExternalID))
		o, _ := st.copper.OrderByExternalID(s.ExternalID)
		assert.Equal(t, ref.OrderID, o.OrderID)
		assert.Equal(t, copper.StatusPartSignedTxAdded, o.Status)
	})

	for _, tc := range []struct {
		name string
		ep   coppersim.Endpoint
		want string
	}{
		{"copper 503 on the look-up", coppersim.EndpointListOrders, "http 503"},
		{"copper 500 on the create", coppersim.EndpointCreateOrder, "outcome unknown"},
		{"copper 502 on start signing", coppersim.EndpointPatchOrder, "http 502"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := spec(tc.name)
			status := map[coppersim.Endpoint]int{
				coppersim.EndpointListOrders: http.StatusServiceUnavailable, coppersim.EndpointCreateOrder: http.StatusInternalServerError,
				coppersim.EndpointPatchOrder: http.StatusBadGateway,
			}[tc.ep]
			st.copper.FailNext(tc.ep, 1, status)
			_, err := createOrder(t, a, s)
			requireRetryable(t, err)
			assert.Contains(t, err.Error(), tc.want)

			// The retry Temporal makes ends with one order, being signed.
			ref, err := createOrder(t, a, s)
			require.NoError(t, err)
			assert.Equal(t, 1, countOrders(st, s.ExternalID))
			o, _ := st.copper.Order(ref.OrderID)
			assert.Equal(t, copper.StatusPartSignedTxAdded, o.Status)
		})
	}

	t.Run("bad spec", func(t *testing.T) {
		s := spec("bad")
		s.Recipient = "0xnot-an-address"
		_, err := createOrder(t, a, s)
		requireAppError(t, err, "BadInput", true, "bad recipient")
		assert.Zero(t, countOrders(st, s.ExternalID))
	})
}

func countOrders(st *stack, externalID string) int {
	n := 0
	for _, o := range st.copper.Orders() {
		if o.ExternalOrderID == externalID {
			n++
		}
	}
	return n
}

func TestFindOrder(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	spec := returnSpec()
	spec.ExternalID = transfer.BurnWorkflowID("0x"+strings.Repeat("12", 32), 0)

	t.Run("not found", func(t *testing.T) {
		ref, err := a.FindOrder(t.Context(), transfer.TransferRef{WorkflowID: spec.ExternalID})
		require.NoError(t, err)
		assert.Equal(t, transfer.OrderRef{}, ref)
	})

	t.Run("found", func(t *testing.T) {
		st := st.on(t)
		o := st.placeOrder(spec)
		ref, err := a.FindOrder(t.Context(), transfer.TransferRef{WorkflowID: spec.ExternalID})
		require.NoError(t, err)
		assert.Equal(t, transfer.OrderRef{OrderID: o.OrderID, Status: string(copper.StatusPartSignedTxAdded), Spec: spec, Found: true, NeedsSignatures: true}, ref)
	})

	t.Run("an order the bridge would not make", func(t *testing.T) {
		st := st.on(t)
		bad := refundSpec()
		bad.ExternalID = transfer.MintWorkflowID(strings.Repeat("34", 32))
		req, err := st.rules(nodeID(1)).OrderRequest(bad)
		require.NoError(t, err)
		req.IncludeFeeInWithdraw = true
		st.placeRequest(req)
		_, err = a.FindOrder(t.Context(), transfer.TransferRef{WorkflowID: bad.ExternalID})
		requireAppError(t, err, "OrderMismatch", true, "not one the bridge would make", "fee included")
	})

	t.Run("copper 5xx", func(t *testing.T) {
		st.copper.FailNext(coppersim.EndpointListOrders, 1, http.StatusServiceUnavailable)
		_, err := a.FindOrder(t.Context(), transfer.TransferRef{WorkflowID: spec.ExternalID})
		requireRetryable(t, err)
		var apiErr *copper.APIError
		require.True(t, errors.As(err, &apiErr), "%v", err)
		assert.Equal(t, http.StatusServiceUnavailable, apiErr.Status)
	})
}

func TestAwaitOrder(t *testing.T) {
	st := newStack(t)
	a := st.shared()
	await := func(orderID string) (transfer.AwaitOrderResult, error) {
		return execute[transfer.AwaitOrderResult](t, a.AwaitOrder, transfer.AwaitOrderRequest{OrderID: orderID, PollInterval: 5 * time.Millisecond})
	}

	t.Run("executed", func(t *testing.T) {
		st := st.on(t)
		m := st.mintDeposit("await-executed", 3_000_000)
		ref, err := createOrder(t, a, m.spec)
		require.NoError(t, err)
		// Watch the order while the nodes sign it.
		var (
			wg  sync.WaitGroup
			res transfer.AwaitOrderResult
			aer error
		)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, aer = await(ref.OrderID)
		}()
		st.signAll(m.request(1, ref.OrderID), threshold)
		wg.Wait()
		require.NoError(t, aer)
		o, _ := st.copper.Order(ref.OrderID)
		require.Equal(t, copper.StatusExecuted, o.Status)
		assert.Equal(t, transfer.AwaitOrderResult{OrderID: ref.OrderID, Status: "executed", Executed: true, TxHash: o.Extra.TransactionID}, res)
		assert.True(t, strings.HasPrefix(res.TxHash, "0x") && len(res.TxHash) == 66, res.TxHash)
	})

	t.Run("rejected", func(t *testing.T) {
		st := st.on(t)
		m := st.mintDeposit("await-rejected", 3_000_000)
		require.NoError(t, st.copper.FailOrder(m.spec.ExternalID, copper.StatusRejected, "rejected by compliance"))
		ref, err := createOrder(t, a, m.spec)
		require.NoError(t, err)
		st.signAll(m.request(1, ref.OrderID), threshold)
		res, err := await(ref.OrderID)
		require.NoError(t, err)
		assert.Equal(t, transfer.AwaitOrderResult{OrderID: ref.OrderID, Status: "rejected", Reason: "rejected by compliance"}, res)
		assert.Zero(t, st.eth.UserNonce(t, m.recipient).Sign(), "nothing minted")
	})

	t.Run("vanished", func(t *testing.T) {
		_, err := await("no-such-order")
		requireAppError(t, err, "BadCustodyData", true, "order no-such-order vanished")
	})
}

func TestVerifyDestination(t *testing.T) {
	st := newStack(t)
	a := st.shared()

	m := st.mintDeposit("verify-mint", 2_500_000)
	minted := st.execute9(a, m.spec, m.request)
	require.Equal(t, copper.StatusExecuted, minted.Status, minted.Extra.ErrorMessage)

	refund, sender := st.refundDeposit("verify-refund", 4_000_000)
	require.Equal(t, sender, refund.spec.Recipient)
	sent := st.execute9(a, refund.spec, refund.request)
	require.Equal(t, copper.StatusExecuted, sent.Status, sent.Extra.ErrorMessage)

	with := func(s transfer.OrderSpec, edit func(*transfer.OrderSpec)) transfer.OrderSpec {
		edit(&s)
		return s
	}
	none := func(*transfer.OrderSpec) {}
	for _, tc := range []struct {
		name   string
		req    transfer.VerifyRequest
		height int64
		// errType "" means verified; "retry" means a retryable error.
		errType string
		want    string
	}{
		{"mint", transfer.VerifyRequest{Spec: m.spec, TxHash: minted.Extra.TransactionID}, 0, "", ""},
		{"mint of another amount", transfer.VerifyRequest{Spec: with(m.spec, func(s *transfer.OrderSpec) { s.Amount++ }), TxHash: minted.Extra.TransactionID}, 0,
			"DestinationMismatch", "mint not found"},
		{"mint with another nonce", transfer.VerifyRequest{Spec: with(m.spec, func(s *transfer.OrderSpec) { s.Nonce = 2 }), TxHash: minted.Extra.TransactionID}, 0,
			"DestinationMismatch", "mint not found"},
		{"mint to another recipient", transfer.VerifyRequest{Spec: with(m.spec, func(s *transfer.OrderSpec) { s.Recipient = recipient("other").Hex() }), TxHash: minted.Extra.TransactionID}, 0,
			"DestinationMismatch", "mint not found"},
		{"mint tx unknown", transfer.VerifyRequest{Spec: m.spec, TxHash: "0x" + strings.Repeat("77", 32)}, 0, "retry", "not visible yet"},
		{"mint tx not a hash", transfer.VerifyRequest{Spec: m.spec, TxHash: "0x77"}, 0, "DestinationMismatch", "is not a hash"},
		{"pocket send", transfer.VerifyRequest{Spec: refund.spec, TxHash: sent.Extra.TransactionID}, 0, "", ""},
		{"pocket send of another amount", transfer.VerifyRequest{Spec: with(refund.spec, func(s *transfer.OrderSpec) { s.Amount-- }), TxHash: sent.Extra.TransactionID}, 0,
			"DestinationMismatch", "upokt, not"},
		{"pocket send to another recipient", transfer.VerifyRequest{Spec: with(refund.spec, func(s *transfer.OrderSpec) { s.Recipient = st.depositor }), TxHash: sent.Extra.TransactionID}, 0,
			"DestinationMismatch", "not " + st.depositor},
		{"pocket tx not from the vault", transfer.VerifyRequest{Spec: with(refund.spec, none), TxHash: refund.hash}, 0,
			"DestinationMismatch", "not the vault"},
		{"pocket tx unknown", transfer.VerifyRequest{Spec: refund.spec, TxHash: strings.Repeat("77", 32)}, 0, "retry", "not visible yet"},
		{"pocket send with another memo", transfer.VerifyRequest{Spec: with(refund.spec, func(s *transfer.OrderSpec) { s.Memo = "InvalidMint: 0xSOMETHING ELSE" }), TxHash: sent.Extra.TransactionID}, 0,
			"DestinationMismatch", "has memo"},
		{"pocket tx not a hash", transfer.VerifyRequest{Spec: refund.spec, TxHash: ""}, 0, "DestinationMismatch", "custody reported pocket tx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := a.VerifyDestination(t.Context(), tc.req)
			switch tc.errType {
			case "":
				require.NoError(t, err)
				assert.True(t, strings.EqualFold(tc.req.TxHash, res.TxHash), res.TxHash)
				assert.Positive(t, res.Height)
			case "retry":
				requireRetryable(t, err)
				assert.Contains(t, err.Error(), tc.want)
			default:
				requireAppError(t, err, tc.errType, true, tc.want)
			}
		})
	}

	// The Pocket send is the one the vault made for this refund, and the
	// mint is on chain exactly once.
	tx, err := st.pocketClient(st.poktURL).Tx(t.Context(), sent.Extra.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, refund.spec.Memo, tx.Memo)
	bal, err := st.ethClient().BalanceOf(t.Context(), m.recipient)
	require.NoError(t, err)
	assert.Equal(t, big.NewInt(2_500_000), bal)
}

// A mint's reserve brings the recipient's nonce as this node reads it.
func TestReserveOfAMintReadsTheChainNonce(t *testing.T) {
	st := newStack(t)
	orch := &fakeOrchestrator{reserve: transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: 3}}
	a := st.shared()
	a.Temporal = orch
	r := recipient("nonce")
	st.eth.Mint(t, r, big.NewInt(1_000_000), big.NewInt(1))
	st.eth.Mint(t, r, big.NewInt(1_000_000), big.NewInt(2))

	res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "mint-ab", Amount: 5, Recipient: strings.ToLower(r.Hex())})
	require.NoError(t, err)
	assert.EqualValues(t, 3, res.Nonce)
	require.Len(t, orch.sent(), 1)
	assert.EqualValues(t, 2, orch.sent()[0].ChainNonce)

	_, err = a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "mint-cd", Amount: 5, Recipient: "0x1234"})
	requireAppError(t, err, "BadInput", true, `"0x1234" is not an address`)
}

// The governor's limits are the asking node's own, whatever the request says.
func TestReserveUsesTheNodeLimits(t *testing.T) {
	orch := &fakeOrchestrator{reserve: transfer.ReserveResult{Decision: transfer.ReserveHeld, Reason: "above the single transfer limit"}}
	a := &activities.Shared{Rules: activities.Rules{SingleTransferLimit: 5_000, DailyCap: 9_000, TaskQueue: "bridge"}, Temporal: orch}
	res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "mint-ab", Amount: 6_000, SingleTransferLimit: 1 << 40, DailyCap: 1 << 50})
	require.NoError(t, err)
	assert.Equal(t, orch.reserve, res)

	require.Len(t, orch.updates, 1)
	u := orch.updates[0].UpdateOptions
	assert.Equal(t, transfer.ControlWorkflowID, u.WorkflowID)
	assert.Equal(t, transfer.UpdateReserveBatch, u.UpdateName)
	assert.Equal(t, []any{[]transfer.ReserveRequest{{WorkflowID: "mint-ab", Amount: 6_000, SingleTransferLimit: 5_000, DailyCap: 9_000}}}, u.Args)
	require.Len(t, orch.starts, 1)
	assert.Equal(t, transfer.ControlWorkflowID, orch.starts[0].ID)
	assert.Equal(t, "bridge", orch.starts[0].TaskQueue)
	assert.Equal(t, enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, orch.starts[0].WorkflowIDConflictPolicy)
	assert.Equal(t, transfer.ControlWorkflowType, orch.startArg[0])

	orch.err = errors.New("temporal unavailable")
	_, err = a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "mint-cd", Amount: 1})
	require.ErrorIs(t, err, orch.err)
	assert.Contains(t, err.Error(), "reserve 1 upokt for mint-cd")
}

func TestProjection(t *testing.T) {
	store := &fakeProjection{prior: map[string]transfer.PriorRecord{
		"mint-ab": {Found: true, Status: transfer.StatusExecuted, OrderID: "o-1"},
	}}
	a := &activities.Shared{Store: store}

	rec, err := a.PriorRecord(t.Context(), transfer.TransferRef{WorkflowID: "mint-ab"})
	require.NoError(t, err)
	assert.Equal(t, store.prior["mint-ab"], rec)
	rec, err = a.PriorRecord(t.Context(), transfer.TransferRef{WorkflowID: "mint-cd"})
	require.NoError(t, err)
	assert.False(t, rec.Found)

	st := transfer.State{WorkflowID: "mint-ab", Status: transfer.StatusSigned}
	require.NoError(t, a.Project(t.Context(), st))
	assert.Equal(t, []transfer.State{st}, store.projected)

	store.err = errors.New("mongo down")
	_, err = a.PriorRecord(t.Context(), transfer.TransferRef{WorkflowID: "mint-ab"})
	require.ErrorIs(t, err, store.err)
	assert.Contains(t, err.Error(), "read prior record of mint-ab")
	require.ErrorIs(t, a.Project(t.Context(), st), store.err)
}
