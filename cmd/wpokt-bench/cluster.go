package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wpokt/bridge/devnet/temporalcluster"
)

// clusterFlags configure the production-shaped run (make bench-cluster).
type clusterFlags struct {
	on                         bool
	server, sqlTool, schemaDir string
	postgresBin, version       string
	shards                     int
}

func (c *clusterFlags) register() {
	flag.BoolVar(&c.on, "cluster", false, "measure on the shape of production instead: Temporal Server on PostgreSQL, 12 node processes (make bench-cluster); merges a cluster object into --out")
	flag.StringVar(&c.version, "temporal-server-version", "", "the server's version (default: go.temporal.io/server in ./go.mod), with --cluster")
	flag.StringVar(&c.server, "temporal-server", "", "Temporal Server binary, go.temporal.io/server/cmd/server (default bin/temporal-server-<version>), with --cluster")
	flag.StringVar(&c.sqlTool, "temporal-sql-tool", "", "Temporal's SQL tool, go.temporal.io/server/cmd/tools/sql (default bin/temporal-sql-tool-<version>), with --cluster")
	flag.StringVar(&c.schemaDir, "temporal-schema-dir", "", "the server module's schema/postgresql/v12 (default: in the Go module cache), with --cluster")
	flag.StringVar(&c.postgresBin, "postgres-bin", "", "PostgreSQL's server binaries (default: the newest /usr/lib/postgresql/*/bin), with --cluster")
	flag.IntVar(&c.shards, "history-shards", 4, "the cluster's history shards, with --cluster")
}

// fill sets what the flags left out from ./go.mod, ./bin, the module cache
// and Debian's PostgreSQL directories (make bench-cluster passes them all).
func (c *clusterFlags) fill() error {
	if c.version == "" {
		data, err := os.ReadFile("go.mod")
		if err != nil {
			return fmt.Errorf("--temporal-server-version not set and no ./go.mod: %w", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "go.temporal.io/server" {
				c.version = f[1]
			}
		}
		if c.version == "" {
			return errors.New("--temporal-server-version not set and ./go.mod has no go.temporal.io/server")
		}
	}
	if c.server == "" {
		c.server = "bin/temporal-server-" + c.version
	}
	if c.sqlTool == "" {
		c.sqlTool = "bin/temporal-sql-tool-" + c.version
	}
	if c.schemaDir == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return fmt.Errorf("--temporal-schema-dir not set and go env GOMODCACHE failed: %w", err)
		}
		c.schemaDir = filepath.Join(strings.TrimSpace(string(out)), "go.temporal.io", "server@"+c.version, "schema", "postgresql", "v12")
	}
	if c.postgresBin == "" {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		slices.SortFunc(dirs, func(a, b string) int { return pgMajor(a) - pgMajor(b) })
		if len(dirs) == 0 {
			return errors.New("no /usr/lib/postgresql/*/bin: apt-get install postgresql (make bench-cluster does)")
		}
		c.postgresBin = dirs[len(dirs)-1]
	}
	return nil
}

// pgMajor is the major version in /usr/lib/postgresql/<major>/bin.
func pgMajor(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// runCluster starts the cluster, then a devnet on it whose twelve nodes
// run as processes, and measures what the dev-server run measures (not
// the Morse ratio or the polling baseline: they compare the bridge with
// itself, the same on either shape).
func runCluster(ctx context.Context, f flags, r Results, started time.Time) error {
	if _, err := os.Stat(f.nodeBinary); err != nil {
		return fmt.Errorf("--cluster runs every node as a process: %w", err)
	}
	if err := f.cluster.fill(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "wpokt-bench-cluster-")
	if err != nil {
		return err
	}
	defer func() {
		if !f.keep {
			_ = os.RemoveAll(dir)
		}
	}()
	log, err := os.Create(filepath.Join(dir, "temporal-cluster.log"))
	if err != nil {
		return err
	}
	defer log.Close()
	progress("cluster: PostgreSQL, schemas, Temporal Server with %d history shards (log in %s)", f.cluster.shards, log.Name())
	began := time.Now()
	c, err := temporalcluster.Start(ctx, temporalcluster.Options{
		Server: f.cluster.server, SQLTool: f.cluster.sqlTool, SchemaDir: f.cluster.schemaDir,
		PostgresBin: f.cluster.postgresBin, Shards: f.cluster.shards, Dir: filepath.Join(dir, "temporal"), Log: log,
	})
	if err != nil {
		return err
	}
	defer c.Stop()
	progress("cluster: ready in %.1f s, frontend %s, PostgreSQL %s", time.Since(began).Seconds(), c.Address(), c.Postgres.Address())

	b, err := startBench(ctx, f, benchDevnet{name: "cluster", pocket: f.pocket, scan: f.scan, poll: f.poll, copperPoll: f.copperPoll,
		subscribe: true, cluster: c})
	if err != nil {
		return err
	}
	defer b.close(f.keep)
	r.Command = "make bench-cluster"
	r.Settings.TemporalCluster = fmt.Sprintf("Temporal Server %s (one process, its four services), PostgreSQL (Debian's, fsync on), %d history shards; the dev server's dynamic config",
		f.cluster.version, c.Shards())
	r.Settings.NodeProcesses = b.d.NodeCount()
	if err := measure(ctx, f, b, &r, false); err != nil {
		return err
	}
	b.close(f.keep)
	r.Wall = time.Since(started).Round(time.Second).String()
	return write(f, r, true)
}

// write merges the run into --out (a dev-server run keeps the file's
// cluster object; a cluster run becomes it, keeping the rest), then
// prints the table and puts it in README.
func write(f flags, r Results, cluster bool) error {
	old, err := readResults(f.out)
	if err != nil {
		return err
	}
	merged := mergeResults(old, r, cluster)
	if err := os.MkdirAll(filepath.Dir(f.out), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.WriteFile(f.out, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	table := merged.Markdown()
	fmt.Println(table)
	if f.readme != "" {
		if err := updateReadme(f.readme, table); err != nil {
			return err
		}
	}
	progress("done in %s; %s written", r.Wall, f.out)
	return nil
}

// readResults reads a results file; a missing one is nil.
func readResults(path string) (*Results, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("results: %s: %w", path, err)
	}
	return &r, nil
}

// mergeResults puts a run beside the file's other one: a cluster run
// becomes the cluster object of the file's dev-server run (alone if the
// file has none); a dev-server run keeps the file's cluster object.
func mergeResults(old *Results, run Results, cluster bool) Results {
	if !cluster {
		if old != nil {
			run.Cluster = old.Cluster
		}
		return run
	}
	run.Cluster = nil
	if old == nil {
		return Results{Cluster: &run}
	}
	merged := *old
	merged.Cluster = &run
	return merged
}
