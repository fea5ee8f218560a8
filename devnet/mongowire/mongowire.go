// Package mongowire runs FerretDB embedded, with its SQLite backend, as the
// devnet's and the tests' MongoDB: a real wire-protocol server that the
// real mongo driver (and mongosh) talks to.
package mongowire

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // the driver FerretDB itself uses, for IndexIDs
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
	dir      string
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
	s := &Server{dir: opts.Dir, cancel: cancel, done: make(chan error, 1)}
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

// IndexIDs gives every collection of a database an SQLite index on the
// exact expression FerretDB filters _id with. FerretDB's own _id index is
// on a different spelling of the path, which SQLite does not match, so
// every lookup by _id (the projection's only kind) scanned and parsed the
// whole table: a cost that grew with every transfer. Collections made
// later need another call; the index is the devnet's, FerretDB does not
// list it.
func (s *Server) IndexIDs(ctx context.Context, database string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(s.dir, database+".sqlite")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("mongowire: open %s: %w", database, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\_ferretdb\_%' ESCAPE '\'`)
	if err != nil {
		return fmt.Errorf("mongowire: list tables of %s: %w", database, err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("mongowire: list tables of %s: %w", database, err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mongowire: list tables of %s: %w", database, err)
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (%s)`, t+"_id_lookup", t, IDExpression)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("mongowire: index %s.%s: %w", database, t, err)
		}
	}
	return nil
}

// IDExpression is how FerretDB's SQLite backend reads a document's _id
// when it filters by it (v1.24: metadata.IDColumn).
const IDExpression = `_ferretdb_sjson->'$._id'`
