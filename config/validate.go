package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

var (
	poktAddressRE = regexp.MustCompile(`^[0-9a-f]{40}$`)
	ethAddressRE  = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
	nodeIDRE      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
)

// reportBad records one bad key with what is wrong with it.
type reportBad func(key, format string, args ...any)

// Validate checks every key and names the bad ones, section by section.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("key %s: %s", key, fmt.Sprintf(format, args...)))
	}
	for _, section := range []func(reportBad){c.validateNode, c.validateValidators, c.validateGovernor,
		c.validateTemporal, c.validateMongo, c.validatePocket, c.validateEthereum, c.validateCopper} {
		section(bad)
	}
	return errors.Join(errs...)
}

// validateNode checks node.*: its id, logs, stop timeout and metrics address.
func (c *Config) validateNode(bad reportBad) {
	if !nodeIDRE.MatchString(c.Node.ID) {
		bad("node.id", "want lower-case letters, digits and '-', got %q", c.Node.ID)
	}
	switch c.Node.LogFormat {
	case "json", "text":
	default:
		bad("node.log_format", "want json or text, got %q", c.Node.LogFormat)
	}
	if p := c.Node.LedgerPath; p == "" || filepath.Clean(p) != p || p == "." || p == "/" {
		bad("node.ledger_path", "want a clean file path, got %q", p)
	}
	if c.Node.StopTimeout < 0 {
		bad("node.stop_timeout", "must not be negative")
	}
	if _, err := ParseLogLevel(c.Node.LogLevel); err != nil {
		bad("node.log_level", "%v", err)
	}
	if c.Node.MetricsAddress != "" && !c.Node.AllowPublicMetrics && !isLoopback(c.Node.MetricsAddress) {
		bad("node.metrics_address", "%q is not a loopback address (set node.allow_public_metrics to expose it)", c.Node.MetricsAddress)
	}
}

// validateValidators checks validators.*: the signer ids (this node among them), a threshold that is a majority, and their reading keys.
func (c *Config) validateValidators(bad reportBad) {
	if len(c.Validators.NodeIDs) == 0 {
		bad("validators.node_ids", "missing")
	}
	seen := map[string]bool{}
	for _, id := range c.Validators.NodeIDs {
		if !nodeIDRE.MatchString(id) {
			bad("validators.node_ids", "bad node id %q", id)
		}
		if seen[id] {
			bad("validators.node_ids", "node id %q is listed twice", id)
		}
		seen[id] = true
	}
	if c.Node.ID != "" && len(c.Validators.NodeIDs) > 0 && !seen[c.Node.ID] {
		bad("node.id", "%q is not in validators.node_ids", c.Node.ID)
	}
	switch n := len(c.Validators.NodeIDs); {
	case c.Validators.Threshold > n:
		bad("validators.threshold", "%d is more than the %d signers", c.Validators.Threshold, n)
	case c.Validators.Threshold*2 <= n:
		// Fewer than a majority could move funds the others refuse.
		bad("validators.threshold", "%d is not a majority of the %d signers", c.Validators.Threshold, n)
	}
	c.validateReadingKeys(bad)
}

// validateGovernor checks governor.*: a single transfer fits in the daily cap.
func (c *Config) validateGovernor(bad reportBad) {
	if c.Governor.DailyCapUpokt != 0 && c.Governor.SingleTransferLimitUpokt > c.Governor.DailyCapUpokt {
		bad("governor.single_transfer_limit_upokt", "is above governor.daily_cap_upokt")
	}
	positive(bad, "governor.release_after", c.Governor.ReleaseAfter)
	for _, id := range c.Governor.ReleasedTransfers {
		if _, _, _, err := transfer.ParseWorkflowID(id); err != nil {
			bad("governor.released_transfers", "%q: %v", id, err)
		}
	}
	c.validateAccountant(bad)
}

// validateTemporal checks temporal.*.
func (c *Config) validateTemporal(bad reportBad) {
	if c.Temporal.Address == "" {
		bad("temporal.address", "missing")
	}
	if c.Temporal.Namespace == "" {
		bad("temporal.namespace", "missing")
	}
	if c.Temporal.TaskQueue == "" || strings.HasPrefix(c.Temporal.TaskQueue, "signer-") {
		bad("temporal.task_queue", "missing or clashing with the signer queues: %q", c.Temporal.TaskQueue)
	}
	if t := c.Temporal.TLS; t.Enabled() && (t.CertFile == "") != (t.KeyFile == "") {
		bad("temporal.tls", "cert_file and key_file go together")
	}
	positive(bad, "temporal.confirmation_poll_interval", c.Temporal.ConfirmationPollInterval)
	positive(bad, "temporal.signer_retry_max", c.Temporal.SignerRetryMax)
}

// validateMongo checks mongo.*.
func (c *Config) validateMongo(bad reportBad) {
	if c.Mongo.URI == "" {
		bad("mongo.uri", "missing (set %s or mongo.uri_file)", EnvName("mongo.uri"))
	} else if s := string(c.Mongo.URI); !strings.HasPrefix(s, "mongodb://") && !strings.HasPrefix(s, "mongodb+srv://") {
		bad("mongo.uri", "not a mongodb:// URI")
	}
	if c.Mongo.Database == "" {
		bad("mongo.database", "missing")
	}
	positive(bad, "mongo.timeout", c.Mongo.Timeout)
}

// validatePocket checks pocket.*: the RPC, the vault address in its protocol's form, the amounts and the timings.
func (c *Config) validatePocket(bad reportBad) {
	p := c.Pocket
	requireURL(bad, "pocket.rpc_url", p.RPCURL)
	if p.ChainID == "" {
		bad("pocket.chain_id", "missing")
	}
	switch p.Protocol {
	case pokt.Shannon:
		if a, err := pokt.ParseAddress(p.VaultAddress); err != nil || a.String() != p.VaultAddress || !strings.HasPrefix(p.VaultAddress, pokt.Bech32Prefix+"1") {
			bad("pocket.vault_address", "want a bech32 pokt1… address for protocol shannon, got %q", p.VaultAddress)
		}
	case pokt.Morse:
		if !poktAddressRE.MatchString(p.VaultAddress) {
			bad("pocket.vault_address", "want 40 lower-case hex characters for protocol morse, got %q", p.VaultAddress)
		}
	default:
		bad("pocket.protocol", "want %q or %q, got %q", pokt.Shannon, pokt.Morse, p.Protocol)
	}
	if p.Confirmations < 0 {
		bad("pocket.confirmations", "must not be negative, got %d", p.Confirmations)
	}
	if p.MaxMintUpokt != 0 && p.MaxMintUpokt <= p.FeeUpokt {
		bad("pocket.max_mint_upokt", "must be above pocket.fee_upokt")
	}
	for i, a := range p.TopUpSenders {
		key := fmt.Sprintf("pocket.top_up_senders[%d]", i)
		switch addr, err := pokt.ParseAddress(a); {
		case err != nil:
			bad(key, "not a Pocket address: %v", err)
		case addr.Protocol() != p.Protocol:
			bad(key, "want an address in protocol %s's form, got %q", p.Protocol, a)
		case pokt.SameAddress(a, p.VaultAddress):
			bad(key, "the vault cannot top itself up")
		}
	}
	if p.StartHeight < 0 {
		bad("pocket.start_height", "must not be negative")
	}
	positive(bad, "pocket.block_time", p.BlockTime)
	positive(bad, "pocket.scan_interval", p.ScanInterval)
	positive(bad, "pocket.rpc_timeout", p.RPCTimeout)
}

// validateEthereum checks ethereum.*: the RPCs, the chain, the contract and minter addresses and the timings.
func (c *Config) validateEthereum(bad reportBad) {
	e := c.Ethereum
	requireURL(bad, "ethereum.rpc_url", e.RPCURL)
	if e.WSURL != "" && !strings.HasPrefix(e.WSURL, "ws://") && !strings.HasPrefix(e.WSURL, "wss://") {
		bad("ethereum.ws_url", "want ws:// or wss://, got %q", e.WSURL)
	}
	if e.ChainID == 0 {
		bad("ethereum.chain_id", "missing")
	}
	checkEthAddress(bad, "ethereum.wpokt_address", e.WPOKTAddress)
	checkEthAddress(bad, "ethereum.minter_address", e.MinterAddress)
	if e.Confirmations < 0 {
		bad("ethereum.confirmations", "must not be negative, got %d", e.Confirmations)
	}
	if e.LogRange == 0 || e.LogRange > 100000 {
		bad("ethereum.log_range", "want 1..100000, got %d", e.LogRange)
	}
	positive(bad, "ethereum.block_time", e.BlockTime)
	positive(bad, "ethereum.scan_interval", e.ScanInterval)
	if e.ReconcileInterval < 0 {
		bad("ethereum.reconcile_interval", "must not be negative")
	}
	positive(bad, "ethereum.rpc_timeout", e.RPCTimeout)
}

// validateCopper checks copper.*: the API, the co-signer and every secret but the MongoDB URI (checked with mongo.*).
func (c *Config) validateCopper(bad reportBad) {
	cu := c.Copper
	requireURL(bad, "copper.api_url", cu.APIURL)
	if cu.PortfolioID == "" {
		bad("copper.portfolio_id", "missing")
	}
	if cu.POKTCurrency == "" {
		bad("copper.pokt_currency", "missing")
	}
	if cu.ETHCurrency == "" {
		bad("copper.eth_currency", "missing")
	}
	positive(bad, "copper.timeout", cu.Timeout)
	positive(bad, "copper.poll_interval", cu.PollInterval)
	for _, s := range secretSources {
		if s.key == "mongo.uri" {
			continue
		}
		if dst, _ := s.target(c); *dst == "" {
			bad(s.key, "missing (set %s or %s)", s.env, s.fileKey)
		}
	}
	requireURL(bad, "copper.unlimited.url", cu.Unlimited.URL)
	if cu.Unlimited.KeyFilename == "" {
		bad("copper.unlimited.key_filename", "missing")
	}
	positive(bad, "copper.unlimited.deadline", cu.Unlimited.Deadline)
	positive(bad, "copper.unlimited.poll_interval", cu.Unlimited.PollInterval)
}

func positive(bad reportBad, key string, d time.Duration) {
	if d <= 0 {
		bad(key, "must be a positive duration, got %s", d)
	}
}

func requireURL(bad reportBad, key, u string) {
	switch {
	case u == "":
		bad(key, "missing")
	case !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://"):
		bad(key, "want an http:// or https:// URL, got %q", u)
	}
}

func checkEthAddress(bad reportBad, key, a string) {
	if !ethAddressRE.MatchString(a) {
		bad(key, "want a 0x-prefixed 20-byte hex address, got %q", a)
	} else if strings.TrimLeft(a[2:], "0") == "" {
		bad(key, "is the zero address")
	}
}

func isLoopback(addr string) bool {
	host := addr
	if i := strings.LastIndexByte(addr, ':'); i >= 0 {
		host = addr[:i]
	}
	host = strings.Trim(host, "[]")
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}
