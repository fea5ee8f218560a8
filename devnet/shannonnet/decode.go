package shannonnet

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// decodedTx is a tx as the ante handler and the messages see it.
type decodedTx struct {
	raw      txtypes.TxRaw
	body     txtypes.TxBody
	authInfo txtypes.AuthInfo
	msgs     []*banktypes.MsgSend
	signers  [][]byte // distinct from_address bytes, in message order
	size     int
}

// decodeTx decodes TxRaw, TxBody and AuthInfo and checks what the SDK's
// decoder and ValidateBasic check, with the SDK's error codes.
func decodeTx(b []byte) (*decodedTx, error) {
	t := &decodedTx{size: len(b)}
	if err := proto.Unmarshal(b, &t.raw); err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrTxDecode, err.Error())
	}
	if err := proto.Unmarshal(t.raw.BodyBytes, &t.body); err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrTxDecode, err.Error())
	}
	if err := proto.Unmarshal(t.raw.AuthInfoBytes, &t.authInfo); err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrTxDecode, err.Error())
	}
	if err := t.decodeMsgs(); err != nil {
		return nil, err
	}
	if err := t.validateBasic(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *decodedTx) decodeMsgs() error {
	if len(t.body.Messages) == 0 {
		return errorsmod.Wrap(sdkerrors.ErrInvalidRequest, "must contain at least one message")
	}
	for _, a := range t.body.Messages {
		if a.TypeUrl != MsgSendTypeURL {
			return errorsmod.Wrapf(sdkerrors.ErrTxDecode, "unable to resolve type URL %s", a.TypeUrl)
		}
		m := &banktypes.MsgSend{}
		if err := proto.Unmarshal(a.Value, m); err != nil {
			return errorsmod.Wrap(sdkerrors.ErrTxDecode, err.Error())
		}
		if err := validateSend(m); err != nil {
			return err
		}
		t.msgs = append(t.msgs, m)
		t.addSigner(m.FromAddress)
	}
	return nil
}

// addSigner records a message's signer once, as GetSigners dedupes.
func (t *decodedTx) addSigner(from string) {
	addr, _ := DecodeAddress(from) // validated by validateSend
	for _, s := range t.signers {
		if bytes.Equal(s, addr) {
			return
		}
	}
	t.signers = append(t.signers, addr)
}

// validateSend is the bank MsgSend's stateless check.
func validateSend(m *banktypes.MsgSend) error {
	if _, err := DecodeAddress(m.FromAddress); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "invalid from address: %s", err)
	}
	if _, err := DecodeAddress(m.ToAddress); err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "invalid to address: %s", err)
	}
	if !m.Amount.IsValid() {
		return errorsmod.Wrap(sdkerrors.ErrInvalidCoins, m.Amount.String())
	}
	if !m.Amount.IsAllPositive() {
		return errorsmod.Wrap(sdkerrors.ErrInvalidCoins, m.Amount.String())
	}
	return nil
}

func (t *decodedTx) validateBasic() error {
	// The SDK counts bytes, not characters, whatever its message says.
	if n := len(t.body.Memo); n > MaxMemoCharacters {
		return errorsmod.Wrapf(sdkerrors.ErrMemoTooLarge,
			"maximum number of characters is %d but received %d characters", MaxMemoCharacters, n)
	}
	if t.authInfo.Fee == nil {
		return errorsmod.Wrap(sdkerrors.ErrInvalidRequest, "missing fee")
	}
	if fee := sdk.Coins(t.authInfo.Fee.Amount); !fee.IsValid() && !fee.Empty() {
		return errorsmod.Wrapf(sdkerrors.ErrInsufficientFee, "invalid fee amount: %s", fee)
	}
	if len(t.raw.Signatures) == 0 {
		return sdkerrors.ErrNoSignatures
	}
	if len(t.raw.Signatures) != len(t.signers) || len(t.authInfo.SignerInfos) != len(t.signers) {
		return errorsmod.Wrapf(sdkerrors.ErrUnauthorized,
			"wrong number of signers; expected %d, got %d", len(t.signers), len(t.raw.Signatures))
	}
	return nil
}

// fee is the tx's fee coins.
func (t *decodedTx) fee() sdk.Coins {
	return sdk.Coins(t.authInfo.Fee.Amount)
}

// feePayer is the fee's payer if set, else the first signer.
func (t *decodedTx) feePayer() ([]byte, error) {
	if p := t.authInfo.Fee.Payer; p != "" {
		addr, err := DecodeAddress(p)
		if err != nil {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "invalid fee payer: %s", err)
		}
		return addr, nil
	}
	return t.signers[0], nil
}
