package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/wpokt/bridge/transfer"
)

// commandLog records the commands the page's reader sends.
type commandLog struct {
	mu   sync.Mutex
	cmds []bson.Raw
	name []string
}

func (l *commandLog) monitor() *event.CommandMonitor {
	return &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.name = append(l.name, e.CommandName)
		l.cmds = append(l.cmds, append(bson.Raw(nil), e.Command...))
	}}
}

// readCommands are the commands that only read (and the driver's own
// session and cursor housekeeping).
var readCommands = map[string]bool{"find": true, "getMore": true, "killCursors": true, "connectionStatus": true, "endSessions": true}

func TestEveryRouteSendsOnlyIndexedReadsToMongoDB(t *testing.T) {
	var log commandLog
	p := newProjection(t, log.monitor())
	seeds := p.seed(t)
	ts := p.serve(t, 0)
	burn, mint := seeds[transfer.StatusDetected], seeds[transfer.StatusExecuted]
	routes := []string{
		"/", "/nodes", "/static/app.js", "/static/style.css",
		"/search?q=" + mint.SourceTxHash, "/search?q=" + morseAddr,
		"/tx/" + mint.SourceTxHash, "/tx/" + burn.SourceTxHash, "/tx/" + strings.Repeat("0", 64),
		"/t/" + mint.WorkflowID, "/t/" + burn.WorkflowID,
		"/address/" + mint.Recipient, "/address/" + morseAddr, "/address/pokt1yg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3znxdsxq",
		"/api/v1/tx/" + burn.SourceTxHash, "/api/v1/transfers/" + mint.WorkflowID, "/api/v1/address/" + morseAddr + "?limit=3",
		"/api/v1/nodes", "/api/v1/bridge",
	}
	for _, route := range routes {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			req, err := http.NewRequest(method, ts.URL+route, nil)
			require.NoError(t, err)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode, "%s %s", method, route)
		}
	}

	log.mu.Lock()
	defer log.mu.Unlock()
	require.NotEmpty(t, log.name)
	finds := 0
	for i, name := range log.name {
		require.True(t, readCommands[name], "the page sent %s: %s", name, log.cmds[i])
		if name == "find" {
			finds++
			requireIndexed(t, log.cmds[i])
		}
	}
	require.Greater(t, finds, len(routes), "every route read the projection")
}

// requireIndexed checks that a find is answered from an index: an _id
// lookup or range, or an equality on sender or recipient (indexed with
// updated_at) under a limit.
func requireIndexed(t *testing.T, cmd bson.Raw) {
	t.Helper()
	filter, _ := cmd.Lookup("filter").DocumentOK()
	elems, err := filter.Elements()
	require.NoError(t, err)
	coll := cmd.Lookup("find").StringValue()
	if len(elems) == 0 {
		require.Equal(t, "healthchecks", coll, "only the node list may be read without a filter: %s", cmd)
		_, limited := cmd.Lookup("limit").AsInt64OK()
		require.True(t, limited, "and then with a limit: %s", cmd)
		return
	}
	require.Len(t, elems, 1, "one indexed field: %s", cmd)
	switch key := elems[0].Key(); key {
	case "_id":
	case "sender", "recipient":
		_, limited := cmd.Lookup("limit").AsInt64OK()
		require.True(t, limited, "an address's transfers are read with a limit: %s", cmd)
	default:
		t.Fatalf("a find on %s by %s, which no index answers: %s", coll, key, cmd)
	}
}
