// Package localport picks loopback ports for the devnet's servers.
package localport

import (
	"fmt"
	"net"
)

// Free returns a loopback TCP port that nothing listens on now. Another
// process may take it before the caller binds it: callers that start a
// server on it retry with another port when the bind fails.
func Free() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
