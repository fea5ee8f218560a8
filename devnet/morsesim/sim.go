// Package morsesim simulates a Pocket (Morse) node's RPC over real HTTP, for
// tests and the devnet: accounts with balances, a mempool, blocks made on a
// timer or on demand, and the endpoints the bridge uses, answered in the
// node's JSON shapes, quirks included:
//
//   - POST /v1/query/height            {} -> {"height":N}
//   - POST /v1/query/block             {"height":H} (0 = latest) -> {"block":{"header":{"chain_id",...}},"block_meta":{...}}
//   - POST /v1/query/tx                {"hash":"HEX","prove":false} -> the tx; 400 {"code":400,"message":"tx (HASH) not found"}
//   - POST /v1/query/accounttxs        {"address","page","per_page","received","prove","order"} -> {"page_count","total_txs","txs"}
//     newest first whatever the order asked ("asc" too), page_count = number
//     of txs on the page, per_page 30 when left out and capped at
//     Config.MaxPerPage, a page past the end is 400 "page should be within
//     [1, N] range, given P"; failed txs are listed too, with their code
//   - POST /v1/query/balance           {"address","height":0} -> {"balance":N}
//   - POST /v1/client/rawtx            {"address","raw_hex_bytes"} -> {"height":"0","txhash",...}, with
//     "code"/"codespace"/"raw_log" when CheckTx refuses the tx
//
// and, for tests and a devnet CLI only (a real node has none of these):
// POST /devnet/send {"from","to","amount","memo"}, /devnet/fund
// {"address","amount"}, /devnet/block {}, /devnet/drop {"hash"},
// /devnet/fail {"code","codespace","log"}.
//
// Tx hashes are sha256 of the tx bytes, upper-case hex, as Tendermint's.
//
// # The raw tx stand-in
//
// A real raw tx is Amino binary; the simulator takes a stand-in instead.
// raw_hex_bytes is the hex of a JSON object
//
//	{"msg":{"amount":"A","from_address":"F","to_address":"T"},"fee":"FEE","memo":"M",
//	 "entropy":E,"public_key":"HEX32","signature":"HEX64"}
//
// (amounts and fee as decimal strings of upokt, addresses as 40 hex
// characters, entropy a JSON integer) whose signature is ed25519 over the
// canonical JSON of the unsigned part: {"entropy":E,"fee":"FEE","memo":"M",
// "msg":{"amount":"A","from_address":"F","to_address":"T"}}, keys sorted and
// no spaces, exactly as encoding/json writes it. The sender address is the
// first 20 bytes of sha256(public key), as on Morse. SignSend builds one.
// CheckTx refuses (HTTP 200, code != 0): an undecodable tx (sdk 2), a bad
// signature or a key that does not own from_address (sdk 4), a zero amount
// (sdk 11), a memo too long (auth 1), a fee below the configured fee (auth
// 4), a replay of signer+entropy (auth 6), and a balance that cannot pay
// amount + fee after what the mempool already spends (sdk 10).
//
// # Failed txs
//
// A tx whose sender cannot pay amount + fee when its block is made is
// included with code 10, codespace "sdk", and moves nothing (not even the
// fee), as on the real node. FailNext makes the next included tx fail with
// any code. Sim.Send does not check the balance, so it can make such txs.
package morsesim

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Defaults of Config.
const (
	DefaultChainID      = "localnet"
	DefaultFeeUpokt     = 10000
	DefaultMaxPerPage   = 1000
	DefaultReorgDepth   = 10
	DefaultMaxMemoBytes = 256
)

// Config configures a Sim. Zero values take the defaults above.
type Config struct {
	// ChainID is the chain_id of every block header.
	ChainID string
	// FeeUpokt is the fee of a send, paid by the sender and burnt.
	FeeUpokt uint64
	// MaxPerPage caps accounttxs' per_page.
	MaxPerPage int
	// ReorgDepth is how many of the latest blocks Drop can remove a tx from.
	ReorgDepth int
	// MaxMemoBytes bounds a memo.
	MaxMemoBytes int
	// Delay is waited before every HTTP answer (see also SetDelay).
	Delay time.Duration
}

// Errors of the Go API.
var (
	ErrUnknownTx    = errors.New("unknown tx")
	ErrTooOld       = errors.New("tx is older than the reorg depth")
	ErrCannotRevert = errors.New("cannot revert tx: the recipient spent the funds")
	ErrInvalidSend  = errors.New("invalid send")
)

// RejectedError is a raw tx refused at CheckTx.
type RejectedError struct {
	Hash      string
	Code      uint32
	Codespace string
	Log       string
}

func (e *RejectedError) Error() string {
	return fmt.Sprintf("tx %s rejected: code %d codespace %s: %s", e.Hash, e.Code, e.Codespace, e.Log)
}

type txRecord struct {
	hash      string // upper-case hex
	raw       []byte
	height    int64
	index     uint32
	code      uint32
	codespace string
	log       string
	from, to  string
	amount    uint64
	fee       uint64
	memo      string
	entropy   int64
	pubKey    string // hex, empty for Sim.Send
	signature string // hex, empty for Sim.Send
}

type block struct {
	height int64
	time   time.Time
	hash   string
	txs    []*txRecord
}

type failure struct {
	code      uint32
	codespace string
	log       string
}

// Sim is a simulated Morse node. It is safe for concurrent use.
type Sim struct {
	cfg Config

	mu        sync.Mutex
	delay     time.Duration
	blocks    []*block // blocks[i].height == i+1
	txs       map[string]*txRecord
	mempool   []*txRecord
	balances  map[string]uint64
	received  map[string][]*txRecord // oldest first
	sent      map[string][]*txRecord // oldest first
	entropies map[string]bool        // signer + entropy of every tx in the mempool or chain
	failures  []failure
}

// New returns a simulator at height 1 (an empty genesis block).
func New(cfg Config) *Sim {
	if cfg.ChainID == "" {
		cfg.ChainID = DefaultChainID
	}
	if cfg.FeeUpokt == 0 {
		cfg.FeeUpokt = DefaultFeeUpokt
	}
	if cfg.MaxPerPage <= 0 {
		cfg.MaxPerPage = DefaultMaxPerPage
	}
	if cfg.ReorgDepth <= 0 {
		cfg.ReorgDepth = DefaultReorgDepth
	}
	if cfg.MaxMemoBytes <= 0 {
		cfg.MaxMemoBytes = DefaultMaxMemoBytes
	}
	s := &Sim{
		cfg:       cfg,
		delay:     cfg.Delay,
		txs:       make(map[string]*txRecord),
		balances:  make(map[string]uint64),
		received:  make(map[string][]*txRecord),
		sent:      make(map[string][]*txRecord),
		entropies: make(map[string]bool),
	}
	s.appendBlock(nil)
	return s
}

// Config returns the simulator's configuration, defaults filled in.
func (s *Sim) Config() Config { return s.cfg }

// SetDelay changes the delay waited before every HTTP answer.
func (s *Sim) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Height returns the height of the latest block.
func (s *Sim) Height() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.height()
}

func (s *Sim) height() int64 { return int64(len(s.blocks)) }

// Fund adds upokt to addr's balance at once (a faucet, outside any block).
func (s *Sim) Fund(addr string, upokt uint64) error {
	a, err := normalizeAddress(addr)
	if err != nil {
		return fmt.Errorf("fund: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.balances[a]+upokt < s.balances[a] {
		return fmt.Errorf("fund %s: balance overflows uint64", a)
	}
	s.balances[a] += upokt
	return nil
}

// Balance returns addr's balance in upokt (0 for an invalid address).
func (s *Sim) Balance(addr string) uint64 {
	a, err := normalizeAddress(addr)
	if err != nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.balances[a]
}

// Send puts into the mempool a send of amount upokt from from to to, with
// memo; it is included at the next block, where the sender pays amount plus
// the fee. No signature is needed and the balance is not checked here: a
// sender that cannot pay when the block is made gets a failed tx (code 10).
// It returns the tx hash.
func (s *Sim) Send(from, to string, amount uint64, memo string) (string, error) {
	f, err := normalizeAddress(from)
	if err != nil {
		return "", fmt.Errorf("send: %w: from: %w", ErrInvalidSend, err)
	}
	t, err := normalizeAddress(to)
	if err != nil {
		return "", fmt.Errorf("send: %w: to: %w", ErrInvalidSend, err)
	}
	if amount == 0 {
		return "", fmt.Errorf("send: %w: amount is 0", ErrInvalidSend)
	}
	if len(memo) > s.cfg.MaxMemoBytes {
		return "", fmt.Errorf("send: %w: memo of %d bytes, at most %d", ErrInvalidSend, len(memo), s.cfg.MaxMemoBytes)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var entropy int64
	for {
		entropy = randomInt64()
		if !s.entropies[entropyKey(f, entropy)] {
			break
		}
	}
	w := wireSend{
		Msg:     wireSendMsg{Amount: fmt.Sprint(amount), FromAddress: f, ToAddress: t},
		Fee:     fmt.Sprint(s.cfg.FeeUpokt),
		Memo:    memo,
		Entropy: entropy,
	}
	raw, err := json.Marshal(w)
	if err != nil {
		return "", fmt.Errorf("send: %w", err)
	}
	rec := &txRecord{
		hash: hashOf(raw), raw: raw, from: f, to: t,
		amount: amount, fee: s.cfg.FeeUpokt, memo: memo, entropy: entropy,
	}
	s.entropies[entropyKey(f, entropy)] = true
	s.mempool = append(s.mempool, rec)
	return rec.hash, nil
}

// BroadcastRawTx runs CheckTx on a stand-in raw tx (see the package
// documentation) and puts it into the mempool, as /v1/client/rawtx does. A
// refused tx is a *RejectedError.
func (s *Sim) BroadcastRawTx(raw []byte) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.checkTx(raw)
}

func (s *Sim) checkTx(raw []byte) (string, error) {
	hash := hashOf(raw)
	reject := func(codespace string, code uint32, format string, args ...any) error {
		return &RejectedError{Hash: hash, Code: code, Codespace: codespace, Log: fmt.Sprintf(format, args...)}
	}
	send, err := DecodeSignedSend(raw)
	switch {
	case errors.Is(err, errBadSignature):
		return "", reject("sdk", 4, "unauthorized: %v", err)
	case err != nil:
		return "", reject("sdk", 2, "tx parse error: %v", err)
	}
	if send.Amount == 0 {
		return "", reject("sdk", 11, "invalid coins: amount is 0")
	}
	if len(send.Memo) > s.cfg.MaxMemoBytes {
		return "", reject("auth", 1, "the transaction memo is invalid: %d bytes, at most %d", len(send.Memo), s.cfg.MaxMemoBytes)
	}
	if send.Fee < s.cfg.FeeUpokt {
		return "", reject("auth", 4, "the fee for the transaction was insufficient: expected %dupokt, actual %dupokt", s.cfg.FeeUpokt, send.Fee)
	}
	if s.entropies[entropyKey(send.From, send.Entropy)] {
		return "", reject("auth", 6, "the transaction hash is already found, this is a duplicate transaction: %s", strings.ToLower(hash))
	}
	need := send.Amount + send.Fee
	pending := s.pendingSpend(send.From)
	if need < send.Amount || pending+need < pending || s.balances[send.From] < pending+need {
		return "", reject("sdk", 10, "insufficient coins: %s has %dupokt, needs %dupokt", send.From, s.balances[send.From], pending+need)
	}
	rec := &txRecord{
		hash: hash, raw: raw, from: send.From, to: send.To,
		amount: send.Amount, fee: send.Fee, memo: send.Memo, entropy: send.Entropy,
		pubKey: hex.EncodeToString(send.PublicKey), signature: hex.EncodeToString(send.Signature),
	}
	s.entropies[entropyKey(send.From, send.Entropy)] = true
	s.mempool = append(s.mempool, rec)
	return hash, nil
}

func (s *Sim) pendingSpend(addr string) uint64 {
	var sum uint64
	for _, rec := range s.mempool {
		if rec.from == addr {
			sum += rec.amount + rec.fee
		}
	}
	return sum
}

// FailNext makes the next tx included in a block fail with this code,
// codespace and log, moving nothing. Calls queue up, one per tx.
func (s *Sim) FailNext(code uint32, codespace, log string) {
	if code == 0 {
		code = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{code: code, codespace: codespace, log: log})
}

// MempoolSize returns the number of txs waiting for the next block.
func (s *Sim) MempoolSize() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.mempool)
}

// NextBlock makes a block holding the mempool's txs, in the order they came,
// and returns its height.
func (s *Sim) NextBlock() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	txs := s.mempool
	s.mempool = nil
	height := s.height() + 1
	for i, rec := range txs {
		rec.height, rec.index = height, uint32(i)
		s.apply(rec)
		s.txs[rec.hash] = rec
		s.received[rec.to] = append(s.received[rec.to], rec)
		s.sent[rec.from] = append(s.sent[rec.from], rec)
	}
	s.appendBlock(txs)
	return height
}

func (s *Sim) apply(rec *txRecord) {
	if len(s.failures) > 0 {
		f := s.failures[0]
		s.failures = s.failures[1:]
		rec.code, rec.codespace, rec.log = f.code, f.codespace, f.log
		return
	}
	need := rec.amount + rec.fee
	if need < rec.amount || s.balances[rec.from] < need {
		rec.code, rec.codespace = 10, "sdk"
		rec.log = fmt.Sprintf("insufficient coins: %s has %dupokt, needs %dupokt", rec.from, s.balances[rec.from], need)
		return
	}
	if s.balances[rec.to]+rec.amount < s.balances[rec.to] {
		rec.code, rec.codespace, rec.log = 11, "sdk", "invalid coins: recipient balance overflows"
		return
	}
	s.balances[rec.from] -= need
	s.balances[rec.to] += rec.amount
}

func (s *Sim) appendBlock(txs []*txRecord) {
	height := s.height() + 1
	h := sha256.New()
	fmt.Fprintf(h, "%s/%d", s.cfg.ChainID, height)
	for _, rec := range txs {
		h.Write([]byte(rec.hash))
	}
	s.blocks = append(s.blocks, &block{
		height: height,
		time:   time.Now().UTC(),
		hash:   strings.ToUpper(hex.EncodeToString(h.Sum(nil))),
		txs:    txs,
	})
}

// Run makes a block every interval until ctx is done.
func (s *Sim) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.NextBlock()
		}
	}
}

// Drop removes a tx, as a reorg would: from the mempool, or from one of the
// latest ReorgDepth blocks, reverting what it moved. /v1/query/tx no longer
// finds it and accounttxs no longer lists it. A tx whose recipient already
// spent the funds cannot be dropped (ErrCannotRevert).
func (s *Sim) Drop(hash string) error {
	h := strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(hash, "0x"), "0X"))
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rec := range s.mempool {
		if rec.hash == h {
			s.mempool = append(s.mempool[:i:i], s.mempool[i+1:]...)
			delete(s.entropies, entropyKey(rec.from, rec.entropy))
			return nil
		}
	}
	rec, ok := s.txs[h]
	if !ok {
		return fmt.Errorf("drop %s: %w", h, ErrUnknownTx)
	}
	if rec.height <= s.height()-int64(s.cfg.ReorgDepth) {
		return fmt.Errorf("drop %s: %w: height %d, latest %d, depth %d", h, ErrTooOld, rec.height, s.height(), s.cfg.ReorgDepth)
	}
	if rec.code == 0 {
		if s.balances[rec.to] < rec.amount {
			return fmt.Errorf("drop %s: %w", h, ErrCannotRevert)
		}
		s.balances[rec.to] -= rec.amount
		s.balances[rec.from] += rec.amount + rec.fee
	}
	delete(s.txs, h)
	delete(s.entropies, entropyKey(rec.from, rec.entropy))
	s.received[rec.to] = without(s.received[rec.to], rec)
	s.sent[rec.from] = without(s.sent[rec.from], rec)
	b := s.blocks[rec.height-1]
	b.txs = without(b.txs, rec)
	return nil
}

func without(list []*txRecord, rec *txRecord) []*txRecord {
	out := list[:0:0]
	for _, r := range list {
		if r != rec {
			out = append(out, r)
		}
	}
	return out
}

func entropyKey(signer string, entropy int64) string { return fmt.Sprintf("%s/%d", signer, entropy) }

func hashOf(raw []byte) string {
	sum := sha256.Sum256(raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func randomInt64() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return int64(binary.BigEndian.Uint64(b[:]))
}
