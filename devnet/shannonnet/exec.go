package shannonnet

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// checkTx runs the ante handler on the check state, as the SDK's CheckTx
// does (messages run only in FinalizeBlock): a pass is written to the check
// state, so the next tx of the same account needs the next sequence.
func (a *App) checkTx(st *state, b []byte) *abci.ResponseCheckTx {
	t, err := decodeTx(b)
	if err != nil {
		return checkTxError(err, 0, 0)
	}
	c := newCache(st)
	res, err := a.ante(c, t, true)
	if err != nil {
		return checkTxError(err, t.authInfo.Fee.GetGasLimit(), res.gasUsed)
	}
	c.write()
	return &abci.ResponseCheckTx{GasWanted: int64(t.authInfo.Fee.GasLimit), GasUsed: int64(res.gasUsed)}
}

func checkTxError(err error, gasWanted, gasUsed uint64) *abci.ResponseCheckTx {
	space, code, log := errorsmod.ABCIInfo(err, false)
	return &abci.ResponseCheckTx{Code: code, Codespace: space, Log: log, GasWanted: int64(gasWanted), GasUsed: int64(gasUsed)}
}

// deliverTx runs a tx of a block: the ante handler, then the messages. A
// message failure keeps the ante's writes (fee, sequence) and events only.
func (a *App) deliverTx(st *state, b []byte) *abci.ExecTxResult {
	t, err := decodeTx(b)
	if err != nil {
		return execError(err, 0, 0, nil)
	}
	anteCache := newCache(st)
	ante, err := a.ante(anteCache, t, false)
	if err != nil {
		return execError(err, t.authInfo.Fee.GasLimit, ante.gasUsed, nil)
	}
	anteCache.write()
	msgCache := newCache(st)
	events, gasUsed, err := runMsgs(msgCache, t, ante.gasUsed)
	if err != nil {
		return execError(err, t.authInfo.Fee.GasLimit, gasUsed, ante.events)
	}
	data, err := txMsgData(len(t.msgs))
	if err != nil {
		return execError(errorsmod.Wrap(sdkerrors.ErrLogic, err.Error()), t.authInfo.Fee.GasLimit, gasUsed, ante.events)
	}
	msgCache.write()
	return &abci.ExecTxResult{
		Data:      data,
		GasWanted: int64(t.authInfo.Fee.GasLimit),
		GasUsed:   int64(gasUsed),
		Events:    append(ante.events, events...),
	}
}

func execError(err error, gasWanted, gasUsed uint64, events []abci.Event) *abci.ExecTxResult {
	space, code, log := errorsmod.ABCIInfo(err, false)
	return &abci.ExecTxResult{
		Code: code, Codespace: space, Log: log,
		GasWanted: int64(gasWanted), GasUsed: int64(gasUsed), Events: events,
	}
}

// runMsgs executes the sends in order; the first failure fails them all,
// with baseapp's "failed to execute message" wrapping.
func runMsgs(c *cache, t *decodedTx, gasUsed uint64) ([]abci.Event, uint64, error) {
	var events []abci.Event
	for i, m := range t.msgs {
		gasUsed += gasPerMsg
		if limit := t.authInfo.Fee.GasLimit; gasUsed > limit {
			err := errorsmod.Wrapf(sdkerrors.ErrOutOfGas, "out of gas in location: WriteFlat; gasWanted: %d, gasUsed: %d", limit, gasUsed)
			return nil, gasUsed, errorsmod.Wrapf(err, "failed to execute message; message index: %d", i)
		}
		ev, err := send(c, m)
		if err != nil {
			return nil, gasUsed, errorsmod.Wrapf(err, "failed to execute message; message index: %d", i)
		}
		events = append(events, msgEvents(i, m.FromAddress, ev)...)
	}
	return events, gasUsed, nil
}

// send is the bank module's MsgSend handler.
func send(c *cache, m *banktypes.MsgSend) ([]abci.Event, error) {
	from, _ := DecodeAddress(m.FromAddress) // validated by decodeTx
	to, _ := DecodeAddress(m.ToAddress)
	if bytes.Equal(to, moduleAddress(FeeCollectorName)) {
		return nil, errorsmod.Wrapf(sdkerrors.ErrUnauthorized, "%s is not allowed to receive funds", m.ToAddress)
	}
	acc := c.get(from)
	if acc == nil {
		acc = &account{} // no balance: the move below fails as the SDK's does
	}
	if err := move(c, acc, to, m.Amount); err != nil {
		return nil, err
	}
	return sendEvents(m.FromAddress, m.ToAddress, sdk.NewCoins(m.Amount...)), nil
}

// txMsgData is a successful tx's data: one MsgSendResponse per message.
func txMsgData(n int) ([]byte, error) {
	d := &sdk.TxMsgData{}
	for range n {
		d.MsgResponses = append(d.MsgResponses, &codectypes.Any{TypeUrl: msgSendResponseTypeURL})
	}
	return proto.Marshal(d)
}
