package shannonnet

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	rpchttp "github.com/cometbft/cometbft/rpc/client/http"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
)

// Client sends bank txs to a Shannon node (this package's or any other)
// through its CometBFT JSON-RPC: the test users' and the Copper simulator's
// wallet. It is not the bridge's Pocket client, which lives in chains/.
type Client struct {
	rpc *rpchttp.HTTP

	mu      sync.Mutex
	chainID string
	next    map[string]uint64 // next sequence per sender, for txs still in the mempool
}

// TxError is a tx the node refused in CheckTx (broadcast_tx_sync), with the
// SDK's code, codespace ("sdk" for the codes in types/errors) and log.
type TxError struct {
	Hash      string
	Code      uint32
	Codespace string
	Log       string
}

func (e *TxError) Error() string {
	return fmt.Sprintf("tx %s refused: code %d (%s): %s", e.Hash, e.Code, e.Codespace, e.Log)
}

var (
	// ErrAccountNotFound: the address has never received anything.
	ErrAccountNotFound = errors.New("account not found")
	// ErrTxInCache: the node's mempool cache has this tx already (a
	// rebroadcast of a tx that was accepted, or is in a block): a
	// duplicate, not a failure.
	ErrTxInCache = errors.New("tx already exists in cache")
)

// Dial makes a client for a CometBFT RPC URL such as Chain.RPCURL().
func Dial(url string) (*Client, error) {
	// CometBFT's RPC server closes a connection idle for its read timeout
	// (10 s); a send on a connection it is closing fails with "connection
	// reset by peer". Idle connections are dropped before that.
	hc := &http.Client{Transport: &http.Transport{IdleConnTimeout: idleBeforeServerCloses, MaxIdleConnsPerHost: 16}}
	c, err := rpchttp.NewWithClient(url, "/websocket", hc)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	return &Client{rpc: c, next: map[string]uint64{}}, nil
}

// idleBeforeServerCloses is shorter than CometBFT's RPC read timeout (10 s),
// after which its server closes an idle keep-alive connection.
const idleBeforeServerCloses = 5 * time.Second

// RPC is the underlying CometBFT client, for tx, tx_search, block, status.
func (c *Client) RPC() *rpchttp.HTTP { return c.rpc }

// ChainID reads the node's chain id (status.node_info.network) once.
func (c *Client) ChainID(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.chainID != "" {
		return c.chainID, nil
	}
	st, err := c.rpc.Status(ctx)
	if err != nil {
		return "", fmt.Errorf("status: %w", err)
	}
	c.chainID = st.NodeInfo.Network
	return c.chainID, nil
}

// Broadcast submits tx bytes with broadcast_tx_sync and returns the tx hash
// once CheckTx passed; a refusal is a *TxError, a duplicate ErrTxInCache
// (with the hash).
func (c *Client) Broadcast(ctx context.Context, tx []byte) (string, error) {
	hash := TxHash(tx)
	res, err := c.rpc.BroadcastTxSync(ctx, tx)
	if err != nil {
		// CometBFT sends the mempool's error as JSON-RPC error text only.
		if strings.Contains(err.Error(), ErrTxInCache.Error()) {
			return hash, fmt.Errorf("broadcast tx %s: %w", hash, ErrTxInCache)
		}
		return "", fmt.Errorf("broadcast tx %s: %w", hash, err)
	}
	if res.Code != 0 {
		return "", &TxError{Hash: hash, Code: res.Code, Codespace: res.Codespace, Log: res.Log}
	}
	return hash, nil
}

// WaitTx polls tx by hash until the node has it in a block, and returns it
// whatever its code.
func (c *Client) WaitTx(ctx context.Context, hash string) (*ctypes.ResultTx, error) {
	b, err := hex.DecodeString(hash)
	if err != nil {
		return nil, fmt.Errorf("wait for tx %s: %w", hash, err)
	}
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		res, err := c.rpc.Tx(ctx, b, false)
		if err == nil {
			return res, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for tx %s: %w (last: %v)", hash, ctx.Err(), err)
		case <-t.C:
		}
	}
}

// SendParams is one bank send of upokt.
type SendParams struct {
	From     *Key
	To       string // "pokt1..."
	Amount   uint64 // upokt
	Fee      uint64 // upokt
	Memo     string
	GasLimit uint64 // 0 = DefaultGasLimit
}

// Send signs and broadcasts a send with the sender's current account number
// and sequence, and returns the tx hash. Sends from one client are
// serialised and count the txs still in the mempool, so several sends of one
// account may follow each other within a block.
func (c *Client) Send(ctx context.Context, p SendParams) (string, error) {
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return "", fmt.Errorf("send: %w", err)
	}
	from := p.From.Address()
	acc, err := c.Account(ctx, from)
	if err != nil {
		return "", fmt.Errorf("send from %s: %w", from, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	seq := max(acc.Sequence, c.next[from])
	hash, err := c.sendSeq(ctx, p, chainID, acc.Number, seq)
	var txErr *TxError
	if errors.As(err, &txErr) && txErr.Code == sdkerrors.ErrWrongSequence.ABCICode() {
		// A tx counted in next was dropped from the mempool: take the
		// sequence the node expects and try once more.
		if want, ok := expectedSequence(txErr.Log); ok {
			seq = want
			hash, err = c.sendSeq(ctx, p, chainID, acc.Number, seq)
		}
	}
	if err != nil {
		return "", fmt.Errorf("send from %s: %w", from, err)
	}
	c.next[from] = seq + 1
	return hash, nil
}

func (c *Client) sendSeq(ctx context.Context, p SendParams, chainID string, number, seq uint64) (string, error) {
	tx, err := Tx{
		Signer: p.From, Msgs: []*banktypes.MsgSend{MsgSend(p.From.Address(), p.To, UPOKT(p.Amount))},
		Memo: p.Memo, Fee: UPOKT(p.Fee), GasLimit: p.GasLimit,
		AccountNumber: number, Sequence: seq, ChainID: chainID,
	}.Sign()
	if err != nil {
		return "", err
	}
	return c.Broadcast(ctx, tx)
}

var expectedSeqRe = regexp.MustCompile(`expected (\d+), got \d+`)

// expectedSequence reads the SDK's "account sequence mismatch, expected N,
// got M" log; the node gives the number only in text.
func expectedSequence(log string) (uint64, bool) {
	m := expectedSeqRe.FindStringSubmatch(log)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseUint(m[1], 10, 64)
	return n, err == nil
}
