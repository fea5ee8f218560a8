package pokt

import "context"

// Node is what every protocol's client serves, in the neutral model. The
// constructor in package protocol returns one; callers declare the smaller
// interfaces they use.
type Node interface {
	// ChainID returns the chain id the node serves.
	ChainID(ctx context.Context) (string, error)
	// Height returns the height of the latest block.
	Height(ctx context.Context) (int64, error)
	// Tx returns the committed tx with this hash (either case, 0x optional),
	// or an error wrapping ErrTxNotFound when the node does not know it.
	// A tx that failed on chain is returned with Code != 0.
	Tx(ctx context.Context, hash string) (*Tx, error)
	// ReceivedTxs returns every tx received by address with
	// fromHeight <= height <= toHeight, oldest first, without duplicates.
	ReceivedTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]Tx, error)
	// SentTxs returns every tx sent by address with fromHeight <= height
	// <= toHeight, oldest first, without duplicates, failed ones included
	// (Code != 0): a signer reads the vault's payouts with it.
	SentTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]Tx, error)
	// Balance returns the address's balance in upokt.
	Balance(ctx context.Context, address string) (uint64, error)
	// SendRawTx broadcasts a signed tx and returns its hash (upper-case hex).
	SendRawTx(ctx context.Context, fromAddress string, rawTx []byte) (string, error)
}
