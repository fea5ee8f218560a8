// The status page's only script: it polls the page's own JSON API and
// updates what changed, so that an open page follows a transfer until it
// is final. Without it the pages still work (they reload themselves).
"use strict";
(function () {
  const body = document.body;
  const every = Number(body.dataset.refreshMs) || 5000;
  const byId = (id) => document.getElementById(id);

  function when(iso) {
    if (!iso) return "";
    return new Date(iso).toISOString().slice(0, 19).replace("T", " ") + " UTC";
  }

  function duration(secs) {
    if (secs === 0) return "any moment now";
    const h = Math.floor(secs / 3600), m = Math.floor((secs % 3600) / 60), s = secs % 60;
    return "about " + (h ? h + "h" : "") + (h || m ? m + "m" : "") + s + "s";
  }

  function text(id, value) {
    const el = byId(id);
    if (el && el.textContent !== value) el.textContent = value;
  }

  function link(href, label, id) {
    const a = document.createElement("a");
    a.href = href;
    a.rel = "noreferrer";
    a.textContent = label;
    if (id) a.id = id;
    return a;
  }

  function showSteps(steps) {
    const ol = byId("steps");
    ol.replaceChildren(...steps.map((s) => {
      const li = document.createElement("li");
      li.className = "step " + s.state;
      li.dataset.status = s.status;
      if (s.state === "current") li.setAttribute("aria-current", "step");
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = s.label;
      const t = document.createElement("time");
      t.textContent = when(s.at);
      li.append(label, " ", t);
      return li;
    }));
  }

  function showRefusals(refusals) {
    const ul = byId("refusals");
    if (refusals.length === 0) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = "none";
      ul.replaceChildren(li);
      return;
    }
    ul.replaceChildren(...refusals.map((r) => {
      const li = document.createElement("li");
      const node = document.createElement("span");
      node.className = "node";
      node.textContent = r.node_id;
      const why = document.createElement("span");
      why.className = "why";
      why.textContent = r.reason;
      li.append(node, ": ", why);
      return li;
    }));
  }

  function showTransfer(t) {
    const status = byId("status");
    status.textContent = t.status;
    status.className = "status status-" + t.status;
    text("final-note", t.final ? "(final)" : "(this page updates itself)");
    const reason = byId("reason");
    reason.textContent = t.reason || "";
    reason.hidden = !t.reason;
    showSteps(t.steps);
    text("confirmations", t.confirmations.have + " / " + t.confirmations.need);
    text("eta", t.eta_seconds === null ? "" : "(" + duration(t.eta_seconds) + ")");
    text("signatures", t.signatures.have + " / " + t.signatures.need);
    text("signatures-of", "of " + t.signatures.of + " nodes");
    showRefusals(t.refusals);
    text("pay-amount", t.pay_amount);
    text("nonce", t.nonce ? String(t.nonce) : "-");
    text("order-id", t.order_id || "-");
    text("updated", when(t.updated_at));
    const dest = byId("dest");
    if (t.links.dest_tx) dest.replaceChildren(link(t.links.dest_tx, t.dest_tx_hash, "dest-link"));
    else dest.textContent = t.dest_tx_hash || (t.dest_chain ? "not yet" : "none");
    return t.final;
  }

  function showBridge(b) {
    byId("pause-banner").hidden = !b.paused;
    text("pause-detail", (b.paused_by ? " by " + b.paused_by : "") + (b.pause_reason ? ": " + b.pause_reason : ""));
  }

  async function get(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  }

  // watch answers whether to keep polling.
  async function watch() {
    const url = body.dataset.watch;
    if (!url) return false;
    const v = await get(url);
    if (body.dataset.watchKind === "tx") {
      if (v.seen) location.reload(); // the transfer appeared: show its page
      return !v.seen;
    }
    return !showTransfer(v);
  }

  let watching = Boolean(body.dataset.watch);
  async function tick() {
    try {
      showBridge(await get("/api/v1/bridge"));
      if (watching) watching = await watch();
    } catch (e) {
      // A failed poll is retried at the next tick; the page stays as it was.
    }
    setTimeout(tick, every);
  }
  setTimeout(tick, every);
})();
