package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wpokt/bridge/config"
)

// Settings is the shared settings file: what all nodes have in common, and
// the few things that differ per node.
type Settings struct {
	// SecretsDir is the directory on each node's machine that holds its
	// secret files; the generated *_file keys point into it. "{id}" in it
	// is replaced by the node ID.
	SecretsDir string `yaml:"secrets_dir"`
	// Common holds config keys in the node config's own layout (node:,
	// validators:, governor:, temporal:, mongo:, pocket:, ethereum:,
	// copper:), copied into every node's file.
	Common yaml.Node `yaml:"common"`
	// Nodes are the validator nodes, in the order of validators.node_ids.
	Nodes []NodeEntry `yaml:"nodes"`
}

// NodeEntry is what differs per node.
type NodeEntry struct {
	ID           string `yaml:"id"`
	PocketRPCURL string `yaml:"pocket_rpc_url"`
	EthRPCURL    string `yaml:"eth_rpc_url"`
	EthWSURL     string `yaml:"eth_ws_url"`
	CoSignerURL  string `yaml:"cosigner_url"`
	KeyFilename  string `yaml:"key_filename"`
	// ReadingKey is the node's public reading key (hex), as
	// `wpokt-node keygen` printed it; its private half stays on the node.
	ReadingKey string `yaml:"reading_key"`
	// Overrides holds node-local config keys (e.g. node.metrics_address,
	// pocket.start_height) in the node config's layout.
	Overrides yaml.Node `yaml:"overrides"`
}

// The config keys each node entry sets.
const (
	keyNodeID      = "node.id"
	keyNodeIDs     = "validators.node_ids"
	keyThreshold   = "validators.threshold"
	keyPocketRPC   = "pocket.rpc_url"
	keyEthRPC      = "ethereum.rpc_url"
	keyEthWS       = "ethereum.ws_url"
	keyCoSigner    = "copper.unlimited.url"
	keyKeyFilename = "copper.unlimited.key_filename"
	keyReadingKeys = "validators.reading_keys"
)

// perNodeKeys are set from the node entries; neither common nor overrides
// may set them.
var perNodeKeys = map[string]string{
	keyNodeID:      "id",
	keyNodeIDs:     "the list of nodes",
	keyPocketRPC:   "pocket_rpc_url",
	keyEthRPC:      "eth_rpc_url",
	keyEthWS:       "eth_ws_url",
	keyCoSigner:    "cosigner_url",
	keyKeyFilename: "key_filename",
	keyReadingKeys: "the nodes' reading_key",
}

// consensusKeys are the rules every signer applies on its own: if two nodes
// disagreed on one of them, they would refuse each other's transfers or, worse,
// accept different ones. Overrides may not touch them.
var consensusKeys = []string{
	"validators.threshold",
	"governor.single_transfer_limit_upokt",
	"governor.daily_cap_upokt",
	"governor.release_after",
	"temporal.namespace",
	"temporal.task_queue",
	"mongo.database",
	"pocket.protocol",
	"pocket.chain_id",
	"pocket.vault_address",
	"pocket.confirmations",
	"pocket.fee_upokt",
	"pocket.vault_pays_fee",
	"pocket.max_mint_upokt",
	"pocket.top_up_senders",
	"ethereum.chain_id",
	"ethereum.wpokt_address",
	"ethereum.minter_address",
	"ethereum.confirmations",
	"copper.api_url",
	"copper.portfolio_id",
	"copper.pokt_currency",
	"copper.eth_currency",
}

// secretFileNames names the file of each secret inside the secrets
// directory (the names of config/examples/mainnet.yaml). A secret *_file
// key missing here gets a name derived from the key.
var secretFileNames = map[string]string{
	"copper.api_key_file":                   "copper-api-key",
	"copper.api_secret_file":                "copper-api-secret",
	"copper.unlimited.key_password_file":    "copper-key-password",
	"copper.unlimited.master_password_file": "copper-master-password",
	"mongo.uri_file":                        "mongo-uri",
	"node.reading_key_file":                 "reading-key",
}

// secretFileKeys lists the config keys that name a secret's file, in
// config.Keys() order.
func secretFileKeys() []string {
	var out []string
	for _, k := range config.Keys() {
		if base, ok := strings.CutSuffix(k, "_file"); ok && config.IsSecretKey(base) {
			out = append(out, k)
		}
	}
	return out
}

func secretFileName(key string) string {
	if n, ok := secretFileNames[key]; ok {
		return n
	}
	return strings.NewReplacer(".", "-", "_", "-").Replace(strings.TrimSuffix(key, "_file"))
}

var (
	nodeIDRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	readingKeyRE = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// LoadSettings reads and checks a settings file.
func LoadSettings(path string) (*Settings, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseSettings(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// ParseSettings decodes a settings file strictly (unknown fields are errors)
// and checks it.
func ParseSettings(b []byte) (*Settings, error) {
	var s Settings
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&s); errors.Is(err, io.EOF) {
		return nil, errors.New("the settings file is empty")
	} else if err != nil {
		return nil, fmt.Errorf("parse settings: %w", err)
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return &s, nil
}

// check rejects what would make a bad set of node files, with errors that
// name the node entry and the field. config.Load of every generated file
// (see validateFiles) catches the rest.
func (s *Settings) check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	switch {
	case s.SecretsDir == "":
		bad("secrets_dir: missing (e.g. /etc/wpokt/secrets)")
	case !filepath.IsAbs(s.SecretsDir):
		bad("secrets_dir: want an absolute path, got %q", s.SecretsDir)
	}

	common, err := flatten(&s.Common, "common")
	if err != nil {
		return err
	}
	for key := range common {
		if msg := refuseKey(key, false); msg != "" {
			bad("common: key %s: %s", key, msg)
		}
	}

	if len(s.Nodes) == 0 {
		bad("nodes: missing")
	}
	seen := map[string]int{}
	for i, n := range s.Nodes {
		where := fmt.Sprintf("nodes[%d]", i)
		if n.ID != "" {
			where = fmt.Sprintf("nodes[%d] (%s)", i, n.ID)
		}
		switch {
		case n.ID == "":
			bad("%s: id: missing", where)
		case !nodeIDRE.MatchString(n.ID):
			bad("%s: id: want lower-case letters, digits and '-' (at most 63), got %q", where, n.ID)
		default:
			if j, dup := seen[n.ID]; dup {
				bad("%s: id %s is already used by nodes[%d]", where, n.ID, j)
			} else {
				seen[n.ID] = i
			}
		}
		requireURL(bad, where, "pocket_rpc_url", n.PocketRPCURL, "http://", "https://")
		requireURL(bad, where, "eth_rpc_url", n.EthRPCURL, "http://", "https://")
		if n.EthWSURL != "" {
			requireURL(bad, where, "eth_ws_url", n.EthWSURL, "ws://", "wss://")
		}
		requireURL(bad, where, "cosigner_url", n.CoSignerURL, "http://", "https://")
		if strings.TrimSpace(n.KeyFilename) == "" {
			bad("%s: key_filename: missing (the shard file in the co-signer's key volume)", where)
		}
		if !readingKeyRE.MatchString(n.ReadingKey) {
			bad("%s: reading_key: want the 64 hex characters wpokt-node keygen printed, got %q", where, n.ReadingKey)
		}
		over, err := flatten(&s.Nodes[i].Overrides, where+": overrides")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for key := range over {
			if msg := refuseKey(key, true); msg != "" {
				bad("%s: overrides: key %s: %s", where, key, msg)
			}
		}
	}

	if t, ok := common[keyThreshold]; !ok {
		bad("common: key %s: missing (set it explicitly)", keyThreshold)
	} else {
		var threshold int
		if err := t.Decode(&threshold); err != nil {
			bad("common: key %s: want an integer, got %q", keyThreshold, t.Value)
		} else if n := len(s.Nodes); n > 0 {
			switch {
			case threshold < 1:
				bad("common: key %s: must be at least 1, got %d", keyThreshold, threshold)
			case threshold > n:
				bad("common: key %s: %d is more than the %d nodes listed: no order could ever be signed", keyThreshold, threshold, n)
			case 2*threshold <= n:
				bad("common: key %s: %d of %d is not a majority: two disjoint groups of signers could each sign", keyThreshold, threshold, n)
			}
		}
	}
	return errors.Join(errs...)
}

// refuseKey says why key may not be set in common (or in a node's
// overrides), or "" when it may.
func refuseKey(key string, override bool) string {
	if field, ok := perNodeKeys[key]; ok {
		return "is set per node (from the node entry's " + field + ")"
	}
	if config.IsSecretKey(key) {
		return "is a secret: never in a config file; confgen points " + key + "_file into secrets_dir"
	}
	if slices.Contains(secretFileKeys(), key) {
		return "is set by confgen to a file under secrets_dir"
	}
	if !slices.Contains(config.Keys(), key) {
		return "is not a config key"
	}
	if override && slices.Contains(consensusKeys, key) {
		return "must be the same on every node: set it in common"
	}
	return ""
}

func requireURL(bad func(string, ...any), where, field, u string, schemes ...string) {
	if u == "" {
		bad("%s: %s: missing", where, field)
		return
	}
	for _, s := range schemes {
		if strings.HasPrefix(u, s) && len(u) > len(s) {
			return
		}
	}
	bad("%s: %s: want a %s URL, got %q", where, field, strings.Join(schemes, " or "), u)
}

// flatten turns a mapping in the node config's layout into dotted keys and
// their value nodes. A null value counts as not set.
func flatten(n *yaml.Node, where string) (map[string]*yaml.Node, error) {
	out := map[string]*yaml.Node{}
	if n.Kind == 0 {
		return out, nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return out, nil
	}
	var walk func(m *yaml.Node, prefix string) error
	walk = func(m *yaml.Node, prefix string) error {
		if m.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: line %d: want a mapping of config keys", where, m.Line)
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			key := prefix + k.Value
			if _, dup := out[key]; dup {
				return fmt.Errorf("%s: line %d: key %s is set twice", where, k.Line, key)
			}
			switch {
			case v.Kind == yaml.MappingNode:
				if err := walk(v, key+"."); err != nil {
					return err
				}
			case v.Kind == yaml.AliasNode:
				return fmt.Errorf("%s: line %d: key %s: YAML aliases are not supported", where, k.Line, key)
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
				// not set
			default:
				out[key] = v
			}
		}
		return nil
	}
	if err := walk(n, ""); err != nil {
		return nil, err
	}
	return out, nil
}
