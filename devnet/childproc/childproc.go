// Package childproc runs a program the devnet depends on (the Temporal dev
// server, Temporal Server, PostgreSQL) as a child process: started, watched
// for an early exit while the devnet waits for it to be ready, and stopped
// with the signal the program expects, killed if it does not stop in time.
package childproc

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// ErrExited is wrapped by the error of a process that has ended.
var ErrExited = errors.New("exited")

// Process is a started child process. The zero value and nil are a process
// that is not running.
type Process struct {
	cmd  *exec.Cmd
	done chan error
}

// Start starts cmd and watches for its exit.
func Start(cmd *exec.Cmd) (*Process, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	return p, nil
}

// Pid is the process's ID, 0 when it is not running.
func (p *Process) Pid() int {
	if p == nil || p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	return p.cmd.Process.Pid
}

// Exited is the process's exit, once it has exited ("exit status 0" for a
// clean one), or nil while it runs.
func (p *Process) Exited() error {
	if p == nil || p.done == nil {
		return nil
	}
	select {
	case err := <-p.done:
		p.done <- err // for the next caller
		if err == nil {
			err = errors.New("exit status 0")
		}
		return fmt.Errorf("%w: %w", ErrExited, err)
	default:
		return nil
	}
}

// WaitReady checks the process every interval until ready succeeds. It
// returns the exit (wrapping ErrExited) if the process ends first, or
// ctx's error with ready's last one if ctx ends first.
func (p *Process) WaitReady(ctx context.Context, interval time.Duration, ready func(context.Context) error) error {
	for {
		if exit := p.Exited(); exit != nil {
			return exit
		}
		err := ready(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
		case <-time.After(interval):
		}
	}
}

// Stop sends sig and waits for the exit, killing the process after grace.
// Stopping a process that is not running does nothing.
func (p *Process) Stop(sig os.Signal, grace time.Duration) {
	if p == nil || p.cmd == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case err := <-p.done:
		p.done <- err
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		p.done <- <-p.done
	}
	p.cmd = nil
}

// Tail keeps the last bytes written to it: a child's last words, for the
// error of a process that exits at start.
type Tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

// NewTail keeps the last max bytes.
func NewTail(max int) *Tail { return &Tail{max: max} }

func (t *Tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// String is what was kept, without surrounding blank space.
func (t *Tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
