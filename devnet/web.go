package devnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/web"
)

// statusPage is the users' status page (package web, as cmd/wpokt-web
// serves it) on the devnet's projection.
type statusPage struct {
	url    string
	reader *store.Reader
	server *http.Server
}

// startStatusPage serves the status page on port (0: a free one). FerretDB
// enforces no roles, so the reader's read-only check is relaxed, as
// `wpokt-web --allow-writable-db-user` does.
func (d *Devnet) startStatusPage(ctx context.Context, port int) error {
	reader, err := store.OpenReader(ctx, d.Mongo.URI(), "wpokt", store.ReaderOptions{AllowWritableUser: true})
	if err != nil {
		return fmt.Errorf("devnet: status page: %w", err)
	}
	o := d.opts
	nodeIDs := make([]string, o.Nodes)
	for i := range nodeIDs {
		nodeIDs[i] = NodeID(i + 1)
	}
	h, err := web.New(reader, web.Config{
		Fallback: store.BridgeSettings{NodeIDs: nodeIDs, Threshold: o.Threshold,
			PocketConfirmations: o.PocketConfirmations, EthConfirmations: o.EthConfirmations,
			PocketBlockTimeMs: o.PocketBlockInterval.Milliseconds(), EthBlockTimeMs: o.EthBlockInterval.Milliseconds()},
		// The nodes' heartbeat runs every 7.5 s (health_stale_after 30s / 4).
		HeartbeatStaleAfter: 30 * time.Second, Refresh: time.Second,
		Logger: slog.New(slog.NewTextHandler(d.nodeLogWriter, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		_ = reader.Close(context.Background())
		return fmt.Errorf("devnet: status page: %w", err)
	}
	l, err := net.Listen("tcp", addr(port))
	if err != nil {
		_ = reader.Close(context.Background())
		return fmt.Errorf("devnet: status page listener: %w", err)
	}
	p := &statusPage{url: "http://" + l.Addr().String(), reader: reader,
		server: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}}
	go func() {
		if err := p.server.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.nodeLogger.Error("status page stopped", "error", err)
		}
	}()
	d.statusPage = p
	return nil
}

// StatusPageURL is the status page's address ("" before it started).
func (d *Devnet) StatusPageURL() string {
	if d.statusPage == nil {
		return ""
	}
	return d.statusPage.url
}

func (p *statusPage) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.server.Shutdown(ctx)
	_ = p.reader.Close(ctx)
}
