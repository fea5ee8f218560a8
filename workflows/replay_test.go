package workflows

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// TestReplayRecordedHistories replays histories recorded from the real flow
// (integration test, `make record-histories`) against today's workflow
// code: a change that is not deterministic for running workflows fails
// here. Such a change needs workflow.GetVersion (see deploy/RUNBOOK.md).
// recorded is what the recorder wrote beside the histories
// (testdata/histories/trust.json): the signing set the recorded readings
// were signed under, and each history's workflow ID.
type recorded struct {
	Threshold int `json:"threshold"`
	// ReleaseAfter is the hold delay in seconds.
	ReleaseAfter int64             `json:"release_after_seconds"`
	ReadingKeys  map[string]string `json:"reading_keys"`
	WorkflowIDs  map[string]string `json:"workflow_ids"`
}

func loadRecorded(t *testing.T) (Trust, map[string]string) {
	b, err := os.ReadFile("testdata/histories/trust.json")
	require.NoError(t, err)
	var rec recorded
	require.NoError(t, json.Unmarshal(b, &rec))
	keys := transfer.NodeKeys{}
	for id, k := range rec.ReadingKeys {
		pub, err := hex.DecodeString(k)
		require.NoError(t, err)
		keys[id] = pub
	}
	return NewTrust(rec.Threshold, keys, time.Duration(rec.ReleaseAfter)*time.Second), rec.WorkflowIDs
}

// TestReplayRecordedHistories replays histories recorded from the real flow
// (integration test, `make record-histories`) against today's workflow
// code: a change that is not deterministic for running workflows fails
// here. Such a change needs workflow.GetVersion (see deploy/RUNBOOK.md).
func TestReplayRecordedHistories(t *testing.T) {
	trust, ids := loadRecorded(t)
	require.NotEmpty(t, ids, "no recorded histories: run make record-histories")
	for name, id := range ids {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata/histories", name))
			require.NoError(t, err)
			defer f.Close()
			hist, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
			require.NoError(t, err)
			r := worker.NewWorkflowReplayer()
			RegisterWorkflows(r, trust)
			require.NoError(t, r.ReplayWorkflowHistoryWithOptions(nil, hist, worker.ReplayWorkflowHistoryOptions{
				OriginalExecution: workflow.Execution{ID: id},
			}))
		})
	}
}
