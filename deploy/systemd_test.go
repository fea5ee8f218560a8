package deploy

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/wpokt/bridge/config"
)

// unit is a systemd unit file: section -> key -> values (a key may repeat).
type unit map[string]map[string][]string

func parseUnit(t *testing.T, path string) unit {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			u[section] = map[string][]string{}
		default:
			require.NotEmpty(t, section, "line %d: key outside a section", n)
			require.False(t, strings.HasSuffix(line, `\`), "line %d: continuation lines are not used", n)
			key, value, ok := strings.Cut(line, "=")
			require.True(t, ok, "line %d: want key=value: %q", n, line)
			key, value = strings.TrimSpace(key), strings.TrimSpace(value)
			u[section][key] = append(u[section][key], value)
		}
	}
	require.NoError(t, sc.Err())
	return u
}

// one returns the single value of a key, failing when it is absent or set
// more than once.
func (u unit) one(t *testing.T, section, key string) string {
	t.Helper()
	v, ok := u[section][key]
	require.True(t, ok, "[%s] %s= is missing", section, key)
	require.Len(t, v, 1, "[%s] %s= is set more than once", section, key)
	return v[0]
}

var spanRE = regexp.MustCompile(`^(\d+)\s*(ms|s|sec|m|min|h|hr)?$`)

// timespan parses the systemd time spans this unit uses ("10s", "2min",
// "1min 30s"; a bare number is seconds).
func timespan(t *testing.T, s string) time.Duration {
	t.Helper()
	var total time.Duration
	for _, part := range strings.Fields(s) {
		m := spanRE.FindStringSubmatch(part)
		require.NotNil(t, m, "time span %q", s)
		n, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		unit := map[string]time.Duration{"": time.Second, "ms": time.Millisecond, "s": time.Second, "sec": time.Second,
			"m": time.Minute, "min": time.Minute, "h": time.Hour, "hr": time.Hour}[m[2]]
		total += time.Duration(n) * unit
	}
	return total
}

func TestSystemdUnit(t *testing.T) {
	const path = "systemd/wpokt-node.service"
	u := parseUnit(t, path)
	svc := "Service"

	require.Equal(t, "wpokt", u.one(t, svc, "User"), "a dedicated user")
	require.Equal(t, "wpokt", u.one(t, svc, "Group"))
	require.Equal(t, "on-failure", u.one(t, svc, "Restart"))
	restartDelay := timespan(t, u.one(t, svc, "RestartSec"))
	require.True(t, restartDelay >= time.Second && restartDelay <= 5*time.Minute, "RestartSec %s", restartDelay)
	require.Equal(t, "SIGTERM", u.one(t, svc, "KillSignal"))
	stop := timespan(t, u.one(t, svc, "TimeoutStopSec"))
	require.True(t, stop >= time.Minute && stop <= 15*time.Minute,
		"TimeoutStopSec %s: long enough for running activities (Copper and RPC calls time out after 15 s) to finish", stop)

	for key, want := range map[string]string{
		"NoNewPrivileges":        "yes",
		"ProtectSystem":          "strict",
		"ProtectHome":            "yes",
		"PrivateTmp":             "yes",
		"ReadOnlyPaths":          "/etc/wpokt",
		"CapabilityBoundingSet":  "",
		"LockPersonality":        "yes",
		"MemoryDenyWriteExecute": "yes",
		"EnvironmentFile":        "-/etc/wpokt/env",
		"StateDirectory":         "wpokt", // the signer's ledger, config.DefaultLedgerPath
	} {
		require.Equal(t, want, u.one(t, svc, key), key)
	}
	families := strings.Fields(u.one(t, svc, "RestrictAddressFamilies"))
	slices.Sort(families)
	require.Equal(t, []string{"AF_INET", "AF_INET6", "AF_UNIX"}, families)
	require.Contains(t, u[svc]["SystemCallFilter"], "@system-service")
	for _, key := range []string{"ReadWritePaths", "AmbientCapabilities"} {
		for _, v := range u[svc][key] {
			require.Empty(t, v, "%s grants something", key)
		}
	}

	// ExecStart runs the node's run command on the config file's place.
	exec := strings.Fields(u.one(t, svc, "ExecStart"))
	require.Equal(t, []string{"/usr/local/bin/wpokt-node", "run", "--config", "/etc/wpokt/node.yaml"}, exec)
	main, err := os.ReadFile("../cmd/wpokt-node/main.go")
	require.NoError(t, err)
	require.Regexp(t, `Use:\s+"run"`, string(main), "wpokt-node has a run command")
	require.Regexp(t, `StringVar\(&\w+, "config"`, string(main), "wpokt-node has a --config flag")
	require.True(t, strings.HasPrefix(exec[3], "/etc/wpokt/"), "the config is under ReadOnlyPaths")

	// The files confgen points the node at are readable under ReadOnlyPaths.
	var settings struct {
		SecretsDir string `yaml:"secrets_dir"`
		Common     struct {
			Temporal struct {
				TLS map[string]string `yaml:"tls"`
			} `yaml:"temporal"`
		} `yaml:"common"`
	}
	b, err := os.ReadFile("confgen/mainnet.example.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &settings))
	require.True(t, strings.HasPrefix(settings.SecretsDir, "/etc/wpokt/"), settings.SecretsDir)
	for k, p := range settings.Common.Temporal.TLS {
		if strings.HasSuffix(k, "_file") && p != "" {
			require.True(t, strings.HasPrefix(p, "/etc/wpokt/"), "%s: %s", k, p)
		}
	}

	// No secret, and no unknown key, in the unit's own environment.
	for _, env := range u[svc]["Environment"] {
		name, _, _ := strings.Cut(env, "=")
		require.NotContains(t, config.SecretEnvNames(), name, "a secret in the unit file")
		if strings.HasPrefix(name, config.EnvPrefix+"_") {
			require.True(t, slices.Contains(envNames(), name), "%s is not the variable of any config key", name)
		}
	}
	require.Equal(t, "multi-user.target", u.one(t, "Install", "WantedBy"))
	require.Equal(t, "network-online.target", u.one(t, "Unit", "After"))
}

// systemd-analyze, where the machine has a recent enough one, rates the
// unit's exposure; keep it low.
func TestSystemdUnitExposure(t *testing.T) {
	bin, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("no systemd-analyze")
	}
	root := t.TempDir()
	unitDir := filepath.Join(root, "etc", "systemd", "system")
	binDir := filepath.Join(root, "usr", "local", "bin")
	require.NoError(t, os.MkdirAll(unitDir, 0o755))
	require.NoError(t, os.MkdirAll(binDir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(binDir, "wpokt-node"), []byte("#!/bin/sh\n"), 0o755))
	b, err := os.ReadFile("systemd/wpokt-node.service")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(unitDir, "wpokt-node.service"), b, 0o644))
	out, err := exec.Command(bin, "security", "--offline=yes", "--root="+root, "/etc/systemd/system/wpokt-node.service").CombinedOutput()
	m := regexp.MustCompile(`Overall exposure level for wpokt-node.service: ([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Skipf("this systemd-analyze cannot rate a unit offline (%v): %.300s", err, out)
	}
	level, err := strconv.ParseFloat(string(m[1]), 64)
	require.NoError(t, err)
	require.LessOrEqual(t, level, 2.0, "%s", out)
}
