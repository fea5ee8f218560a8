// Command wpokt-devnet runs the whole bridge on this machine (see package
// devnet) until Ctrl-C: `make dev` builds and starts it. Its subcommands
// (deposit, burn) move the devnet's test users' funds; the operator's
// commands are in cmd/wpokt, which links no stand-in.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

func main() {
	if err := newRoot().Execute(); err != nil {
		os.Exit(1)
	}
}

// devnetFlags are the settings of a devnet run.
type devnetFlags struct {
	dir, cli         string
	nodes, threshold int
	block            time.Duration
	conf             int64
	verbose          bool
	limit, dailyCap  uint64
	pocket           string
}

func newRoot() *cobra.Command {
	var f devnetFlags
	var ep endpoints
	root := &cobra.Command{
		Use:          "wpokt-devnet",
		Short:        "Run the whole bridge on this machine until Ctrl-C; its subcommands move test users' funds on a running devnet",
		SilenceUsage: true,
		Args:         cobra.NoArgs,
		RunE:         func(cmd *cobra.Command, _ []string) error { return runDevnet(f) },
	}
	fl := root.Flags()
	fl.StringVar(&f.dir, "dir", ".devnet", "data dir (emptied at start)")
	fl.StringVar(&f.cli, "temporal-cli", "", "path of the temporal CLI (default: ./bin/temporal)")
	fl.IntVar(&f.nodes, "nodes", 12, "number of nodes")
	fl.IntVar(&f.threshold, "threshold", 9, "co-signatures needed")
	fl.DurationVar(&f.block, "block-interval", time.Second, "block interval of both chains")
	fl.Int64Var(&f.conf, "confirmations", 2, "confirmations required on both chains")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "print the nodes' logs (info) on the console too")
	fl.Uint64Var(&f.limit, "single-limit", 10_000, "governor: POKT above which a transfer is held for an operator (0: none)")
	fl.StringVar(&f.pocket, "pocket", string(pokt.Shannon), "Pocket protocol of the devnet's chain: shannon (a CometBFT node) or morse (the RPC simulator)")
	fl.Uint64Var(&f.dailyCap, "daily-cap", 0, "governor: POKT that 24 h may carry before transfers are held (0: none)")
	deposit, burn := depositCmd(&ep), burnCmd(&ep)
	ep.flags(deposit)
	ep.flags(burn)
	root.AddCommand(deposit, burn)
	return root
}

func runDevnet(f devnetFlags) error {
	protocol := pokt.Protocol(f.pocket)
	if !protocol.Valid() {
		return fmt.Errorf("--pocket %q: want %s or %s", f.pocket, pokt.Shannon, pokt.Morse)
	}
	abs, err := filepath.Abs(f.dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return err
	}
	console := io.Writer(warnings{os.Stderr})
	if f.verbose {
		console = os.Stderr
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	d, err := devnet.Start(ctx, devnet.Options{
		Dir: abs, TemporalCLI: f.cli, Ports: devnet.DefaultPorts(), Pocket: protocol,
		Nodes: f.nodes, Threshold: f.threshold,
		EthBlockInterval: f.block, PocketBlockInterval: f.block,
		EthConfirmations: f.conf, PocketConfirmations: f.conf,
		Governor: config.Governor{SingleTransferLimitUpokt: f.limit * transfer.UpoktPerPOKT, DailyCapUpokt: f.dailyCap * transfer.UpoktPerPOKT},
		Log:      os.Stdout, NodeLog: console,
	})
	if err != nil {
		return fmt.Errorf("start the devnet: %w", err)
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
