package secret

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValueNeverPrinted(t *testing.T) {
	const value = "hunter2-very-secret"
	s := Value(value)
	var printed []string
	for _, verb := range []string{"%s", "%v", "%+v", "%#v", "%q", "%x", "%X", "%d", "%10s"} {
		printed = append(printed, fmt.Sprintf(verb, s), fmt.Sprintf(verb, &s), fmt.Sprintf(verb, struct{ S Value }{s}))
	}
	printed = append(printed, s.String(), s.GoString(), fmt.Sprint(s), fmt.Sprintln(s))
	data, err := json.Marshal(struct {
		S   Value
		P   *Value
		Map map[string]Value
	}{s, &s, map[string]Value{"k": s}})
	require.NoError(t, err)
	text, err := s.MarshalText()
	require.NoError(t, err)
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "secret", s)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "secret", s)
	printed = append(printed, string(data), string(text), logs.String())

	for _, p := range printed {
		assert.NotContains(t, p, value)
		assert.NotContains(t, p, fmt.Sprintf("%x", value))
		assert.Contains(t, p, Redacted)
	}
	assert.Equal(t, value, s.Reveal())
	assert.False(t, s.IsZero())
	assert.True(t, Value("").IsZero())
}

func TestRedactorCleansEchoedSecrets(t *testing.T) {
	r := NewRedactor("pw-1", "", "secret-2")
	assert.Equal(t, "bad password [REDACTED] for [REDACTED]", r.Clean("bad password pw-1 for secret-2"))
}
