// Package mongowire runs FerretDB embedded, with its SQLite backend, as the
// devnet's and the tests' MongoDB: a real wire-protocol server that the
// real mongo driver (and mongosh) talks to.
package mongowire

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Options configure the server.
type Options struct {
	// Dir holds the SQLite files; a restart on the same Dir keeps the data.
	Dir string
	// Addr is the TCP listen address; "127.0.0.1:0" picks a free port.
	Addr string
	// Logger receives FerretDB's logs; nil shows only its errors.
	Logger *slog.Logger
}

// Server is a running FerretDB.
type Server struct {
	uri      string
	cancel   context.CancelFunc
	done     chan error
	stopOnce sync.Once
}

// Start runs FerretDB until Stop is called; ctx bounds only the start.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Dir == "" {
		return nil, errors.New("mongowire: no data dir")
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("mongowire: data dir: %w", err)
	}
	logger := opts.Logger
	if logger == nil {
		// FerretDB logs every failed command at WARN with a protocol dump
		// (e.g. listing the indexes of a collection not made yet): show errors only.
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: opts.Addr},
		Handler:  "sqlite",
		// synchronous=normal in WAL mode: commits no longer fsync one by one,
		// which on a busy disk kept the single SQLite writer lock for seconds.
		SQLiteURL: "file:" + opts.Dir + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		return nil, fmt.Errorf("mongowire: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	s := &Server{cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- f.Run(runCtx) }()
	uriReady := make(chan string, 1)
	go func() { uriReady <- f.MongoDBURI() }()
	select {
	case s.uri = <-uriReady:
	case err := <-s.done:
		cancel()
		return nil, fmt.Errorf("mongowire: ferretdb stopped at start: %w", err)
	case <-ctx.Done():
		cancel()
		return nil, fmt.Errorf("mongowire: ferretdb did not start listening: %w", ctx.Err())
	case <-time.After(30 * time.Second):
		cancel()
		return nil, errors.New("mongowire: ferretdb did not start listening within 30s")
	}
	return s, nil
}

// URI is the mongodb:// address of the server.
func (s *Server) URI() string { return s.uri }

// Stop shuts the server down and waits for it.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		s.cancel()
		<-s.done
	})
}
