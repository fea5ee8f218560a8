package deploy

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// jsCode returns a script without its // comments.
func jsCode(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var code []string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "//"); i >= 0 && !strings.Contains(line[:i], `"`) {
			line = line[:i]
		}
		code = append(code, line)
	}
	return strings.Join(code, "\n")
}

func uniq(matches [][]string) []string {
	var out []string
	for _, m := range matches {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// builtinRoles are MongoDB's built-in roles beyond read and readWrite.
var builtinRoles = []string{"root", "dbOwner", "dbAdmin", "userAdmin", "clusterAdmin", "clusterManager",
	"clusterMonitor", "hostManager", "backup", "restore", "readAnyDatabase", "readWriteAnyDatabase",
	"userAdminAnyDatabase", "dbAdminAnyDatabase", "__system", "enableSharding", "directShardOperations"}

func TestMongoUsersScriptStatically(t *testing.T) {
	code := jsCode(t, "mongo/users.js")
	require.Equal(t, []string{"read", "readWrite"}, uniq(regexp.MustCompile(`\brole:\s*"(\w+)"`).FindAllStringSubmatch(code, -1)),
		"exactly the two roles")
	require.Equal(t, []string{"dbName"}, uniq(regexp.MustCompile(`\bdb:\s*([^\s,}]+)`).FindAllStringSubmatch(code, -1)),
		"roles on the bridge database only")
	require.Equal(t, []string{"dbName"}, uniq(regexp.MustCompile(`getSiblingDB\(([^)]*)\)`).FindAllStringSubmatch(code, -1)),
		"users created in the bridge database only")
	require.Regexp(t, `const dbName = env\.MONGO_DATABASE \|\| "wpokt";`, code, "the bridge database, as config's mongo.database default")
	for _, role := range builtinRoles {
		require.NotContains(t, code, `"`+role+`"`, "role %s", role)
	}
	// Passwords come from the environment, never a literal.
	require.NotRegexp(t, `pwd:\s*["'\x60]`, code)
	require.Regexp(t, `pwd:\s*pwd\b`, code)
	require.Regexp(t, `const pwd = env\[u\.passwordVar\];`, code)
	require.Contains(t, code, `passwordVar: "MONGO_BRIDGE_PASSWORD"`)
	require.Contains(t, code, `passwordVar: "MONGO_FRONTEND_PASSWORD"`)
	require.Contains(t, code, "const env = process.env;")
	require.Contains(t, code, "updateUser", "idempotent: an existing user is updated")

	initCode := jsCode(t, "mongo/init-replset.js")
	require.NotRegexp(t, `pwd:\s*["'\x60]`, initCode)
	require.Contains(t, initCode, "env.MONGO_ROOT_PASSWORD")
	require.Contains(t, initCode, `"/users.js"`)
}

// mongoHarness runs a script under Node with a stand-in for mongosh's
// globals (db, rs, print, sleep, load) over a JSON state file: the users per
// database, and the replica set.
const mongoHarness = `
const fs = require("fs"), vm = require("vm");
const stateFile = process.env.HARNESS_STATE;
const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, "utf8")) : { users: {}, rs: null };
let authed = false;
const anyUser = () => Object.values(state.users).some((u) => Object.keys(u).length > 0);
function dbObj(name) {
  return {
    getSiblingDB: dbObj,
    getUser(u) { return (state.users[name] || {})[u] ? { user: u, db: name, roles: state.users[name][u].roles } : null; },
    createUser(spec) {
      if (!authed && anyUser()) throw new Error("command createUser requires authentication");
      state.users[name] = state.users[name] || {};
      if (state.users[name][spec.user]) throw new Error("User " + spec.user + "@" + name + " already exists");
      state.users[name][spec.user] = { pwd: spec.pwd, roles: spec.roles };
    },
    updateUser(u, spec) {
      if (!authed) throw new Error("command updateUser requires authentication");
      if (!(state.users[name] || {})[u]) throw new Error("User " + u + "@" + name + " not found");
      state.users[name][u] = { pwd: spec.pwd, roles: spec.roles };
    },
    auth(u, pwd) {
      const rec = (state.users[name] || {})[u];
      if (!rec || rec.pwd !== pwd) throw new Error("Authentication failed.");
      authed = true;
      return { ok: 1 };
    },
    hello() { return state.rs ? { setName: state.rs._id, isWritablePrimary: true } : { isWritablePrimary: false }; },
  };
}
globalThis.db = dbObj("admin");
globalThis.rs = { initiate(cfg) { if (state.rs) throw new Error("already initialized"); state.rs = cfg; return { ok: 1 }; } };
globalThis.print = (...a) => console.log(...a);
globalThis.sleep = () => {};
globalThis.load = (p) => vm.runInThisContext(fs.readFileSync(p, "utf8"), { filename: p });
try {
  load(process.argv[2]);
} finally {
  fs.writeFileSync(stateFile, JSON.stringify(state));
}
`

type mongoState struct {
	Users map[string]map[string]struct {
		Pwd   string `json:"pwd"`
		Roles []struct {
			Role string `json:"role"`
			DB   string `json:"db"`
		} `json:"roles"`
	} `json:"users"`
	RS *struct {
		ID      string `json:"_id"`
		Members []struct {
			ID       int    `json:"_id"`
			Host     string `json:"host"`
			Priority int    `json:"priority"`
		} `json:"members"`
	} `json:"rs"`
}

type mongoRunner struct {
	t       *testing.T
	node    string
	harness string
	state   string
}

func newMongoRunner(t *testing.T) *mongoRunner {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node to run the mongosh scripts with")
	}
	dir := t.TempDir()
	h := filepath.Join(dir, "harness.js")
	require.NoError(t, os.WriteFile(h, []byte(mongoHarness), 0o600))
	return &mongoRunner{t: t, node: node, harness: h, state: filepath.Join(dir, "state.json")}
}

func (r *mongoRunner) run(script string, env map[string]string) (string, error) {
	abs, err := filepath.Abs(script)
	require.NoError(r.t, err)
	cmd := exec.Command(r.node, r.harness, abs)
	cmd.Env = []string{"HARNESS_STATE=" + r.state, "MONGO_SCRIPTS=" + filepath.Dir(abs)}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (r *mongoRunner) read() mongoState {
	var s mongoState
	b, err := os.ReadFile(r.state)
	require.NoError(r.t, err)
	require.NoError(r.t, json.Unmarshal(b, &s))
	return s
}

func (r *mongoRunner) seed(s string) { require.NoError(r.t, os.WriteFile(r.state, []byte(s), 0o600)) }

const (
	bridgePwd   = "bridge-password-0123456789"
	frontendPwd = "frontend-password-0123456789"
	rootPwd     = "root-password-0123456789"
)

func TestMongoUsersScriptRuns(t *testing.T) {
	r := newMongoRunner(t)
	env := map[string]string{"MONGO_BRIDGE_PASSWORD": bridgePwd, "MONGO_FRONTEND_PASSWORD": frontendPwd}

	// An administrator runs it; a hand-granted extra role is removed.
	r.seed(`{"users":{"admin":{"admin":{"pwd":"x","roles":[]}},"wpokt":{"wpokt-frontend":{"pwd":"old","roles":[{"role":"dbOwner","db":"wpokt"}]}}}}`)
	script := "mongo/users.js"
	wrapper := filepath.Join(t.TempDir(), "as-admin.js")
	abs, err := filepath.Abs(script)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(wrapper, []byte(`db.getSiblingDB("admin").auth("admin", "x"); load(`+jsString(abs)+`);`), 0o600))

	out, err := r.run(wrapper, env)
	require.NoError(t, err, out)
	require.Contains(t, out, "created user wpokt-bridge: readWrite on wpokt")
	require.Contains(t, out, "updated user wpokt-frontend: read on wpokt")
	s := r.read()
	require.Len(t, s.Users["wpokt"], 2)
	bridge, frontend := s.Users["wpokt"]["wpokt-bridge"], s.Users["wpokt"]["wpokt-frontend"]
	require.Equal(t, bridgePwd, bridge.Pwd)
	require.Len(t, bridge.Roles, 1)
	require.Equal(t, "readWrite", bridge.Roles[0].Role)
	require.Equal(t, "wpokt", bridge.Roles[0].DB)
	require.Equal(t, frontendPwd, frontend.Pwd)
	require.Len(t, frontend.Roles, 1)
	require.Equal(t, "read", frontend.Roles[0].Role)
	require.Equal(t, "wpokt", frontend.Roles[0].DB)

	// Again, with a new password: updated, nothing added.
	env["MONGO_BRIDGE_PASSWORD"] = bridgePwd + "-2"
	out, err = r.run(wrapper, env)
	require.NoError(t, err, out)
	require.Contains(t, out, "updated user wpokt-bridge")
	require.Equal(t, bridgePwd+"-2", r.read().Users["wpokt"]["wpokt-bridge"].Pwd)
	require.Len(t, r.read().Users["wpokt"], 2)

	for _, bad := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"MONGO_FRONTEND_PASSWORD": frontendPwd}, "MONGO_BRIDGE_PASSWORD is not set"},
		{map[string]string{"MONGO_BRIDGE_PASSWORD": "short", "MONGO_FRONTEND_PASSWORD": frontendPwd}, "MONGO_BRIDGE_PASSWORD is not set or shorter"},
		{map[string]string{"MONGO_BRIDGE_PASSWORD": bridgePwd, "MONGO_FRONTEND_PASSWORD": frontendPwd, "MONGO_DATABASE": "admin"}, "want the bridge's own database"},
		{map[string]string{"MONGO_BRIDGE_PASSWORD": bridgePwd, "MONGO_FRONTEND_PASSWORD": frontendPwd, "MONGO_FRONTEND_USER": "wpokt-bridge"}, "must differ"},
	} {
		out, err := r.run(wrapper, bad.env)
		require.Error(t, err, out)
		require.Contains(t, out, bad.want)
	}
}

func TestMongoInitReplsetRuns(t *testing.T) {
	r := newMongoRunner(t)
	env := map[string]string{"MONGO_ROOT_PASSWORD": rootPwd, "MONGO_BRIDGE_PASSWORD": bridgePwd, "MONGO_FRONTEND_PASSWORD": frontendPwd}

	// First run: no user, no replica set (the localhost exception).
	out, err := r.run("mongo/init-replset.js", env)
	require.NoError(t, err, out)
	s := r.read()
	require.NotNil(t, s.RS)
	require.Equal(t, "rs0", s.RS.ID)
	require.Len(t, s.RS.Members, 3)
	require.Equal(t, "mongo-1:27017", s.RS.Members[0].Host)
	require.Greater(t, s.RS.Members[0].Priority, s.RS.Members[1].Priority, "the member that runs the script is preferred")
	require.Equal(t, rootPwd, s.Users["admin"]["admin"].Pwd)
	require.Equal(t, "root", s.Users["admin"]["admin"].Roles[0].Role)
	require.Len(t, s.Users["wpokt"], 2)

	// Again: authenticated, no second initiate, users updated.
	out, err = r.run("mongo/init-replset.js", env)
	require.NoError(t, err, out)
	require.Contains(t, out, "updated user wpokt-bridge")

	// A wrong administrator password fails rather than doing anything.
	env["MONGO_ROOT_PASSWORD"] = "wrong-password-0123456789"
	out, err = r.run("mongo/init-replset.js", env)
	require.Error(t, err, out)
	require.Contains(t, out, "requires authentication")
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
