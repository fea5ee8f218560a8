package workers

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/wpokt/bridge/store"
)

// Metrics are one node's Prometheus metrics, in a registry of its own (the
// devnet runs twelve nodes in one process). Names follow
// wpokt_<thing>_<unit>; every refusal carries a bounded reason class.
type Metrics struct {
	Registry *prometheus.Registry
	node     string

	scanHeight  *prometheus.GaugeVec
	scanLag     *prometheus.GaugeVec
	scanErrors  *prometheus.CounterVec
	restarts    *prometheus.CounterVec
	unreadable  *prometheus.CounterVec
	detected    *prometheus.CounterVec
	signed      prometheus.Counter
	refused     *prometheus.CounterVec
	alerts      *prometheus.CounterVec
	calls       *prometheus.CounterVec
	callSeconds *prometheus.HistogramVec
	signSeconds prometheus.Histogram

	mu       sync.Mutex
	lastScan map[string]time.Time
	heights  map[string]int64
	problem  map[string]string
}

// NewMetrics makes a node's metrics; a nil registry makes a fresh one.
func NewMetrics(reg *prometheus.Registry, nodeID string) *Metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	f := func(c prometheus.Collector) prometheus.Collector { reg.MustRegister(c); return c }
	m := &Metrics{
		Registry: reg, node: nodeID,
		scanHeight: f(prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "wpokt_scanner_height",
			Help: "Last height a scanner fully scanned."}, []string{"chain"})).(*prometheus.GaugeVec),
		scanLag: f(prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "wpokt_scanner_lag_blocks",
			Help: "Blocks between the chain head and the scanner's cursor."}, []string{"chain"})).(*prometheus.GaugeVec),
		scanErrors: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_scanner_errors_total",
			Help: "Failed scan rounds."}, []string{"chain"})).(*prometheus.CounterVec),
		restarts: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_scanner_restarts_total",
			Help: "Scanners restarted by their supervisor, by reason (panic, returned)."}, []string{"chain", "reason"})).(*prometheus.CounterVec),
		unreadable: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_scanner_unreadable_txs_total",
			Help: "Txs a scanner could not read; each one's transfer waits for an operator."}, []string{"chain"})).(*prometheus.CounterVec),
		detected: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_transfers_detected_total",
			Help: "Transfer workflows this node's scanners started or signalled."}, []string{"chain"})).(*prometheus.CounterVec),
		signed: f(prometheus.NewCounter(prometheus.CounterOpts{Name: "wpokt_signer_signed_total",
			Help: "Orders this node co-signed."})).(prometheus.Counter),
		refused: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_signer_refused_total",
			Help: "Orders this node refused to sign, by reason class."}, []string{"reason"})).(*prometheus.CounterVec),
		alerts: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_signer_alerts_total",
			Help: "Refusals that may be attacks (a second order for a paid transfer, several live orders), by reason class."}, []string{"reason"})).(*prometheus.CounterVec),
		calls: f(prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wpokt_client_calls_total",
			Help: "HTTP calls to RPCs and Copper, by endpoint and status class."}, []string{"endpoint", "status"})).(*prometheus.CounterVec),
		callSeconds: f(prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "wpokt_client_call_seconds",
			Help: "Latency of HTTP calls to RPCs and Copper.", Buckets: prometheus.ExponentialBuckets(0.001, 3, 10)}, []string{"endpoint"})).(*prometheus.HistogramVec),
		signSeconds: f(prometheus.NewHistogram(prometheus.HistogramOpts{Name: "wpokt_signer_activity_seconds",
			Help: "Latency of this node's signer activity (verification and co-signature).", Buckets: prometheus.ExponentialBuckets(0.01, 2.5, 10)})).(prometheus.Histogram),
		lastScan: map[string]time.Time{}, heights: map[string]int64{}, problem: map[string]string{},
	}
	return m
}

// Scanned records a successful scan round (starters.Observer).
func (m *Metrics) Scanned(chain string, cursor, head int64) {
	m.scanHeight.WithLabelValues(chain).Set(float64(cursor))
	m.scanLag.WithLabelValues(chain).Set(float64(max(0, head-cursor)))
	m.mu.Lock()
	m.lastScan[chain] = time.Now()
	m.heights[chain] = cursor
	delete(m.problem, chain)
	m.mu.Unlock()
}

// Watching records that a subscribed scanner's subscription is alive
// (starters.Observer): as good as a completed scan for health.
func (m *Metrics) Watching(chain string) {
	m.mu.Lock()
	m.lastScan[chain] = time.Now()
	delete(m.problem, chain)
	m.mu.Unlock()
}

// Started records a transfer a scanner saw (starters.Observer).
func (m *Metrics) Started(chain string, _ string) { m.detected.WithLabelValues(chain).Inc() }

// ScanFailed records a failed scan round (starters.Observer).
func (m *Metrics) ScanFailed(chain string, err error) {
	m.scanErrors.WithLabelValues(chain).Inc()
	m.mu.Lock()
	m.problem[chain] = err.Error()
	m.mu.Unlock()
}

// Restarted records a scanner its supervisor restarted (starters.Observer).
func (m *Metrics) Restarted(chain, reason string) { m.restarts.WithLabelValues(chain, reason).Inc() }

// Unreadable counts txs a scanner could not read (starters.Observer).
func (m *Metrics) Unreadable(chain string) { m.unreadable.WithLabelValues(chain).Inc() }

// Signed records a co-signature (activities.SignObserver).
func (m *Metrics) Signed() { m.signed.Inc() }

// Refused records a refusal by class (activities.SignObserver).
func (m *Metrics) Refused(class string) { m.refused.WithLabelValues(class).Inc() }

// Alert records a refusal that may be an attack (activities.SignObserver).
func (m *Metrics) Alert(class string) { m.alerts.WithLabelValues(class).Inc() }

// ObserveSign records one signer activity's duration.
func (m *Metrics) ObserveSign(d time.Duration) { m.signSeconds.Observe(d.Seconds()) }

// scannersStale names the chains whose scanner has not completed a round
// within staleAfter.
func (m *Metrics) scannersStale(staleAfter time.Duration, now time.Time) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var stale []string
	for _, chain := range []string{"pokt", "eth"} {
		last, ok := m.lastScan[chain]
		if !ok || now.Sub(last) > staleAfter {
			reason := chain + " scanner has not completed a scan"
			if ok {
				reason += " since " + last.UTC().Format(time.RFC3339)
			}
			if p := m.problem[chain]; p != "" {
				reason += ": " + p
			}
			stale = append(stale, reason)
		}
	}
	return stale
}

func (m *Metrics) health(staleAfter time.Duration) store.Health {
	h := store.Health{NodeID: m.node, Healthy: true}
	m.mu.Lock()
	h.PoktHeight, h.EthBlock = m.heights["pokt"], m.heights["eth"]
	m.mu.Unlock()
	if stale := m.scannersStale(staleAfter, time.Now()); len(stale) > 0 {
		h.Healthy, h.Problem = false, strings.Join(stale, "; ")
	}
	return h
}

// httpClient is an HTTP client whose calls are counted and timed under an
// endpoint name.
func (m *Metrics) httpClient(endpoint string) *http.Client {
	return &http.Client{Transport: &countingTransport{m: m, endpoint: endpoint, next: http.DefaultTransport}}
}

type countingTransport struct {
	m        *Metrics
	endpoint string
	next     http.RoundTripper
}

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	t.m.callSeconds.WithLabelValues(t.endpoint).Observe(time.Since(start).Seconds())
	status := "error"
	if err == nil {
		status = strconv.Itoa(resp.StatusCode/100) + "xx"
	}
	t.m.calls.WithLabelValues(t.endpoint, status).Inc()
	return resp, err
}
