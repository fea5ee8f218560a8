package protocol

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/morse"
	"github.com/wpokt/bridge/chains/pokt/shannon"
)

func TestDial(t *testing.T) {
	n, err := Dial(Config{Protocol: pokt.Shannon, URL: "http://127.0.0.1:26657"})
	require.NoError(t, err)
	assert.IsType(t, &shannon.Client{}, n)

	n, err = Dial(Config{Protocol: pokt.Morse, URL: "http://127.0.0.1:8081"})
	require.NoError(t, err)
	assert.IsType(t, &morse.Client{}, n)

	_, err = Dial(Config{Protocol: pokt.Shannon, URL: "127.0.0.1:26657"})
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
	_, err = Dial(Config{Protocol: "tendermint", URL: "http://127.0.0.1:26657"})
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
}
