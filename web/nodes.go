package web

import (
	"fmt"
	"time"

	"github.com/wpokt/bridge/store"
)

// NodeView is one node's health as the page shows it.
type NodeView struct {
	NodeID      string     `json:"node_id"`
	Version     string     `json:"version,omitempty"`
	PoktHeight  int64      `json:"pokt_height"`
	EthBlock    int64      `json:"eth_block"`
	HeartbeatAt *time.Time `json:"heartbeat_at"`
	// HeartbeatAgeSeconds is null when the node never wrote one.
	HeartbeatAgeSeconds *int64 `json:"heartbeat_age_seconds"`
	Healthy             bool   `json:"healthy"`
	Problem             string `json:"problem,omitempty"`
}

// NodesView is the validator set's health.
type NodesView struct {
	Nodes     []NodeView `json:"nodes"`
	Healthy   int        `json:"healthy"`
	Of        int        `json:"of"`
	Threshold int        `json:"threshold"`
}

// newNodesView judges each node: healthy if it says so and its heartbeat
// is fresh. Every node the settings name is listed, heartbeat or not.
func newNodesView(healths []store.Health, s store.BridgeSettings, staleAfter time.Duration, now time.Time) NodesView {
	byID := map[string]store.Health{}
	var order []string
	for _, id := range s.NodeIDs {
		order = append(order, id)
		byID[id] = store.Health{NodeID: id}
	}
	for _, h := range healths {
		if _, listed := byID[h.NodeID]; !listed {
			order = append(order, h.NodeID)
		}
		byID[h.NodeID] = h
	}
	v := NodesView{Nodes: []NodeView{}, Threshold: s.Threshold, Of: len(order)}
	for _, id := range order {
		n := nodeView(byID[id], staleAfter, now)
		if n.Healthy {
			v.Healthy++
		}
		v.Nodes = append(v.Nodes, n)
	}
	return v
}

func nodeView(h store.Health, staleAfter time.Duration, now time.Time) NodeView {
	n := NodeView{NodeID: h.NodeID, Version: h.Version, PoktHeight: h.PoktHeight, EthBlock: h.EthBlock, Problem: h.Problem}
	if h.HeartbeatAt.IsZero() {
		n.Problem = "no heartbeat yet"
		return n
	}
	at := h.HeartbeatAt.UTC()
	age := max(0, now.Sub(at))
	secs := int64(age / time.Second)
	n.HeartbeatAt, n.HeartbeatAgeSeconds = &at, &secs
	switch {
	case age > staleAfter:
		n.Problem = fmt.Sprintf("no heartbeat for %s", age.Round(time.Second))
	case !h.Healthy && n.Problem == "":
		n.Problem = "reports itself unhealthy"
	default:
		n.Healthy = h.Healthy
	}
	return n
}

// BridgeView is the bridge-wide state: the pause, and the settings a
// transfer's progress is measured against.
type BridgeView struct {
	Paused      bool       `json:"paused"`
	PausedBy    string     `json:"paused_by,omitempty"`
	PauseReason string     `json:"pause_reason,omitempty"`
	PausedSince *time.Time `json:"paused_since,omitempty"`
	// PauseCheckedAt is when a node last read the pause state; null if
	// none did yet (the pause state is then unknown).
	PauseCheckedAt      *time.Time `json:"pause_checked_at"`
	Nodes               int        `json:"nodes"`
	Threshold           int        `json:"threshold"`
	PocketConfirmations int64      `json:"pocket_confirmations"`
	EthConfirmations    int64      `json:"eth_confirmations"`
	PocketBlockSeconds  float64    `json:"pocket_block_seconds"`
	EthBlockSeconds     float64    `json:"eth_block_seconds"`
}

func newBridgeView(b store.BridgeState, s store.BridgeSettings) BridgeView {
	v := BridgeView{
		Nodes: len(s.NodeIDs), Threshold: s.Threshold,
		PocketConfirmations: s.PocketConfirmations, EthConfirmations: s.EthConfirmations,
		PocketBlockSeconds: float64(s.PocketBlockTimeMs) / 1000, EthBlockSeconds: float64(s.EthBlockTimeMs) / 1000,
	}
	if p := b.Pause; p != nil {
		checked := p.CheckedAt.UTC()
		v.Paused, v.PausedBy, v.PauseReason, v.PauseCheckedAt = p.Paused, p.By, p.Reason, &checked
		if p.Paused && !p.Since.IsZero() {
			since := p.Since.UTC()
			v.PausedSince = &since
		}
	}
	return v
}

// settingsOf is the projection's settings where a node wrote them, the
// configured fallback for what it did not.
func settingsOf(b store.BridgeState, fallback store.BridgeSettings) store.BridgeSettings {
	if b.Settings == nil {
		return fallback
	}
	s := *b.Settings
	if len(s.NodeIDs) == 0 {
		s.NodeIDs = fallback.NodeIDs
	}
	if s.Threshold == 0 {
		s.Threshold = fallback.Threshold
	}
	if s.PocketBlockTimeMs == 0 {
		s.PocketBlockTimeMs = fallback.PocketBlockTimeMs
	}
	if s.EthBlockTimeMs == 0 {
		s.EthBlockTimeMs = fallback.EthBlockTimeMs
	}
	return s
}
