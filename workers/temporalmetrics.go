package workers

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"
)

// sdkMetrics exposes the Temporal SDK's own metrics (task latencies,
// poller counts, request failures) in the node's Prometheus registry. The
// SDK tags one metric name with varying tag sets, so the collector keeps
// every series and fills missing labels with "" when it is scraped.
type sdkMetrics struct {
	mu     sync.Mutex
	series map[string]*sdkSeries
}

type sdkSeries struct {
	name  string
	kind  string // counter, gauge, timer
	tags  map[string]string
	value float64 // counter total, gauge value, or timer sum in seconds
	count uint64  // timer observations
}

var metricNameRE = regexp.MustCompile(`[^a-zA-Z0-9_]`)

func (m *Metrics) temporalHandler() client.MetricsHandler {
	c := &sdkMetrics{series: map[string]*sdkSeries{}}
	m.Registry.MustRegister(c)
	return sdkHandler{c: c}
}

type sdkHandler struct {
	c    *sdkMetrics
	tags map[string]string
}

func (h sdkHandler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := make(map[string]string, len(h.tags)+len(tags))
	for k, v := range h.tags {
		merged[k] = v
	}
	for k, v := range tags {
		merged[metricNameRE.ReplaceAllString(k, "_")] = v
	}
	return sdkHandler{c: h.c, tags: merged}
}

func (h sdkHandler) Counter(name string) client.MetricsCounter {
	s := h.c.get(name, "counter", h.tags)
	return counterFunc(func(d int64) { h.c.mu.Lock(); s.value += float64(d); h.c.mu.Unlock() })
}

func (h sdkHandler) Gauge(name string) client.MetricsGauge {
	s := h.c.get(name, "gauge", h.tags)
	return gaugeFunc(func(v float64) { h.c.mu.Lock(); s.value = v; h.c.mu.Unlock() })
}

func (h sdkHandler) Timer(name string) client.MetricsTimer {
	s := h.c.get(name, "timer", h.tags)
	return timerFunc(func(d time.Duration) { h.c.mu.Lock(); s.value += d.Seconds(); s.count++; h.c.mu.Unlock() })
}

type counterFunc func(int64)

func (f counterFunc) Inc(d int64) { f(d) }

type gaugeFunc func(float64)

func (f gaugeFunc) Update(v float64) { f(v) }

type timerFunc func(time.Duration)

func (f timerFunc) Record(d time.Duration) { f(d) }

func (c *sdkMetrics) get(name, kind string, tags map[string]string) *sdkSeries {
	name = metricNameRE.ReplaceAllString(name, "_")
	if !strings.HasPrefix(name, "temporal_") {
		name = "temporal_" + name
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(name)
	for _, k := range keys {
		b.WriteString("\x00" + k + "=" + tags[k])
	}
	key := b.String()
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.series[key]
	if !ok {
		s = &sdkSeries{name: name, kind: kind, tags: tags}
		c.series[key] = s
	}
	return s
}

// Describe sends nothing: the collector is unchecked, its series appear as
// the SDK creates them.
func (c *sdkMetrics) Describe(chan<- *prometheus.Desc) {}

// Collect emits every series, with the union of its name's label names.
func (c *sdkMetrics) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	labels := map[string][]string{}
	for _, s := range c.series {
		for k := range s.tags {
			if !slices.Contains(labels[s.name], k) {
				labels[s.name] = append(labels[s.name], k)
			}
		}
	}
	for _, s := range c.series {
		names := labels[s.name]
		slices.Sort(names)
		values := make([]string, len(names))
		for i, k := range names {
			values[i] = s.tags[k]
		}
		switch s.kind {
		case "counter":
			ch <- prometheus.MustNewConstMetric(prometheus.NewDesc(s.name+"_total", "Temporal SDK counter "+s.name, names, nil), prometheus.CounterValue, s.value, values...)
		case "gauge":
			ch <- prometheus.MustNewConstMetric(prometheus.NewDesc(s.name, "Temporal SDK gauge "+s.name, names, nil), prometheus.GaugeValue, s.value, values...)
		case "timer":
			ch <- prometheus.MustNewConstSummary(prometheus.NewDesc(s.name+"_seconds", "Temporal SDK timer "+s.name, names, nil), s.count, s.value, nil, values...)
		}
	}
}
