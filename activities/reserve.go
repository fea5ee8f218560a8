package activities

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/transfer"
)

// reserveSendTimeout bounds one update to the control workflow: it serves
// every request in it, whichever of their activities still waits.
const reserveSendTimeout = 30 * time.Second

// Reserve asks the control workflow (starting it if needed) to let an
// amount through the governor and the pause, with this node's limits; for
// a mint it brings the recipient's nonce as this node's RPC reads it, for
// the control workflow's nonce lease.
func (a *Shared) Reserve(ctx context.Context, req transfer.ReserveRequest) (transfer.ReserveResult, error) {
	req.SingleTransferLimit, req.DailyCap = a.Rules.SingleTransferLimit, a.Rules.DailyCap
	if req.Recipient != "" && !req.NonceAgreed {
		n, err := a.readUserNonce(ctx, req.Recipient)
		if err != nil {
			return transfer.ReserveResult{}, err
		}
		req.ChainNonce = n
	}
	res, err := a.reserving.ask(ctx, req, a.sendReserves)
	if err != nil {
		return res, fmt.Errorf("reserve %d upokt for %s: %w", req.Amount, req.WorkflowID, err)
	}
	return res, nil
}

// sendReserves sends one batch of requests as one update.
func (a *Shared) sendReserves(ctx context.Context, reqs []transfer.ReserveRequest) ([]transfer.ReserveResult, error) {
	var out []transfer.ReserveResult
	err := a.updateControl(ctx, transfer.UpdateReserveBatch, reqs, &out)
	if err != nil && strings.Contains(err.Error(), "unknown update") {
		// The control workflow runs on a node still on code from before
		// batches (a rolling upgrade): one request an update.
		return a.sendOneByOne(ctx, reqs)
	}
	if err == nil && len(out) != len(reqs) {
		err = fmt.Errorf("control workflow answered %d of %d reserve requests", len(out), len(reqs))
	}
	return out, err
}

func (a *Shared) sendOneByOne(ctx context.Context, reqs []transfer.ReserveRequest) ([]transfer.ReserveResult, error) {
	out := make([]transfer.ReserveResult, len(reqs))
	for i, req := range reqs {
		if err := a.updateControl(ctx, transfer.UpdateReserve, req, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// updateControl sends one update to the control workflow, starting it if
// it is not running, and waits for its answer.
func (a *Shared) updateControl(ctx context.Context, name string, arg, answer any) error {
	start := a.Temporal.NewWithStartWorkflowOperation(client.StartWorkflowOptions{
		ID:                       transfer.ControlWorkflowID,
		TaskQueue:                a.Rules.TaskQueue,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
	}, transfer.ControlWorkflowType, transfer.ControlState{})
	handle, err := a.Temporal.UpdateWithStartWorkflow(ctx, client.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: client.UpdateWorkflowOptions{
			WorkflowID:   transfer.ControlWorkflowID,
			UpdateName:   name,
			Args:         []any{arg},
			WaitForStage: client.WorkflowUpdateStageCompleted,
		},
	})
	if err != nil {
		return err
	}
	return handle.Get(ctx, answer)
}

// readUserNonce reads the last mint nonce of a recipient on chain.
func (a *Shared) readUserNonce(ctx context.Context, recipient string) (uint64, error) {
	if !common.IsHexAddress(recipient) {
		return 0, temporal.NewNonRetryableApplicationError(fmt.Sprintf("recipient %q is not an address", recipient), transfer.ErrorBadInput, nil)
	}
	n, err := a.Eth.UserNonce(ctx, common.HexToAddress(recipient))
	if err != nil {
		return 0, fmt.Errorf("read mint nonce of %s: %w", recipient, err)
	}
	if !n.IsUint64() {
		return 0, temporal.NewNonRetryableApplicationError(fmt.Sprintf("mint nonce of %s is %s", recipient, n), transfer.ErrorBadChainData, nil)
	}
	return n.Uint64(), nil
}

// reserveQueue sends a node's reserve requests to the control workflow
// with one update in flight at a time, each carrying every request that
// queued meanwhile (up to transfer.ReserveBatchMax). Temporal admits few
// updates in flight per workflow (history.maxInFlightUpdates) and answers
// more with ResourceExhausted, and each update costs the control workflow
// a share of a workflow task, its one serial path: a burst of transfers is
// decided in a few updates instead of one after another.
type reserveQueue struct {
	mu      sync.Mutex
	queued  []*reserveCall
	sending bool
}

type reserveCall struct {
	req  transfer.ReserveRequest
	done chan reserveAnswer
}

type reserveAnswer struct {
	res transfer.ReserveResult
	err error
}

// sendBatch sends requests as one update, answering each in order.
type sendBatch func(ctx context.Context, reqs []transfer.ReserveRequest) ([]transfer.ReserveResult, error)

// ask queues req and waits for its answer or for ctx's end. A request whose
// caller gave up is still sent: asking again for the same transfer is
// answered the same way.
func (q *reserveQueue) ask(ctx context.Context, req transfer.ReserveRequest, send sendBatch) (transfer.ReserveResult, error) {
	call := &reserveCall{req: req, done: make(chan reserveAnswer, 1)}
	q.mu.Lock()
	q.queued = append(q.queued, call)
	idle := !q.sending
	q.sending = true
	q.mu.Unlock()
	if idle {
		go q.sendQueued(send)
	}
	select {
	case a := <-call.done:
		return a.res, a.err
	case <-ctx.Done():
		return transfer.ReserveResult{}, fmt.Errorf("waiting for the control workflow: %w", ctx.Err())
	}
}

// sendQueued sends batches until the queue is empty.
func (q *reserveQueue) sendQueued(send sendBatch) {
	for {
		batch := q.next()
		if len(batch) == 0 {
			return
		}
		reqs := make([]transfer.ReserveRequest, len(batch))
		for i, c := range batch {
			reqs[i] = c.req
		}
		ctx, cancel := context.WithTimeout(context.Background(), reserveSendTimeout)
		results, err := send(ctx, reqs)
		cancel()
		for i, c := range batch {
			a := reserveAnswer{err: err}
			if err == nil {
				a.res = results[i]
			}
			c.done <- a
		}
	}
}

// next takes the next batch off the queue; an empty one ends the sending.
func (q *reserveQueue) next() []*reserveCall {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := min(len(q.queued), transfer.ReserveBatchMax)
	batch := q.queued[:n:n]
	q.queued = q.queued[n:]
	if n == 0 {
		q.sending = false
	}
	return batch
}
