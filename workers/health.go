package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
)

// HealthReport is what /healthz answers.
type HealthReport struct {
	Node     string   `json:"node"`
	Healthy  bool     `json:"healthy"`
	Problems []string `json:"problems,omitempty"`
}

// Healthz checks the Temporal connection and that both scanners completed
// a round within the configured staleness.
func (n *Node) Healthz(ctx context.Context) HealthReport {
	r := HealthReport{Node: n.cfg.Node.ID}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := n.temporal.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		r.Problems = append(r.Problems, "temporal: "+err.Error())
	}
	r.Problems = append(r.Problems, n.metrics.scannersStale(n.cfg.Node.HealthStaleAfter, time.Now())...)
	r.Healthy = len(r.Problems) == 0
	return r
}

// serveMetrics serves /metrics and /healthz on the configured address
// (loopback unless the config says otherwise) until ctx ends.
func (n *Node) serveMetrics(ctx context.Context) error {
	addr := n.cfg.Node.MetricsAddress
	if addr == "" {
		return nil
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(n.metrics.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		rep := n.Healthz(r.Context())
		w.Header().Set("Content-Type", "application/json")
		if !rep.Healthy {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(rep)
	})
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("metrics listener %s: %w", addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	n.logger.Info("metrics and health", "address", "http://"+l.Addr().String())
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
