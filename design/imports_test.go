package design

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/wpokt/bridge"

// packages maps every package of the module (tests excluded) to its deps:
// direct ones with transitive=false, all with transitive=true.
func packages(t *testing.T, transitive bool) map[string][]string {
	t.Helper()
	args := []string{"list", "-f", `{{.ImportPath}} {{join .Imports " "}}`}
	if transitive {
		args = []string{"list", "-f", `{{.ImportPath}} {{join .Deps " "}}`}
	}
	out, err := exec.Command("go", append(args, module+"/...")...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		pkgs[strings.TrimPrefix(f[0], module+"/")] = f[1:]
	}
	return pkgs
}

func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }

func internal(dep string) (string, bool) {
	if dep == module {
		return "", true
	}
	return strings.CutPrefix(dep, module+"/")
}

func TestWorkflowsStayDeterministic(t *testing.T) {
	forbiddenStd := []string{"net", "net/http", "os", "os/exec", "math/rand", "math/rand/v2", "crypto/rand", "sync", "io/ioutil"}
	for pkg, deps := range packages(t, false) {
		if !under(pkg, "workflows") {
			continue
		}
		for _, dep := range deps {
			if p, ok := internal(dep); ok && p != "transfer" {
				t.Errorf("%s imports %s: workflows may import only package transfer of the bridge", pkg, p)
			}
			for _, f := range forbiddenStd {
				if dep == f {
					t.Errorf("%s imports %s: I/O, randomness and locks belong in activities", pkg, dep)
				}
			}
			if strings.Contains(dep, "go-ethereum") || strings.Contains(dep, "mongo-driver") {
				t.Errorf("%s imports %s: chain and store clients belong in activities", pkg, dep)
			}
		}
	}
}

func TestDataFlowsOneWay(t *testing.T) {
	// For each layer, the bridge packages it must never depend on, even
	// transitively.
	never := map[string][]string{
		// Secrets print the same everywhere: one type, below everything.
		"secret":   {"transfer", "workflows", "activities", "workers", "starters", "chains", "copper", "store", "devnet", "cmd", "config", "web", "deploy"},
		"transfer": {"workflows", "activities", "workers", "starters", "chains", "copper", "store", "devnet", "cmd", "config"},
		"chains":   {"workflows", "activities", "workers", "starters", "copper", "store", "devnet", "cmd"},
		"copper":   {"workflows", "activities", "workers", "starters", "chains", "store", "devnet", "cmd"},
		"store":    {"workflows", "activities", "workers", "starters", "chains", "copper", "devnet", "cmd"},
		// A signer's own ledger holds plain records, nothing of the bridge.
		"ledger":     {"workflows", "activities", "workers", "starters", "chains", "copper", "store", "transfer", "config", "devnet", "cmd"},
		"config":     {"workflows", "activities", "workers", "starters", "devnet", "cmd"},
		"activities": {"workflows", "workers", "starters", "devnet", "cmd"},
		"starters":   {"workflows", "activities", "workers", "devnet", "cmd"},
		"workers":    {"devnet", "cmd"},
		"deploy":     {"devnet"},
		// The status page reads the projection only.
		"web": {"workflows", "activities", "workers", "starters", "chains", "copper", "devnet", "cmd", "config"},
	}
	for pkg, deps := range packages(t, true) {
		for layer, banned := range never {
			if !under(pkg, layer) {
				continue
			}
			for _, dep := range deps {
				p, ok := internal(dep)
				if !ok {
					continue
				}
				for _, b := range banned {
					if under(p, b) {
						t.Errorf("%s depends on %s: %s must not depend on %s", pkg, p, layer, b)
					}
				}
			}
		}
	}
}

func TestOnlyCommandsUseTheDevnet(t *testing.T) {
	for pkg, deps := range packages(t, false) {
		if under(pkg, "devnet") || under(pkg, "cmd") {
			continue
		}
		for _, dep := range deps {
			if p, ok := internal(dep); ok && under(p, "devnet") {
				t.Errorf("%s imports %s: only commands and tests may use the devnet", pkg, p)
			}
		}
	}
}

// TestPocketProtocolsBehindTheirConstructor keeps each Pocket protocol's
// package out of sight: code above chains/ dials through chains/pokt/protocol
// and sees only package pokt's neutral types. The stand-ins of the devnet
// speak the protocols themselves and may use them.
func TestPocketProtocolsBehindTheirConstructor(t *testing.T) {
	protocols := []string{"chains/pokt/morse", "chains/pokt/shannon"}
	for pkg, deps := range packages(t, false) {
		if under(pkg, "chains/pokt") || under(pkg, "devnet") {
			continue
		}
		for _, dep := range deps {
			p, ok := internal(dep)
			if !ok {
				continue
			}
			for _, proto := range protocols {
				if under(p, proto) {
					t.Errorf("%s imports %s: dial Pocket through chains/pokt/protocol instead", pkg, p)
				}
			}
		}
	}
}

// TestProductionBinariesLinkNoStandIn keeps the devnet, the simulators and
// the test harnesses out of what an operator runs: the node, the CLI and
// the status page.
func TestProductionBinariesLinkNoStandIn(t *testing.T) {
	standIns := []string{"devnet"}
	deps := packages(t, true)
	for _, bin := range []string{"cmd/wpokt", "cmd/wpokt-node", "cmd/wpokt-web"} {
		if _, ok := deps[bin]; !ok {
			t.Fatalf("%s: no such package", bin)
		}
		for _, dep := range deps[bin] {
			p, ok := internal(dep)
			if !ok {
				continue
			}
			for _, s := range standIns {
				if under(p, s) {
					t.Errorf("%s links %s: stand-ins are for the devnet and tests only", bin, p)
				}
			}
		}
	}
}
