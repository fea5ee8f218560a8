package ledger_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/ledger"
)

var now = time.Date(2026, 12, 4, 5, 0, 0, 0, time.UTC)

func entry(transfer, order string) ledger.Entry {
	return ledger.Entry{TransferID: transfer, OrderID: order, Kind: "return", Recipient: "ab12", Amount: 2_990_000, SignedAt: now}
}

func fresh(t *testing.T) (string, *ledger.Ledger) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	require.NoError(t, ledger.Init(path, "node-1", now))
	l, err := ledger.Open(path, "node-1")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return path, l
}

// TestRecordIsInTheFileWhenItReturns: a copy of the file taken the moment
// Record returns holds the entry (the write transaction committed; bbolt
// syncs before it commits, NoSync is never set).
func TestRecordIsInTheFileWhenItReturns(t *testing.T) {
	path, l := fresh(t)
	require.NoError(t, l.Record(entry("burn-0xaa-0", "order-1")))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	cp := filepath.Join(t.TempDir(), "copy.db")
	require.NoError(t, os.WriteFile(cp, data, 0o600))
	c, err := ledger.Open(cp, "node-1")
	require.NoError(t, err)
	defer c.Close()
	got, err := c.Signed("burn-0xaa-0")
	require.NoError(t, err)
	assert.Equal(t, []ledger.Entry{entry("burn-0xaa-0", "order-1")}, got)
}

func TestReopenKeepsRecords(t *testing.T) {
	path, l := fresh(t)
	require.NoError(t, l.Record(entry("burn-0xaa-0", "order-1")))
	require.NoError(t, l.Record(entry("burn-0xaa-0", "order-2")))
	require.NoError(t, l.Record(entry("burn-0xaa-01", "order-3")), "a transfer whose id extends another's")
	again := entry("burn-0xaa-0", "order-1")
	again.Amount = 1
	require.NoError(t, l.Record(again), "a retry keeps the first entry")
	require.NoError(t, l.Close())

	l, err := ledger.Open(path, "node-1")
	require.NoError(t, err)
	defer l.Close()
	got, err := l.Signed("burn-0xaa-0")
	require.NoError(t, err)
	assert.Equal(t, []ledger.Entry{entry("burn-0xaa-0", "order-1"), entry("burn-0xaa-0", "order-2")}, got)
	none, err := l.Signed("burn-0xbb-0")
	require.NoError(t, err)
	assert.Empty(t, none)
	assert.Equal(t, "init", l.Header().Origin)
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		setup func(path string)
		node  string
		want  error
		text  string
	}{
		{"missing file", func(string) {}, "node-1", ledger.ErrMissing, "ledger missing"},
		{"corrupt file", func(p string) { require.NoError(t, os.WriteFile(p, []byte("not a database, just junk bytes"), 0o600)) }, "node-1", ledger.ErrUnreadable, ""},
		{"empty file", func(p string) { require.NoError(t, os.WriteFile(p, nil, 0o600)) }, "node-1", ledger.ErrUnreadable, ""},
		{"damaged pages", func(p string) {
			require.NoError(t, ledger.Init(p, "node-1", now))
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			for i := range data[:8192] {
				data[i] ^= 0x5a
			}
			require.NoError(t, os.WriteFile(p, data, 0o600))
		}, "node-1", ledger.ErrUnreadable, ""},
		{"another node's ledger", func(p string) { require.NoError(t, ledger.Init(p, "node-2", now)) }, "node-1", ledger.ErrUnreadable, `node "node-2"'s ledger`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".db")
			tc.setup(path)
			_, err := ledger.Open(path, tc.node)
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.text)
		})
	}
}

func TestInitLeavesAnExistingLedgerAlone(t *testing.T) {
	path, l := fresh(t)
	require.NoError(t, l.Record(entry("mint-AA", "order-1")))
	require.NoError(t, l.Close())
	require.ErrorIs(t, ledger.Init(path, "node-1", now), ledger.ErrExists)
	l, err := ledger.Open(path, "node-1")
	require.NoError(t, err)
	defer l.Close()
	got, err := l.Signed("mint-AA")
	require.NoError(t, err)
	assert.Len(t, got, 1)
}

func TestRebuildReplacesAndKeepsTheOldFile(t *testing.T) {
	path, l := fresh(t)
	require.NoError(t, l.Record(entry("mint-AA", "order-1")))
	require.ErrorContains(t, ledger.Rebuild(path, "node-1", nil, now), "a running node holds it")
	require.NoError(t, l.Close())

	require.NoError(t, ledger.Rebuild(path, "node-1", []ledger.Entry{entry("mint-BB", "order-2")}, now))
	l, err := ledger.Open(path, "node-1")
	require.NoError(t, err)
	defer l.Close()
	assert.Equal(t, "rebuild", l.Header().Origin)
	var all []ledger.Entry
	require.NoError(t, l.All(func(e ledger.Entry) error { all = append(all, e); return nil }))
	assert.Equal(t, []ledger.Entry{entry("mint-BB", "order-2")}, all)
	_, err = os.Stat(path + ".replaced-" + "1796360400")
	assert.NoError(t, err, "the old ledger is kept beside")
}

func TestRecordRefusesBadEntries(t *testing.T) {
	_, l := fresh(t)
	require.ErrorIs(t, l.Record(ledger.Entry{TransferID: "mint-AA"}), ledger.ErrInvalidEntry)
	require.ErrorIs(t, l.Record(entry("mint-\x00AA", "o")), ledger.ErrInvalidEntry)
}

// TestKeeperNoticesADeletedLedger: a running node whose ledger file is
// deleted stops using the open copy at once, and takes up a rebuilt one.
func TestKeeperNoticesADeletedLedger(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	k := ledger.NewKeeper(path, "node-1")
	defer k.Close()
	require.ErrorIs(t, k.Check(), ledger.ErrMissing)
	require.NoError(t, ledger.Init(path, "node-1", now))
	require.NoError(t, k.Record(entry("mint-AA", "order-1")))

	require.NoError(t, os.Remove(path))
	_, err := k.Signed("mint-AA")
	require.ErrorIs(t, err, ledger.ErrMissing)
	require.ErrorIs(t, k.Record(entry("mint-AA", "order-2")), ledger.ErrMissing)

	require.NoError(t, ledger.Rebuild(path, "node-1", []ledger.Entry{entry("mint-AA", "order-1")}, now))
	got, err := k.Signed("mint-AA")
	require.NoError(t, err)
	assert.Equal(t, []ledger.Entry{entry("mint-AA", "order-1")}, got)
}

// TestSignedSince: a rolling window over the signing times; a transfer's
// several orders count once.
func TestSignedSince(t *testing.T) {
	_, l := fresh(t)
	at := func(transfer, order string, amount uint64, d time.Duration) ledger.Entry {
		e := entry(transfer, order)
		e.Amount, e.SignedAt = amount, now.Add(d)
		return e
	}
	for _, e := range []ledger.Entry{
		at("mint-old", "o1", 100, -25*time.Hour),
		at("mint-a", "o2", 10, -23*time.Hour),
		at("mint-a", "o3", 12, -time.Hour),
		at("burn-b", "o4", 5, 0),
	} {
		require.NoError(t, l.Record(e))
	}
	got, err := l.SignedSince(now.Add(-24 * time.Hour))
	require.NoError(t, err)
	assert.Equal(t, map[string]uint64{"mint-a": 12, "burn-b": 5}, got)
}
