package store

import (
	"context"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// Behind writes a node's projections in the background, so that a
// transfer's workflow never waits on the database for a status on the way:
// it keeps only the latest state of each transfer (a burst of statuses
// becomes one write) and a few writers drain it. Each transfer belongs to
// one writer (by its ID), so a node never writes two states of one
// transfer at once; across nodes the store's compare-and-replace orders
// them. A final status is written at once, and only then acknowledged: no
// later write would correct it. A node that dies loses at most queued
// intermediate states; the next status of the transfer writes the whole
// state again.
type Behind struct {
	store  *Store
	logger *slog.Logger
	shards []*behindShard
}

// behindShard is one writer's queue.
type behindShard struct {
	mu      sync.Mutex
	pending map[string]transfer.State
	queue   []string // transfer IDs in the order they first queued
	wake    chan struct{}
}

// NewBehind makes a write-behind projector over s with the given number
// of writers.
func NewBehind(s *Store, writers int, logger *slog.Logger) *Behind {
	if logger == nil {
		logger = slog.Default()
	}
	b := &Behind{store: s, logger: logger}
	for range max(writers, 1) {
		b.shards = append(b.shards, &behindShard{pending: map[string]transfer.State{}, wake: make(chan struct{}, 1)})
	}
	return b
}

func (b *Behind) shardOf(workflowID string) *behindShard {
	h := fnv.New32a()
	_, _ = h.Write([]byte(workflowID))
	return b.shards[h.Sum32()%uint32(len(b.shards))]
}

// Project queues an intermediate state, or writes a final one now.
func (b *Behind) Project(ctx context.Context, st transfer.State) error {
	if st.Status.Final() {
		return b.store.Project(ctx, st)
	}
	sh := b.shardOf(st.WorkflowID)
	sh.mu.Lock()
	if _, queued := sh.pending[st.WorkflowID]; !queued {
		sh.queue = append(sh.queue, st.WorkflowID)
	}
	sh.pending[st.WorkflowID] = st
	sh.mu.Unlock()
	select {
	case sh.wake <- struct{}{}:
	default:
	}
	return nil
}

// Prior reads what the projection remembers of a transfer.
func (b *Behind) Prior(ctx context.Context, workflowID string) (transfer.PriorRecord, error) {
	return b.store.Prior(ctx, workflowID)
}

// Run drains the queues, one writer each, until ctx ends, then writes what
// is left (for up to flushTimeout).
func (b *Behind) Run(ctx context.Context, flushTimeout time.Duration) {
	var wg sync.WaitGroup
	for _, sh := range b.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if !b.writeNext(ctx, sh) {
					select {
					case <-ctx.Done():
						return
					case <-sh.wake:
					}
				}
			}
		}()
	}
	wg.Wait()
	fctx, cancel := context.WithTimeout(context.Background(), flushTimeout)
	defer cancel()
	for _, sh := range b.shards {
		for fctx.Err() == nil && b.writeNext(fctx, sh) {
		}
	}
}

// writeNext writes the oldest queued transfer's latest state; false when
// nothing is queued.
func (b *Behind) writeNext(ctx context.Context, sh *behindShard) bool {
	sh.mu.Lock()
	if len(sh.queue) == 0 {
		sh.mu.Unlock()
		return false
	}
	id := sh.queue[0]
	sh.queue = sh.queue[1:]
	st := sh.pending[id]
	delete(sh.pending, id)
	sh.mu.Unlock()
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
	n := 0
	for _, sh := range b.shards {
		sh.mu.Lock()
		n += len(sh.queue)
		sh.mu.Unlock()
	}
	return n
}
