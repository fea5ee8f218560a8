package shannonnet

import (
	"encoding/base64"
	"fmt"
	"strconv"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Event types and attribute keys as the SDK v0.53 bank, auth and baseapp
// emit them; the bridge's tx_search queries and deposit checks read these.
const (
	EventCoinSpent    = "coin_spent"
	EventCoinReceived = "coin_received"
	EventTransfer     = "transfer"
	EventMessage      = "message"
	EventTx           = "tx"
)

// event builds an event whose attributes are all indexed: a node with an
// empty index-events setting (the SDK default) marks every attribute so, and
// the kv indexer only indexes marked attributes.
func event(typ string, kv ...string) abci.Event {
	e := abci.Event{Type: typ}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Attributes = append(e.Attributes, abci.EventAttribute{Key: kv[i], Value: kv[i+1], Index: true})
	}
	return e
}

// sendEvents are what the bank keeper's SendCoins emits, in its order.
func sendEvents(from, to string, amount sdk.Coins) []abci.Event {
	amt := amount.String()
	return []abci.Event{
		event(EventCoinSpent, "spender", from, "amount", amt),
		event(EventCoinReceived, "receiver", to, "amount", amt),
		event(EventTransfer, "recipient", to, "sender", from, "amount", amt),
		event(EventMessage, "sender", from),
	}
}

// feeEvent is the ante handler's DeductFeeDecorator event.
func feeEvent(fee sdk.Coins, payer string) abci.Event {
	return event(EventTx, "fee", fee.String(), "fee_payer", payer)
}

// sigEvents are the SetPubKeyDecorator's events, which let tx_search find a
// tx by tx.acc_seq='pokt1.../N' or tx.signature.
func sigEvents(signer string, sequence uint64, sig []byte) []abci.Event {
	return []abci.Event{
		event(EventTx, "acc_seq", fmt.Sprintf("%s/%d", signer, sequence)),
		event(EventTx, "signature", base64.StdEncoding.EncodeToString(sig)),
	}
}

// msgEvents wraps one message's events as baseapp does: a leading
// message{action, sender, module} event, then msg_index on every event.
func msgEvents(index int, sender string, events []abci.Event) []abci.Event {
	out := append([]abci.Event{event(EventMessage, "action", MsgSendTypeURL, "sender", sender, "module", "bank")}, events...)
	idx := strconv.Itoa(index)
	for i := range out {
		out[i].Attributes = append(out[i].Attributes, abci.EventAttribute{Key: "msg_index", Value: idx, Index: true})
	}
	return out
}
