package pokt

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// headsNode answers Height with its head and counts the calls.
type headsNode struct {
	Node
	head  int64
	err   error
	calls int
}

func (n *headsNode) Height(context.Context) (int64, error) {
	n.calls++
	return n.head, n.err
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newHeads() (*RecentHeads, *headsNode, *fakeClock) {
	node := &headsNode{head: 100}
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	h := RememberHeads(node)
	h.Memory, h.Now = 5*time.Second, clock.now
	return h, node, clock
}

// TestRecentHeadsSparesAReadOnlyWhenTheRememberedHeadSuffices: the
// remembered head answers only a want it meets, within its memory; any
// other question reads the RPC.
func TestRecentHeadsSparesAReadOnlyWhenTheRememberedHeadSuffices(t *testing.T) {
	ctx := context.Background()
	h, node, clock := newHeads()

	got, err := h.HeightAtLeast(ctx, 90)
	require.NoError(t, err)
	require.Equal(t, int64(100), got, "nothing remembered yet: a fresh read")
	require.Equal(t, 1, node.calls)

	got, err = h.HeightAtLeast(ctx, 100)
	require.NoError(t, err)
	require.Equal(t, int64(100), got)
	require.Equal(t, 1, node.calls, "the remembered head meets the want: no read")

	node.head = 101
	got, err = h.HeightAtLeast(ctx, 101)
	require.NoError(t, err)
	require.Equal(t, int64(101), got, "the remembered head is too low: a fresh read")
	require.Equal(t, 2, node.calls)

	node.head = 105
	got, err = h.HeightAtLeast(ctx, 110)
	require.NoError(t, err)
	require.Equal(t, int64(105), got, "a fresh head below the want is returned as read: the caller waits")
	require.Equal(t, 3, node.calls)

	clock.t = clock.t.Add(6 * time.Second)
	_, err = h.HeightAtLeast(ctx, 100)
	require.NoError(t, err)
	require.Equal(t, 4, node.calls, "a head older than the memory is read again")
}

// TestRecentHeadsForgetsAHighHeadAfterItsMemory: a head the RPC reports
// lower than before (a lagging replica behind the same URL) does not lower
// the remembered head at once, but a remembered head is not believed past
// its memory.
func TestRecentHeadsForgetsAHighHeadAfterItsMemory(t *testing.T) {
	ctx := context.Background()
	h, node, clock := newHeads()
	node.head = 500
	_, err := h.Height(ctx)
	require.NoError(t, err)

	node.head = 200
	clock.t = clock.t.Add(time.Second)
	got, err := h.Height(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(200), got, "Height always answers what the RPC says")
	got, err = h.HeightAtLeast(ctx, 400)
	require.NoError(t, err)
	require.Equal(t, int64(500), got, "within its memory the higher head stands")

	clock.t = clock.t.Add(5 * time.Second)
	got, err = h.HeightAtLeast(ctx, 400)
	require.NoError(t, err)
	require.Equal(t, int64(200), got, "past its memory the RPC is asked again")
}

// TestRecentHeadsPassesErrorsOn: a failed read is an error, not a head.
func TestRecentHeadsPassesErrorsOn(t *testing.T) {
	h, node, _ := newHeads()
	node.err = errors.New("connection refused")
	_, err := h.HeightAtLeast(context.Background(), 1)
	require.ErrorContains(t, err, "connection refused")
	_, err = h.Height(context.Background())
	require.Error(t, err)
}
