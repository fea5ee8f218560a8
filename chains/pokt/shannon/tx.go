package shannon

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
)

// Tx returns the committed tx with this hash (either case, 0x optional). An
// unknown tx is an error wrapping pokt.ErrTxNotFound. A failed tx is
// returned with Code != 0; a tx that is not one plain send of upokt with
// NotASend set.
func (c *Client) Tx(ctx context.Context, hash string) (*pokt.Tx, error) {
	h, err := pokt.NormalizeTxHash(hash)
	if err != nil {
		return nil, fmt.Errorf("get tx: %w", err)
	}
	raw, _ := hex.DecodeString(h) // valid: normalized above
	res, err := c.call(ctx, "tx", struct {
		Hash  string `json:"hash"` // []byte on the node's side: base64
		Prove bool   `json:"prove"`
	}{base64.StdEncoding.EncodeToString(raw), false})
	if err != nil {
		var rpcErr *RPCError
		// The node says "tx (HEX) not found" in the error's data, with HTTP
		// 200: its data is all there is to tell it apart.
		if errors.As(err, &rpcErr) && strings.HasSuffix(rpcErr.Data, "not found") {
			return nil, fmt.Errorf("get tx %s: %w: %w", h, pokt.ErrTxNotFound, err)
		}
		return nil, fmt.Errorf("get tx %s: %w", h, err)
	}
	tx, _, err := decodeTx(res)
	if err != nil {
		return nil, fmt.Errorf("get tx %s: %w", h, err)
	}
	if tx.Hash != h {
		return nil, fmt.Errorf("get tx %s: %w", h, invalid(pokt.ErrHashMismatch, "the node answered tx %s", tx.Hash))
	}
	return &tx, nil
}

// Block is what the bridge reads of a block.
type Block struct {
	Hash    string // upper-case hex
	ChainID string
	Height  int64
	Time    time.Time
	// TxHashes are the hashes of the block's txs, in order.
	TxHashes []string
}

// Block returns the block at height, or the latest block for height 0.
func (c *Client) Block(ctx context.Context, height int64) (*Block, error) {
	if height < 0 {
		return nil, fmt.Errorf("get block: %w: height %d", pokt.ErrInvalidArgument, height)
	}
	params := map[string]string{}
	if height > 0 {
		params["height"] = fmt.Sprint(height)
	}
	res, err := c.call(ctx, "block", params)
	if err != nil {
		return nil, fmt.Errorf("get block %d: %w", height, err)
	}
	b, err := decodeBlock(res)
	if err != nil {
		return nil, fmt.Errorf("get block %d: %w", height, err)
	}
	if height > 0 && b.Height != height {
		return nil, fmt.Errorf("get block %d: %w", height, invalid(nil, "the node answered block %d", b.Height))
	}
	return b, nil
}

func decodeBlock(res []byte) (*Block, error) {
	var w wireBlock
	if err := unmarshalObject(res, &w); err != nil {
		return nil, err
	}
	if w.BlockID == nil || w.Block == nil || w.Block.Header == nil {
		return nil, invalid(nil, "block without block_id or header")
	}
	hash, err := pokt.NormalizeTxHash(w.BlockID.Hash) // a block hash is sha256 too
	if err != nil {
		return nil, invalid(nil, "block hash: %v", err)
	}
	h := w.Block.Header
	if err := checkChainID(h.ChainID); err != nil {
		return nil, err
	}
	b := &Block{Hash: hash, ChainID: h.ChainID, Time: h.Time}
	if b.Height, err = parseInt(h.Height, "height", 1); err != nil {
		return nil, err
	}
	if w.Block.Data != nil {
		for i, t := range w.Block.Data.Txs {
			th, err := pokt.TxHashOfBase64(t)
			if err != nil {
				return nil, invalid(nil, "txs[%d] is not base64: %v", i, err)
			}
			b.TxHashes = append(b.TxHashes, th)
		}
	}
	return b, nil
}
