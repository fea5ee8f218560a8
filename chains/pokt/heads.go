package pokt

import (
	"context"
	"sync"
	"time"
)

// DefaultHeadMemory is how long RecentHeads trusts a head it was told.
const DefaultHeadMemory = 5 * time.Second

// RecentHeads is a Node that remembers the highest head its RPC reported
// in the last Memory, so that a reader which only needs the head to be at
// least some height (a deposit's confirmations) can skip a status call:
// the node's scanner reads the head every scan interval anyway, and a
// signer checking a deposit that the workflow has just seen confirmed
// nearly always finds the remembered head high enough. The remembered head
// came from the same RPC a fresh read would ask; a head older than Memory
// is read again, so a head once misreported is not believed for long.
type RecentHeads struct {
	Node
	// Memory is how long a head is remembered; DefaultHeadMemory if zero.
	Memory time.Duration
	// Now is the clock; time.Now if nil.
	Now func() time.Time

	mu   sync.Mutex
	head int64
	at   time.Time
}

// RememberHeads wraps node.
func RememberHeads(node Node) *RecentHeads {
	return &RecentHeads{Node: node}
}

// Height reads the head from the RPC and remembers it.
func (h *RecentHeads) Height(ctx context.Context) (int64, error) {
	head, err := h.Node.Height(ctx)
	if err != nil {
		return 0, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if now := h.now(); head >= h.head || now.Sub(h.at) > h.memory() {
		h.head, h.at = head, now
	}
	return head, nil
}

// HeightAtLeast returns the remembered head when it is at least want and
// still remembered, and otherwise reads the head from the RPC (which may
// then be below want: the caller decides what that means).
func (h *RecentHeads) HeightAtLeast(ctx context.Context, want int64) (int64, error) {
	h.mu.Lock()
	head, fresh := h.head, h.now().Sub(h.at) <= h.memory()
	h.mu.Unlock()
	if fresh && head >= want {
		return head, nil
	}
	return h.Height(ctx)
}

func (h *RecentHeads) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

func (h *RecentHeads) memory() time.Duration {
	if h.Memory > 0 {
		return h.Memory
	}
	return DefaultHeadMemory
}
