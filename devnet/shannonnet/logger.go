package shannonnet

import (
	"context"
	"fmt"
	"log/slog"

	cmtlog "github.com/cometbft/cometbft/libs/log"
)

// cometLogger hands CometBFT's logs to slog. CometBFT's Info is a line per
// consensus step, so it goes to Debug; its Errors stay errors.
type cometLogger struct {
	log *slog.Logger
}

var _ cmtlog.Logger = cometLogger{}

func (l cometLogger) Debug(msg string, kv ...any) { l.emit(slog.LevelDebug, msg, kv) }
func (l cometLogger) Info(msg string, kv ...any)  { l.emit(slog.LevelDebug, msg, kv) }
func (l cometLogger) Error(msg string, kv ...any) { l.emit(slog.LevelError, msg, kv) }

func (l cometLogger) With(kv ...any) cmtlog.Logger {
	return cometLogger{log: l.log.With(attrs(kv)...)}
}

func (l cometLogger) emit(level slog.Level, msg string, kv []any) {
	ctx := context.Background()
	if !l.log.Enabled(ctx, level) {
		return
	}
	l.log.Log(ctx, level, msg, attrs(kv)...)
}

// attrs turns CometBFT's alternating keys and values into slog attributes;
// values are printed with %v since some are CometBFT types with String().
func attrs(kv []any) []any {
	out := make([]any, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, slog.String(fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])))
	}
	return out
}
