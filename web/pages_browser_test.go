package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// screenshotPath is the transfer page's picture that README shows.
const screenshotPath = "testdata/transfer.png"

func TestBrowserSearchShowsEachTransfersProgress(t *testing.T) {
	ctx := browser(t)
	p := newProjection(t, nil)
	seeds := p.seed(t)
	ts := p.serve(t, 200*time.Millisecond)

	// Search by the hash of a burn still waiting for its confirmations.
	burn := seeds[transfer.StatusDetected]
	within(t, ctx, 20*time.Second,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SendKeys(chromedp.ID("home-q"), burn.SourceTxHash),
		chromedp.Click(chromedp.ID("home-search")),
		chromedp.WaitVisible(chromedp.ID("confirmations")),
	)
	require.Equal(t, "3 / 32", text(t, ctx, "#confirmations"))
	require.Equal(t, "Detected", text(t, ctx, `li[aria-current="step"] .label`))
	require.Regexp(t, `^\(about 5m4[0-8]s\)$`, text(t, ctx, "#eta"), "29 Ethereum blocks of 12 s, less the seconds since the count")

	// A transfer stuck at 8 of 9 signatures, with one node's refusal.
	started := seeds[transfer.StatusStarted]
	within(t, ctx, 20*time.Second,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SendKeys(chromedp.ID("home-q"), started.SourceTxHash),
		chromedp.Click(chromedp.ID("home-search")),
		chromedp.WaitVisible(chromedp.ID("signatures")),
	)
	require.Equal(t, "8 / 9", text(t, ctx, "#signatures"))
	require.Equal(t, "of 12 nodes", text(t, ctx, "#signatures-of"))
	require.Equal(t, "node-12: source tx not found on this node's RPC", text(t, ctx, "#refusals li"))
	require.Equal(t, "Order started", text(t, ctx, `li[aria-current="step"] .label`))
	require.Equal(t, "order-started", text(t, ctx, "#order-id"))
	writeScreenshot(t, ctx)

	// An executed mint links its destination tx on Ethereum's explorer.
	executed := seeds[transfer.StatusExecuted]
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/tx/"+strings.ToLower(executed.SourceTxHash)), chromedp.WaitVisible(chromedp.ID("dest-link")))
	require.Equal(t, "https://eth.example/tx/"+executed.DestTxHash, eval[string](t, ctx, `document.getElementById("dest-link").href`))
	require.Equal(t, "(final)", text(t, ctx, "#final-note"))
	require.Zero(t, eval[int](t, ctx, `document.querySelectorAll('li[aria-current="step"]').length`), "a final transfer has no current step")

	// Every status has its page, with the status shown.
	for status, st := range seeds {
		within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/t/"+st.WorkflowID), chromedp.WaitVisible(chromedp.ID("status")))
		require.Equal(t, string(status), text(t, ctx, "#status"), st.WorkflowID)
	}
}

// writeScreenshot saves the page for README; the test checks it is a PNG.
func writeScreenshot(t *testing.T, ctx context.Context) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(png), "\x89PNG"), "a PNG")
	require.NoError(t, os.MkdirAll(filepath.Dir(screenshotPath), 0o755))
	require.NoError(t, os.WriteFile(screenshotPath, png, 0o644))
}

func TestBrowserPageFollowsATransferWithoutReload(t *testing.T) {
	ctx := browser(t)
	p := newProjection(t, nil)
	seeds := p.seed(t)
	ts := p.serve(t, 200*time.Millisecond)
	st := seeds[transfer.StatusDetected]
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/t/"+st.WorkflowID), chromedp.WaitVisible(chromedp.ID("status")))
	require.Equal(t, "detected", text(t, ctx, "#status"))
	eval[bool](t, ctx, `window.sameDocument = true`) // a reload would forget it

	// The workflow projects its next statuses, as it does.
	for _, next := range []struct {
		status transfer.Status
		label  string
	}{{transfer.StatusConfirmed, "Confirmed"}, {transfer.StatusStarted, "Order started"}} {
		st.Status, st.Revision, st.UpdatedAt = next.status, st.Revision+1, time.Now().UTC()
		st.Confirmations, st.OrderID = 32, "order-live"
		require.NoError(t, p.writer.Project(context.Background(), st))
		waitUntil(t, ctx, 10*time.Second, `document.getElementById("status").textContent === "`+string(next.status)+`"`)
		require.Equal(t, next.label, text(t, ctx, `li[aria-current="step"] .label`))
	}
	require.Equal(t, "32 / 32", text(t, ctx, "#confirmations"))
	require.Equal(t, "order-live", text(t, ctx, "#order-id"))
	require.Empty(t, text(t, ctx, "#eta"), "no estimate once confirmed")
	require.True(t, eval[bool](t, ctx, `window.sameDocument === true`), "the page changed without a reload")
}

func TestBrowserShowsThePauseBanner(t *testing.T) {
	ctx := browser(t)
	p := newProjection(t, nil)
	p.seed(t)
	ts := p.serve(t, 200*time.Millisecond)
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("nodes-summary")))
	require.True(t, eval[bool](t, ctx, `document.getElementById("pause-banner").hidden`))
	require.Equal(t, "12 of 12 nodes healthy (threshold 9).", text(t, ctx, "#nodes-summary"))

	require.NoError(t, p.writer.SaveBridgeState(context.Background(), testSettings,
		&store.PauseState{Paused: true, By: "ops", Reason: "contract upgrade", Since: time.Now(), CheckedBy: "node-4", CheckedAt: time.Now()}))
	waitUntil(t, ctx, 10*time.Second, `!document.getElementById("pause-banner").hidden`)
	require.Contains(t, text(t, ctx, "#pause-banner"), "The bridge is paused by ops: contract upgrade.")

	// A page loaded while paused shows it from the start, without script.
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/nodes"), chromedp.WaitVisible(chromedp.ID("pause-banner")))
}

func TestBrowserShowsANodeWithAStaleHeartbeatUnhealthy(t *testing.T) {
	ctx := browser(t)
	p := newProjection(t, nil)
	p.seed(t)
	ts := p.serve(t, 200*time.Millisecond)
	row := `#nodes tr[data-node="node-5"]`
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/nodes"), chromedp.WaitVisible(chromedp.CSS(row)))
	require.Equal(t, "healthy", text(t, ctx, row+" .health"))

	// node-5 stops: its last heartbeat ages past the staleness limit.
	require.NoError(t, p.writer.Heartbeat(context.Background(),
		store.Health{NodeID: "node-5", Healthy: true, PoktHeight: 990, EthBlock: 1990, HeartbeatAt: time.Now().Add(-10 * time.Minute)}))
	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/nodes"), chromedp.WaitVisible(chromedp.CSS(row)))
	require.Equal(t, "unhealthy: no heartbeat for 10m0s", text(t, ctx, row+" .health"))
	require.Equal(t, "unhealthy", eval[string](t, ctx, `document.querySelector('`+row+`').className`))
	require.Equal(t, "11 of 12 nodes healthy (threshold 9).", text(t, ctx, "#nodes-summary"))
}

func TestBrowserNotSeenYetBecomesTheTransferOnceProjected(t *testing.T) {
	ctx := browser(t)
	p := newProjection(t, nil)
	seeds := p.seed(t)
	ts := p.serve(t, 200*time.Millisecond)
	st := seeds[transfer.StatusDetected]
	st.SourceTxHash = "0x" + strings.Repeat("d", 64)
	st.WorkflowID = transfer.BurnWorkflowID(st.SourceTxHash, 0)

	within(t, ctx, 20*time.Second, chromedp.Navigate(ts.URL+"/tx/"+st.SourceTxHash), chromedp.WaitVisible(chromedp.ID("not-seen")))
	require.Equal(t, "https://eth.example/tx/"+st.SourceTxHash, eval[string](t, ctx, `document.querySelector("a.explorer").href`),
		"a 0x hash is looked up on Ethereum's explorer")

	require.NoError(t, p.writer.Project(context.Background(), st))
	// The page reloads itself into the transfer's page (a poll would end
	// with the document it ran in).
	within(t, ctx, 10*time.Second, chromedp.WaitVisible(chromedp.ID("status")))
	require.Equal(t, "detected", text(t, ctx, "#status"))
	require.Equal(t, "3 / 32", text(t, ctx, "#confirmations"))
}
