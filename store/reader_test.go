package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// openReader opens a reader on the writer's database; FerretDB enforces no
// roles, so the read-only check must be relaxed for it.
func openReader(t *testing.T, s *Store) *Reader {
	t.Helper()
	r, err := OpenReader(context.Background(), mongoURI, s.db.Name(), ReaderOptions{Timeout: 5 * time.Second, AllowWritableUser: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close(context.Background()) })
	return r
}

func TestProjectRecordsEachStatusChangeOnceWithItsWorkflowTime(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusDetected, 0)))
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusConfirmed, 2)))
	again := mintState(transfer.StatusConfirmed, 3) // a later revision, same status
	require.NoError(t, s.Project(ctx, again))
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusDetected, 1))) // stale: dropped
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusSigned, 7)))
	require.NoError(t, s.Project(ctx, mintState(transfer.StatusSigned, 7))) // a retry

	doc, err := s.Transfer(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, []StatusChange{
		{Status: transfer.StatusDetected, At: t0},
		{Status: transfer.StatusConfirmed, At: t0.Add(2 * time.Minute)},
		{Status: transfer.StatusSigned, At: t0.Add(7 * time.Minute)},
	}, utcHistory(doc.History))
}

func utcHistory(h []StatusChange) []StatusChange {
	for i := range h {
		h[i].At = h[i].At.UTC()
	}
	return h
}

func TestReaderRefusesAServerThatLetsItWrite(t *testing.T) {
	s := newStore(t)
	_, err := OpenReader(context.Background(), mongoURI, s.db.Name(), ReaderOptions{Timeout: 5 * time.Second})
	require.ErrorIs(t, err, ErrWritableUser, "FerretDB enforces no access control: any connection may write")
	require.ErrorContains(t, err, "no authenticated user")
}

func TestWritePrivilegeAcceptsOnlyReadActions(t *testing.T) {
	status := func(user string, actions ...[]string) connectionStatus {
		var st connectionStatus
		if user != "" {
			st.AuthInfo.AuthenticatedUsers = append(st.AuthInfo.AuthenticatedUsers, struct {
				User string `bson:"user"`
				DB   string `bson:"db"`
			}{User: user, DB: "wpokt"})
		}
		for _, a := range actions {
			st.AuthInfo.Privileges = append(st.AuthInfo.Privileges, struct {
				Actions []string `bson:"actions"`
			}{Actions: a})
		}
		return st
	}
	readRole := []string{"changeStream", "collStats", "dbHash", "dbStats", "find", "killCursors", "listCollections", "listIndexes", "listSearchIndexes"}
	require.Empty(t, writePrivilege(status("wpokt-frontend", readRole)))
	require.Contains(t, writePrivilege(status("")), "no authenticated user")
	got := writePrivilege(status("wpokt-bridge", readRole, []string{"find", "insert", "update", "createIndex"}))
	require.Equal(t, "user wpokt-bridge@wpokt holds createIndex, insert, update", got)
}

func burnState(txHash string, n int, minute int) transfer.State {
	return transfer.State{
		WorkflowID: transfer.BurnWorkflowID(txHash, n), Kind: transfer.KindBurn, Classification: "burn",
		Status: transfer.StatusDetected, SourceTxHash: txHash, LogPosition: n,
		Sender: "0xAbCdEf0000000000000000000000000000000001", Recipient: "2222222222222222222222222222222222222222",
		Amount: 3_000_000, PayAmount: 2_990_000, CreatedAt: t0, UpdatedAt: t0.Add(time.Duration(minute) * time.Minute), Revision: 1,
	}
}

func TestReaderFindsByIDTxAndAddress(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	hashA := "0x" + fmt.Sprintf("%064x", 0xa)
	hashAB := hashA[:len(hashA)-1] + "b" // another tx sharing all but the last digit
	for _, st := range []transfer.State{
		mintState(transfer.StatusSigned, 1),
		burnState(hashA, 0, 2), burnState(hashA, 1, 3), burnState(hashA, 2, 4), burnState(hashAB, 0, 5),
	} {
		require.NoError(t, s.Project(ctx, st))
	}
	r := openReader(t, s)

	doc, err := r.Transfer(ctx, "mint-ab12")
	require.NoError(t, err)
	require.Equal(t, transfer.StatusSigned, doc.Status)
	_, err = r.Transfer(ctx, "burn-0xdead-0")
	require.ErrorIs(t, err, ErrNotFound)

	docs, err := r.BySourceTx(ctx, "AB12")
	require.NoError(t, err)
	require.Len(t, docs, 1)
	docs, err = r.BySourceTx(ctx, hashA)
	require.NoError(t, err)
	var positions []int
	for _, d := range docs {
		positions = append(positions, d.LogPosition)
	}
	require.Equal(t, []int{0, 1, 2}, positions, "the burn logs of one tx, in log order, not those of a similar hash")

	docs, err = r.ByAddress(ctx, []string{"2222222222222222222222222222222222222222"}, 3)
	require.NoError(t, err)
	require.Len(t, docs, 3, "sender of the mint, recipient of four burns: the limit holds")
	require.Equal(t, transfer.BurnWorkflowID(hashAB, 0), docs[0].ID, "newest first")
	docs, err = r.ByAddress(ctx, []string{"0x1111111111111111111111111111111111111111"}, 10)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	require.Equal(t, Mints, docs[0].Collection)
}

func TestReaderReadsHeartbeatsAndTheBridgeState(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	r := openReader(t, s)
	_, err := r.Bridge(ctx)
	require.ErrorIs(t, err, ErrNotFound)

	settings := BridgeSettings{NodeIDs: []string{"node-1", "node-2"}, Threshold: 2, EthConfirmations: 32, PocketConfirmations: 8, WrittenBy: "node-1", WrittenAt: t0}
	require.NoError(t, s.SaveBridgeState(ctx, settings, nil))
	b, err := r.Bridge(ctx)
	require.NoError(t, err)
	require.Nil(t, b.Pause, "no node read the pause state yet")
	require.EqualValues(t, 32, b.Settings.EthConfirmations)

	pause := PauseState{Paused: true, By: "ops", Reason: "upgrade", CheckedBy: "node-2", CheckedAt: t0}
	require.NoError(t, s.SaveBridgeState(ctx, settings, &pause))
	require.NoError(t, s.SaveBridgeState(ctx, settings, nil)) // a node that could not read it keeps it
	b, err = r.Bridge(ctx)
	require.NoError(t, err)
	require.True(t, b.Pause.Paused)
	require.Equal(t, "upgrade", b.Pause.Reason)

	for _, id := range []string{"node-1", "node-2", "node-3"} {
		require.NoError(t, s.Heartbeat(ctx, Health{NodeID: id, Healthy: true, HeartbeatAt: t0}))
	}
	hs, err := r.Healths(ctx, []string{"node-1", "node-2"})
	require.NoError(t, err)
	require.Len(t, hs, 2)
	hs, err = r.Healths(ctx, nil)
	require.NoError(t, err)
	require.Len(t, hs, 3)
}

func TestWriterIndexesSenderAndRecipient(t *testing.T) {
	s := newStore(t)
	for _, coll := range TransferCollections {
		specs, err := s.db.Collection(coll).Indexes().ListSpecifications(context.Background())
		require.NoError(t, err)
		var names []string
		for _, spec := range specs {
			names = append(names, spec.Name)
		}
		require.Subset(t, names, []string{"sender_updated", "recipient_updated"}, coll)
	}
}
