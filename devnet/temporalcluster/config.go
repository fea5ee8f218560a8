package temporalcluster

import (
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"net"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Ports are the server's loopback ports: each service's gRPC and
// membership (ringpop) port, and the frontend's HTTP API.
type Ports struct {
	Frontend, FrontendMembership, FrontendHTTP int
	History, HistoryMembership                 int
	Matching, MatchingMembership               int
	Worker, WorkerMembership                   int
}

// freePorts picks every port of the server, below Linux's ephemeral range
// (32768 and up): the server stores each service's membership port in a
// smallint column (cluster_membership.rpc_port; a port above 32767 fails
// its start), and a port drawn there could be taken by an outgoing
// connection before the server listens on it.
func freePorts() (Ports, error) {
	var p Ports
	taken := map[int]bool{}
	for _, port := range []*int{&p.Frontend, &p.FrontendMembership, &p.FrontendHTTP, &p.History, &p.HistoryMembership,
		&p.Matching, &p.MatchingMembership, &p.Worker, &p.WorkerMembership} {
		for range 100 {
			candidate := 20000 + mathrand.IntN(12000)
			if taken[candidate] {
				continue
			}
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(candidate))
			if err != nil {
				continue
			}
			_ = l.Close()
			*port, taken[candidate] = candidate, true
			break
		}
		if *port == 0 {
			return p, errors.New("temporal cluster: no free port below the ephemeral range")
		}
	}
	return p, nil
}

// ServerConfig is what the server's config file says.
type ServerConfig struct {
	Ports Ports
	// Shards is persistence.numHistoryShards: fixed for the life of a
	// cluster's database.
	Shards int
	// Postgres is the database's host:port, reached as User/Password;
	// Database and Visibility are the two databases.
	Postgres, User, Password, Database, Visibility string
	// DynamicConfig is the dynamic config file's path.
	DynamicConfig string
}

// Render is the server's YAML config (the format of the server's own
// config/development-postgres12.yaml): PostgreSQL for both stores, all
// four services on loopback, no archival, no metrics.
func (c ServerConfig) Render() ([]byte, error) {
	store := func(db string, conns int) map[string]any {
		return map[string]any{"sql": map[string]any{
			"pluginName": "postgres12", "databaseName": db, "connectAddr": c.Postgres, "connectProtocol": "tcp",
			"user": c.User, "password": c.Password, "maxConns": conns, "maxIdleConns": conns, "maxConnLifetime": "1h",
		}}
	}
	service := func(grpc, membership, http int) map[string]any {
		rpc := map[string]any{"grpcPort": grpc, "membershipPort": membership, "bindOnIP": "127.0.0.1"}
		if http != 0 {
			rpc["httpPort"] = http
		}
		return map[string]any{"rpc": rpc}
	}
	p := c.Ports
	frontend := "127.0.0.1:" + strconv.Itoa(p.Frontend)
	doc := map[string]any{
		"log": map[string]any{"stdout": true, "level": "warn"},
		"persistence": map[string]any{
			"defaultStore": "postgres-default", "visibilityStore": "postgres-visibility",
			"numHistoryShards": c.Shards,
			"datastores": map[string]any{
				"postgres-default":    store(c.Database, 20),
				"postgres-visibility": store(c.Visibility, 10),
			},
		},
		"global": map[string]any{
			"membership": map[string]any{"maxJoinDuration": "30s", "broadcastAddress": "127.0.0.1"},
		},
		"services": map[string]any{
			"frontend": service(p.Frontend, p.FrontendMembership, p.FrontendHTTP),
			"history":  service(p.History, p.HistoryMembership, 0),
			"matching": service(p.Matching, p.MatchingMembership, 0),
			"worker":   service(p.Worker, p.WorkerMembership, 0),
		},
		"clusterMetadata": map[string]any{
			"enableGlobalNamespace": false, "failoverVersionIncrement": 10,
			"masterClusterName": "active", "currentClusterName": "active",
			"clusterInformation": map[string]any{"active": map[string]any{
				"enabled": true, "initialFailoverVersion": 1, "rpcName": "frontend", "rpcAddress": frontend,
			}},
		},
		"dcRedirectionPolicy": map[string]any{"policy": "noop"},
		"dynamicConfigClient": map[string]any{"filepath": c.DynamicConfig, "pollInterval": "10s"},
	}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("temporal server config: %w", err)
	}
	return out, nil
}

// DynamicConfig is the cluster's dynamic config: what deploy/TEMPORAL.md
// asks of a production cluster (updates in flight per workflow), and the
// dev server's two measured settings (devnet/temporalserver), so that the
// two runs differ in their shape, not in their settings.
func DynamicConfig() []byte {
	return []byte(`# Written by devnet/temporalcluster for make bench-cluster.
# Each of the 12 nodes keeps one reserve update in flight on the control
# workflow; the default admits 10 per workflow (deploy/TEMPORAL.md).
history.maxInFlightUpdates:
  - value: 24
frontend.enableUpdateWorkflowExecution:
  - value: true
# As the devnet's dev server: eager activities, and timers at most 20 ms
# late (default 1 s; see deploy/TEMPORAL.md, "Timer latency").
system.enableActivityEagerExecution:
  - value: true
history.timerProcessorMaxTimeShift:
  - value: 20ms
`)
}
