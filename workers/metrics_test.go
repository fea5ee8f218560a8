package workers

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
)

func TestClientCallsAreCountedByEndpointAndStatus(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "no", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := m.httpClient("copper")
	for _, path := range []string{"/ok", "/ok", "/bad"} {
		resp, err := c.Get(srv.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
	}
	_, err := m.httpClient("pokt").Get("http://127.0.0.1:1/")
	require.Error(t, err)

	require.Equal(t, 2.0, testutil.ToFloat64(m.calls.WithLabelValues("copper", "2xx")))
	require.Equal(t, 1.0, testutil.ToFloat64(m.calls.WithLabelValues("copper", "5xx")))
	require.Equal(t, 1.0, testutil.ToFloat64(m.calls.WithLabelValues("pokt", "error")))
}

func TestScannerHealth(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	h := m.health(time.Minute)
	require.False(t, h.Healthy, "no scan yet")
	require.Contains(t, h.Problem, "pokt scanner has not completed a scan")

	m.Scanned("pokt", 90, 100)
	m.Scanned("eth", 500, 502)
	h = m.health(time.Minute)
	require.True(t, h.Healthy, h.Problem)
	require.EqualValues(t, 90, h.PoktHeight)
	require.Equal(t, 10.0, testutil.ToFloat64(m.scanLag.WithLabelValues("pokt")))

	m.ScanFailed("eth", errors.New("dial tcp: connection refused"))
	require.Equal(t, 1.0, testutil.ToFloat64(m.scanErrors.WithLabelValues("eth")))
	stale := m.scannersStale(time.Minute, time.Now().Add(2*time.Minute))
	require.Len(t, stale, 2)
	require.Contains(t, stale[1], "eth scanner has not completed a scan since")
	require.Contains(t, stale[1], "connection refused", "the last error says why")

	// A subscribed Ethereum scanner scans only to reconcile (hours apart);
	// its live subscription keeps it healthy meanwhile.
	sub := NewMetrics(nil, "node-2")
	sub.Scanned("pokt", 90, 100)
	sub.Watching("eth")
	h = sub.health(time.Minute)
	require.True(t, h.Healthy, h.Problem)
	require.Len(t, sub.scannersStale(time.Minute, time.Now().Add(2*time.Minute)), 2, "and stale when it stops")
}

func TestSignerMetrics(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	m.Signed()
	m.Refused("mismatch")
	m.Refused("mismatch")
	m.ObserveSign(120 * time.Millisecond)
	require.Equal(t, 1.0, testutil.ToFloat64(m.signed))
	require.Equal(t, 2.0, testutil.ToFloat64(m.refused.WithLabelValues("mismatch")))
	require.Equal(t, 1, testutil.CollectAndCount(m.signSeconds))
}

func TestTemporalSDKMetricsShareTheRegistry(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	h := m.temporalHandler()
	// The SDK uses one name with different tag sets: both must gather.
	h.WithTags(map[string]string{"namespace": "default", "task_queue": "bridge"}).Counter("temporal_request").Inc(2)
	h.WithTags(map[string]string{"namespace": "default", "operation": "PollWorkflowTaskQueue"}).Counter("temporal_request").Inc(1)
	h.Gauge("temporal_num_pollers").Update(4)
	h.Timer("temporal_workflow_task_execution_latency").Record(30 * time.Millisecond)

	families, err := m.Registry.Gather()
	require.NoError(t, err)
	var names []string
	for _, f := range families {
		names = append(names, f.GetName())
		if f.GetName() == "temporal_request_total" {
			require.Len(t, f.GetMetric(), 2)
			require.Len(t, f.GetMetric()[0].GetLabel(), 3, "the union of the label names")
		}
	}
	joined := strings.Join(names, " ")
	for _, want := range []string{"temporal_request_total", "temporal_num_pollers", "temporal_workflow_task_execution_latency_seconds", "wpokt_signer_signed_total"} {
		require.Contains(t, joined, want)
	}
}

func TestScannerRestartsAreCountedByChainAndReason(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	m.Restarted("pokt", "panic")
	m.Restarted("pokt", "panic")
	m.Restarted("eth", "returned")
	require.Equal(t, 2.0, testutil.ToFloat64(m.restarts.WithLabelValues("pokt", "panic")))
	require.Equal(t, 1.0, testutil.ToFloat64(m.restarts.WithLabelValues("eth", "returned")))
}

func TestSignerAlertsAreCountedByReason(t *testing.T) {
	m := NewMetrics(nil, "node-1")
	m.Alert("second_order")
	m.Alert("second_order")
	m.Alert("already_paid")
	require.Equal(t, 2.0, testutil.ToFloat64(m.alerts.WithLabelValues("second_order")))
	require.Equal(t, 1.0, testutil.ToFloat64(m.alerts.WithLabelValues("already_paid")))
	require.NoError(t, testutil.CollectAndCompare(m.alerts, strings.NewReader(`
# HELP wpokt_signer_alerts_total Refusals that may be attacks (a second order for a paid transfer, several live orders), by reason class.
# TYPE wpokt_signer_alerts_total counter
wpokt_signer_alerts_total{reason="already_paid"} 1
wpokt_signer_alerts_total{reason="second_order"} 2
`)))
}
