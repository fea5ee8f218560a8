package shannonnet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// tempDir prefers tmpfs: CometBFT fsyncs its WAL, its validator state and
// its stores at every block, and on a disk shared with busy builds a
// fsync can stall a block for seconds (measured here under a load of 11 on
// 2 cores: one run in three on disk made 3 blocks in 2 s and took up to 9 s
// to include a tx; every run on /dev/shm made 9 blocks).
func tempDir() (string, error) {
	if dir, err := os.MkdirTemp("/dev/shm", "shannonnet-"); err == nil {
		return dir, nil
	}
	return os.MkdirTemp("", "shannonnet-")
}

func trimScheme(addr string) string {
	if i := len("tcp://"); len(addr) > i && addr[:i] == "tcp://" {
		return addr[i:]
	}
	return addr
}

func ensureDirs(root string) error {
	for _, d := range []string{"config", "data"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			return fmt.Errorf("make %s: %w", d, err)
		}
	}
	return nil
}

// isAddrInUse: CometBFT's RPC listener formats the net error with %v, so
// the text is all that is left of EADDRINUSE there.
func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
}
