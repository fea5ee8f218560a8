package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// These tests drive the pages in Debian's chromium through chromedp.
// Without the browser they skip, unless WPOKT_REQUIRE_BROWSER=1 (as
// `make test` sets it): then a missing browser fails the run.

// browser starts a headless chromium for one test.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("WPOKT_REQUIRE_BROWSER") == "1" {
			t.Fatalf("chromium is not installed and WPOKT_REQUIRE_BROWSER=1: run `make chromium` (apt-get install chromium)")
		}
		t.Skip("chromium is not installed: browser test skipped (make chromium installs it; WPOKT_REQUIRE_BROWSER=1 makes this a failure)")
	}
	// A short temp dir of its own: chromium's socket path there must fit
	// in 108 bytes, which t.TempDir's test-named paths may not.
	tmp, err := os.MkdirTemp("", "cdp")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(tmp) })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1280, 1000), chromedp.Env("TMPDIR="+tmp))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser: no deadline on it, which would
	// end the browser with it.
	require.NoError(t, chromedp.Do(ctx))
	return ctx
}

// within runs browser steps under a deadline.
func within(t *testing.T, ctx context.Context, d time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	require.NoError(t, chromedp.Do(tctx, steps...))
}

// text reads an element's text content.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(tctx, chromedp.TextContent(chromedp.CSS(sel)))
	require.NoError(t, err, sel)
	return strings.Join(strings.Fields(s), " ")
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// waitUntil polls a JavaScript condition in the page until it holds.
func waitUntil(t *testing.T, ctx context.Context, d time.Duration, expr string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
	require.NoError(t, err, "waiting for %s", expr)
}
