package shannon

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"cosmossdk.io/math"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/wpokt/bridge/chains/pokt"
)

// maxCodespaceLen bounds a codespace (the SDK's are module names).
const maxCodespaceLen = 64

// decodeTx decodes one tx of a tx or tx_search answer.
func decodeTx(raw json.RawMessage) (pokt.Tx, *wireTx, error) {
	var w wireTx
	if err := unmarshalObject(raw, &w); err != nil {
		return pokt.Tx{}, nil, err
	}
	tx, err := w.toTx()
	if err != nil {
		return pokt.Tx{}, nil, err
	}
	return tx, &w, nil
}

// toTx validates the node's fields of a tx, then reads its bytes.
func (w *wireTx) toTx() (pokt.Tx, error) {
	hash, err := pokt.NormalizeTxHash(w.Hash)
	if err != nil {
		return pokt.Tx{}, invalid(nil, "tx hash: %v", err)
	}
	if w.Tx == "" {
		return pokt.Tx{}, invalid(nil, "tx %s: no tx bytes", hash)
	}
	raw, err := base64.StdEncoding.DecodeString(w.Tx)
	if err != nil {
		return pokt.Tx{}, invalid(nil, "tx %s: tx bytes are not base64: %v", hash, err)
	}
	// CometBFT's tx hash is sha256 of the tx bytes: the hash and the bytes
	// the node gave must belong together, or the node lies about one.
	if got := pokt.TxHashOf(raw); got != hash {
		return pokt.Tx{}, invalid(pokt.ErrHashMismatch, "tx %s: its bytes hash to %s", hash, got)
	}
	tx := pokt.Tx{Hash: hash}
	if tx.Height, err = parseInt(w.Height, "height", 1); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	if tx.Index, err = parseUint32(w.Index, "index"); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	if w.TxResult == nil {
		return pokt.Tx{}, invalid(nil, "tx %s: no tx_result", hash)
	}
	if tx.Code, err = parseUint32(w.TxResult.Code, "tx_result.code"); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	if tx.Codespace = w.TxResult.Codespace; len(tx.Codespace) > maxCodespaceLen {
		return pokt.Tx{}, invalid(nil, "tx %s: codespace longer than %d", hash, maxCodespaceLen)
	}
	if err := readTxBytes(&tx, raw, w.TxResult.Events); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	return tx, nil
}

// body is what the bridge reads of a tx's bytes.
type body struct {
	memo string
	fee  uint64
	msgs []*codectypes.Any
}

// readTxBytes fills tx from its bytes and, for a successful tx, checks them
// against its events. A tx that is not one plain send gets its NotASend
// reason; only an impossible upokt amount is an error. A tx of which any
// part does not decode keeps nothing of its body: half a reading is not
// one.
func readTxBytes(tx *pokt.Tx, raw []byte, events []wireEvent) error {
	err := readBody(tx, raw, events)
	if strings.HasPrefix(tx.NotASend, ReasonUndecodable) {
		tx.From, tx.To, tx.Amount, tx.Fee, tx.Memo = "", "", 0, 0, ""
	}
	return err
}

func readBody(tx *pokt.Tx, raw []byte, events []wireEvent) error {
	b, reason, err := decodeTxBytes(raw)
	if err != nil {
		return err
	}
	if reason != "" {
		tx.NotASend = ReasonUndecodable + ": " + reason
		return nil
	}
	tx.Memo, tx.Fee = b.memo, b.fee
	send, reason := singleSend(b.msgs)
	if send == nil {
		tx.NotASend = reason
		return nil
	}
	if reason != "" {
		// Several messages: the first send's parties say who was involved.
		tx.NotASend = reason
		tx.From, tx.To = addressOrEmpty(send.FromAddress), addressOrEmpty(send.ToAddress)
		return nil
	}
	return readSend(tx, send, events)
}

// decodeTxBytes decodes TxRaw, TxBody and AuthInfo with the SDK's types. A
// reason says why the bytes are not a Cosmos tx.
func decodeTxBytes(raw []byte) (b body, reason string, err error) {
	// The decoders are generated code fed with bytes from anyone: whatever
	// they might do, a tx must never stop a scan.
	defer func() {
		if p := recover(); p != nil {
			b, reason, err = body{}, fmt.Sprintf("decoder panicked: %v", p), nil
		}
	}()
	var txRaw txtypes.TxRaw
	if err := txRaw.Unmarshal(raw); err != nil {
		return body{}, "tx raw: " + err.Error(), nil
	}
	var txBody txtypes.TxBody
	if err := txBody.Unmarshal(txRaw.BodyBytes); err != nil {
		return body{}, "tx body: " + err.Error(), nil
	}
	var authInfo txtypes.AuthInfo
	if err := authInfo.Unmarshal(txRaw.AuthInfoBytes); err != nil {
		return body{}, "auth info: " + err.Error(), nil
	}
	b = body{memo: txBody.Memo, msgs: txBody.Messages}
	if authInfo.Fee != nil {
		// Only upokt counts: it is the only fee denom a Shannon node takes.
		for _, c := range authInfo.Fee.Amount {
			if c.Denom != pokt.DenomUpokt {
				continue
			}
			a, reason, err := upoktAmount(c.Amount, "fee")
			if err != nil || reason != "" {
				return body{}, reason, err
			}
			if b.fee+a < b.fee {
				return body{}, "", invalid(pokt.ErrInvalidAmount, "fee overflows uint64")
			}
			b.fee += a
		}
	}
	return b, "", nil
}

// singleSend returns the tx's one bank send; a reason says why the tx is
// not one (with the first send, if any, when there are several messages).
func singleSend(msgs []*codectypes.Any) (*banktypes.MsgSend, string) {
	if len(msgs) == 0 {
		return nil, ReasonNoMessage
	}
	var first *banktypes.MsgSend
	for i, m := range msgs {
		if m == nil || m.TypeUrl != TypeURLMsgSend {
			url := ""
			if m != nil {
				url = m.TypeUrl
			}
			return first, fmt.Sprintf("%s: messages[%d] is %q", ReasonNotBankSend, i, truncate(url, 128))
		}
		var s banktypes.MsgSend
		if err := s.Unmarshal(m.Value); err != nil {
			return nil, fmt.Sprintf("%s: messages[%d]: %v", ReasonUndecodable, i, err)
		}
		if first == nil {
			first = &s
		}
	}
	if len(msgs) > 1 {
		return first, fmt.Sprintf("%s: %d messages", ReasonSeveralSends, len(msgs))
	}
	return first, ""
}

// readSend fills tx from its one bank send and checks a successful tx's
// events against it.
func readSend(tx *pokt.Tx, send *banktypes.MsgSend, events []wireEvent) error {
	from, err := shannonAddress(send.FromAddress)
	if err != nil {
		tx.NotASend = fmt.Sprintf("%s: from_address: %v", ReasonBadAddress, err)
		return nil
	}
	to, err := shannonAddress(send.ToAddress)
	if err != nil {
		tx.NotASend = fmt.Sprintf("%s: to_address: %v", ReasonBadAddress, err)
		return nil
	}
	tx.From, tx.To = from, to
	if len(send.Amount) != 1 {
		tx.NotASend = fmt.Sprintf("%s: %d coins", ReasonMultiCoin, len(send.Amount))
		return nil
	}
	if d := send.Amount[0].Denom; d != pokt.DenomUpokt {
		tx.NotASend = fmt.Sprintf("%s: %q", ReasonOtherDenom, truncate(d, 128))
		return nil
	}
	amount, reason, err := upoktAmount(send.Amount[0].Amount, "amount")
	if err != nil {
		return err
	}
	if reason != "" {
		tx.NotASend = ReasonUndecodable + ": " + reason
		return nil
	}
	if tx.Code == 0 {
		// A failed tx keeps only its fee events: only a successful one has
		// a transfer to agree with.
		reason, err := checkTransfers(events, from, to, amount)
		if err != nil {
			return err
		}
		if reason != "" {
			tx.NotASend = ReasonEvents + ": " + reason
			return nil
		}
	}
	tx.Amount = amount
	return nil
}

// upoktAmount bounds a decoded upokt amount to uint64; a reason says why
// it is not an amount at all (the tx is undecodable). More than uint64 is
// an error: no Pocket account can hold it (the supply is about 1e15 upokt),
// so the node lies.
func upoktAmount(i math.Int, what string) (uint64, string, error) {
	switch {
	case i.IsNil():
		return 0, what + " without a value", nil
	case i.IsNegative():
		return 0, "negative " + what, nil
	case !i.IsUint64():
		return 0, "", invalid(pokt.ErrInvalidAmount, "%s %s upokt overflows uint64", what, truncate(i.String(), 80))
	}
	return i.Uint64(), "", nil
}

// shannonAddress checks a bech32 "pokt1…" address and returns its canonical
// spelling.
func shannonAddress(s string) (string, error) {
	if !strings.HasPrefix(s, pokt.Bech32Prefix+"1") {
		return "", fmt.Errorf("%q is not a pokt1… address", truncate(s, 80))
	}
	a, err := pokt.ParseAddress(s)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

func addressOrEmpty(s string) string {
	a, err := shannonAddress(s)
	if err != nil {
		return ""
	}
	return a
}
