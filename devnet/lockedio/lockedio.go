// Package lockedio holds the one writer that many goroutines may share: the
// devnet's in-process nodes and its child processes' output copiers write
// to one log, and tests collect the logs of concurrent activities and nodes.
package lockedio

import (
	"bytes"
	"io"
	"sync"
)

// Writer serialises writes to W. With W nil it writes into memory, which
// Bytes and String read while writers keep writing.
type Writer struct {
	W io.Writer

	mu  sync.Mutex
	buf bytes.Buffer
}

// Write writes p to W (or to memory) under the writer's lock.
func (l *Writer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.W == nil {
		return l.buf.Write(p)
	}
	return l.W.Write(p)
}

// Bytes returns a copy of what was written to memory.
func (l *Writer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.buf.Bytes())
}

// String returns what was written to memory.
func (l *Writer) String() string { return string(l.Bytes()) }
