package shannonnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAddrInUseIsRecognisedAsCometBFTReportsIt(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	_, err = net.Listen("tcp", l.Addr().String())
	require.Error(t, err)
	require.True(t, isAddrInUse(err), "the p2p transport returns the net error")
	require.True(t, isAddrInUse(fmt.Errorf("failed to listen on %v: %v", l.Addr(), err)), "the RPC listener formats it with %%v")
	require.False(t, isAddrInUse(errors.New("genesis: bad")))
}

func TestBusyRPCPortGivenByTheCallerFailsStart(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = Start(ctx, Options{RPCPort: l.Addr().(*net.TCPAddr).Port})
	require.Error(t, err)
	require.True(t, isAddrInUse(err), err.Error())
}
