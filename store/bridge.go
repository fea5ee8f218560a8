package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The bridge-wide document, for the status page: one document of its own,
// so that the page reads the pause state and the settings it shows with one
// key lookup.
const (
	BridgeCollection = "bridge"
	BridgeStateID    = "state"
)

// BridgeState is what the status page needs to know about the bridge as a
// whole. Every node writes it with its heartbeat; the nodes share one
// config for these settings, so the last writer's copy is everyone's.
type BridgeState struct {
	ID       string          `bson:"_id" json:"-"`
	Settings *BridgeSettings `bson:"settings,omitempty" json:"settings,omitempty"`
	Pause    *PauseState     `bson:"pause,omitempty" json:"pause,omitempty"`
}

// BridgeSettings are the parts of a node's config that explain a transfer's
// progress: what it waits for and how long that takes.
type BridgeSettings struct {
	NodeIDs             []string  `bson:"node_ids" json:"node_ids"`
	Threshold           int       `bson:"threshold" json:"threshold"`
	PocketConfirmations int64     `bson:"pocket_confirmations" json:"pocket_confirmations"`
	EthConfirmations    int64     `bson:"eth_confirmations" json:"eth_confirmations"`
	PocketBlockTimeMs   int64     `bson:"pocket_block_time_ms" json:"pocket_block_time_ms"`
	EthBlockTimeMs      int64     `bson:"eth_block_time_ms" json:"eth_block_time_ms"`
	WrittenBy           string    `bson:"written_by" json:"written_by"`
	WrittenAt           time.Time `bson:"written_at" json:"written_at"`
}

// PauseState is the control workflow's pause, as a node last read it.
type PauseState struct {
	Paused    bool      `bson:"paused" json:"paused"`
	By        string    `bson:"by,omitempty" json:"by,omitempty"`
	Reason    string    `bson:"reason,omitempty" json:"reason,omitempty"`
	Since     time.Time `bson:"since,omitempty" json:"since,omitempty"`
	CheckedBy string    `bson:"checked_by" json:"checked_by"`
	CheckedAt time.Time `bson:"checked_at" json:"checked_at"`
}

// SaveBridgeState writes the settings and, when the node could read it,
// the pause state (nil leaves the stored pause state as it is).
func (s *Store) SaveBridgeState(ctx context.Context, settings BridgeSettings, pause *PauseState) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	set := bson.D{{Key: "settings", Value: settings}}
	if pause != nil {
		set = append(set, bson.E{Key: "pause", Value: *pause})
	}
	_, err := s.db.Collection(BridgeCollection).UpdateOne(ctx, bson.D{{Key: "_id", Value: BridgeStateID}},
		bson.D{{Key: "$set", Value: set}}, options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("write bridge state: %w", err)
	}
	return nil
}
