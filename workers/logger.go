package workers

import (
	"io"
	"log/slog"

	"github.com/wpokt/bridge/config"
)

// NewLogger makes a node's logger: JSON in production, text on the devnet,
// at the configured level. Every line carries fixed field names
// (workflow_id, chain, tx_hash, node) where they apply; secrets never
// reach it (a secret.Value prints as [REDACTED]).
func NewLogger(w io.Writer, node config.Node) *slog.Logger {
	level, err := config.ParseLogLevel(node.LogLevel)
	if err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if node.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
