package store

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/wpokt/bridge/devnet/mongowire"
	"github.com/wpokt/bridge/transfer"
)

var mongoURI string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "store-test-")
	if err != nil {
		panic(err)
	}
	srv, err := mongowire.Start(context.Background(), mongowire.Options{Dir: dir})
	if err != nil {
		panic(err)
	}
	mongoURI = srv.URI()
	code := m.Run()
	srv.Stop()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

var dbSeq atomic.Int64

// newStore connects to a database of the test's own.
func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Connect(context.Background(), mongoURI, fmt.Sprintf("test%d", dbSeq.Add(1)), 10*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

var t0 = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func mintState(status transfer.Status, minute int) transfer.State {
	return transfer.State{
		WorkflowID: "mint-ab12", Kind: transfer.KindMint, Classification: "mint", Status: status,
		SourceTxHash: "AB12", Sender: "2222222222222222222222222222222222222222",
		Recipient: "0x1111111111111111111111111111111111111111", Amount: 12_500_000, PayAmount: 12_500_000,
		CreatedAt: t0, UpdatedAt: t0.Add(time.Duration(minute) * time.Minute), Revision: uint64(minute + 1),
	}
}

func TestProjectionOnlyMovesForward(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	for i, st := range []transfer.Status{transfer.StatusDetected, transfer.StatusConfirmed, transfer.StatusStarted} {
		require.NoError(t, s.Project(ctx, mintState(st, i)))
	}
	signed := mintState(transfer.StatusSigned, 5)
	signed.Signers = []string{"node-1", "node-2"}
	signed.OrderID = "order-1"
	require.NoError(t, s.Project(ctx, signed))

	// A stale write (a replayed or late activity) is dropped.
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusConfirmed, 9)))
	doc, err := s.Transfer(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, transfer.StatusSigned, doc.Status)
	require.Equal(t, Mints, doc.Collection)
	require.Equal(t, []string{"node-1", "node-2"}, doc.Signers)
	require.Equal(t, "12.5", doc.Amount)
	require.EqualValues(t, 12_500_000, doc.AmountUpokt)
	require.Equal(t, t0, doc.CreatedAt.UTC(), "created_at is set by the first write only")
	require.Equal(t, t0.Add(5*time.Minute), doc.UpdatedAt.UTC())

	// The same status again may update the reason, if it is a later
	// revision (both may carry the same workflow time).
	again := signed
	again.Reason = "co-signed by 9 nodes"
	again.Revision++
	older := signed
	older.Reason = "an older reason"
	require.NoError(t, s.Project(ctx, again))
	require.NoError(t, s.Project(ctx, older))
	doc, err = s.Transfer(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, "co-signed by 9 nodes", doc.Reason)

	require.NoError(t, s.Project(ctx, mintState(transfer.StatusExecuted, 10)))
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusFailed, 11)))
	doc, err = s.Transfer(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, transfer.StatusExecuted, doc.Status, "a final status is never replaced")

	n, err := s.Count(ctx, Mints, "")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
}

func TestTwelveConcurrentWritersMakeOneDocument(t *testing.T) {
	s := newStore(t)
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := mintState(transfer.StatusDetected, 0)
			st.SeenBy = []string{fmt.Sprintf("node-%d", i+1)}
			errs <- s.Project(context.Background(), st)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	n, err := s.Count(context.Background(), Mints, "")
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
}

func TestTransfersAreFiledByKind(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	refund := mintState(transfer.StatusRefunded, 1)
	refund.WorkflowID, refund.SourceTxHash, refund.Classification = "mint-cd34", "CD34", "refund"
	burn := transfer.State{WorkflowID: "burn-0xbeef-0", Kind: transfer.KindBurn, Classification: "burn",
		Status: transfer.StatusExecuted, SourceTxHash: "0xbeef", Amount: 3_000_000, PayAmount: 2_990_000, UpdatedAt: t0}
	unread := mintState(transfer.StatusDetected, 0)
	unread.WorkflowID, unread.Classification = "mint-ef56", ""
	for _, st := range []transfer.State{refund, burn, unread} {
		require.NoError(t, s.Project(ctx, st))
	}

	doc, err := s.Transfer(ctx, "mint-cd34")
	require.NoError(t, err)
	require.Equal(t, InvalidMints, doc.Collection)
	doc, err = s.Transfer(ctx, "burn-0xbeef-0")
	require.NoError(t, err)
	require.Equal(t, Burns, doc.Collection)
	require.Equal(t, "2.99", doc.PayAmount)
	_, err = s.Transfer(ctx, "mint-ef56")
	require.ErrorIs(t, err, ErrNotFound, "a deposit not yet read is not projected")

	docs, err := s.BySourceTx(ctx, "0xCD34")
	require.NoError(t, err)
	require.Len(t, docs, 1)
	docs, err = s.BySourceTx(ctx, "BEEF")
	require.NoError(t, err)
	require.Len(t, docs, 1)

	held, err := s.List(ctx, transfer.StatusRefunded, 10)
	require.NoError(t, err)
	require.Len(t, held, 1)
	all, err := s.List(ctx, "", 10)
	require.NoError(t, err)
	require.Len(t, all, 2)
}

func TestPriorRecord(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	rec, err := s.Prior(ctx, "mint-ab12")
	require.NoError(t, err)
	require.False(t, rec.Found)
	st := mintState(transfer.StatusExecuted, 3)
	st.OrderID, st.Reason = "order-9", "minted with nonce 4"
	require.NoError(t, s.Project(ctx, st))
	rec, err = s.Prior(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, transfer.PriorRecord{Found: true, Status: transfer.StatusExecuted, OrderID: "order-9", Reason: "minted with nonce 4"}, rec)
}

func TestUnknownStatusIsRefused(t *testing.T) {
	s := newStore(t)
	require.ErrorContains(t, s.Project(context.Background(), mintState("bogus", 0)), "unknown status")
}

func TestCursorsAndHeartbeats(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	_, found, err := s.Cursor(ctx, "node-1", "eth")
	require.NoError(t, err)
	require.False(t, found)
	require.NoError(t, s.SaveCursor(ctx, "node-1", "eth", 120))
	require.NoError(t, s.SaveCursor(ctx, "node-1", "eth", 180))
	require.NoError(t, s.SaveCursor(ctx, "node-2", "eth", 7))
	h, found, err := s.Cursor(ctx, "node-1", "eth")
	require.NoError(t, err)
	require.True(t, found)
	require.EqualValues(t, 180, h)

	require.NoError(t, s.Heartbeat(ctx, Health{NodeID: "node-1", PoktHeight: 10, Healthy: true, HeartbeatAt: t0}))
	require.NoError(t, s.Heartbeat(ctx, Health{NodeID: "node-1", PoktHeight: 11, Healthy: true, HeartbeatAt: t0}))
	hs, err := s.Healths(ctx)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	require.EqualValues(t, 11, hs[0].PoktHeight)
}

func TestEveryNodeConnectsToTheSameDatabase(t *testing.T) {
	// Twelve nodes each make sure the indexes exist at start.
	for range 3 {
		s, err := Connect(context.Background(), mongoURI, "shared", 10*time.Second)
		require.NoError(t, err)
		require.NoError(t, s.Project(context.Background(), mintState(transfer.StatusDetected, 0)))
		require.NoError(t, s.Close(context.Background()))
	}
}

func TestConnectFailsClearly(t *testing.T) {
	_, err := Connect(context.Background(), "mongodb://127.0.0.1:1/", "x", 500*time.Millisecond)
	require.ErrorContains(t, err, "ping mongodb")
}

func TestSwapCursorKeepsAnOperatorsRescan(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	h, swapped, err := s.SwapCursor(ctx, "node-1", "pokt", 0, 50)
	require.NoError(t, err)
	require.True(t, swapped, "a node without a cursor gets one")
	require.EqualValues(t, 50, h)
	h, swapped, err = s.SwapCursor(ctx, "node-1", "pokt", 50, 60)
	require.NoError(t, err)
	require.True(t, swapped)
	require.EqualValues(t, 60, h)

	// An operator moves it back; the scanner's next swap from 60 yields.
	require.NoError(t, s.SaveCursor(ctx, "node-1", "pokt", 10))
	h, swapped, err = s.SwapCursor(ctx, "node-1", "pokt", 60, 70)
	require.NoError(t, err)
	require.False(t, swapped)
	require.EqualValues(t, 10, h)
	got, _, _ := s.Cursor(ctx, "node-1", "pokt")
	require.EqualValues(t, 10, got)
}

// TestADepositReclassifiedMovesCollections: a deposit first projected as
// failed (one node's read) and then as a mint (what the nodes agreed on)
// keeps one document, in mints, with its history.
func TestADepositReclassifiedMovesCollections(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	first := mintState(transfer.StatusDetected, 1)
	first.WorkflowID, first.Classification = "mint-ab99", transfer.ClassFailed
	require.NoError(t, s.Project(ctx, first))
	doc, err := s.Transfer(ctx, "mint-ab99")
	require.NoError(t, err)
	require.Equal(t, InvalidMints, doc.Collection)

	agreed := mintState(transfer.StatusConfirmed, 2)
	agreed.WorkflowID, agreed.Classification = "mint-ab99", transfer.ClassMint
	require.NoError(t, s.Project(ctx, agreed))
	doc, err = s.Transfer(ctx, "mint-ab99")
	require.NoError(t, err)
	require.Equal(t, Mints, doc.Collection)
	require.Len(t, doc.History, 2, "the history moves with the document")
	n, err := s.db.Collection(InvalidMints).CountDocuments(ctx, bson.D{{Key: "_id", Value: "mint-ab99"}})
	require.NoError(t, err)
	require.Zero(t, n, "no second document")
}
