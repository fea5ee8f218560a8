package starters

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

type fixedNonces struct {
	n   uint64
	err error
}

func (f fixedNonces) LastNonce(context.Context, string) (uint64, error) { return f.n, f.err }

// TestPocketScannerReadingCarriesTheRecipientsNonce: a mint's reading
// carries the recipient's last nonce as this node reads it (a refund's
// none); when it cannot be read the round fails and the cursor stays, so
// that no reading goes out without it.
func TestPocketScannerReadingCarriesTheRecipientsNonce(t *testing.T) {
	const memo = `{"address":"0x1111111111111111111111111111111111111111","chain_id":"1"}`
	page := pageSource{txs: []pokt.Tx{
		{Hash: "AA", Height: 9, From: alice, To: vault, Amount: 5_000_000, Memo: memo},
		{Hash: "BB", Height: 10, From: alice, To: vault, Amount: 5_000_000, Memo: "no memo"},
	}}
	tc, cursors := &fakeTemporal{}, &memCursors{}
	s := pocketScanner(nil, tc, cursors, "node-4")
	s.Chain, s.Nonces = page, fixedNonces{err: errors.New("eth rpc down")}
	_, err := s.ScanOnce(context.Background())
	require.ErrorContains(t, err, "read the mint nonce of 0x1111111111111111111111111111111111111111")
	require.NotContains(t, tc.ids(), transfer.MintWorkflowID("AA"), "no mint reading without its nonce")
	_, found, _ := cursors.Cursor(context.Background(), "node-4", ChainPocket)
	require.False(t, found)

	s.Nonces = fixedNonces{n: 7}
	_, err = s.ScanOnce(context.Background())
	require.NoError(t, err)
	mint, refund := tc.call(t, transfer.MintWorkflowID("AA")), tc.call(t, transfer.MintWorkflowID("BB"))
	require.Equal(t, transfer.ClassMint, mint.seen.Report.Class)
	require.EqualValues(t, 7, mint.seen.Report.RecipientNonce)
	require.Zero(t, refund.seen.Report.RecipientNonce)
	requireSignedBy(t, "node-4", mint.id, mint.seen)
}
