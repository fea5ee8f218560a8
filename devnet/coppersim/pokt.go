package coppersim

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// SignSendFunc builds a signed Pocket send transaction from the vault
// (e.g. a closure over morsesim.SignSend and the vault's private key).
type SignSendFunc func(to string, amount, fee uint64, memo string, entropy int64) ([]byte, error)

// PoktRawTxExecutor is a PoktExecutor that signs a send with Sign and
// submits it to a Morse RPC (POST /v1/client/rawtx); with WaitIncluded it
// then polls /v1/query/tx until the transaction is in a block and succeeded.
type PoktRawTxExecutor struct {
	RPCURL       string // e.g. http://127.0.0.1:8081
	FromAddress  string // the vault's Pocket address (hex)
	Sign         SignSendFunc
	FeeUpokt     uint64 // default 10000
	WaitIncluded bool
	PollInterval time.Duration // default 200 ms
	HTTPClient   *http.Client
}

var _ PoktExecutor = (*PoktRawTxExecutor)(nil)

// Send implements PoktExecutor.
func (e *PoktRawTxExecutor) Send(ctx context.Context, to string, amountUpokt uint64, memo string) (string, error) {
	if e.Sign == nil || e.RPCURL == "" || e.FromAddress == "" {
		return "", errors.New("pokt executor: RPCURL, FromAddress and Sign are required")
	}
	fee := e.FeeUpokt
	if fee == 0 {
		fee = 10_000
	}
	var eb [8]byte
	if _, err := rand.Read(eb[:]); err != nil {
		return "", err
	}
	entropy := int64(binary.BigEndian.Uint64(eb[:]) >> 1)
	raw, err := e.Sign(to, amountUpokt, fee, memo, entropy)
	if err != nil {
		return "", fmt.Errorf("pokt executor: sign send: %w", err)
	}
	var res struct {
		TxHash string          `json:"txhash"`
		Code   json.RawMessage `json:"code"`
		RawLog string          `json:"raw_log"`
	}
	status, body, err := e.post(ctx, "/v1/client/rawtx", map[string]string{
		"address": e.FromAddress, "raw_hex_bytes": hex.EncodeToString(raw),
	})
	if err != nil {
		return "", fmt.Errorf("pokt executor: rawtx: %w", err)
	}
	if status != http.StatusOK {
		return "", fmt.Errorf("pokt executor: rawtx: http %d: %s", status, clipText(body))
	}
	if err := json.Unmarshal(body, &res); err != nil || res.TxHash == "" {
		return "", fmt.Errorf("pokt executor: rawtx: unexpected answer: %s", clipText(body))
	}
	if c := strings.Trim(string(res.Code), `"`); c != "" && c != "0" && c != "null" {
		return res.TxHash, fmt.Errorf("pokt executor: rawtx refused (code %s): %s", c, res.RawLog)
	}
	if !e.WaitIncluded {
		return res.TxHash, nil
	}
	return res.TxHash, e.waitIncluded(ctx, res.TxHash)
}

func (e *PoktRawTxExecutor) waitIncluded(ctx context.Context, hash string) error {
	every := e.PollInterval
	if every <= 0 {
		every = 200 * time.Millisecond
	}
	for {
		status, body, err := e.post(ctx, "/v1/query/tx", map[string]any{"hash": hash, "prove": false})
		if err == nil && status == http.StatusOK {
			var tx struct {
				TxResult struct {
					Code json.RawMessage `json:"code"`
					Log  string          `json:"log"`
				} `json:"tx_result"`
			}
			if json.Unmarshal(body, &tx) == nil {
				if c := strings.Trim(string(tx.TxResult.Code), `"`); c != "" && c != "0" && c != "null" {
					return fmt.Errorf("pokt executor: tx %s failed (code %s): %s", hash, c, tx.TxResult.Log)
				}
				return nil
			}
		}
		t := time.NewTimer(every)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("pokt executor: tx %s not included: %w", hash, ctx.Err())
		case <-t.C:
		}
	}
}

func (e *PoktRawTxExecutor) post(ctx context.Context, path string, v any) (int, []byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(e.RPCURL, "/")+path, bytes.NewReader(data))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	hc := e.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, body, err
}

func clipText(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
