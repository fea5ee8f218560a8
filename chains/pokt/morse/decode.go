package morse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/wpokt/bridge/chains/pokt"
)

// The node's JSON shapes. Only the fields the bridge reads are declared;
// the others (proof, events, data, log, signature, entropy...) are ignored.
// Numbers are read as json.Number so that nothing is silently truncated.

type wireTx struct {
	Hash     string        `json:"hash"`
	Height   json.Number   `json:"height"`
	Index    json.Number   `json:"index"`
	TxResult *wireTxResult `json:"tx_result"`
	// pokt.Tx is the base64 of the tx bytes; its sha256 is the hash.
	Tx    string     `json:"tx"`
	StdTx *wireStdTx `json:"stdTx"`
}

type wireTxResult struct {
	Code        json.Number `json:"code"`
	Codespace   string      `json:"codespace"`
	Signer      string      `json:"signer"`
	Recipient   string      `json:"recipient"`
	MessageType string      `json:"message_type"`
}

type wireStdTx struct {
	Fee  []wireCoin `json:"fee"`
	Memo string     `json:"memo"`
	Msg  *wireMsg   `json:"msg"`
}

type wireCoin struct {
	Amount string `json:"amount"`
	Denom  string `json:"denom"`
}

type wireMsg struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

type wireSendValue struct {
	FromAddress string `json:"from_address"`
	ToAddress   string `json:"to_address"`
	Amount      string `json:"amount"`
}

type wireAccountTxs struct {
	Txs       []json.RawMessage `json:"txs"`
	PageCount json.Number       `json:"page_count"`
	TotalTxs  json.Number       `json:"total_txs"`
}

type wireHeight struct {
	Height json.Number `json:"height"`
}

type wireBlock struct {
	Block *struct {
		Header *struct {
			ChainID string      `json:"chain_id"`
			Height  json.Number `json:"height"`
		} `json:"header"`
	} `json:"block"`
}

type wireRawTxResponse struct {
	TxHash    string      `json:"txhash"`
	Code      json.Number `json:"code"`
	Codespace string      `json:"codespace"`
	RawLog    string      `json:"raw_log"`
}

type wireError struct {
	Code    json.Number `json:"code"`
	Message string      `json:"message"`
}

// accountTxsPage is one page of /v1/query/accounttxs.
type accountTxsPage struct {
	Txs []pokt.Tx
	// PageCount is what the node calls page_count: the number of txs on this
	// page (a Morse quirk), not the number of pages.
	PageCount int64
	// TotalTxs is the number of txs matching the query, over all pages.
	TotalTxs int64
}

// unmarshalObject decodes body, which must be one JSON object, into v.
func unmarshalObject(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return invalid(nil, "expected a JSON object, got %q", truncate(string(body), 64))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalid(nil, "decode JSON: %v", err)
	}
	return nil
}

// decodeTx decodes the body of /v1/query/tx.
func decodeTx(body []byte) (pokt.Tx, error) {
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
		// Some node versions answer null for an unknown tx.
		return pokt.Tx{}, pokt.ErrTxNotFound
	}
	var w wireTx
	if err := unmarshalObject(body, &w); err != nil {
		return pokt.Tx{}, err
	}
	return w.toTx()
}

// decodeAccountTxs decodes the body of /v1/query/accounttxs.
func decodeAccountTxs(body []byte) (accountTxsPage, error) {
	var w wireAccountTxs
	if err := unmarshalObject(body, &w); err != nil {
		return accountTxsPage{}, err
	}
	pageCount, err := parseInt(w.PageCount, "page_count", 0)
	if err != nil {
		return accountTxsPage{}, err
	}
	total, err := parseInt(w.TotalTxs, "total_txs", 0)
	if err != nil {
		return accountTxsPage{}, err
	}
	if total < int64(len(w.Txs)) {
		return accountTxsPage{}, invalid(nil, "total_txs %d is less than the %d txs on the page", total, len(w.Txs))
	}
	page := accountTxsPage{PageCount: pageCount, TotalTxs: total, Txs: make([]pokt.Tx, 0, len(w.Txs))}
	for i, raw := range w.Txs {
		var wt wireTx
		if err := unmarshalObject(raw, &wt); err != nil {
			return accountTxsPage{}, fmt.Errorf("txs[%d]: %w", i, err)
		}
		tx, err := wt.toTx()
		if err != nil {
			return accountTxsPage{}, fmt.Errorf("txs[%d]: %w", i, err)
		}
		page.Txs = append(page.Txs, tx)
	}
	return page, nil
}

// decodeHeight decodes the body of /v1/query/height.
func decodeHeight(body []byte) (int64, error) {
	var w wireHeight
	if err := unmarshalObject(body, &w); err != nil {
		return 0, err
	}
	return parseInt(w.Height, "height", 0)
}

// decodeBalance decodes the body of /v1/query/balance: {"balance":N}, N a
// non-negative integer within uint64.
func decodeBalance(body []byte) (uint64, error) {
	var w struct {
		Balance json.Number `json:"balance"`
	}
	if err := unmarshalObject(body, &w); err != nil {
		return 0, err
	}
	if w.Balance == "" {
		return 0, invalid(nil, "balance missing")
	}
	return parseAmount(string(w.Balance))
}

// maxChainIDLen is Tendermint's bound on a chain id.
const maxChainIDLen = 50

// decodeBlockChainID decodes the chain id from the body of /v1/query/block.
func decodeBlockChainID(body []byte) (string, error) {
	var w wireBlock
	if err := unmarshalObject(body, &w); err != nil {
		return "", err
	}
	if w.Block == nil || w.Block.Header == nil {
		return "", invalid(nil, "block without a header")
	}
	id := w.Block.Header.ChainID
	if id == "" || len(id) > maxChainIDLen {
		return "", invalid(nil, "chain id %q is empty or longer than %d", truncate(id, 64), maxChainIDLen)
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return "", invalid(nil, "chain id %q has a non-printable character", id)
		}
	}
	if _, err := parseInt(w.Block.Header.Height, "block height", 1); err != nil {
		return "", err
	}
	return id, nil
}

// decodeRawTxResponse decodes the body of /v1/client/rawtx.
func decodeRawTxResponse(body []byte) (wireRawTxResponse, uint32, error) {
	var w wireRawTxResponse
	if err := unmarshalObject(body, &w); err != nil {
		return w, 0, err
	}
	code, err := parseUint32(w.Code, "code")
	if err != nil {
		return w, 0, err
	}
	return w, code, nil
}

// decodeError reads the message of a node's {"code":N,"message":"..."}
// error body, or returns the body itself when it is not one.
func decodeError(body []byte) string {
	var w wireError
	if err := json.Unmarshal(bytes.TrimSpace(body), &w); err == nil && w.Message != "" {
		return truncate(w.Message, 512)
	}
	return truncate(string(bytes.TrimSpace(body)), 512)
}

// toTx validates a decoded tx and turns it into a pokt.Tx.
func (w *wireTx) toTx() (pokt.Tx, error) {
	hash, err := pokt.NormalizeTxHash(w.Hash)
	if err != nil {
		return pokt.Tx{}, invalid(nil, "tx hash: %v", err)
	}
	if w.Tx != "" {
		// Tendermint's tx hash is sha256 of the tx bytes: check that the
		// hash and the bytes the node gave belong together.
		got, err := pokt.TxHashOfBase64(w.Tx)
		if err != nil {
			return pokt.Tx{}, invalid(nil, "tx %s: tx bytes are not base64: %v", hash, err)
		}
		if got != hash {
			return pokt.Tx{}, invalid(pokt.ErrHashMismatch, "tx %s: its bytes hash to %s", hash, got)
		}
	}
	tx := pokt.Tx{Hash: hash}
	if tx.Height, err = parseInt(w.Height, "height", 1); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	index, err := parseUint32(w.Index, "index")
	if err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	tx.Index = index
	if w.TxResult == nil {
		return pokt.Tx{}, invalid(nil, "tx %s: no tx_result", hash)
	}
	if tx.Code, err = parseUint32(w.TxResult.Code, "tx_result.code"); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	tx.Codespace = w.TxResult.Codespace
	if w.StdTx == nil || w.StdTx.Msg == nil {
		return pokt.Tx{}, invalid(nil, "tx %s: no stdTx.msg", hash)
	}
	if tx.Fee, err = sumUpokt(w.StdTx.Fee); err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: fee: %w", hash, err)
	}
	tx.Memo = w.StdTx.Memo

	signer, err := optionalAddress(w.TxResult.Signer, "tx_result.signer")
	if err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}
	recipient, err := optionalAddress(w.TxResult.Recipient, "tx_result.recipient")
	if err != nil {
		return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
	}

	mt := w.TxResult.MessageType
	switch {
	case w.StdTx.Msg.Type == msgTypeSend:
		// A failed tx may come without a message_type; the msg says send.
		if mt != "" && mt != MessageTypeSend {
			return pokt.Tx{}, invalid(nil, "tx %s: message_type %q with a %s msg", hash, truncate(mt, 32), msgTypeSend)
		}
		// a plain send: NotASend stays empty
		if err := w.StdTx.Msg.decodeSend(&tx); err != nil {
			return pokt.Tx{}, fmt.Errorf("tx %s: %w", hash, err)
		}
		if signer != "" && signer != tx.From {
			return pokt.Tx{}, invalid(nil, "tx %s: signer %s is not from_address %s", hash, signer, tx.From)
		}
		if recipient != "" && recipient != tx.To {
			return pokt.Tx{}, invalid(nil, "tx %s: recipient %s is not to_address %s", hash, recipient, tx.To)
		}
	case mt == MessageTypeSend:
		return pokt.Tx{}, invalid(pokt.ErrUnknownMessageType, "tx %s: message_type send with msg type %q", hash, truncate(w.StdTx.Msg.Type, 32))
	case knownMessageTypes[mt]:
		tx.NotASend = notASend(mt)
		tx.From, tx.To = signer, recipient
	default:
		return pokt.Tx{}, invalid(pokt.ErrUnknownMessageType, "tx %s: message_type %q, msg type %q", hash, truncate(mt, 32), truncate(w.StdTx.Msg.Type, 32))
	}
	return tx, nil
}

// decodeSend reads a pos/Send msg's value into tx.
func (m *wireMsg) decodeSend(tx *pokt.Tx) error {
	var v wireSendValue
	if err := unmarshalObject(m.Value, &v); err != nil {
		return fmt.Errorf("msg.value: %w", err)
	}
	var err error
	if tx.From, err = pokt.NormalizeAddress(v.FromAddress); err != nil {
		return invalid(nil, "from_address: %v", err)
	}
	if tx.To, err = pokt.NormalizeAddress(v.ToAddress); err != nil {
		return invalid(nil, "to_address: %v", err)
	}
	if tx.Amount, err = parseAmount(v.Amount); err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	return nil
}

// optionalAddress normalises an address the node may leave out.
func optionalAddress(s, what string) (string, error) {
	if s == "" {
		return "", nil
	}
	a, err := pokt.NormalizeAddress(s)
	if err != nil {
		return "", invalid(nil, "%s: %v", what, err)
	}
	return a, nil
}

// sumUpokt adds up coins that must all be upokt.
func sumUpokt(coins []wireCoin) (uint64, error) {
	var sum uint64
	for _, c := range coins {
		if c.Denom != pokt.DenomUpokt {
			return 0, invalid(pokt.ErrInvalidDenom, "denom %q, want %q", truncate(c.Denom, 32), pokt.DenomUpokt)
		}
		a, err := parseAmount(c.Amount)
		if err != nil {
			return 0, err
		}
		if sum+a < sum {
			return 0, invalid(pokt.ErrInvalidAmount, "sum of coins overflows uint64")
		}
		sum += a
	}
	return sum, nil
}

// parseAmount parses a decimal string of upokt: digits only, no sign, no
// exponent, no more than uint64 holds.
func parseAmount(s string) (uint64, error) {
	if s == "" {
		return 0, invalid(pokt.ErrInvalidAmount, "empty amount")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, invalid(pokt.ErrInvalidAmount, "%q is not a decimal integer", truncate(s, 40))
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, invalid(pokt.ErrInvalidAmount, "%q overflows uint64", truncate(s, 40))
	}
	return v, nil
}

// parseInt parses a required integer field that must be >= min.
func parseInt(n json.Number, what string, min int64) (int64, error) {
	if n == "" {
		return 0, invalid(nil, "%s missing", what)
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, invalid(nil, "%s %q is not an int64", what, truncate(string(n), 40))
	}
	if v < min {
		return 0, invalid(nil, "%s %d is below %d", what, v, min)
	}
	return v, nil
}

// parseUint32 parses an optional uint32 field (the node omits zeros).
func parseUint32(n json.Number, what string) (uint32, error) {
	if n == "" {
		return 0, nil
	}
	v, err := strconv.ParseUint(string(n), 10, 32)
	if err != nil {
		return 0, invalid(nil, "%s %q is not a uint32", what, truncate(string(n), 40))
	}
	return uint32(v), nil
}
