// Package temporalserver runs the real Temporal dev server (`temporal
// server start-dev` of the Temporal CLI) as a child process: file-backed
// SQLite, so that a stop and a start on the same file keep every history,
// with its Web UI and the bridge's search attributes, and with the settings
// measured for this workload (WAL, synchronous=normal, eager activities).
package temporalserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/devnet/childproc"
	"github.com/wpokt/bridge/devnet/localport"
	"github.com/wpokt/bridge/transfer"
)

// Options configure the dev server.
type Options struct {
	// CLI is the path of the `temporal` binary (make temporal-cli).
	CLI string
	// DBFile is the SQLite file; empty runs in memory (nothing survives).
	DBFile string
	// Port is the gRPC port and UIPort the Web UI's; 0 picks free ports.
	Port, UIPort int
	// Headless runs without the Web UI.
	Headless bool
	// Log receives the server's own output.
	Log io.Writer
}

// Server is a running dev server.
type Server struct {
	opts Options
	proc *childproc.Process
	// tail is the server's last output, for an exit at start.
	tail *childproc.Tail
}

// FindCLI returns the temporal binary: $WPOKT_TEMPORAL_CLI, ./bin/temporal
// from the module root, or `temporal` on PATH.
func FindCLI() (string, error) {
	if p := os.Getenv("WPOKT_TEMPORAL_CLI"); p != "" {
		return p, nil
	}
	dir, _ := os.Getwd()
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			p := filepath.Join(d, "bin", "temporal")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			break
		}
	}
	if p, err := exec.LookPath("temporal"); err == nil {
		return p, nil
	}
	return "", errors.New("temporal CLI not found: run `make temporal-cli` (it installs ./bin/temporal) or set WPOKT_TEMPORAL_CLI")
}

// Start starts the server and waits until it answers.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.CLI == "" {
		cli, err := FindCLI()
		if err != nil {
			return nil, err
		}
		opts.CLI = cli
	}
	var err error
	for attempt := 1; ; attempt++ {
		try := opts
		if try.Port, try.UIPort, err = pickPorts(opts); err != nil {
			return nil, err
		}
		s := &Server{opts: try}
		err = s.start(ctx)
		if err == nil {
			return s, nil
		}
		if attempt == startAttempts || !errors.Is(err, childproc.ErrExited) {
			return nil, err
		}
		s.logRetry(err)
	}
}

// startAttempts is how many times the server is started when it exits at
// once. A port picked free (here, or by the CLI itself for the HTTP API,
// the metrics and the internal services) can be taken before the server
// binds it, all the more while twelve nodes reconnect, each taking local
// ports: the server then exits, and another try picks new ones.
const startAttempts = 3

// pickPorts returns opts's ports, free ones where they are 0.
func pickPorts(opts Options) (port, uiPort int, err error) {
	port, uiPort = opts.Port, opts.UIPort
	if port == 0 {
		if port, err = localport.Free(); err != nil {
			return 0, 0, err
		}
	}
	if uiPort == 0 && !opts.Headless {
		if uiPort, err = localport.Free(); err != nil {
			return 0, 0, err
		}
	}
	return port, uiPort, nil
}

// Args are the dev server's command line.
func (o Options) Args() []string {
	args := []string{"server", "start-dev",
		"--ip", "127.0.0.1",
		"--port", strconv.Itoa(o.Port),
		"--log-level", "warn",
		"--sqlite-pragma", "journal_mode=wal",
		"--sqlite-pragma", "synchronous=normal",
		"--dynamic-config-value", "system.enableActivityEagerExecution=true",
		// Timers fire up to this late (default 1 s). The bridge sleeps
		// until 2 s before a confirming block is due, then waits in its
		// read (deploy/TEMPORAL.md, "Timer latency").
		"--dynamic-config-value", `history.timerProcessorMaxTimeShift="20ms"`,
		// Each node has one reserve update in flight on the control
		// workflow; twelve nodes need more than the default 10.
		"--dynamic-config-value", "history.maxInFlightUpdates=24",
	}
	if o.DBFile != "" {
		args = append(args, "--db-filename", o.DBFile)
	}
	if o.Headless {
		args = append(args, "--headless")
	} else {
		args = append(args, "--ui-port", strconv.Itoa(o.UIPort), "--ui-ip", "127.0.0.1")
	}
	names := make([]string, 0, len(transfer.SearchAttributeTypes))
	for name := range transfer.SearchAttributeTypes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		args = append(args, "--search-attribute", name+"="+transfer.SearchAttributeTypes[name])
	}
	return args
}

func (s *Server) start(ctx context.Context) error {
	// A server already on the port would answer the readiness check in
	// place of this one: refuse clearly instead.
	for _, port := range []int{s.opts.Port, s.opts.UIPort} {
		if port == 0 {
			continue
		}
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			return fmt.Errorf("temporal dev server: port %d is taken (is another devnet running?): %w", port, err)
		}
		_ = l.Close()
	}
	cmd := exec.Command(s.opts.CLI, s.opts.Args()...)
	s.tail = childproc.NewTail(1024)
	var out io.Writer = s.tail
	if s.opts.Log != nil {
		out = io.MultiWriter(s.opts.Log, s.tail)
	}
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group: a Ctrl-C on the devnet reaches the devnet,
	// which then stops the server cleanly; and if the devnet dies, the
	// kernel stops the server too (no orphan holding the ports).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	proc, err := childproc.Start(cmd)
	if err != nil {
		return fmt.Errorf("start temporal dev server: %w", err)
	}
	s.proc = proc
	if err := s.waitReady(ctx); err != nil {
		s.Stop()
		return err
	}
	return nil
}

func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	err := s.proc.WaitReady(ctx, 200*time.Millisecond, func(ctx context.Context) error {
		c, err := client.Dial(client.Options{HostPort: s.Address(), Logger: quietLogger{}})
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.CheckHealth(ctx, &client.CheckHealthRequest{})
		return err
	})
	if errors.Is(err, childproc.ErrExited) {
		return fmt.Errorf("temporal dev server, at start: %w; its last output: %q", err, s.tail)
	}
	if err != nil {
		return fmt.Errorf("temporal dev server at %s not ready: %w", s.Address(), err)
	}
	return nil
}

// Pid is the server process's ID (0 when stopped).
func (s *Server) Pid() int { return s.proc.Pid() }

// Address is the frontend's gRPC address.
func (s *Server) Address() string { return "127.0.0.1:" + strconv.Itoa(s.opts.Port) }

// UIURL is the Web UI's address ("" when headless).
func (s *Server) UIURL() string {
	if s.opts.Headless {
		return ""
	}
	return "http://127.0.0.1:" + strconv.Itoa(s.opts.UIPort)
}

// Stop stops the server with SIGTERM (SIGKILL after 20 s) and waits.
func (s *Server) Stop() { s.proc.Stop(syscall.SIGTERM, 20*time.Second) }

// Restart stops the server and starts it again on the same file and ports.
func (s *Server) Restart(ctx context.Context) error {
	s.Stop()
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		if err = s.start(ctx); !errors.Is(err, childproc.ErrExited) {
			return err
		}
		s.logRetry(err)
	}
	return err
}

// logRetry tells the server's log why it is started again.
func (s *Server) logRetry(err error) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "devnet: %v; starting it again\n", err)
	}
}

// quietLogger drops the SDK's logs while the server is coming up.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}
