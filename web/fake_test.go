package web

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// fakeProjection is an in-memory Projection that counts its calls, so that
// a test can tell a refused input never reached a query.
type fakeProjection struct {
	mu      sync.Mutex
	docs    map[string]store.Document
	healths []store.Health
	bridge  *store.BridgeState
	err     error
	calls   int
}

func newFake(docs ...store.Document) *fakeProjection {
	f := &fakeProjection{docs: map[string]store.Document{}}
	for _, d := range docs {
		f.docs[d.ID] = d
	}
	return f
}

func (f *fakeProjection) called() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	return f.err
}

func (f *fakeProjection) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeProjection) Transfer(_ context.Context, id string) (*store.Document, error) {
	if err := f.called(); err != nil {
		return nil, err
	}
	d, ok := f.docs[id]
	if !ok {
		return nil, fmt.Errorf("transfer %s: %w", id, store.ErrNotFound)
	}
	return &d, nil
}

func (f *fakeProjection) BySourceTx(_ context.Context, hash string) ([]store.Document, error) {
	if err := f.called(); err != nil {
		return nil, err
	}
	var out []store.Document
	for _, d := range f.docs {
		if strings.EqualFold(strings.TrimPrefix(d.SourceTxHash, "0x"), hash) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b store.Document) int { return a.LogPosition - b.LogPosition })
	return out, nil
}

func (f *fakeProjection) ByAddress(_ context.Context, spellings []string, limit int) ([]store.Document, error) {
	if err := f.called(); err != nil {
		return nil, err
	}
	var out []store.Document
	for _, d := range f.docs {
		if slices.Contains(spellings, d.Sender) || slices.Contains(spellings, d.Recipient) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b store.Document) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out[:min(limit, len(out))], nil
}

func (f *fakeProjection) Healths(_ context.Context, _ []string) ([]store.Health, error) {
	if err := f.called(); err != nil {
		return nil, err
	}
	return f.healths, nil
}

func (f *fakeProjection) Bridge(_ context.Context) (store.BridgeState, error) {
	if err := f.called(); err != nil {
		return store.BridgeState{}, err
	}
	if f.bridge == nil {
		return store.BridgeState{}, fmt.Errorf("bridge: %w", store.ErrNotFound)
	}
	return *f.bridge, nil
}

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

const (
	pocketHash = "AB12000000000000000000000000000000000000000000000000000000000001"
	ethHash    = "0xcd34000000000000000000000000000000000000000000000000000000000002"
	morseAddr  = "2222222222222222222222222222222222222222"
	ethAddr    = "0x1111111111111111111111111111111111111111"
)

var testSettings = store.BridgeSettings{
	NodeIDs:   []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9", "node-10", "node-11", "node-12"},
	Threshold: 9, PocketConfirmations: 8, EthConfirmations: 32, PocketBlockTimeMs: 60_000, EthBlockTimeMs: 12_000,
}

var testExplorers = Explorers{
	PocketTx: "https://pocket.example/tx/{hash}", PocketAddress: "https://pocket.example/address/{address}",
	EthTx: "https://eth.example/tx/{hash}", EthAddress: "https://eth.example/address/{address}",
}

func mintDoc() store.Document {
	return store.Document{
		ID: "mint-" + strings.ToLower(pocketHash), TransferID: "mint-" + strings.ToLower(pocketHash), Kind: "mint", Classification: "mint",
		Status: "signed", SourceTxHash: pocketHash, Sender: morseAddr, Recipient: ethAddr, Amount: "12.5", AmountUpokt: 12_500_000,
		PayAmount: "12.5", PayAmountUpokt: 12_500_000, Nonce: 4, OrderID: "order-1", Confirmations: 8,
		Signers:  []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9"},
		Refusals: []store.Refusal{{NodeID: "node-12", Reason: "rpc says the tx is not confirmed"}},
		History: []store.StatusChange{{Status: "detected", At: t0}, {Status: "confirmed", At: t0.Add(8 * time.Minute)},
			{Status: "started", At: t0.Add(9 * time.Minute)}, {Status: "signed", At: t0.Add(10 * time.Minute)}},
		CreatedAt: t0, UpdatedAt: t0.Add(10 * time.Minute),
	}
}

func burnDoc(n int, status string) store.Document {
	id := fmt.Sprintf("burn-%s-%d", ethHash, n)
	return store.Document{
		ID: id, TransferID: id, Kind: "burn", Classification: "burn", Status: transfer.Status(status), SourceTxHash: ethHash, LogPosition: n,
		Sender: "0x1111111111111111111111111111111111111111", Recipient: morseAddr, Amount: "3", AmountUpokt: 3_000_000,
		PayAmount: "2.99", PayAmountUpokt: 2_990_000, Confirmations: 3, Signers: []string{}, Refusals: []store.Refusal{},
		CreatedAt: t0, UpdatedAt: t0,
	}
}
