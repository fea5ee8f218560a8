package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
	"github.com/wpokt/bridge/workers"
)

// TestOperationsWithTheTemporalCLI drives the operators' commands of the
// runbook through the real temporal CLI binary: a transfer above the
// governor's single-transfer limit is held and listed by its search
// attribute, a release on 8 nodes or by a plain signal moves nothing, the
// ninth node's release lets it through; the pause signal on the
// control workflow makes new transfers wait, resume lets them complete.
// The Temporal Web UI (on for this devnet) answers real HTTP requests.
func TestOperationsWithTheTemporalCLI(t *testing.T) {
	const limit = 100 * pokt
	e := start(t, 10, func(o *devnet.Options) {
		o.Headless = false
		o.Governor = config.Governor{SingleTransferLimitUpokt: limit}
	})
	alice, bob := e.d.Users[0], e.d.Users[1]

	// Held above the limit; a small one passes meanwhile.
	held := e.mint(alice, bob.Eth.Address, 150*pokt)
	small := e.mint(bob, alice.Eth.Address, 20*pokt)
	e.waitStatus(time.Minute, []string{held}, transfer.StatusHeld)
	e.waitStatus(time.Minute, []string{small}, transfer.StatusExecuted)
	doc, _ := e.doc(held)
	assert.Contains(t, doc.Reason, "single-transfer limit")
	_, found := e.d.Copper.OrderByExternalID(held)
	assert.False(t, found, "no order while held")

	eventually(t, 30*time.Second, func() (bool, string) {
		ids := e.listWorkflows(`WpoktStatus="held"`)
		return len(ids) == 1 && ids[0] == held, fmt.Sprintf("temporal workflow list --query 'WpoktStatus=\"held\"' lists %v", ids)
	})
	// One person with namespace access, and eight node operators, move
	// nothing; the ninth operator's release, on their own node, does.
	e.temporalCLI("workflow", "signal", "--workflow-id", held, "--name", transfer.SignalRelease, "--input", `{"NodeID":"node-1","By":"e2e","Reason":"unsigned"}`)
	for i := 1; i <= 8; i++ {
		e.releaseOn(i, held)
	}
	eventually(t, 30*time.Second, func() (bool, string) {
		doc, _ := e.doc(held)
		return strings.Contains(doc.Reason, "released by 8 (node-1, "), "held reason: " + doc.Reason
	})
	time.Sleep(3 * time.Second) // time enough for a wrongly counted release to be acted on
	doc, _ = e.doc(held)
	require.Equal(t, transfer.StatusHeld, doc.Status, "released on 8 nodes: %s", doc.Reason)
	_, found = e.d.Copper.OrderByExternalID(held)
	require.False(t, found, "no order on 8 releases")
	e.releaseOn(9, held)
	e.waitStatus(time.Minute, []string{held}, transfer.StatusExecuted)
	eventually(t, 30*time.Second, func() (bool, string) {
		ids := e.listWorkflows(`WpoktStatus="held"`)
		return len(ids) == 0, fmt.Sprintf("still listed as held: %v", ids)
	})

	// Pause: new transfers wait, with the pause in their reason.
	e.temporalCLI("workflow", "signal", "--workflow-id", transfer.ControlWorkflowID, "--name", transfer.SignalPause,
		"--input", `{"By":"e2e","Reason":"incident drill"}`)
	eventually(t, 30*time.Second, func() (bool, string) {
		out := e.temporalCLI("workflow", "query", "--workflow-id", transfer.ControlWorkflowID, "--type", transfer.QueryState, "-o", "json")
		return strings.Contains(out, `"Paused": true`) || strings.Contains(out, `"Paused":true`), "control state: " + out
	})
	waiting := []string{e.mint(alice, alice.Eth.Address, 5*pokt), e.burn(bob, 3*pokt, bob.PoktAddress)}
	paused := e.waitingWithoutOrder(waiting, transfer.StatusConfirmed, "paused by e2e: incident drill")
	eventually(t, time.Minute, paused)
	from := e.d.PocketHeight()
	eventually(t, time.Minute, func() (bool, string) { return e.d.PocketHeight() >= from+8, "waiting for 8 more Pocket blocks" })
	ok, why := paused()
	require.True(t, ok, "while paused: %s", why)
	doc, _ = e.doc(waiting[0])
	t.Logf("while paused: %s is %s (%s)", waiting[0], doc.Status, doc.Reason)

	resumed := time.Now()
	e.temporalCLI("workflow", "signal", "--workflow-id", transfer.ControlWorkflowID, "--name", transfer.SignalResume)
	e.waitStatus(time.Minute, waiting, transfer.StatusExecuted)
	t.Logf("paused transfers executed %s after resume", time.Since(resumed).Round(time.Millisecond))

	// The Web UI and its API.
	ui := e.d.Temporal.UIURL()
	require.NotEmpty(t, ui)
	status, body := httpGet(t, ui+"/")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, strings.ToLower(body), "<html")
	eventually(t, 30*time.Second, func() (bool, string) {
		status, body := httpGet(t, ui+"/api/v1/namespaces/"+e.d.Options().TemporalNamespace+"/workflows")
		return status == http.StatusOK && strings.Contains(body, held), fmt.Sprintf("UI API answered %d: %.300s", status, body)
	})
	e.finish(time.Minute)
}

// releaseOn runs node i's operator's release, as `wpokt-node release
// --config` on that node does: signed with its reading key from its config.
func (e *env) releaseOn(i int, workflowID string) {
	e.t.Helper()
	cfg, err := config.Load(e.d.NodeConfigPath(i))
	require.NoError(e.t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(e.t, workers.Release(ctx, e.tc, cfg, workflowID, "operator of "+cfg.Node.ID, "checked with the sender"))
}

// listWorkflows runs `temporal workflow list --query Q -o json` and
// returns the workflow IDs it lists.
func (e *env) listWorkflows(query string) []string {
	e.t.Helper()
	out := e.temporalCLI("workflow", "list", "--query", query, "-o", "json")
	var list []struct {
		Execution struct {
			WorkflowID string `json:"workflowId"`
		} `json:"execution"`
	}
	if strings.TrimSpace(out) != "" {
		require.NoError(e.t, json.Unmarshal([]byte(out), &list), "temporal workflow list -o json:\n%s", out)
	}
	ids := make([]string, len(list))
	for i, w := range list {
		ids[i] = w.Execution.WorkflowID
	}
	return ids
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(body)
}
