package devnet

import (
	"fmt"
	"strings"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// Summary is what `make dev` prints once the devnet is ready.
func (d *Devnet) Summary() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("")
	w("wPOKT devnet is ready: %d nodes, threshold %d, Ethereum and Pocket blocks every %s / %s, %d / %d confirmations.",
		len(d.nodes), d.opts.Threshold, d.opts.EthBlockInterval, d.opts.PocketBlockInterval, d.opts.EthConfirmations, d.opts.PocketConfirmations)
	if g := d.opts.Governor; g.SingleTransferLimitUpokt > 0 || g.DailyCapUpokt > 0 {
		w("Governor: transfers above %s POKT, or past %s POKT in 24 h, are held for an operator's release (0: no limit).",
			transfer.FormatPOKT(g.SingleTransferLimitUpokt), transfer.FormatPOKT(g.DailyCapUpokt))
	}
	w("")
	if d.Temporal != nil && d.Temporal.UIURL() != "" {
		w("  Temporal Web UI     %s/namespaces/%s/workflows", d.Temporal.UIURL(), d.opts.TemporalNamespace)
	}
	w("  Status page         %s/   (the users' view: search a tx hash or an address)", d.StatusPageURL())
	w("  Temporal gRPC       %s   (bin/temporal workflow list --address %s)", d.TemporalAddress(), d.TemporalAddress())
	w("  MongoDB             %s   (database wpokt: mints, burns, invalid_mints, healthchecks)", d.Mongo.URI())
	w("  Ethereum RPC        %s   (chain 1337; wPOKT at %s)", d.Eth.HTTPURL, d.Eth.WPOKT.Hex())
	w("  Pocket RPC          %s   (%s, chain %q)", d.PocketURL, d.opts.Pocket, d.PocketChainID())
	w("  Copper API          %s", d.Copper.PlatformURL())
	w("  Node configs        %s/nodes/node-N.yaml; logs in %s/logs/", d.opts.Dir, d.opts.Dir)
	if m := d.NodeMetricsAddress(1); m != "" {
		w("  Node 1 metrics      http://%s/metrics   health: http://%s/healthz", m, m)
	}
	w("")
	w("  Vault on Pocket     %s", d.VaultPokt)
	w("  Vault on Ethereum   %s (the wPOKT minter)", d.Eth.Vault.Address.Hex())
	w("")
	w("  Test users (keys derived from their names; each holds %s POKT):", transfer.FormatPOKT(UserFunds))
	for _, u := range d.Users {
		w("    %-8s  pocket %s   ethereum %s", u.Name, u.PoktAddress, u.Eth.Address.Hex())
	}
	w("    %-8s  pocket %s   (the operators' treasury: its sends to the vault top up the backing)", d.Treasury.Name, d.Treasury.PoktAddress)
	w("")
	u := d.Users[0]
	// The test users' commands live in wpokt-devnet (cmd/wpokt links no
	// stand-in); they default to a Shannon devnet.
	deposit, burn := "bin/wpokt-devnet deposit", "bin/wpokt-devnet burn"
	refunded := "refunded in full: the vault pays the fee"
	if d.opts.Pocket == pokt.Morse {
		deposit, burn = deposit+" --pocket morse", burn+" --pocket morse"
		refunded = "refunded minus the fee"
	}
	w("Try it (in another terminal):")
	w("  %s --from %s --amount 12.5 --to %s", deposit, u.Name, u.Eth.Address.Hex())
	w("  bin/wpokt status <tx hash printed by deposit>")
	w("  %s --from %s --amount 3 --to %s", burn, u.Name, u.PoktAddress)
	w("  %s --from %s --amount 5 --memo 'not a memo'      (an invalid memo: %s)", deposit, u.Name, refunded)
	if limit := d.opts.Governor.SingleTransferLimitUpokt; limit > 0 {
		w("  %s --from %s --amount %s --to %s   (above the single-transfer limit: held)",
			deposit, d.Users[1].Name, transfer.FormatPOKT(limit+transfer.UpoktPerPOKT), d.Users[1].Eth.Address.Hex())
	}
	w("  bin/wpokt list --status held")
	w("  for i in $(seq 1 %d); do bin/wpokt-node release --config %s/nodes/node-$i.yaml --workflow-id mint-<hash> --by me --reason checked; done",
		d.opts.Threshold, d.opts.Dir)
	w("      (a held transfer moves once %d node operators released it, each on their own node, or after %s)", d.opts.Threshold, d.opts.Governor.ReleaseAfter)
	w("  bin/temporal workflow list --address %s --query 'WpoktStatus=\"executed\"'", d.TemporalAddress())
	w("  bin/temporal workflow signal --address %s --workflow-id %s --name %s --input '{\"By\":\"me\",\"Reason\":\"test\"}'",
		d.TemporalAddress(), transfer.ControlWorkflowID, transfer.SignalPause)
	w("")
	w("Ctrl-C stops everything.")
	return b.String()
}
