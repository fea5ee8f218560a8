package copper

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/secret"
)

func TestSecretNeverPrinted(t *testing.T) {
	const value = "hunter2-very-secret"
	s := secret.Value(value)
	cfg := Config{BaseURL: "https://api.copper.co", APIKey: "key", APISecret: s, PortfolioID: "vault"}
	ucfg := UnlimitedConfig{BaseURL: "http://127.0.0.1:3010", KeyFilename: "node-01.key",
		KeyPassword: s, MasterPassword: s, APIKey: "key", APISecret: s}
	c, err := NewClient(cfg)
	require.NoError(t, err)
	u, err := NewUnlimited(ucfg)
	require.NoError(t, err)

	var printed []string
	for _, verb := range []string{"%s", "%v", "%+v", "%#v", "%q", "%x", "%X", "%d", "%10s"} {
		printed = append(printed, fmt.Sprintf(verb, s), fmt.Sprintf(verb, cfg), fmt.Sprintf(verb, ucfg),
			fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c), fmt.Sprintf(verb, u), fmt.Sprintf(verb, *u))
	}
	printed = append(printed, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s))
	data, err := json.Marshal(struct {
		S   secret.Value
		P   *secret.Value
		Map map[string]secret.Value
	}{s, &s, map[string]secret.Value{"k": s}})
	require.NoError(t, err)
	printed = append(printed, string(data))
	text, err := s.MarshalText()
	require.NoError(t, err)
	printed = append(printed, string(text))
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "secret", s, "cfg", cfg)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "secret", s, "cfg", ucfg)
	printed = append(printed, buf.String())

	for _, p := range printed {
		assert.NotContains(t, p, value)
		assert.NotContains(t, p, fmt.Sprintf("%x", value))
	}
	assert.Equal(t, value, s.Reveal())
	assert.True(t, strings.Contains(fmt.Sprintf("%v", s), "REDACTED"))
}
