package deploy

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/transfer"
)

const composeDir = "compose"

// envNames are the environment variables that set a config key.
func envNames() []string {
	var out []string
	for _, k := range config.Keys() {
		out = append(out, config.EnvName(k))
	}
	return out
}

type composeFile struct {
	Services map[string]service `yaml:"services"`
	Networks map[string]any     `yaml:"networks"`
	Volumes  map[string]any     `yaml:"volumes"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
}

type service struct {
	Image       string    `yaml:"image"`
	Build       *build    `yaml:"build"`
	Command     []string  `yaml:"command"`
	Entrypoint  []string  `yaml:"entrypoint"`
	User        string    `yaml:"user"`
	Environment yaml.Node `yaml:"environment"`
	Volumes     []string  `yaml:"volumes"`
	Ports       []string  `yaml:"ports"`
	Networks    []string  `yaml:"networks"`
	NetworkMode string    `yaml:"network_mode"`
	Secrets     []string  `yaml:"secrets"`
	ReadOnly    bool      `yaml:"read_only"`
	CapDrop     []string  `yaml:"cap_drop"`
	DependsOn   yaml.Node `yaml:"depends_on"`
}

type build struct {
	Context    string            `yaml:"context"`
	Dockerfile string            `yaml:"dockerfile"`
	Args       map[string]string `yaml:"args"`
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(composeDir, "docker-compose.yml"))
	require.NoError(t, err)
	var c composeFile
	require.NoError(t, yaml.Unmarshal(b, &c), "docker-compose.yml parses")
	require.NotEmpty(t, c.Services)
	return c
}

// env returns a service's environment, in map or list form.
func (s service) env(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	switch s.Environment.Kind {
	case 0:
	case yaml.MappingNode:
		require.NoError(t, s.Environment.Decode(&out))
	case yaml.SequenceNode:
		var list []string
		require.NoError(t, s.Environment.Decode(&list))
		for _, kv := range list {
			k, v, _ := strings.Cut(kv, "=")
			out[k] = v
		}
	default:
		t.Fatalf("environment: want a mapping or a list")
	}
	return out
}

type mount struct{ source, target string }

func (s service) mounts() []mount {
	var out []mount
	for _, v := range s.Volumes {
		parts := strings.Split(v, ":")
		if len(parts) >= 2 {
			out = append(out, mount{parts[0], parts[1]})
		}
	}
	return out
}

var (
	interpolated = regexp.MustCompile(`^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$`)
	secretish    = regexp.MustCompile(`(?i)(pass|pwd|secret|token|api_?key|private)`)
)

func TestComposeFileShape(t *testing.T) {
	c := loadCompose(t)
	for _, name := range []string{"postgresql", "temporal-schema", "temporal", "temporal-setup", "temporal-ui",
		"mongo-1", "mongo-2", "mongo-3", "mongo-init", "node-1", "node-2", "node-3"} {
		require.Contains(t, c.Services, name)
	}
	require.True(t, strings.HasPrefix(c.Services["temporal"].Image, "temporalio/server:"))
	require.True(t, strings.HasPrefix(c.Services["temporal-ui"].Image, "temporalio/ui:"))
	for _, m := range []string{"mongo-1", "mongo-2", "mongo-3"} {
		s := c.Services[m]
		require.True(t, strings.HasPrefix(s.Image, "mongo:"), m)
		require.Contains(t, strings.Join(s.Command, " "), "--replSet rs0", m)
		require.Contains(t, strings.Join(s.Command, " "), "--keyFile", m+": members authenticate to each other")
	}
	for name, s := range c.Services {
		for _, n := range s.Networks {
			require.Contains(t, c.Networks, n, "%s: network %s", name, n)
		}
		for _, sec := range s.Secrets {
			require.Contains(t, c.Secrets, sec, "%s: secret %s", name, sec)
		}
		if s.NetworkMode != "" {
			m := regexp.MustCompile(`^service:(.+)$`).FindStringSubmatch(s.NetworkMode)
			require.NotNil(t, m, "%s: network_mode %s", name, s.NetworkMode)
			require.Contains(t, c.Services, m[1])
		}
		var deps map[string]any
		if s.DependsOn.Kind != 0 {
			require.NoError(t, s.DependsOn.Decode(&deps), name)
		}
		for dep := range deps {
			require.Contains(t, c.Services, dep, "%s depends on %s", name, dep)
		}
	}
	// Compose secrets are files on the staging host, kept out of git.
	for name, sec := range c.Secrets {
		require.True(t, strings.HasPrefix(sec.File, "./secrets/"), "secret %s: %s", name, sec.File)
	}
	ignore, err := os.ReadFile(filepath.Join(composeDir, ".gitignore"))
	require.NoError(t, err)
	require.Contains(t, strings.Fields(string(ignore)), "/secrets/")
	require.Contains(t, strings.Fields(string(ignore)), "/cosigner/")
}

func TestComposeEnvironmentNamesRealKeysAndNoSecrets(t *testing.T) {
	c := loadCompose(t)
	keys := envNames()
	seenWpokt := 0
	for name, s := range c.Services {
		for k, v := range s.env(t) {
			if strings.HasPrefix(k, config.EnvPrefix+"_") {
				seenWpokt++
				require.False(t, slices.Contains(config.SecretEnvNames(), k), "%s: secret %s set in the compose file; use the *_file key", name, k)
				require.True(t, slices.Contains(keys, k), "%s: %s is not the variable of any config key", name, k)
			}
			if secretish.MatchString(k) && !strings.HasSuffix(k, "_FILE") {
				require.Regexp(t, interpolated, v, "%s: %s has a literal value", name, k)
			}
		}
		// No secret value on a command line either.
		for _, arg := range append(slices.Clone(s.Entrypoint), s.Command...) {
			require.NotRegexp(t, `(?i)(password|pwd)\s*[=:]\s*["']?[A-Za-z0-9]`, strings.ReplaceAll(arg, "$$(cat", ""),
				"%s: a literal password in its command", name)
		}
	}
	require.NotZero(t, seenWpokt, "the nodes' WPOKT_* overrides were found")
}

func TestComposePortsBoundToLoopback(t *testing.T) {
	c := loadCompose(t)
	for name, s := range c.Services {
		for _, p := range s.Ports {
			host, _, ok := strings.Cut(p, ":")
			require.True(t, ok && net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback(),
				"%s publishes %q beyond the host's loopback", name, p)
		}
	}
}

func TestComposeNodes(t *testing.T) {
	c := loadCompose(t)
	var nodes []string
	for name := range c.Services {
		if strings.HasPrefix(name, "node-") {
			nodes = append(nodes, name)
		}
	}
	sort.Strings(nodes)
	require.Equal(t, []string{"node-1", "node-2", "node-3"}, nodes)

	// The committed node configs are exactly the mounted ones.
	files, err := filepath.Glob(filepath.Join(composeDir, "config", "*.yaml"))
	require.NoError(t, err)
	require.Len(t, files, len(nodes))

	setup := strings.Join(c.Services["temporal-setup"].Command, "\n")
	mongoInit := c.Services["mongo-init"].env(t)
	var image string
	for i, name := range nodes {
		s := c.Services[name]
		if image == "" {
			image = s.Image
		}
		require.Equal(t, image, s.Image, "one node image")
		require.NotNil(t, s.Build, name)
		dockerfile := filepath.Join(composeDir, s.Build.Context, s.Build.Dockerfile)
		require.FileExists(t, dockerfile)
		want, err := filepath.Abs(filepath.Join(composeDir, "Dockerfile"))
		require.NoError(t, err)
		got, err := filepath.Abs(dockerfile)
		require.NoError(t, err)
		require.Equal(t, want, got, "%s builds deploy/compose/Dockerfile", name)
		require.Equal(t, []string{"run", "--config", "/etc/wpokt/node.yaml"}, s.Command, name)
		require.NotEmpty(t, s.User, name)
		require.NotRegexp(t, `^(0|root)(:|$)`, s.User, "%s runs as root", name)
		require.True(t, s.ReadOnly, "%s: read-only root file system", name)
		require.Contains(t, s.CapDrop, "ALL", name)

		// The config file it mounts exists in the repository and is its own.
		var cfgPath, secretsTarget string
		for _, m := range s.mounts() {
			switch {
			case m.target == "/etc/wpokt/node.yaml":
				cfgPath = m.source
			case strings.HasPrefix(m.source, "./secrets/"):
				secretsTarget = m.target
				require.Contains(t, s.Volumes, m.source+":"+m.target+":ro", "%s: secrets mounted read-only", name)
			}
		}
		require.Equal(t, "./config/"+name+".yaml", cfgPath, name)
		require.FileExists(t, filepath.Join(composeDir, cfgPath))
		require.NotEmpty(t, secretsTarget, "%s mounts its secrets directory", name)

		b, err := os.ReadFile(filepath.Join(composeDir, cfgPath))
		require.NoError(t, err)
		var cfg struct {
			Node struct {
				ID string `yaml:"id"`
			} `yaml:"node"`
			Validators struct {
				NodeIDs []string `yaml:"node_ids"`
			} `yaml:"validators"`
			Temporal struct {
				Address   string `yaml:"address"`
				Namespace string `yaml:"namespace"`
			} `yaml:"temporal"`
			Mongo struct {
				Database string `yaml:"database"`
			} `yaml:"mongo"`
			Copper struct {
				Unlimited struct {
					URL string `yaml:"url"`
				} `yaml:"unlimited"`
			} `yaml:"copper"`
		}
		require.NoError(t, yaml.Unmarshal(b, &cfg))
		require.Equal(t, name, cfg.Node.ID)
		require.Equal(t, nodes, cfg.Validators.NodeIDs)
		require.Equal(t, "temporal:7233", cfg.Temporal.Address)
		require.Contains(t, setup, "ns="+cfg.Temporal.Namespace+"\n", "temporal-setup creates the nodes' namespace")
		require.Equal(t, mongoInit["MONGO_DATABASE"], cfg.Mongo.Database, "mongo-init creates the users on the nodes' database")

		// Its co-signer is reachable from it alone.
		cosigner := fmt.Sprintf("cosigner-%d", i+1)
		require.Equal(t, "http://"+cosigner+":3010", cfg.Copper.Unlimited.URL)
		require.Equal(t, []string{name}, c.Services[cosigner].Networks)
		for other, o := range c.Services {
			if other != name && other != cosigner {
				require.NotContains(t, o.Networks, name, "%s can reach %s", other, cosigner)
			}
		}

		// Every secret is a file under the mounted secrets directory, and
		// the file loads with config.Load under the service's environment.
		dir := t.TempDir()
		text := strings.ReplaceAll(string(b), secretsTarget+"/", dir+"/")
		refs := 0
		for _, line := range strings.Split(string(b), "\n") {
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			if strings.HasSuffix(k, "_file") && strings.HasPrefix(v, "/etc/wpokt/secrets") {
				require.True(t, strings.HasPrefix(v, secretsTarget+"/"), "%s: %s=%s outside %s", name, k, v, secretsTarget)
				secret := "dummy-" + k
				if k == "uri_file" {
					secret = "mongodb://wpokt-bridge:dummy@mongo-1:27017,mongo-2:27017,mongo-3:27017/wpokt?replicaSet=rs0"
				}
				require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(v)), []byte(secret), 0o600))
				refs++
			}
		}
		require.Equal(t, len(config.SecretEnvNames()), refs, "%s: every secret is a file reference", name)
		clearWpoktEnv(t)
		env := s.env(t)
		for k, v := range env {
			t.Setenv(k, v)
		}
		p := filepath.Join(dir, "node.yaml")
		require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
		loaded, err := config.Load(p)
		require.NoError(t, err, "%s: its config with its compose environment", name)

		// The metrics listener inside the container is what the host
		// publishes, on loopback.
		_, port, err := net.SplitHostPort(loaded.Node.MetricsAddress)
		require.NoError(t, err)
		require.Len(t, s.Ports, 1, "%s publishes its metrics port only", name)
		require.True(t, strings.HasSuffix(s.Ports[0], ":"+port), "%s: %s does not reach %s", name, s.Ports[0], loaded.Node.MetricsAddress)
	}
}

// clearWpoktEnv unsets every WPOKT_* variable for the test.
func clearWpoktEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, config.EnvPrefix+"_") {
			t.Setenv(name, "")
			require.NoError(t, os.Unsetenv(name))
		}
	}
}

func TestComposeMountsExist(t *testing.T) {
	c := loadCompose(t)
	for name, s := range c.Services {
		for _, m := range s.mounts() {
			if !strings.HasPrefix(m.source, ".") {
				require.Contains(t, c.Volumes, m.source, "%s: named volume %s", name, m.source)
				continue
			}
			if strings.HasPrefix(m.source, "./secrets/") || strings.HasPrefix(m.source, "./cosigner/") {
				continue // on the staging host only
			}
			_, err := os.Stat(filepath.Join(composeDir, m.source))
			require.NoError(t, err, "%s mounts %s", name, m.source)
		}
	}
	init := c.Services["mongo-init"]
	require.Contains(t, init.Volumes, "../mongo:/scripts:ro")
	require.Contains(t, strings.Join(init.Command, " "), "/scripts/init-replset.js")
	require.Equal(t, "service:mongo-1", init.NetworkMode, "the localhost exception needs mongo-1's own network")
	require.FileExists(t, "mongo/init-replset.js")
	require.FileExists(t, "mongo/users.js")
}

func TestComposeRegistersTheSearchAttributes(t *testing.T) {
	c := loadCompose(t)
	setup := strings.Join(c.Services["temporal-setup"].Command, "\n")
	var want []string
	for name, typ := range transfer.SearchAttributeTypes {
		want = append(want, name+"="+typ)
	}
	sort.Strings(want)
	got := regexp.MustCompile(`\b(Wpokt[A-Za-z]+=[A-Za-z]+)\b`).FindAllString(setup, -1)
	sort.Strings(got)
	require.Equal(t, want, got)
	require.Contains(t, setup, "temporal operator search-attribute create")
	require.Contains(t, setup, "--retention")
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(composeDir, "Dockerfile"))
	require.NoError(t, err)
	text := string(b)
	froms := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(text, -1)
	require.GreaterOrEqual(t, len(froms), 2, "a build stage and a runtime stage")
	require.True(t, strings.HasPrefix(froms[0][1], "golang:1.26"), "build stage: %s", froms[0][1])
	require.Regexp(t, `go build[^\n]*(\\\n[^\n]*)*\./cmd/wpokt-node`, text)
	require.Contains(t, text, "CGO_ENABLED=0")
	last := text[strings.LastIndex(text, "\nFROM "):]
	users := regexp.MustCompile(`(?m)^USER\s+(\S+)`).FindAllStringSubmatch(last, -1)
	require.NotEmpty(t, users, "the runtime stage sets a user")
	require.NotRegexp(t, `^(0|root)(:|$)`, users[len(users)-1][1], "runs as root")
	require.Regexp(t, `(?m)^CMD \["run", "--config", "/etc/wpokt/node.yaml"\]`, text)

	ignore, err := os.ReadFile(filepath.Join(composeDir, "Dockerfile.dockerignore"))
	require.NoError(t, err)
	for _, p := range []string{".git", "node_modules", "deploy/compose/secrets", "deploy/compose/cosigner"} {
		require.Contains(t, strings.Fields(string(ignore)), p, "the build context leaves out %s", p)
	}
}
