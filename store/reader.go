package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/wpokt/bridge/transfer"
)

// Reader reads the projection for the status page. It never writes and
// never creates an index (the nodes' Connect does), and every query it
// sends is answered from an index: by _id, or by sender or recipient with
// a limit.
type Reader struct {
	client  *mongo.Client
	db      *mongo.Database
	timeout time.Duration
}

// ReaderOptions adjust OpenReader.
type ReaderOptions struct {
	Timeout time.Duration
	// AllowWritableUser skips the refusal of a user that may write. Only
	// for a server that enforces no roles at all (the devnet's FerretDB),
	// where every connection may write whatever its user.
	AllowWritableUser bool
	// Monitor observes every command sent (the read-only test).
	Monitor *event.CommandMonitor
}

// ErrWritableUser says the reader's MongoDB user could write.
var ErrWritableUser = errors.New("the mongodb user may write")

// OpenReader connects, and refuses a connection whose user holds any
// privilege beyond reading (connectionStatus with showPrivileges).
func OpenReader(ctx context.Context, uri, database string, opts ReaderOptions) (*Reader, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	co := options.Client().ApplyURI(uri).SetTimeout(opts.Timeout).SetAppName("wpokt-web")
	if opts.Monitor != nil {
		co.SetMonitor(opts.Monitor)
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("connect mongodb: %w", err)
	}
	r := &Reader{client: client, db: client.Database(database), timeout: opts.Timeout}
	if err := r.checkReadOnly(ctx, opts.AllowWritableUser); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return r, nil
}

// Close disconnects.
func (r *Reader) Close(ctx context.Context) error { return r.client.Disconnect(ctx) }

// Transfer reads one transfer by its workflow ID: a key lookup in the
// collections that can hold it.
func (r *Reader) Transfer(ctx context.Context, workflowID string) (*Document, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	for _, name := range collectionsOf(workflowID) {
		var doc Document
		err := r.db.Collection(name).FindOne(ctx, bson.D{{Key: "_id", Value: workflowID}}).Decode(&doc)
		if errors.Is(err, mongo.ErrNoDocuments) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("find transfer %s in %s: %w", workflowID, name, err)
		}
		doc.Collection = name
		return &doc, nil
	}
	return nil, fmt.Errorf("transfer %s: %w", workflowID, ErrNotFound)
}

// collectionsOf lists where a workflow ID's document may live: its ID says
// its kind, and a deposit is a mint or an invalid mint.
func collectionsOf(workflowID string) []string {
	if strings.HasPrefix(workflowID, "burn-") {
		return []string{Burns}
	}
	return []string{Mints, InvalidMints}
}

// BySourceTx finds the transfers whose source is the tx with this hash (64
// hex characters, any case, with or without 0x): the deposit it may be and
// the burn logs it may hold, by key, since a transfer's ID is derived from
// its source tx hash.
func (r *Reader) BySourceTx(ctx context.Context, hash string) ([]Document, error) {
	bare := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(hash, "0x"), "0X"))
	var out []Document
	doc, err := r.Transfer(ctx, transfer.MintWorkflowID(bare))
	switch {
	case err == nil:
		out = append(out, *doc)
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	burns, err := r.burnsOfTx(ctx, "0x"+bare)
	if err != nil {
		return nil, err
	}
	return append(out, burns...), nil
}

// maxBurnsPerTx bounds the burn logs read for one tx.
const maxBurnsPerTx = 100

// burnsOfTx reads burn-<hash>-0, -1, ... until one is missing. Each read is
// a lookup by _id: the one filter FerretDB answers from an index (an _id
// range would scan the collection there). A tx's burn logs are seen by the
// same scan, so a later log projected before an earlier one is missing
// from the answer for moments only.
func (r *Reader) burnsOfTx(ctx context.Context, hash string) ([]Document, error) {
	var out []Document
	for n := range maxBurnsPerTx {
		doc, err := r.Transfer(ctx, transfer.BurnWorkflowID(hash, n))
		if errors.Is(err, ErrNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, *doc)
	}
	return out, nil
}

// ByAddress lists up to limit transfers, newest first, sent from or to an
// address in any of the spellings given (the page knows how the bridge
// stores each chain's addresses).
func (r *Reader) ByAddress(ctx context.Context, spellings []string, limit int) ([]Document, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	seen := map[string]bool{}
	var out []Document
	for _, name := range TransferCollections {
		for _, field := range []string{"sender", "recipient"} {
			filter := bson.D{{Key: field, Value: bson.D{{Key: "$in", Value: spellings}}}}
			docs, err := r.find(ctx, name, filter,
				options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}}).SetLimit(int64(limit)))
			if err != nil {
				return nil, fmt.Errorf("find transfers by %s: %w", field, err)
			}
			for _, d := range docs {
				if !seen[d.ID] {
					seen[d.ID] = true
					out = append(out, d)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Document) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out[:min(len(out), limit)], nil
}

func (r *Reader) find(ctx context.Context, coll string, filter bson.D, opts *options.FindOptionsBuilder) ([]Document, error) {
	cur, err := r.db.Collection(coll).Find(ctx, filter, opts)
	if err != nil {
		return nil, err
	}
	var docs []Document
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Collection = coll
	}
	return docs, nil
}

// maxNodes bounds the health documents read when the node IDs are unknown.
const maxNodes = 64

// Healths reads the heartbeats of the given nodes (by _id), or, when no
// node IDs are known, the first maxNodes of them in _id order.
func (r *Reader) Healths(ctx context.Context, nodeIDs []string) ([]Health, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	filter := bson.D{}
	if len(nodeIDs) > 0 {
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: nodeIDs}}}}
	}
	cur, err := r.db.Collection(Healthchecks).Find(ctx, filter,
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(maxNodes))
	if err != nil {
		return nil, fmt.Errorf("read healthchecks: %w", err)
	}
	var out []Health
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("read healthchecks: %w", err)
	}
	return out, nil
}

// Bridge reads the bridge-wide document; ErrNotFound before any node
// wrote it.
func (r *Reader) Bridge(ctx context.Context) (BridgeState, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	var b BridgeState
	err := r.db.Collection(BridgeCollection).FindOne(ctx, bson.D{{Key: "_id", Value: BridgeStateID}}).Decode(&b)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return BridgeState{}, fmt.Errorf("bridge state: %w", ErrNotFound)
	}
	if err != nil {
		return BridgeState{}, fmt.Errorf("read bridge state: %w", err)
	}
	return b, nil
}
