package temporalcluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/wpokt/bridge/devnet/childproc"
	"github.com/wpokt/bridge/devnet/localport"
)

// DefaultPostgresBin is where Debian's postgresql package puts the server.
const DefaultPostgresBin = "/usr/lib/postgresql/15/bin"

// Postgres is a throwaway PostgreSQL cluster: its own data dir, listening
// on loopback only, stopped and removed by Stop.
type Postgres struct {
	bin  string
	dir  string
	port int
	cred *syscall.Credential
	proc *childproc.Process
}

// StartPostgres makes a new cluster with initdb in a fresh directory and
// starts it on a free loopback port. PostgreSQL refuses to run as root: a
// root caller runs it as the postgres user, who owns the directory.
func StartPostgres(ctx context.Context, bin string, log io.Writer) (_ *Postgres, err error) {
	if bin == "" {
		bin = DefaultPostgresBin
	}
	if _, err := os.Stat(filepath.Join(bin, "postgres")); err != nil {
		return nil, fmt.Errorf("postgres: no server in %s (apt-get install postgresql): %w", bin, err)
	}
	p := &Postgres{bin: bin}
	if p.cred, err = postgresCredential(); err != nil {
		return nil, err
	}
	// Its own directory under /tmp, not under the caller's private one,
	// which the postgres user could not enter.
	if p.dir, err = os.MkdirTemp("", "wpokt-postgres-"); err != nil {
		return nil, fmt.Errorf("postgres: data dir: %w", err)
	}
	defer func() {
		if err != nil {
			p.Stop()
		}
	}()
	if p.cred != nil {
		if err := os.Chown(p.dir, int(p.cred.Uid), int(p.cred.Gid)); err != nil {
			return nil, fmt.Errorf("postgres: chown data dir: %w", err)
		}
	}
	data := filepath.Join(p.dir, "data")
	if out, err := p.command(ctx, "initdb", "-D", data, "-U", "postgres", "-E", "UTF8", "--locale", "C",
		"--auth-local", "trust", "--auth-host", "scram-sha-256").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("postgres: initdb: %w: %s", err, out)
	}
	if p.port, err = localport.Free(); err != nil {
		return nil, err
	}
	cmd := p.command(context.Background(), "postgres", "-D", data, "-p", strconv.Itoa(p.port), "-k", p.dir,
		"-c", "listen_addresses=127.0.0.1",
		// Each Temporal service opens its own pools (20 + 2 connections).
		"-c", "max_connections=200")
	cmd.Stdout, cmd.Stderr = log, log
	// If the caller dies, an immediate shutdown; Stop asks for a fast one.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	if p.proc, err = childproc.Start(cmd); err != nil {
		return nil, fmt.Errorf("postgres: start: %w", err)
	}
	if err := p.waitReady(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// postgresCredential is the postgres user's when running as root, else nil
// (run as the caller).
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("postgres: running as root needs the postgres user (Debian's package makes it): %w", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func (p *Postgres) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(p.bin, name), args...)
	cmd.Dir = p.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: p.cred}
	return cmd
}

func (p *Postgres) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	err := p.proc.WaitReady(ctx, 200*time.Millisecond, func(ctx context.Context) error {
		return p.command(ctx, "pg_isready", "-q", "-h", p.dir, "-p", strconv.Itoa(p.port)).Run()
	})
	if errors.Is(err, childproc.ErrExited) {
		return fmt.Errorf("postgres, at start: %w", err)
	}
	if err != nil {
		return fmt.Errorf("postgres on port %d not ready: %w", p.port, err)
	}
	return nil
}

// Exec runs SQL as the postgres superuser, over the cluster's socket.
func (p *Postgres) Exec(ctx context.Context, sql string) error {
	out, err := p.command(ctx, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", p.dir, "-p", strconv.Itoa(p.port),
		"-U", "postgres", "-d", "postgres", "-c", sql).CombinedOutput()
	if err != nil {
		return fmt.Errorf("postgres: psql: %w: %s", err, out)
	}
	return nil
}

// Address is the TCP address the cluster listens on.
func (p *Postgres) Address() string { return "127.0.0.1:" + strconv.Itoa(p.port) }

// Port is the TCP port.
func (p *Postgres) Port() int { return p.port }

// Pid is the postmaster's process ID (0 when stopped).
func (p *Postgres) Pid() int { return p.proc.Pid() }

// PIDs are the postmaster and every process it started (backends, the
// checkpointer, the WAL writer...), read from /proc.
func (p *Postgres) PIDs() []int {
	master := p.Pid()
	if master == 0 {
		return nil
	}
	pids := []int{master}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == master {
			continue
		}
		if parentPID(pid) == master {
			pids = append(pids, pid)
		}
	}
	return pids
}

// parentPID reads a process's parent from /proc/<pid>/stat (0 if gone).
func parentPID(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// Stop asks for a fast shutdown (SIGINT; SIGKILL after 20 s), waits, and
// removes the data.
func (p *Postgres) Stop() {
	p.proc.Stop(syscall.SIGINT, 20*time.Second)
	if p.dir != "" {
		_ = os.RemoveAll(p.dir)
		p.dir = ""
	}
}
