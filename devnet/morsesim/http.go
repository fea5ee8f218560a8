package morsesim

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The node's JSON shapes, keys in the sorted order the real node writes
// them (it re-encodes its answers through a map).

type rpcTx struct {
	Hash     string      `json:"hash"`
	Height   int64       `json:"height"`
	Index    uint32      `json:"index"`
	Proof    rpcProof    `json:"proof"`
	StdTx    rpcStdTx    `json:"stdTx"`
	Tx       string      `json:"tx"`
	TxResult rpcTxResult `json:"tx_result"`
}

type rpcProof struct {
	Data  any `json:"data"`
	Proof struct {
		Aunts    any `json:"aunts"`
		Index    int `json:"index"`
		LeafHash any `json:"leaf_hash"`
		Total    int `json:"total"`
	} `json:"proof"`
	RootHash string `json:"root_hash"`
}

type rpcStdTx struct {
	Entropy   int64     `json:"entropy"`
	Fee       []rpcCoin `json:"fee"`
	Memo      string    `json:"memo"`
	Msg       rpcMsg    `json:"msg"`
	Signature rpcSig    `json:"signature"`
}

type rpcCoin struct {
	Amount string `json:"amount"`
	Denom  string `json:"denom"`
}

type rpcMsg struct {
	Type  string      `json:"type"`
	Value wireSendMsg `json:"value"`
}

type rpcSig struct {
	PubKey    string `json:"pub_key"`
	Signature string `json:"signature"`
}

// rpcTxResult leaves out zero values, as the node does (code 0 is absent).
type rpcTxResult struct {
	Code        uint32 `json:"code,omitempty"`
	Codespace   string `json:"codespace,omitempty"`
	Log         string `json:"log,omitempty"`
	MessageType string `json:"message_type,omitempty"`
	Recipient   string `json:"recipient,omitempty"`
	Signer      string `json:"signer,omitempty"`
}

type rpcAccountTxs struct {
	PageCount int     `json:"page_count"`
	TotalTxs  int     `json:"total_txs"`
	Txs       []rpcTx `json:"txs"`
}

type rpcBlockID struct {
	Hash  string `json:"hash"`
	Parts struct {
		Hash  string `json:"hash"`
		Total string `json:"total"`
	} `json:"parts"`
}

type rpcHeader struct {
	AppHash            string     `json:"app_hash"`
	ChainID            string     `json:"chain_id"`
	ConsensusHash      string     `json:"consensus_hash"`
	DataHash           string     `json:"data_hash"`
	EvidenceHash       string     `json:"evidence_hash"`
	Height             string     `json:"height"`
	LastBlockID        rpcBlockID `json:"last_block_id"`
	LastCommitHash     string     `json:"last_commit_hash"`
	LastResultsHash    string     `json:"last_results_hash"`
	NextValidatorsHash string     `json:"next_validators_hash"`
	NumTxs             string     `json:"num_txs"`
	ProposerAddress    string     `json:"proposer_address"`
	Time               string     `json:"time"`
	TotalTxs           string     `json:"total_txs"`
	ValidatorsHash     string     `json:"validators_hash"`
	Version            struct {
		App   string `json:"app"`
		Block string `json:"block"`
	} `json:"version"`
}

type rpcBlock struct {
	Block struct {
		Data struct {
			Txs []string `json:"txs"`
		} `json:"data"`
		Evidence struct {
			Evidence any `json:"evidence"`
		} `json:"evidence"`
		Header     rpcHeader `json:"header"`
		LastCommit struct {
			BlockID    rpcBlockID `json:"block_id"`
			Precommits any        `json:"precommits"`
		} `json:"last_commit"`
	} `json:"block"`
	BlockMeta struct {
		BlockID rpcBlockID `json:"block_id"`
		Header  rpcHeader  `json:"header"`
	} `json:"block_meta"`
}

type rpcLog struct {
	Events []rpcEvent `json:"events"`
	Log    string     `json:"log"`
	MsgIdx int        `json:"msg_index"`
	OK     bool       `json:"success"`
}

type rpcEvent struct {
	Attributes []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"attributes"`
	Type string `json:"type"`
}

type rpcRawTxResult struct {
	Code      uint32   `json:"code,omitempty"`
	Codespace string   `json:"codespace,omitempty"`
	Height    string   `json:"height"`
	Logs      []rpcLog `json:"logs,omitempty"`
	RawLog    string   `json:"raw_log,omitempty"`
	TxHash    string   `json:"txhash"`
}

// httpError is an error answered as 400 {"code":400,"message":...}.
type httpError struct {
	status int
	msg    string
}

func badRequest(format string, args ...any) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// Handler returns the simulator's HTTP handler.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1", s.version)
	routes := map[string]func([]byte) (any, *httpError){
		"/v1/query/height":     s.queryHeight,
		"/v1/query/block":      s.queryBlock,
		"/v1/query/tx":         s.queryTx,
		"/v1/query/accounttxs": s.queryAccountTxs,
		"/v1/query/balance":    s.queryBalance,
		"/v1/client/rawtx":     s.clientRawTx,
		"/devnet/send":         s.devnetSend,
		"/devnet/fund":         s.devnetFund,
		"/devnet/block":        s.devnetBlock,
		"/devnet/drop":         s.devnetDrop,
		"/devnet/fail":         s.devnetFail,
	}
	for path, fn := range routes {
		mux.HandleFunc(path, s.post(fn))
	}
	return mux
}

// Serve answers on l in a new goroutine until the returned server is closed.
func (s *Sim) Serve(l net.Listener) *http.Server {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }() // ends with http.ErrServerClosed on Close
	return srv
}

func (s *Sim) version(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"code": 405, "message": "method not allowed"})
		return
	}
	writeJSON(w, http.StatusOK, "RC-0.11.1-poktsim")
}

// post wraps an endpoint: POST only, the configured delay, a body read as
// the node does (at most 1 MiB, empty means defaults), JSON out.
func (s *Sim) post(fn func([]byte) (any, *httpError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"code": 405, "message": "method not allowed"})
			return
		}
		// Read the body first: only then does the server notice a client
		// that hangs up during the delay.
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"code": 400, "message": err.Error()})
			return
		}
		s.mu.Lock()
		delay := s.delay
		s.mu.Unlock()
		if delay > 0 {
			t := time.NewTimer(delay)
			select {
			case <-r.Context().Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		res, herr := fn(body)
		if herr != nil {
			writeJSON(w, herr.status, map[string]any{"code": herr.status, "message": herr.msg})
			return
		}
		writeJSON(w, http.StatusOK, res)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client may be gone
}

// popModel reads a request body as the node does: empty means defaults.
func popModel(body []byte, v any) *httpError {
	if len(body) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return badRequest("%v", err)
	}
	return nil
}

func (s *Sim) queryHeight([]byte) (any, *httpError) {
	return map[string]int64{"height": s.Height()}, nil
}

func (s *Sim) queryBlock(body []byte) (any, *httpError) {
	var p struct {
		Height int64 `json:"height"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	latest := s.height()
	if p.Height == 0 {
		p.Height = latest
	}
	if p.Height < 0 || p.Height > latest {
		return nil, badRequest("height %d must be less than or equal to the current blockchain height %d", p.Height, latest)
	}
	return s.blockJSON(s.blocks[p.Height-1]), nil
}

func (s *Sim) blockJSON(b *block) rpcBlock {
	var out rpcBlock
	h := rpcHeader{
		ChainID:  s.cfg.ChainID,
		Height:   strconv.FormatInt(b.height, 10),
		NumTxs:   strconv.Itoa(len(b.txs)),
		Time:     b.time.Format(time.RFC3339Nano),
		TotalTxs: strconv.Itoa(len(s.txs)),
	}
	h.Version.App, h.Version.Block = "0", "10"
	h.LastBlockID.Parts.Total = "0"
	if b.height > 1 {
		h.LastBlockID.Hash = s.blocks[b.height-2].hash
		h.LastBlockID.Parts.Total = "1"
	}
	out.Block.Header = h
	for _, rec := range b.txs {
		out.Block.Data.Txs = append(out.Block.Data.Txs, base64.StdEncoding.EncodeToString(rec.raw))
	}
	out.Block.LastCommit.BlockID = h.LastBlockID
	out.BlockMeta.Header = h
	out.BlockMeta.BlockID.Hash = b.hash
	out.BlockMeta.BlockID.Parts.Total = "1"
	return out
}

func (s *Sim) queryTx(body []byte) (any, *httpError) {
	var p struct {
		Hash  string `json:"hash"`
		Prove bool   `json:"prove"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	b, err := hex.DecodeString(p.Hash)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.txs[strings.ToUpper(hex.EncodeToString(b))]
	if !ok {
		return nil, badRequest("tx (%X) not found", b)
	}
	return s.txJSON(rec), nil
}

func (s *Sim) txJSON(rec *txRecord) rpcTx {
	t := rpcTx{
		Hash:   rec.hash,
		Height: rec.height,
		Index:  rec.index,
		StdTx: rpcStdTx{
			Entropy:   rec.entropy,
			Fee:       []rpcCoin{{Amount: strconv.FormatUint(rec.fee, 10), Denom: "upokt"}},
			Memo:      rec.memo,
			Msg:       rpcMsg{Type: "pos/Send", Value: wireSendMsg{Amount: strconv.FormatUint(rec.amount, 10), FromAddress: rec.from, ToAddress: rec.to}},
			Signature: rpcSig{PubKey: rec.pubKey, Signature: rec.signature},
		},
		Tx: base64.StdEncoding.EncodeToString(rec.raw),
		TxResult: rpcTxResult{
			Code:        rec.code,
			Codespace:   rec.codespace,
			Log:         rec.log,
			MessageType: "send",
			Recipient:   strings.ToUpper(rec.to),
			Signer:      strings.ToUpper(rec.from),
		},
	}
	return t
}

func (s *Sim) queryAccountTxs(body []byte) (any, *httpError) {
	var p struct {
		Address  string `json:"address"`
		Page     int    `json:"page"`
		PerPage  int    `json:"per_page"`
		Received bool   `json:"received"`
		Prove    bool   `json:"prove"`
		Order    string `json:"order"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	if _, err := hex.DecodeString(p.Address); err != nil || len(p.Address) != 40 {
		return nil, badRequest("invalid address %q", clip(p.Address))
	}
	if p.Order != "" && p.Order != "asc" && p.Order != "desc" {
		return nil, badRequest("expected order_by to be either `asc` or `desc` or empty")
	}
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = 30
	}
	if p.PerPage > s.cfg.MaxPerPage {
		p.PerPage = s.cfg.MaxPerPage
	}
	addr := strings.ToLower(p.Address)
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.sent[addr]
	if p.Received {
		list = s.received[addr]
	}
	total := len(list)
	pages := (total + p.PerPage - 1) / p.PerPage
	if pages == 0 {
		pages = 1
	}
	if p.Page > pages {
		return nil, badRequest("page should be within [1, %d] range, given %d", pages, p.Page)
	}
	// Newest first, whatever the order asked: the real node's quirk.
	out := rpcAccountTxs{TotalTxs: total, Txs: []rpcTx{}}
	for i := (p.Page - 1) * p.PerPage; i < total && i < p.Page*p.PerPage; i++ {
		out.Txs = append(out.Txs, s.txJSON(list[total-1-i]))
	}
	out.PageCount = len(out.Txs) // the quirk: txs on this page, not pages
	return out, nil
}

func (s *Sim) queryBalance(body []byte) (any, *httpError) {
	var p struct {
		Address string `json:"address"`
		Height  int64  `json:"height"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	if _, err := hex.DecodeString(p.Address); err != nil || len(p.Address) != 40 {
		return nil, badRequest("invalid address %q", clip(p.Address))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.Height < 0 || p.Height > s.height() {
		return nil, badRequest("height %d must be less than or equal to the current blockchain height %d", p.Height, s.height())
	}
	// Only the latest state is kept: any height answers the latest balance.
	return map[string]uint64{"balance": s.balances[strings.ToLower(p.Address)]}, nil
}

func (s *Sim) clientRawTx(body []byte) (any, *httpError) {
	var p struct {
		Address     string `json:"address"`
		RawHexBytes string `json:"raw_hex_bytes"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	raw, err := hex.DecodeString(p.RawHexBytes)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hash, err := s.checkTx(raw)
	var rej *RejectedError
	if errors.As(err, &rej) {
		return rpcRawTxResult{Code: rej.Code, Codespace: rej.Codespace, Height: "0", RawLog: rej.Log, TxHash: rej.Hash}, nil
	}
	if err != nil {
		return nil, badRequest("%v", err)
	}
	ev := rpcEvent{Type: "message"}
	ev.Attributes = append(ev.Attributes, struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}{"action", "send"})
	logs := []rpcLog{{Events: []rpcEvent{ev}, OK: true}}
	rawLog, _ := json.Marshal(logs) // plain structs cannot fail
	return rpcRawTxResult{Height: "0", Logs: logs, RawLog: string(rawLog), TxHash: hash}, nil
}

// ---- devnet endpoints ----

func (s *Sim) devnetSend(body []byte) (any, *httpError) {
	var p struct {
		From   string      `json:"from"`
		To     string      `json:"to"`
		Amount json.Number `json:"amount"`
		Memo   string      `json:"memo"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	amount, err := parseDecimal(string(p.Amount))
	if err != nil {
		return nil, badRequest("amount: %v", err)
	}
	hash, err := s.Send(p.From, p.To, amount, p.Memo)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	return map[string]string{"txhash": hash}, nil
}

func (s *Sim) devnetFund(body []byte) (any, *httpError) {
	var p struct {
		Address string      `json:"address"`
		Amount  json.Number `json:"amount"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	amount, err := parseDecimal(string(p.Amount))
	if err != nil {
		return nil, badRequest("amount: %v", err)
	}
	addr, err := normalizeAddress(p.Address)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	if err := s.Fund(addr, amount); err != nil {
		return nil, badRequest("%v", err)
	}
	return map[string]any{"address": addr, "balance": s.Balance(addr)}, nil
}

func (s *Sim) devnetBlock([]byte) (any, *httpError) {
	return map[string]int64{"height": s.NextBlock()}, nil
}

func (s *Sim) devnetDrop(body []byte) (any, *httpError) {
	var p struct {
		Hash string `json:"hash"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	if err := s.Drop(p.Hash); err != nil {
		return nil, badRequest("%v", err)
	}
	return map[string]any{"hash": p.Hash, "dropped": true}, nil
}

func (s *Sim) devnetFail(body []byte) (any, *httpError) {
	var p struct {
		Code      uint32 `json:"code"`
		Codespace string `json:"codespace"`
		Log       string `json:"log"`
	}
	if err := popModel(body, &p); err != nil {
		return nil, err
	}
	s.FailNext(p.Code, p.Codespace, p.Log)
	return map[string]bool{"ok": true}, nil
}
