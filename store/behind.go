package store

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// Behind writes a node's projections in the background, so that a
// transfer's workflow never waits on the database for a status on the way:
// it keeps only the latest state of each transfer (a burst of statuses
// becomes one write) and a few writers drain it. A final status is written
// at once, and only then acknowledged: no later write would correct it.
// A node that dies loses at most queued intermediate states; the next
// status of the transfer writes the whole state again.
type Behind struct {
	store   *Store
	logger  *slog.Logger
	mu      sync.Mutex
	pending map[string]transfer.State
	queue   []string // transfer IDs in the order they first queued
	wake    chan struct{}
}

// NewBehind makes a write-behind projector over s.
func NewBehind(s *Store, logger *slog.Logger) *Behind {
	if logger == nil {
		logger = slog.Default()
	}
	return &Behind{store: s, logger: logger, pending: map[string]transfer.State{}, wake: make(chan struct{}, 1)}
}

// Project queues an intermediate state, or writes a final one now.
func (b *Behind) Project(ctx context.Context, st transfer.State) error {
	if st.Status.Final() {
		return b.store.Project(ctx, st)
	}
	b.mu.Lock()
	if _, queued := b.pending[st.WorkflowID]; !queued {
		b.queue = append(b.queue, st.WorkflowID)
	}
	b.pending[st.WorkflowID] = st
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
	return nil
}

// Prior reads what the projection remembers of a transfer.
func (b *Behind) Prior(ctx context.Context, workflowID string) (transfer.PriorRecord, error) {
	return b.store.Prior(ctx, workflowID)
}

// Run drains the queue with writers until ctx ends, then writes what is
// left (for up to flushTimeout).
func (b *Behind) Run(ctx context.Context, writers int, flushTimeout time.Duration) {
	var wg sync.WaitGroup
	for range max(writers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if !b.writeNext(ctx) {
					select {
					case <-ctx.Done():
						return
					case <-b.wake:
					}
				}
			}
		}()
	}
	wg.Wait()
	fctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	for fctx.Err() == nil && b.writeNext(fctx) {
	}
}

// writeNext writes the oldest queued transfer's latest state; false when
// nothing is queued.
func (b *Behind) writeNext(ctx context.Context) bool {
	b.mu.Lock()
	if len(b.queue) == 0 {
		b.mu.Unlock()
		return false
	}
	id := b.queue[0]
	b.queue = b.queue[1:]
	st := b.pending[id]
	delete(b.pending, id)
	b.mu.Unlock()
	// A write under way finishes even when the node stops (the store's own
	// timeout bounds it); ctx only decides whether to take the next one.
	if err := b.store.Project(context.WithoutCancel(ctx), st); err != nil {
		// The next status of this transfer carries its whole state again.
		b.logger.Warn("project transfer", "workflow_id", id, "status", st.Status, "error", err)
	}
	return true
}

// Queued is how many transfers wait to be written.
func (b *Behind) Queued() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.queue)
}
