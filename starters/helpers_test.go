package starters

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"sync"
	"testing"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/stretchr/testify/require"
	"github.com/wpokt/bridge/transfer"
)

type startCall struct {
	id, workflowType string
	seen             transfer.SeenSignal
	input            any
	opts             client.StartWorkflowOptions
}

// fakeTemporal records signal-with-starts; it can fail the next calls or
// answer "already started" for closed workflows.
type fakeTemporal struct {
	mu       sync.Mutex
	calls    []startCall
	failNext int
	closed   map[string]bool
}

func (f *fakeTemporal) SignalWithStartWorkflow(_ context.Context, id, signal string, arg any,
	opts client.StartWorkflowOptions, wf any, args ...any) (client.WorkflowRun, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if signal != transfer.SignalSeen {
		return nil, errors.New("unexpected signal " + signal)
	}
	if f.failNext > 0 {
		f.failNext--
		return nil, errors.New("temporal unavailable")
	}
	if f.closed[id] {
		return nil, serviceerror.NewWorkflowExecutionAlreadyStarted("closed", "", "")
	}
	f.calls = append(f.calls, startCall{id: id, workflowType: wf.(string), seen: arg.(transfer.SeenSignal), input: args[0], opts: opts})
	return nil, nil
}

// call is the last call for the workflow id (a scan starts its transfers
// concurrently, in no set order).
func (f *fakeTemporal) call(t *testing.T, id string) startCall {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.calls) - 1; i >= 0; i-- {
		if f.calls[i].id == id {
			return f.calls[i]
		}
	}
	require.Failf(t, "no call", "no signal-with-start for %s", id)
	return startCall{}
}

func (f *fakeTemporal) ids() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.id)
	}
	return out
}

// memCursors keeps cursors in memory.
type memCursors struct {
	mu sync.Mutex
	m  map[string]int64
}

func (c *memCursors) Cursor(_ context.Context, node, chain string) (int64, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.m[node+"/"+chain]
	return h, ok, nil
}

func (c *memCursors) SaveCursor(_ context.Context, node, chain string, h int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]int64{}
	}
	c.m[node+"/"+chain] = h
	return nil
}

func (c *memCursors) SwapCursor(ctx context.Context, node, chain string, old, new int64) (int64, bool, error) {
	c.mu.Lock()
	cur, ok := c.m[node+"/"+chain]
	c.mu.Unlock()
	if ok && cur != old {
		return cur, false, nil
	}
	return new, true, c.SaveCursor(ctx, node, chain, new)
}

// readingKey is a test node's reading key, derived from its name.
func readingKey(node string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("reading key of " + node))
	return ed25519.NewKeyFromSeed(seed[:])
}

// requireSignedBy checks that a scanner's reading verifies under node's key
// for the workflow it went to, and returns it without the signature.
func requireSignedBy(t *testing.T, node, workflowID string, s transfer.SeenSignal) transfer.SeenSignal {
	t.Helper()
	keys := transfer.NodeKeys{node: readingKey(node).Public().(ed25519.PublicKey)}
	require.True(t, keys.Verify(workflowID, s), "the reading is signed with %s's key for %s", node, workflowID)
	s.Signature = nil
	return s
}
