package web

import (
	"context"

	"github.com/wpokt/bridge/store"
)

// Projection is what the page reads from the bridge's MongoDB projection.
// store.Reader implements it with read-only queries answered from indexes.
type Projection interface {
	// Transfer reads one transfer by ID (an error wrapping
	// store.ErrNotFound if there is none).
	Transfer(ctx context.Context, id string) (*store.Document, error)
	// BySourceTx lists the transfers of one source tx (a deposit, or the
	// burn logs of one Ethereum tx).
	BySourceTx(ctx context.Context, hash string) ([]store.Document, error)
	// ByAddress lists an address's recent transfers, newest first.
	ByAddress(ctx context.Context, spellings []string, limit int) ([]store.Document, error)
	// Healths reads the nodes' heartbeats (all of them when nodeIDs is empty).
	Healths(ctx context.Context, nodeIDs []string) ([]store.Health, error)
	// Bridge reads the bridge-wide document (store.ErrNotFound before any
	// node wrote it).
	Bridge(ctx context.Context) (store.BridgeState, error)
}

var _ Projection = (*store.Reader)(nil)
