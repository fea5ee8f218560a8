// Command wpokt-devnet runs the whole bridge on this machine (see package
// devnet) until Ctrl-C: `make dev` builds and starts it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "wpokt-devnet:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		dir       = flag.String("dir", ".devnet", "data dir (emptied at start)")
		cli       = flag.String("temporal-cli", "", "path of the temporal CLI (default: ./bin/temporal)")
		nodes     = flag.Int("nodes", 12, "number of nodes")
		threshold = flag.Int("threshold", 9, "co-signatures needed")
		block     = flag.Duration("block-interval", time.Second, "block interval of both chains")
		conf      = flag.Int64("confirmations", 2, "confirmations required on both chains")
		verbose   = flag.Bool("v", false, "print the nodes' logs (info) on the console too")
		limit     = flag.Uint64("single-limit", 10_000, "governor: POKT above which a transfer is held for an operator (0: none)")
		dailyCap  = flag.Uint64("daily-cap", 0, "governor: POKT that 24 h may carry before transfers are held (0: none)")
	)
	flag.Parse()
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return err
	}
	console := io.Writer(warnings{os.Stderr})
	if *verbose {
		console = os.Stderr
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	d, err := devnet.Start(ctx, devnet.Options{
		Dir: abs, TemporalCLI: *cli, Ports: devnet.DefaultPorts(),
		Nodes: *nodes, Threshold: *threshold,
		EthBlockInterval: *block, PocketBlockInterval: *block,
		EthConfirmations: *conf, PocketConfirmations: *conf,
		Governor: config.Governor{SingleTransferLimitUpokt: *limit * transfer.UpoktPerPOKT, DailyCapUpokt: *dailyCap * transfer.UpoktPerPOKT},
		Log:      os.Stdout, NodeLog: console,
	})
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Print(d.Summary())
	fmt.Printf("(started in %s; the nodes' full logs: %s)\n", time.Since(start).Round(100*time.Millisecond), filepath.Join(abs, "logs", "nodes.log"))
	<-ctx.Done()
	fmt.Println("\nstopping the devnet...")
	return nil
}

// warnings passes on only the log lines at WARN or ERROR level, so that the
// console shows what needs attention while the full logs go to a file.
type warnings struct{ w io.Writer }

func (f warnings) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("level=WARN")) || bytes.Contains(p, []byte("level=ERROR")) {
		return f.w.Write(p)
	}
	return len(p), nil
}
