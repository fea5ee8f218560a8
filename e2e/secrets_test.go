package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/lockedio"
	"github.com/wpokt/bridge/transfer"
)

// TestNoSecretLeaks runs transfers with a signer's refusal and Copper
// errors, the nodes logging at debug level, then looks for every secret
// the devnet handed out (Copper API keys and secrets, key passwords, the
// master password, and the MongoDB password if the URI has one) in every
// byte the nodes logged, in the devnet's log files, in the projection and
// in every Temporal payload of every workflow's history.
func TestNoSecretLeaks(t *testing.T) {
	var logged lockedio.Writer
	e := start(t, 11, func(o *devnet.Options) {
		o.LogLevel = "debug"
		o.NodeLog = io.MultiWriter(o.NodeLog, &logged)
	})
	users := e.d.Users

	// Copper errors: failed and lost creations, co-signer errors.
	e.d.Copper.FailNext(coppersim.EndpointCreateOrder, 2, 500)
	e.d.Copper.LoseNextCreateAnswer(1)
	e.d.Copper.FailNext(coppersim.EndpointUnlimitedSign, 2, 503)
	e.d.Copper.FailNext(coppersim.EndpointGetOrder, 2, 502)
	var ids []string
	for i := range 3 {
		ids = append(ids, e.mint(users[i], users[i+1].Eth.Address, e.amount(10, 50)))
	}
	ids = append(ids, e.refund(users[3], e.amount(1, 5), "not a memo", "not a JSON object"))
	e.waitStatus(time.Minute, ids, transfer.StatusExecuted, transfer.StatusRefunded)

	// A refusal, on the record: a lying node while 3 honest ones are down.
	picked := pickNodes(e, 4)
	liar := picked[0]
	lie, says := depositLie(e, func(string) bool { return true })
	e.d.PocketProxy(liar).SetRewrite(lie)
	for _, n := range picked[1:] {
		e.d.StopNode(n)
	}
	lied := e.mint(users[0], users[0].Eth.Address, e.amount(1, 10))
	e.mayBeRefused(lied)
	eventually(t, time.Minute, func() (bool, string) {
		doc, _ := e.doc(lied)
		return refusedBy(doc, devnet.NodeID(liar), says), fmt.Sprintf("%s: refusals %v", lied, doc.Refusals)
	})
	for _, n := range picked[1:] {
		require.NoError(t, e.d.StartNode(e.ctx, n))
	}
	e.d.PocketProxy(liar).SetRewrite(nil)
	e.finish(time.Minute)

	secrets := e.d.Secrets()
	if u, err := url.Parse(e.d.StoreURI()); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			secrets = append(secrets, p)
		}
	}
	require.GreaterOrEqual(t, len(secrets), 2*nodeCount+1, "the devnet lists its secrets")
	for _, s := range secrets {
		require.GreaterOrEqual(t, len(s), 8, "a secret too short to search for")
	}

	logs := logged.Bytes()
	t.Logf("the nodes logged %d bytes (%d lines)", len(logs), bytes.Count(logs, []byte("\n")))
	for _, want := range []string{"signer refused", "injected fault", "co-signed"} {
		assert.Contains(t, string(logs), want, "the log shows the path the test drove")
	}
	places := map[string][]byte{"the nodes' log output": logs}
	files, err := filepath.Glob(filepath.Join(e.d.Options().Dir, "logs", "*"))
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		places[f] = data
	}
	docs, err := json.Marshal(e.docs())
	require.NoError(t, err)
	places["the MongoDB projection"] = docs
	places["the Temporal payloads"] = e.allPayloads()
	for where, data := range places {
		for i, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("secret #%d (%s...) found in %s", i, s[:3], where)
			}
		}
	}
}

// allPayloads concatenates the data of every payload in every event of
// every workflow's history (inputs, results, signals, queries, markers,
// memos, search attributes, failures' details).
func (e *env) allPayloads() []byte {
	e.t.Helper()
	var out bytes.Buffer
	var token []byte
	n := 0
	for {
		res, err := e.tc.ListWorkflow(e.ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: e.d.Options().TemporalNamespace, PageSize: 1000, NextPageToken: token,
		})
		require.NoError(e.t, err)
		for _, info := range res.GetExecutions() {
			n++
			it := e.tc.GetWorkflowHistory(e.ctx, info.GetExecution().GetWorkflowId(), info.GetExecution().GetRunId(), false,
				enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
			for it.HasNext() {
				ev, err := it.Next()
				require.NoError(e.t, err)
				collectPayloads(ev.ProtoReflect(), &out)
				// Failure messages are strings, not payloads.
				out.WriteString(ev.String())
			}
		}
		if token = res.GetNextPageToken(); len(token) == 0 {
			break
		}
	}
	e.t.Logf("searched the histories of %d workflows (%d bytes)", n, out.Len())
	return out.Bytes()
}

var payloadName = (&commonpb.Payload{}).ProtoReflect().Descriptor().FullName()

func collectPayloads(m protoreflect.Message, out *bytes.Buffer) {
	if m.Descriptor().FullName() == payloadName {
		out.Write(m.Interface().(*commonpb.Payload).GetData())
		out.WriteByte('\n')
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList() && fd.Message() != nil:
			for i := 0; i < v.List().Len(); i++ {
				collectPayloads(v.List().Get(i).Message(), out)
			}
		case fd.IsMap() && fd.MapValue().Message() != nil:
			v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
				collectPayloads(mv.Message(), out)
				return true
			})
		case fd.Message() != nil && !fd.IsList() && !fd.IsMap():
			collectPayloads(v.Message(), out)
		}
		return true
	})
}
