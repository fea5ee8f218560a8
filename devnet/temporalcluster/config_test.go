package temporalcluster

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wpokt/bridge/devnet/temporalserver"
)

func TestServerConfigRendersPostgresAndShards(t *testing.T) {
	cfg := ServerConfig{
		Ports:    Ports{Frontend: 21001, FrontendMembership: 21002, FrontendHTTP: 21003, History: 21004, HistoryMembership: 21005, Matching: 21006, MatchingMembership: 21007, Worker: 21008, WorkerMembership: 21009},
		Shards:   4,
		Postgres: "127.0.0.1:25432", User: "temporal", Password: "pw", Database: "temporal", Visibility: "temporal_visibility",
		DynamicConfig: "/tmp/dc.yaml",
	}
	out, err := cfg.Render()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Persistence struct {
			NumHistoryShards int                       `yaml:"numHistoryShards"`
			DefaultStore     string                    `yaml:"defaultStore"`
			VisibilityStore  string                    `yaml:"visibilityStore"`
			Datastores       map[string]map[string]any `yaml:"datastores"`
		} `yaml:"persistence"`
		Services map[string]struct {
			RPC struct {
				BindOnIP string `yaml:"bindOnIP"`
			} `yaml:"rpc"`
		} `yaml:"services"`
		ClusterMetadata struct {
			ClusterInformation map[string]struct {
				RPCAddress string `yaml:"rpcAddress"`
			} `yaml:"clusterInformation"`
		} `yaml:"clusterMetadata"`
		DynamicConfigClient struct {
			Filepath string `yaml:"filepath"`
		} `yaml:"dynamicConfigClient"`
	}
	// The server's config keys are case-sensitive; check them as written.
	for _, key := range []string{"grpcPort: 21001", "membershipPort: 21002", "httpPort: 21003", "pluginName: postgres12", "connectAddr: 127.0.0.1:25432"} {
		if !strings.Contains(string(out), key) {
			t.Errorf("config lacks %q:\n%s", key, out)
		}
	}
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("config is not YAML: %v\n%s", err, out)
	}
	p := doc.Persistence
	if p.NumHistoryShards != 4 {
		t.Errorf("numHistoryShards = %d, want 4", p.NumHistoryShards)
	}
	for _, store := range []string{p.DefaultStore, p.VisibilityStore} {
		sql, _ := p.Datastores[store]["sql"].(map[string]any)
		if sql["pluginName"] != "postgres12" {
			t.Errorf("store %q: %v, want a postgres12 sql store", store, p.Datastores[store])
		}
	}
	for _, svc := range []string{"frontend", "history", "matching", "worker"} {
		if s, ok := doc.Services[svc]; !ok || s.RPC.BindOnIP != "127.0.0.1" {
			t.Errorf("service %s: %+v, want it on loopback", svc, s)
		}
	}
	if got := doc.ClusterMetadata.ClusterInformation["active"].RPCAddress; got != "127.0.0.1:21001" {
		t.Errorf("cluster rpcAddress = %q, want the frontend", got)
	}
	if doc.DynamicConfigClient.Filepath != "/tmp/dc.yaml" {
		t.Errorf("dynamic config path = %q", doc.DynamicConfigClient.Filepath)
	}
}

// The cluster runs with the dev server's dynamic config, so that the two
// runs of the benchmark differ in shape only.
func TestDynamicConfigMatchesTheDevServer(t *testing.T) {
	var dc map[string][]struct {
		Value any `yaml:"value"`
	}
	if err := yaml.Unmarshal(DynamicConfig(), &dc); err != nil {
		t.Fatalf("dynamic config is not YAML: %v", err)
	}
	args := temporalserver.Options{Headless: true}.Args()
	n := 0
	for i, a := range args {
		if a != "--dynamic-config-value" {
			continue
		}
		key, want, _ := strings.Cut(args[i+1], "=")
		want = strings.Trim(want, `"`)
		n++
		if len(dc[key]) != 1 || fmt.Sprint(dc[key][0].Value) != want {
			t.Errorf("%s: cluster %v, dev server %s", key, dc[key], want)
		}
	}
	if n == 0 {
		t.Fatal("the dev server sets no dynamic config: the test reads its arguments wrong")
	}
}
