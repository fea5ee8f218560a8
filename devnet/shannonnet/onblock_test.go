package shannonnet

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOnBlockReportsEveryCommittedHeightInOrder: a benchmark times blocks
// by OnBlock, so it must see each height once, in order, and no height
// before the node has committed it.
func TestOnBlockReportsEveryCommittedHeightInOrder(t *testing.T) {
	chain, _ := startChain(t, Options{})
	ctx := testCtx(t)
	type seen struct{ height, committed int64 }
	heights := make(chan seen, 100)
	require.NoError(t, chain.OnBlock(ctx, func(h int64) { heights <- seen{h, chain.Height()} }))
	first := (<-heights).height
	for want := first + 1; want < first+5; want++ {
		select {
		case s := <-heights:
			require.Equal(t, want, s.height)
			require.LessOrEqual(t, s.height, s.committed, "reported before it was committed")
		case <-ctx.Done():
			t.Fatalf("no block %d: %v", want, ctx.Err())
		}
	}
}
