package shannon

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// The node's JSON shapes (CometBFT v0.38). Only the fields the bridge reads
// are declared. Integers are read as jsonInt so that nothing is silently
// truncated: CometBFT prints 64-bit ones as strings, 32-bit ones as numbers.

// jsonInt is an integer's digits, from a JSON string or number.
type jsonInt string

func (n *jsonInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = jsonInt(s)
		return nil
	}
	var num json.Number
	if err := json.Unmarshal(b, &num); err != nil {
		return err
	}
	*n = jsonInt(num)
	return nil
}

type wireStatus struct {
	NodeInfo *struct {
		Network string `json:"network"`
		Other   struct {
			TxIndex string `json:"tx_index"`
		} `json:"other"`
	} `json:"node_info"`
	SyncInfo *struct {
		LatestBlockHeight   jsonInt   `json:"latest_block_height"`
		LatestBlockTime     time.Time `json:"latest_block_time"`
		EarliestBlockHeight jsonInt   `json:"earliest_block_height"`
		CatchingUp          bool      `json:"catching_up"`
	} `json:"sync_info"`
}

type wireTx struct {
	Hash     string        `json:"hash"`
	Height   jsonInt       `json:"height"`
	Index    jsonInt       `json:"index"`
	TxResult *wireTxResult `json:"tx_result"`
	// Tx is the base64 of the tx bytes; their sha256 is the hash.
	Tx string `json:"tx"`
}

type wireTxResult struct {
	Code      jsonInt     `json:"code"`
	Codespace string      `json:"codespace"`
	Log       string      `json:"log"`
	Events    []wireEvent `json:"events"`
}

type wireEvent struct {
	Type       string          `json:"type"`
	Attributes []wireAttribute `json:"attributes"`
}

type wireAttribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type wireTxSearch struct {
	Txs        []json.RawMessage `json:"txs"`
	TotalCount jsonInt           `json:"total_count"`
}

type wireBlock struct {
	BlockID *struct {
		Hash string `json:"hash"`
	} `json:"block_id"`
	Block *struct {
		Header *struct {
			ChainID string    `json:"chain_id"`
			Height  jsonInt   `json:"height"`
			Time    time.Time `json:"time"`
		} `json:"header"`
		Data *struct {
			Txs []string `json:"txs"`
		} `json:"data"`
	} `json:"block"`
}

type wireABCIQuery struct {
	Response *struct {
		Code      jsonInt `json:"code"`
		Log       string  `json:"log"`
		Value     []byte  `json:"value"` // base64
		Height    jsonInt `json:"height"`
		Codespace string  `json:"codespace"`
	} `json:"response"`
}

type wireBroadcast struct {
	Code      jsonInt `json:"code"`
	Log       string  `json:"log"`
	Codespace string  `json:"codespace"`
	Hash      string  `json:"hash"`
}

// parseInt parses a required integer field that must be >= min.
func parseInt(n jsonInt, what string, min int64) (int64, error) {
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

// parseUint32 parses an optional uint32 field (CometBFT omits zeros).
func parseUint32(n jsonInt, what string) (uint32, error) {
	if n == "" {
		return 0, nil
	}
	v, err := strconv.ParseUint(string(n), 10, 32)
	if err != nil {
		return 0, invalid(nil, "%s %q is not a uint32", what, truncate(string(n), 40))
	}
	return uint32(v), nil
}

// maxChainIDLen is CometBFT's bound on a chain id.
const maxChainIDLen = 50

func decodeStatus(res []byte) (*Status, error) {
	var w wireStatus
	if err := unmarshalObject(res, &w); err != nil {
		return nil, err
	}
	if w.NodeInfo == nil || w.SyncInfo == nil {
		return nil, invalid(nil, "status without node_info or sync_info")
	}
	id := w.NodeInfo.Network
	if err := checkChainID(id); err != nil {
		return nil, err
	}
	s := &Status{ChainID: id, LatestBlockTime: w.SyncInfo.LatestBlockTime, CatchingUp: w.SyncInfo.CatchingUp, TxIndex: w.NodeInfo.Other.TxIndex == "on"}
	var err error
	if s.LatestHeight, err = parseInt(w.SyncInfo.LatestBlockHeight, "latest_block_height", 1); err != nil {
		return nil, err
	}
	if s.EarliestHeight, err = parseInt(w.SyncInfo.EarliestBlockHeight, "earliest_block_height", 1); err != nil {
		return nil, err
	}
	if s.EarliestHeight > s.LatestHeight {
		return nil, invalid(nil, "earliest_block_height %d above latest_block_height %d", s.EarliestHeight, s.LatestHeight)
	}
	return s, nil
}

func checkChainID(id string) error {
	if id == "" || len(id) > maxChainIDLen {
		return invalid(nil, "chain id %q is empty or longer than %d", truncate(id, 64), maxChainIDLen)
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return invalid(nil, "chain id %q has a non-printable character", truncate(id, 64))
		}
	}
	return nil
}
