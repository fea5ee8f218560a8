// Command wpokt is the bridge's command line for people: send test
// transfers on the devnet, read a transfer's status, list transfers, and
// the operator commands the Temporal CLI cannot give (rescan, invariant).
// It talks to the running services over their ports.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
)

func main() {
	if err := newRoot().Execute(); err != nil {
		os.Exit(1)
	}
}

// endpoints are where the services are: the devnet's ports by default.
type endpoints struct {
	pocketRPC      string
	pocketProtocol string
	ethRPC         string
	mongoURI       string
	database       string
	temporal       string
	namespace      string
	wpokt          string
	vault          string
	timeout        time.Duration
}

func newRoot() *cobra.Command {
	var ep endpoints
	root := &cobra.Command{
		Use:          "wpokt",
		Short:        "Transfers and operations of the wPOKT bridge (defaults: the local devnet)",
		SilenceUsage: true,
	}
	f := root.PersistentFlags()
	f.StringVar(&ep.pocketRPC, "pocket-rpc", "http://127.0.0.1:8081", "Pocket RPC URL")
	f.StringVar(&ep.pocketProtocol, "pocket-protocol", "shannon", "Pocket protocol of that RPC: shannon or morse")
	f.StringVar(&ep.ethRPC, "eth-rpc", "http://127.0.0.1:8545", "Ethereum RPC URL")
	f.StringVar(&ep.mongoURI, "mongo", "mongodb://127.0.0.1:27017/", "MongoDB URI of the projection")
	f.StringVar(&ep.database, "database", "wpokt", "MongoDB database")
	f.StringVar(&ep.temporal, "temporal", "127.0.0.1:7233", "Temporal frontend address")
	f.StringVar(&ep.namespace, "namespace", "default", "Temporal namespace")
	f.StringVar(&ep.wpokt, "wpokt-address", "", "wPOKT contract address (invariant)")
	f.StringVar(&ep.vault, "vault", "", "Pocket vault address (invariant)")
	f.DurationVar(&ep.timeout, "timeout", 30*time.Second, "timeout of the whole command")
	root.AddCommand(statusCmd(&ep), listCmd(&ep), invariantCmd(&ep), rescanCmd(&ep))
	return root
}

func (ep *endpoints) context(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	return context.WithTimeout(cmd.Context(), ep.timeout)
}

func printf(cmd *cobra.Command, format string, args ...any) {
	fmt.Fprintf(cmd.OutOrStdout(), format, args...)
}
