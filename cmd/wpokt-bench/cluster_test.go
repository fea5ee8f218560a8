package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A cluster run joins the file's dev-server run, and a later dev-server
// run keeps it: neither loses the other's figures.
func TestResultsMergeKeepsBothRuns(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "results.json")
	f := flags{out: out}

	dev := Results{Date: "2026-12-04", Command: "make bench"}
	dev.Throughput.PerSecond = 4.5
	if err := write(f, dev, false); err != nil {
		t.Fatal(err)
	}
	cluster := Results{Date: "2026-12-05", Command: "make bench-cluster"}
	cluster.Throughput.PerSecond = 6.1
	cluster.Settings.NodeProcesses = 12
	if err := write(f, cluster, true); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, out)
	if got.Throughput.PerSecond != 4.5 || got.Cluster == nil || got.Cluster.Throughput.PerSecond != 6.1 || got.Cluster.Cluster != nil {
		t.Fatalf("after the cluster run: %+v", got)
	}

	dev.Throughput.PerSecond = 4.7
	if err := write(f, dev, false); err != nil {
		t.Fatal(err)
	}
	got = readBack(t, out)
	if got.Throughput.PerSecond != 4.7 || got.Cluster == nil || got.Cluster.Throughput.PerSecond != 6.1 {
		t.Fatalf("after a second dev-server run: %+v", got)
	}
	table := got.Markdown()
	for _, want := range []string{"| 4.7 transfers/s (0; 0) | 6.1 transfers/s (0; 0) |", "make bench-cluster"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

// A cluster run into a file without a dev-server run is a table alone.
func TestResultsClusterAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.json")
	cluster := Results{Date: "2026-12-05", Command: "make bench-cluster"}
	if err := write(flags{out: out}, cluster, true); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, out)
	if got.Cluster == nil || got.Date != "" {
		t.Fatalf("got %+v", got)
	}
	if table := got.Markdown(); strings.Contains(table, "| overhead, confirmed -> executed, p50 | 0.00 s | 0.00 s | +0.00 s |") {
		t.Errorf("an empty dev-server table was rendered:\n%s", table)
	}
}

func readBack(t *testing.T, path string) Results {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}
