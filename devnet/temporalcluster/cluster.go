// Package temporalcluster runs Temporal the way production does, on one
// machine: Temporal Server (the go.temporal.io/server of go.mod, built into
// ./bin by make bench-cluster) as its own process, on a PostgreSQL cluster
// of Debian's packages whose schemas the server's own SQL tool sets up,
// with several history shards; then the namespace and the bridge's search
// attributes, as deploy/TEMPORAL.md registers them. make bench-cluster
// starts it before the devnet, which then uses it through
// devnet.Options.TemporalAddress.
package temporalcluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/wpokt/bridge/devnet/childproc"
)

// Options configure the cluster.
type Options struct {
	// Server and SQLTool are the binaries of go.temporal.io/server's
	// cmd/server and cmd/tools/sql.
	Server, SQLTool string
	// SchemaDir is the module's schema/postgresql/v12 (its temporal and
	// visibility versioned schemas).
	SchemaDir string
	// PostgresBin holds Debian's postgres, initdb, psql (default
	// DefaultPostgresBin).
	PostgresBin string
	// Shards is the number of history shards (default 4).
	Shards int
	// Namespace is registered with the bridge's search attributes
	// (default "default").
	Namespace string
	// Dir holds the server's config files.
	Dir string
	// Log receives PostgreSQL's, the SQL tool's and the server's output.
	Log io.Writer
}

// Cluster is a running PostgreSQL and Temporal Server.
type Cluster struct {
	opts     Options
	Postgres *Postgres
	ports    Ports
	server   *childproc.Process
}

const (
	dbUser       = "temporal"
	dbTemporal   = "temporal"
	dbVisibility = "temporal_visibility"
)

// Start starts PostgreSQL, sets up the schemas, starts the server, and
// registers the namespace and search attributes; it returns once a
// workflow list that names every search attribute succeeds.
func Start(ctx context.Context, opts Options) (_ *Cluster, err error) {
	if opts.Shards == 0 {
		opts.Shards = 4
	}
	if opts.Namespace == "" {
		opts.Namespace = "default"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	for _, f := range []*string{&opts.Server, &opts.SQLTool, &opts.SchemaDir} {
		if _, err := os.Stat(*f); err != nil {
			return nil, fmt.Errorf("temporal cluster: %w (make bench-cluster builds and finds them)", err)
		}
		// The server runs in Dir: its paths must not be relative.
		abs, err := filepath.Abs(*f)
		if err != nil {
			return nil, fmt.Errorf("temporal cluster: %w", err)
		}
		*f = abs
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("temporal cluster: %w", err)
	}
	c := &Cluster{opts: opts}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	if c.Postgres, err = StartPostgres(ctx, opts.PostgresBin, opts.Log); err != nil {
		return nil, err
	}
	password := randomPassword()
	if err := c.Postgres.Exec(ctx, fmt.Sprintf("CREATE ROLE %s LOGIN CREATEDB PASSWORD '%s'", dbUser, password)); err != nil {
		return nil, err
	}
	if err := c.setupSchemas(ctx, password); err != nil {
		return nil, err
	}
	if c.ports, err = freePorts(); err != nil {
		return nil, err
	}
	dynamic := filepath.Join(opts.Dir, "dynamicconfig.yaml")
	if err := os.WriteFile(dynamic, DynamicConfig(), 0o600); err != nil {
		return nil, fmt.Errorf("temporal cluster: %w", err)
	}
	cfg, err := ServerConfig{
		Ports: c.ports, Shards: opts.Shards, Postgres: c.Postgres.Address(), User: dbUser, Password: password,
		Database: dbTemporal, Visibility: dbVisibility, DynamicConfig: dynamic,
	}.Render()
	if err != nil {
		return nil, err
	}
	configFile := filepath.Join(opts.Dir, "temporal-server.yaml")
	if err := os.WriteFile(configFile, cfg, 0o600); err != nil {
		return nil, fmt.Errorf("temporal cluster: %w", err)
	}
	if err := c.startServer(configFile); err != nil {
		return nil, err
	}
	if err := c.setupNamespace(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// setupSchemas creates both databases and brings each to the module's
// latest schema version, as the server's own Makefile does.
func (c *Cluster) setupSchemas(ctx context.Context, password string) error {
	for _, db := range []struct{ name, schema string }{{dbTemporal, "temporal"}, {dbVisibility, "visibility"}} {
		base := []string{"--plugin", "postgres12", "--ep", "127.0.0.1", "-p", strconv.Itoa(c.Postgres.Port()),
			"-u", dbUser, "--pw", password, "--db", db.name}
		for _, step := range [][]string{
			{"create"},
			{"setup-schema", "-v", "0.0"},
			{"update-schema", "-d", filepath.Join(c.opts.SchemaDir, db.schema, "versioned")},
		} {
			cmd := exec.CommandContext(ctx, c.opts.SQLTool, append(base, step...)...)
			cmd.Stdout, cmd.Stderr = c.opts.Log, c.opts.Log
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("temporal cluster: sql tool %s on %s: %w", step[0], db.name, err)
			}
		}
	}
	return nil
}

func (c *Cluster) startServer(configFile string) error {
	cmd := exec.Command(c.opts.Server, "--config-file", configFile, "--allow-no-auth", "start")
	cmd.Dir = c.opts.Dir
	cmd.Stdout, cmd.Stderr = c.opts.Log, c.opts.Log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	proc, err := childproc.Start(cmd)
	if err != nil {
		return fmt.Errorf("temporal cluster: start server: %w", err)
	}
	c.server = proc
	return nil
}

// Address is the frontend's gRPC address.
func (c *Cluster) Address() string { return "127.0.0.1:" + strconv.Itoa(c.ports.Frontend) }

// Namespace is the bridge's namespace.
func (c *Cluster) Namespace() string { return c.opts.Namespace }

// Shards is the number of history shards.
func (c *Cluster) Shards() int { return c.opts.Shards }

// Pid is the Temporal Server process's ID (0 when stopped).
func (c *Cluster) Pid() int { return c.server.Pid() }

// Stop stops the server (SIGTERM, SIGKILL after 20 s), then PostgreSQL.
func (c *Cluster) Stop() {
	c.server.Stop(syscall.SIGTERM, 20*time.Second)
	if c.Postgres != nil {
		c.Postgres.Stop()
		c.Postgres = nil
	}
}

func randomPassword() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
