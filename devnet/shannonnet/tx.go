package shannonnet

import (
	"fmt"

	"cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

const (
	// MsgSendTypeURL is the Any type URL of a bank send.
	MsgSendTypeURL = "/cosmos.bank.v1beta1.MsgSend"
	// msgSendResponseTypeURL is what a successful MsgSend answers in TxMsgData.
	msgSendResponseTypeURL = "/cosmos.bank.v1beta1.MsgSendResponse"
	// PubKeyTypeURL is the Any type URL of a secp256k1 public key.
	PubKeyTypeURL = "/cosmos.crypto.secp256k1.PubKey"
	// DefaultGasLimit covers a send with one or two messages under the
	// application's gas model.
	DefaultGasLimit = 200_000
)

// Tx is a bank tx to sign: one signer (the key), any number of sends. It is
// the builder for the edge cases a test needs; SendParams covers the common
// case.
type Tx struct {
	Signer        *Key
	Msgs          []*banktypes.MsgSend
	Memo          string
	Fee           sdk.Coins // nil: no fee
	GasLimit      uint64    // 0: DefaultGasLimit
	AccountNumber uint64
	Sequence      uint64
	ChainID       string
	// BadSignature flips one bit of the signature after signing, for a tx
	// the chain must refuse with code 4 (unauthorized).
	BadSignature bool
}

// MsgSend is a bank send of coins from one address to another.
func MsgSend(from, to string, coins sdk.Coins) *banktypes.MsgSend {
	return &banktypes.MsgSend{FromAddress: from, ToAddress: to, Amount: coins}
}

// UPOKT is n upokt as coins.
func UPOKT(n uint64) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(Denom, math.NewIntFromUint64(n)))
}

// Sign encodes the tx (TxBody, AuthInfo), signs it in SIGN_MODE_DIRECT over
// SignDoc{body_bytes, auth_info_bytes, chain_id, account_number} and returns
// the TxRaw bytes that broadcast_tx_sync takes.
func (t Tx) Sign() ([]byte, error) {
	body, err := t.bodyBytes()
	if err != nil {
		return nil, fmt.Errorf("sign tx: %w", err)
	}
	authInfo, err := t.authInfoBytes()
	if err != nil {
		return nil, fmt.Errorf("sign tx: %w", err)
	}
	doc, err := signDocBytes(body, authInfo, t.ChainID, t.AccountNumber)
	if err != nil {
		return nil, fmt.Errorf("sign tx: %w", err)
	}
	sig, err := t.Signer.sign(doc)
	if err != nil {
		return nil, fmt.Errorf("sign tx: %w", err)
	}
	if t.BadSignature {
		sig[len(sig)-1] ^= 1
	}
	raw, err := proto.Marshal(&txtypes.TxRaw{BodyBytes: body, AuthInfoBytes: authInfo, Signatures: [][]byte{sig}})
	if err != nil {
		return nil, fmt.Errorf("sign tx: encode TxRaw: %w", err)
	}
	return raw, nil
}

func (t Tx) bodyBytes() ([]byte, error) {
	body := &txtypes.TxBody{Memo: t.Memo}
	for i, m := range t.Msgs {
		v, err := proto.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("encode message %d: %w", i, err)
		}
		body.Messages = append(body.Messages, &codectypes.Any{TypeUrl: MsgSendTypeURL, Value: v})
	}
	b, err := proto.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encode TxBody: %w", err)
	}
	return b, nil
}

func (t Tx) authInfoBytes() ([]byte, error) {
	pk, err := proto.Marshal(t.Signer.priv.PubKey())
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	gas := t.GasLimit
	if gas == 0 {
		gas = DefaultGasLimit
	}
	info := &txtypes.AuthInfo{
		SignerInfos: []*txtypes.SignerInfo{{
			PublicKey: &codectypes.Any{TypeUrl: PubKeyTypeURL, Value: pk},
			ModeInfo:  directMode(),
			Sequence:  t.Sequence,
		}},
		Fee: &txtypes.Fee{Amount: t.Fee, GasLimit: gas},
	}
	b, err := proto.Marshal(info)
	if err != nil {
		return nil, fmt.Errorf("encode AuthInfo: %w", err)
	}
	return b, nil
}

func directMode() *txtypes.ModeInfo {
	return &txtypes.ModeInfo{Sum: &txtypes.ModeInfo_Single_{
		Single: &txtypes.ModeInfo_Single{Mode: signing.SignMode_SIGN_MODE_DIRECT},
	}}
}

// signDocBytes is what SIGN_MODE_DIRECT signs; the chain recomputes it from
// the tx it received, so the signature binds body, auth info, chain and
// account number.
func signDocBytes(body, authInfo []byte, chainID string, accountNumber uint64) ([]byte, error) {
	b, err := proto.Marshal(&txtypes.SignDoc{
		BodyBytes: body, AuthInfoBytes: authInfo, ChainId: chainID, AccountNumber: accountNumber,
	})
	if err != nil {
		return nil, fmt.Errorf("encode SignDoc: %w", err)
	}
	return b, nil
}
