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
		"transfer":   {"workflows", "activities", "workers", "starters", "chains", "copper", "store", "devnet", "cmd", "config"},
		"chains":     {"workflows", "activities", "workers", "starters", "copper", "store", "devnet", "cmd"},
		"copper":     {"workflows", "activities", "workers", "starters", "chains", "store", "devnet", "cmd"},
		"store":      {"workflows", "activities", "workers", "starters", "chains", "copper", "devnet", "cmd"},
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
					// The simulators sit beside their clients (copper/coppersim
					// executes on chains) and are used by tests and the devnet only.
					if under(p, b) && !(under(pkg, "copper/coppersim") && b == "chains") {
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
