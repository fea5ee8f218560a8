// Command wpokt-web serves the bridge's status page for its users (package
// web) from the MongoDB projection, with a read-only MongoDB user.
//
// The MongoDB URI is a secret (it holds the password): it comes from the
// environment (WPOKT_WEB_MONGO_URI) or a file (--mongo-uri-file), never from
// a flag, and is never printed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/wpokt/bridge/secret"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/web"
)

// mongoURIEnv names the environment variable holding the MongoDB URI.
const mongoURIEnv = "WPOKT_WEB_MONGO_URI"

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(os.Args[1:], logger); err != nil {
		fmt.Fprintln(os.Stderr, "wpokt-web:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	listen, database, uriFile string
	allowWritable             bool
	timeout                   time.Duration
	web                       web.Config
	nodes                     int
	nodeIDs                   string
}

func parseFlags(args []string) (options, error) {
	var o options
	var pocketBlock, ethBlock time.Duration
	fs := flag.NewFlagSet("wpokt-web", flag.ContinueOnError)
	fs.StringVar(&o.listen, "listen", "127.0.0.1:8090", "listen address")
	fs.StringVar(&o.database, "database", "wpokt", "the projection's database")
	fs.StringVar(&o.uriFile, "mongo-uri-file", "", "file holding the MongoDB URI (else $"+mongoURIEnv+")")
	fs.BoolVar(&o.allowWritable, "allow-writable-db-user", false,
		"relax the read-only check: start even when the MongoDB user may write (only for a server that enforces no roles, such as the devnet's FerretDB)")
	fs.DurationVar(&o.timeout, "mongo-timeout", 5*time.Second, "timeout of each MongoDB query")
	fs.StringVar(&o.web.Explorers.PocketTx, "pocket-tx-url", "", "Pocket explorer URL of a tx, with {hash} (empty: no link)")
	fs.StringVar(&o.web.Explorers.PocketAddress, "pocket-address-url", "", "Pocket explorer URL of an address, with {address}")
	fs.StringVar(&o.web.Explorers.EthTx, "eth-tx-url", "https://etherscan.io/tx/{hash}", "Ethereum explorer URL of a tx, with {hash}")
	fs.StringVar(&o.web.Explorers.EthAddress, "eth-address-url", "https://etherscan.io/address/{address}", "Ethereum explorer URL of an address, with {address}")
	fs.DurationVar(&o.web.HeartbeatStaleAfter, "heartbeat-stale", 2*time.Minute, "a node whose heartbeat is older is shown unhealthy")
	fs.DurationVar(&o.web.Refresh, "refresh", 5*time.Second, "how often an open page polls for news")
	// Fallbacks, until a node wrote the bridge's own settings into the projection.
	fs.Int64Var(&o.web.Fallback.PocketConfirmations, "pocket-confirmations", 8, "fallback: confirmations required on Pocket")
	fs.Int64Var(&o.web.Fallback.EthConfirmations, "eth-confirmations", 32, "fallback: confirmations required on Ethereum")
	fs.DurationVar(&pocketBlock, "pocket-block-time", time.Minute, "fallback: Pocket's block time, for the estimates")
	fs.DurationVar(&ethBlock, "eth-block-time", 12*time.Second, "fallback: Ethereum's block time, for the estimates")
	fs.IntVar(&o.nodes, "nodes", 12, "fallback: number of nodes, named node-1...node-N")
	fs.StringVar(&o.nodeIDs, "node-ids", "", "fallback: the node IDs, comma-separated (instead of --nodes)")
	fs.IntVar(&o.web.Fallback.Threshold, "threshold", 9, "fallback: co-signatures an order needs")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	o.web.Fallback.PocketBlockTimeMs, o.web.Fallback.EthBlockTimeMs = pocketBlock.Milliseconds(), ethBlock.Milliseconds()
	o.web.Fallback.NodeIDs = nodeIDs(o.nodeIDs, o.nodes)
	if o.web.Fallback.Threshold < 1 || o.web.Fallback.Threshold > len(o.web.Fallback.NodeIDs) {
		return o, fmt.Errorf("--threshold %d: want 1 to the %d nodes", o.web.Fallback.Threshold, len(o.web.Fallback.NodeIDs))
	}
	return o, o.web.Explorers.Validate()
}

func nodeIDs(list string, n int) []string {
	var out []string
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	if len(out) > 0 {
		return out
	}
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf("node-%d", i))
	}
	return out
}

// mongoURI reads the secret URI from its file or the environment.
func mongoURI(file string) (secret.Value, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read --mongo-uri-file: %w", err)
		}
		return secret.Value(strings.TrimSpace(string(b))), nil
	}
	if v := os.Getenv(mongoURIEnv); v != "" {
		return secret.Value(v), nil
	}
	return "", fmt.Errorf("no MongoDB URI: set $%s or --mongo-uri-file", mongoURIEnv)
}

func run(args []string, logger *slog.Logger) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	uri, err := mongoURI(o.uriFile)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	reader, err := store.OpenReader(ctx, uri.Reveal(), o.database, store.ReaderOptions{Timeout: o.timeout, AllowWritableUser: o.allowWritable})
	if err != nil {
		return redact(err, uri)
	}
	defer reader.Close(context.Background())
	if o.allowWritable {
		logger.Warn("the read-only check of the MongoDB user is relaxed (--allow-writable-db-user): use it only with a server that enforces no roles")
	}
	o.web.Logger = logger
	srv, err := web.New(reader, o.web)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", o.listen, err)
	}
	logger.Info("status page", "url", "http://"+l.Addr().String(), "database", o.database)
	return serve(ctx, l, srv)
}

// serve runs the HTTP server until ctx ends, then shuts it down.
func serve(ctx context.Context, l net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 16 << 10}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	if err := hs.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// redact keeps the URI (and its password) out of an error the driver may
// have quoted it in.
func redact(err error, uri secret.Value) error {
	secrets := []secret.Value{uri}
	if i, j := strings.Index(uri.Reveal(), "://"), strings.LastIndex(uri.Reveal(), "@"); i >= 0 && j > i {
		if _, pw, ok := strings.Cut(uri.Reveal()[i+3:j], ":"); ok && pw != "" {
			secrets = append(secrets, secret.Value(pw))
		}
	}
	return errors.New(secret.NewRedactor(secrets...).Clean(err.Error()))
}
