package shannonnet

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	"github.com/cosmos/gogoproto/proto"
)

// Gas model: deterministic stand-ins for the SDK's gas meter, of the same
// order (a one-message send is about 40,000 here, 60,000-90,000 on a real
// node), so that a tx with a too-small gas limit is refused as it would be.
const (
	gasPerByte = 10
	gasPerSig  = 1_000
	gasPerMsg  = 30_000
)

// anteResult is what the ante handler leaves: its events and the gas so far.
type anteResult struct {
	events  []abci.Event
	gasUsed uint64
}

// ante runs the SDK's default ante chain on c, in its order: memo and
// signer counts (decodeTx), tx size gas, fee deduction, public keys and
// their events, sequences and signatures, sequence increments. An error
// leaves c to be discarded by the caller.
func (a *App) ante(c *cache, t *decodedTx, checkTx bool) (anteResult, error) {
	res := anteResult{gasUsed: uint64(t.size)*gasPerByte + uint64(len(t.signers))*gasPerSig}
	if limit := t.authInfo.Fee.GasLimit; res.gasUsed > limit {
		return res, errorsmod.Wrapf(sdkerrors.ErrOutOfGas,
			"out of gas in location: txSize; gasWanted: %d, gasUsed: %d", limit, res.gasUsed)
	}
	feeEvents, err := a.deductFee(c, t, checkTx)
	if err != nil {
		return res, err
	}
	res.events = append(res.events, feeEvents...)
	for i, signer := range t.signers {
		ev, err := a.verifySigner(c, t, i, signer)
		if err != nil {
			return res, err
		}
		res.events = append(res.events, ev...)
	}
	return res, nil
}

// deductFee moves the fee from the payer to the fee collector. The minimum
// fee is a validator's mempool setting: the SDK checks it in CheckTx only.
func (a *App) deductFee(c *cache, t *decodedTx, checkTx bool) ([]abci.Event, error) {
	fee := t.fee()
	if checkTx && !a.minFee.Empty() && !fee.IsAnyGTE(a.minFee) {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInsufficientFee, "insufficient fees; got: %s required: %s", fee, a.minFee)
	}
	payerAddr, err := t.feePayer()
	if err != nil {
		return nil, err
	}
	payerStr := mustEncode(payerAddr)
	payer := c.get(payerAddr)
	if payer == nil {
		return nil, sdkerrors.ErrUnknownAddress.Wrapf("fee payer address: %s does not exist", payerStr)
	}
	var events []abci.Event
	if !fee.IsZero() {
		collector := moduleAddress(FeeCollectorName)
		if err := move(c, payer, collector, fee); err != nil {
			return nil, errorsmod.Wrap(sdkerrors.ErrInsufficientFunds, err.Error())
		}
		events = sendEvents(payerStr, mustEncode(collector), fee)
	}
	return append(events, feeEvent(fee, payerStr)), nil
}

// move is the bank keeper's SendCoins between two accounts of c, the
// recipient created if new.
func move(c *cache, from *account, toAddr []byte, amount sdk.Coins) error {
	for _, coin := range amount {
		have := sdk.NewCoin(coin.Denom, from.coins.AmountOf(coin.Denom))
		if have.IsLT(coin) {
			return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "spendable balance %s is smaller than %s", have, coin)
		}
	}
	from.coins = from.coins.Sub(amount...)
	to := c.getOrCreate(toAddr)
	to.coins = to.coins.Add(amount...)
	return nil
}

// verifySigner checks signer i: its account, public key, sequence and
// signature over the SignDoc, then increments its sequence.
func (a *App) verifySigner(c *cache, t *decodedTx, i int, signer []byte) ([]abci.Event, error) {
	signerStr := mustEncode(signer)
	acc := c.get(signer)
	if acc == nil {
		return nil, errorsmod.Wrapf(sdkerrors.ErrUnknownAddress, "account %s does not exist", signerStr)
	}
	info := t.authInfo.SignerInfos[i]
	pub, err := signerPubKey(acc, info.PublicKey, signer, signerStr, i)
	if err != nil {
		return nil, err
	}
	if single := info.ModeInfo.GetSingle(); single == nil || single.Mode != signing.SignMode_SIGN_MODE_DIRECT {
		return nil, errorsmod.Wrap(sdkerrors.ErrNotSupported, "only SIGN_MODE_DIRECT single signatures are supported")
	}
	if info.Sequence != acc.sequence {
		return nil, errorsmod.Wrapf(sdkerrors.ErrWrongSequence,
			"account sequence mismatch, expected %d, got %d", acc.sequence, info.Sequence)
	}
	doc, err := signDocBytes(t.raw.BodyBytes, t.raw.AuthInfoBytes, a.chainID, acc.number)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrLogic, err.Error())
	}
	sig := t.raw.Signatures[i]
	if !pub.VerifySignature(doc, sig) {
		return nil, errorsmod.Wrapf(sdkerrors.ErrUnauthorized,
			"signature verification failed; please verify account number (%d), sequence (%d) and chain-id (%s)",
			acc.number, acc.sequence, a.chainID)
	}
	acc.pubKey = pub.Bytes()
	events := sigEvents(signerStr, info.Sequence, sig)
	acc.sequence++
	return events, nil
}

// signerPubKey checks the tx's public key, if any, against the signer's
// address (as SetPubKeyDecorator does), and returns the key to verify with:
// the account's stored key, else the tx's.
func signerPubKey(acc *account, anyKey *codectypes.Any, signer []byte, signerStr string, i int) (*secp256k1.PubKey, error) {
	var pub *secp256k1.PubKey
	if anyKey != nil {
		if anyKey.TypeUrl != PubKeyTypeURL {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidPubKey, "unsupported public key type %s", anyKey.TypeUrl)
		}
		pub = &secp256k1.PubKey{}
		if err := proto.Unmarshal(anyKey.Value, pub); err != nil || len(pub.Key) != secp256k1.PubKeySize {
			return nil, errorsmod.Wrap(sdkerrors.ErrInvalidPubKey, "malformed secp256k1 public key")
		}
		if !bytes.Equal(pub.Address().Bytes(), signer) {
			return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidPubKey,
				"pubKey does not match signer address %s with signer index: %d", signerStr, i)
		}
	}
	if acc.pubKey != nil {
		return &secp256k1.PubKey{Key: acc.pubKey}, nil
	}
	if pub == nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrInvalidPubKey, "pubkey on account is not set")
	}
	return pub, nil
}
