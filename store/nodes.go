package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Cursor is a node's scanner position on one chain: every height up to and
// including Height has been scanned and its workflows started.
type Cursor struct {
	ID        string    `bson:"_id"` // node/chain
	NodeID    string    `bson:"node_id"`
	Chain     string    `bson:"chain"`
	Height    int64     `bson:"height"`
	UpdatedAt time.Time `bson:"updated_at"`
}

// Cursor reads a node's cursor; found is false on a fresh node.
func (s *Store) Cursor(ctx context.Context, nodeID, chain string) (height int64, found bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	var c Cursor
	err = s.db.Collection(Cursors).FindOne(ctx, bson.D{{Key: "_id", Value: cursorID(nodeID, chain)}}).Decode(&c)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read %s cursor of %s: %w", chain, nodeID, err)
	}
	return c.Height, true, nil
}

// SaveCursor stores a node's cursor.
func (s *Store) SaveCursor(ctx context.Context, nodeID, chain string, height int64) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	_, err := s.db.Collection(Cursors).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: cursorID(nodeID, chain)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "node_id", Value: nodeID}, {Key: "chain", Value: chain},
			{Key: "height", Value: height}, {Key: "updated_at", Value: time.Now().UTC()}}}},
		options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("save %s cursor of %s at %d: %w", chain, nodeID, height, err)
	}
	return nil
}

// Health is a node's heartbeat, for the frontend's validator list.
type Health struct {
	ID          string    `bson:"_id" json:"-"` // the node ID
	NodeID      string    `bson:"node_id" json:"node_id"`
	Version     string    `bson:"version" json:"version"`
	PoktHeight  int64     `bson:"pokt_height" json:"pokt_height"`
	EthBlock    int64     `bson:"eth_block" json:"eth_block"`
	StartedAt   time.Time `bson:"started_at" json:"started_at"`
	HeartbeatAt time.Time `bson:"heartbeat_at" json:"heartbeat_at"`
	Healthy     bool      `bson:"healthy" json:"healthy"`
	Problem     string    `bson:"problem,omitempty" json:"problem,omitempty"`
}

// Heartbeat writes a node's health document.
func (s *Store) Heartbeat(ctx context.Context, h Health) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	h.ID = h.NodeID
	_, err := s.db.Collection(Healthchecks).ReplaceOne(ctx, bson.D{{Key: "_id", Value: h.NodeID}}, h, options.Replace().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("write healthcheck of %s: %w", h.NodeID, err)
	}
	return nil
}

// Healths reads every node's health document.
func (s *Store) Healths(ctx context.Context) ([]Health, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	cur, err := s.db.Collection(Healthchecks).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "node_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("read healthchecks: %w", err)
	}
	var out []Health
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("read healthchecks: %w", err)
	}
	return out, nil
}

// SwapCursor moves a node's cursor from old to new only if it is still at
// old; otherwise it leaves it and returns where it is (an operator moved it
// with `wpokt rescan`), with swapped false. A node that has no cursor yet
// gets new.
func (s *Store) SwapCursor(ctx context.Context, nodeID, chain string, old, new int64) (current int64, swapped bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	filter := bson.D{{Key: "_id", Value: cursorID(nodeID, chain)}, {Key: "height", Value: old}}
	res, err := s.db.Collection(Cursors).UpdateOne(ctx, filter,
		bson.D{{Key: "$set", Value: bson.D{{Key: "height", Value: new}, {Key: "updated_at", Value: time.Now().UTC()}}}})
	if err != nil {
		return 0, false, fmt.Errorf("move %s cursor of %s to %d: %w", chain, nodeID, new, err)
	}
	if res.MatchedCount == 1 {
		return new, true, nil
	}
	h, found, err := s.Cursor(ctx, nodeID, chain)
	if err != nil {
		return 0, false, err
	}
	if !found {
		return new, true, s.SaveCursor(ctx, nodeID, chain, new)
	}
	return h, false, nil
}

func cursorID(nodeID, chain string) string { return nodeID + "/" + chain }
