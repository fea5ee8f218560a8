package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// TestStatusPageFollowsADeposit: a user deposits, opens the status page
// at /tx/{hash} (as the devnet serves it), and watches it until executed;
// the bridge wrote the history, the bridge document and the heartbeats
// the page shows.
func TestStatusPageFollowsADeposit(t *testing.T) {
	e := start(t, 13, nil)
	u := e.d.Users[0]
	id := e.mint(u, u.Eth.Address, 25*pokt)
	hash := strings.ToUpper(strings.TrimPrefix(id, "mint-"))
	page := e.d.StatusPageURL() + "/tx/" + hash

	var html string
	eventually(t, 2*time.Minute, func() (bool, string) {
		code, body := httpGet(t, page)
		html = body
		ok := code == http.StatusOK && strings.Contains(body, `id="status" class="status status-executed">executed<`)
		return ok, fmt.Sprintf("GET %s: %d, %s", page, code, statusLine(body))
	})
	require.Contains(t, html, "(final)")
	require.Contains(t, html, `id="amount">25</span> POKT deposited`)

	var v struct {
		Seen      bool `json:"seen"`
		Transfers []struct {
			Status     transfer.Status `json:"status"`
			Final      bool            `json:"final"`
			DestTxHash string          `json:"dest_tx_hash"`
			Signatures struct{ Have, Need, Of int }
			Steps      []struct {
				Status transfer.Status `json:"status"`
				State  string          `json:"state"`
				At     *time.Time      `json:"at"`
			} `json:"steps"`
		} `json:"transfers"`
	}
	code, body := httpGet(t, e.d.StatusPageURL()+"/api/v1/tx/"+hash)
	require.Equal(t, http.StatusOK, code, body)
	require.NoError(t, json.Unmarshal([]byte(body), &v))
	require.True(t, v.Seen)
	require.Len(t, v.Transfers, 1)
	tr := v.Transfers[0]
	require.True(t, tr.Final)
	require.NotEmpty(t, tr.DestTxHash)
	require.GreaterOrEqual(t, tr.Signatures.Have, threshold)
	require.Equal(t, threshold, tr.Signatures.Need, "the threshold, as the nodes wrote it")
	require.Equal(t, nodeCount, tr.Signatures.Of)
	for _, s := range tr.Steps {
		require.Equal(t, "done", s.State, "%s", s.Status)
		require.NotNil(t, s.At, "the history has the time of %s", s.Status)
	}

	// A node's first heartbeat, at its start, precedes its scanners' first
	// round; the next ones (every 7.5 s here) say it is healthy.
	eventually(t, time.Minute, func() (bool, string) {
		code, body := httpGet(t, e.d.StatusPageURL()+"/api/v1/nodes")
		return code == http.StatusOK && strings.Contains(body, fmt.Sprintf(`"healthy": %d,`, nodeCount)), "nodes: " + body
	})

	// An operator pauses the bridge: the nodes read it from the control
	// workflow with their heartbeats, and the page shows the banner.
	e.temporalCLI("workflow", "signal", "--workflow-id", transfer.ControlWorkflowID, "--name", transfer.SignalPause,
		"--input", `{"By":"e2e","Reason":"status page drill"}`)
	waitBridge(t, e.d.StatusPageURL(), `"paused": true`)
	_, html = httpGet(t, e.d.StatusPageURL()+"/")
	require.Contains(t, html, `<div id="pause-banner" class="banner" role="alert">`, "the banner is not hidden")
	require.Contains(t, html, "by e2e: status page drill")
	e.temporalCLI("workflow", "signal", "--workflow-id", transfer.ControlWorkflowID, "--name", transfer.SignalResume)
	waitBridge(t, e.d.StatusPageURL(), `"paused": false`)
	e.finish(time.Minute)
}

// waitBridge waits until the page's bridge state says what it must.
func waitBridge(t *testing.T, base, says string) {
	t.Helper()
	// The nodes publish the pause at most every 10 s, with their heartbeat.
	eventually(t, time.Minute, func() (bool, string) {
		_, body := httpGet(t, base+"/api/v1/bridge")
		return strings.Contains(body, says) && !strings.Contains(body, `"pause_checked_at": null`), "bridge state: " + body
	})
}

// statusLine is the page's status element, for a failure message.
func statusLine(html string) string {
	i := strings.Index(html, `id="status"`)
	if i < 0 {
		if strings.Contains(html, "Not seen yet") {
			return "not seen yet"
		}
		return "no status on the page"
	}
	return html[i:min(len(html), i+80)]
}
