package web

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

func stepStates(doc store.Document) string {
	var out []string
	for _, s := range steps(doc) {
		out = append(out, string(s.Status)+":"+s.State)
	}
	return strings.Join(out, " ")
}

func TestTimelineFollowsEachPath(t *testing.T) {
	doc := func(status transfer.Status, class transfer.Class, history ...transfer.Status) store.Document {
		d := store.Document{Status: status, Classification: class, CreatedAt: t0, UpdatedAt: t0.Add(time.Hour)}
		for i, h := range history {
			d.History = append(d.History, store.StatusChange{Status: h, At: t0.Add(time.Duration(i) * time.Minute)})
		}
		return d
	}
	for _, c := range []struct {
		doc  store.Document
		want string
	}{
		{doc("detected", "mint", "detected"), "detected:current confirmed:pending started:pending signed:pending executed:pending"},
		{doc("held", "mint", "detected", "confirmed", "held"), "detected:done confirmed:done held:current started:pending signed:pending executed:pending"},
		{doc("executed", "mint", "detected", "confirmed", "held", "started", "signed", "executed"),
			"detected:done confirmed:done held:done started:done signed:done executed:done"},
		{doc("signed", "refund", "detected", "confirmed", "started", "signed"), "detected:done confirmed:done started:done signed:current refunded:pending"},
		{doc("refunded", "refund"), "detected:done confirmed:done started:done signed:done refunded:done"},
		{doc("invalid", "invalid", "detected", "confirmed", "invalid"), "detected:done confirmed:done invalid:done"},
		{doc("failed", "failed"), "detected:done failed:done"},
		{doc("topped_up", "top_up", "detected", "confirmed", "topped_up"), "detected:done confirmed:done topped_up:done"},
		{doc("failed", "mint", "detected", "confirmed", "started", "failed"), "detected:done confirmed:done started:done failed:done"},
	} {
		require.Equal(t, c.want, stepStates(c.doc), "%s/%s", c.doc.Classification, c.doc.Status)
	}
	// Without a history (written before it existed): the first and last times.
	s := steps(doc("refunded", "refund"))
	require.Equal(t, t0, *s[0].At)
	require.Nil(t, s[1].At)
	require.Equal(t, t0.Add(time.Hour), *s[4].At)
}

func TestConfirmationETA(t *testing.T) {
	require.EqualValues(t, 29*12, confirmationETA(3, 32, 12*time.Second, 0))
	require.EqualValues(t, 29*12-100, confirmationETA(3, 32, 12*time.Second, 100*time.Second))
	require.EqualValues(t, 0, confirmationETA(3, 32, 12*time.Second, time.Hour))
	require.EqualValues(t, 0, confirmationETA(40, 32, 12*time.Second, 0))
}

func TestNodesAreHealthyOnlyWithAFreshHeartbeat(t *testing.T) {
	now := t0.Add(time.Hour)
	settings := store.BridgeSettings{NodeIDs: []string{"node-1", "node-2", "node-3", "node-4"}, Threshold: 3}
	v := newNodesView([]store.Health{
		{NodeID: "node-1", Healthy: true, HeartbeatAt: now.Add(-10 * time.Second)},
		{NodeID: "node-2", Healthy: true, HeartbeatAt: now.Add(-5 * time.Minute)},
		{NodeID: "node-3", Healthy: false, Problem: "pocket scanner stale", HeartbeatAt: now},
	}, settings, time.Minute, now)
	require.Equal(t, 1, v.Healthy)
	require.Equal(t, 4, v.Of)
	var problems []string
	for _, n := range v.Nodes {
		problems = append(problems, n.NodeID+"="+n.Problem)
	}
	require.Equal(t, []string{"node-1=", "node-2=no heartbeat for 5m0s", "node-3=pocket scanner stale", "node-4=no heartbeat yet"}, problems)
}

func TestExplorerTemplatesAreChecked(t *testing.T) {
	require.NoError(t, testExplorers.Validate())
	require.ErrorContains(t, Explorers{EthTx: "javascript:alert({hash})"}.Validate(), "http(s)")
	require.ErrorContains(t, Explorers{PocketTx: "https://x.example/tx/"}.Validate(), "no {hash}")
	require.Equal(t, "https://eth.example/tx/a%2Fb", testExplorers.txLink(chainEthereum, "a/b"), "values are escaped")
}
