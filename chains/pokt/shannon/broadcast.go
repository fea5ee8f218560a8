package shannon

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/wpokt/bridge/chains/pokt"
)

// The SDK's code for a tx its mempool already holds (sdk codespace).
const codeTxInMempoolCache = 19

// SendRawTx broadcasts the signed tx rawTx with broadcast_tx_sync (it waits
// for CheckTx, not for a block) and returns its hash, upper-case hex of
// sha256(rawTx), checked against the node's. A tx the node refuses is a
// *pokt.TxRejectedError with CheckTx's code and codespace (errors.Is
// pokt.ErrTxRejected). A tx the node already has (CometBFT's "tx already
// exists in cache", or the SDK's code 19) is not a failure: the hash is
// returned with a *pokt.TxRejectedError that matches pokt.ErrTxDuplicate.
// fromAddress is checked, for the callers' sake; the node reads the signer
// from the tx.
func (c *Client) SendRawTx(ctx context.Context, fromAddress string, rawTx []byte) (string, error) {
	if _, err := pokt.ParseAddress(fromAddress); err != nil {
		return "", fmt.Errorf("send raw tx: %w", err)
	}
	if len(rawTx) == 0 {
		return "", fmt.Errorf("send raw tx: %w: empty tx", pokt.ErrInvalidArgument)
	}
	want := pokt.TxHashOf(rawTx)
	res, err := c.call(ctx, "broadcast_tx_sync", map[string]string{"tx": base64.StdEncoding.EncodeToString(rawTx)})
	if err != nil {
		var rpcErr *RPCError
		if errors.As(err, &rpcErr) && strings.Contains(rpcErr.Data, "tx already exists in cache") {
			return want, fmt.Errorf("send raw tx %s: %w", want, &pokt.TxRejectedError{Hash: want, Log: rpcErr.Data, Duplicate: true})
		}
		return "", fmt.Errorf("send raw tx %s: %w", want, err)
	}
	var w wireBroadcast
	if err := unmarshalObject(res, &w); err != nil {
		return "", fmt.Errorf("send raw tx %s: %w", want, err)
	}
	code, err := parseUint32(w.Code, "code")
	if err != nil {
		return "", fmt.Errorf("send raw tx %s: %w", want, err)
	}
	if code != 0 {
		rej := &pokt.TxRejectedError{Hash: want, Code: code, Codespace: truncate(w.Codespace, maxCodespaceLen), Log: truncate(w.Log, 512)}
		rej.Duplicate = rej.Codespace == "sdk" && code == codeTxInMempoolCache
		if rej.Duplicate {
			return want, fmt.Errorf("send raw tx %s: %w", want, rej)
		}
		return "", fmt.Errorf("send raw tx %s: %w", want, rej)
	}
	got, err := pokt.NormalizeTxHash(w.Hash)
	if err != nil {
		return "", fmt.Errorf("send raw tx %s: %w", want, invalid(nil, "hash: %v", err))
	}
	if got != want {
		return "", fmt.Errorf("send raw tx %s: %w", want, invalid(pokt.ErrHashMismatch, "the node answered hash %s", got))
	}
	return got, nil
}
