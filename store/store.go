// Package store is the MongoDB projection of the bridge: one document per
// transfer in mints, burns and invalid_mints, for the frontend and for
// people. Temporal holds the truth; these documents follow it, and a
// status here only ever moves forward. The bridge never reads them to make
// a decision, with one exception: a final record stops a re-scan from
// running a transfer a second time after Temporal forgot it.
//
// The store also keeps each node's scanner cursors and health heartbeats.
package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/wpokt/bridge/transfer"
)

// Collection names.
const (
	Mints        = "mints"
	Burns        = "burns"
	InvalidMints = "invalid_mints"
	Healthchecks = "healthchecks"
	Cursors      = "scanner_cursors"
)

// TransferCollections are the collections that hold transfers.
var TransferCollections = []string{Mints, Burns, InvalidMints}

// Store is the projection's database.
type Store struct {
	client  *mongo.Client
	db      *mongo.Database
	timeout time.Duration
}

// Option adjusts a connection.
type Option func(*options.ClientOptions)

// WithMonitor observes every command sent (the benchmark counts writes).
func WithMonitor(m *event.CommandMonitor) Option {
	return func(o *options.ClientOptions) { o.SetMonitor(m) }
}

// Connect dials MongoDB, checks it answers, and makes sure the indexes exist.
func Connect(ctx context.Context, uri, database string, timeout time.Duration, opts ...Option) (*Store, error) {
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	co := options.Client().ApplyURI(uri).SetTimeout(timeout).SetAppName("wpokt-bridge")
	for _, o := range opts {
		o(co)
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("connect mongodb: %w", err)
	}
	s := &Store{client: client, db: client.Database(database), timeout: timeout}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := client.Ping(pctx, nil); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("ping mongodb: %w", err)
	}
	if err := s.ensureIndexes(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return s, nil
}

// Close disconnects.
func (s *Store) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.client.Ping(ctx, nil)
}

// indexes are the projection's indexes, by collection.
func indexes() map[string][]mongo.IndexModel {
	out := map[string][]mongo.IndexModel{
		// Transfers, cursors and healthchecks are keyed by _id (the workflow
		// ID, node/chain, the node ID): unique, and a key lookup on every
		// MongoDB-compatible store (FerretDB pushes down _id only).
	}
	for _, name := range TransferCollections {
		out[name] = []mongo.IndexModel{
			{Keys: bson.D{{Key: "source_tx_hash", Value: 1}}, Options: options.Index().SetName("source_tx_hash")},
			{Keys: bson.D{{Key: "status", Value: 1}, {Key: "updated_at", Value: -1}}, Options: options.Index().SetName("status_updated")},
		}
		out[name] = append(out[name], addressIndexes()...)
	}
	return out
}

// ensureIndexes creates the indexes that do not exist yet. It lists them
// first rather than re-creating: every node does this at start, and
// FerretDB's createIndexes fails on an index that already exists.
func (s *Store) ensureIndexes(ctx context.Context) error {
	for coll, models := range indexes() {
		specs, err := s.db.Collection(coll).Indexes().ListSpecifications(ctx)
		if err != nil {
			return fmt.Errorf("list indexes of %s: %w", coll, err)
		}
		have := map[string]bool{}
		for _, spec := range specs {
			have[spec.Name] = true
		}
		var missing []mongo.IndexModel
		for _, m := range models {
			var o options.IndexOptions
			for _, set := range m.Options.List() {
				_ = set(&o)
			}
			if o.Name == nil || !have[*o.Name] {
				missing = append(missing, m)
			}
		}
		if len(missing) == 0 {
			continue
		}
		if _, err := s.db.Collection(coll).Indexes().CreateMany(ctx, missing); err != nil && !isIndexExists(err) {
			return fmt.Errorf("create indexes on %s: %w", coll, err)
		}
	}
	return nil
}

// isIndexExists reports a race with another node creating the same index.
func isIndexExists(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && (ce.Code == 85 || ce.Code == 86 || ce.Code == 68)
}

// CollectionFor is where a transfer's document lives: burns, mints, or
// invalid_mints for deposits that could not be minted (refunds, dust,
// failed txs). A deposit not yet classified has no collection ("").
func CollectionFor(st transfer.State) string {
	switch {
	case st.Kind == transfer.KindBurn:
		return Burns
	case st.Classification == "":
		return ""
	case st.Classification == transfer.ClassMint:
		return Mints
	default:
		return InvalidMints
	}
}

// Project writes a transfer's state. The write only lands if the stored
// status is the same or an earlier one and the stored state is not newer,
// so that a late or replayed write never moves a transfer backwards; such a
// write is dropped silently.
//
// Every read and write is keyed by _id alone: MongoDB uses its index, and
// FerretDB (the devnet's MongoDB) pushes only a lone _id filter down to
// SQLite; with any other filter it decodes every document of the
// collection on every write.
func (s *Store) Project(ctx context.Context, st transfer.State) error {
	coll := CollectionFor(st)
	if coll == "" {
		return nil
	}
	if !st.Status.Valid() {
		return fmt.Errorf("project %s: unknown status %q", st.WorkflowID, st.Status)
	}
	doc := NewDocument(st)
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	c := s.db.Collection(coll)
	// Read, compare, replace: a transfer's workflow writes its states one
	// at a time and in order, so the comparison only has to drop a replayed
	// or retried older write. The filter is _id alone: the one filter every
	// MongoDB-compatible store answers from an index (FerretDB evaluates
	// any other in Go over the whole collection).
	for attempt := 0; ; attempt++ {
		var stored struct {
			Status    transfer.Status `bson:"status"`
			Revision  int64           `bson:"revision"`
			CreatedAt time.Time       `bson:"created_at"`
			History   []StatusChange  `bson:"history"`
		}
		err := c.FindOne(ctx, bson.D{{Key: "_id", Value: st.WorkflowID}},
			options.FindOne().SetProjection(bson.D{{Key: "status", Value: 1}, {Key: "revision", Value: 1}, {Key: "created_at", Value: 1}, {Key: "history", Value: 1}})).Decode(&stored)
		switch {
		case errors.Is(err, mongo.ErrNoDocuments):
			if err = s.takeFromSibling(ctx, coll, st.WorkflowID, &doc); err != nil {
				return fmt.Errorf("project %s to %s: %w", st.WorkflowID, coll, err)
			}
			doc.History = withStatusChange(doc.History, st)
			_, err = c.InsertOne(ctx, doc)
			if mongo.IsDuplicateKeyError(err) && attempt == 0 {
				continue // another writer inserted it first: compare with theirs
			}
		case err != nil:
		case !slices.Contains(st.Status.Before(), stored.Status),
			stored.Status == st.Status && doc.Revision <= stored.Revision:
			return nil // stale: the stored state is as late or later
		default:
			doc.CreatedAt = stored.CreatedAt
			doc.History = withStatusChange(stored.History, st)
			_, err = c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: st.WorkflowID}}, doc)
		}
		if err != nil {
			return fmt.Errorf("project %s to %s: %w", st.WorkflowID, coll, err)
		}
		return nil
	}
}

// ErrNotFound says no document matched.
var ErrNotFound = errors.New("not found")

// Transfer reads one transfer's document by its workflow ID.
func (s *Store) Transfer(ctx context.Context, workflowID string) (*Document, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	for _, name := range TransferCollections {
		var doc Document
		err := s.db.Collection(name).FindOne(ctx, bson.D{{Key: "_id", Value: workflowID}}).Decode(&doc)
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

// BySourceTx finds the transfers of one source tx (a burn tx may hold
// several BurnAndBridge logs). The hash matches in any case, with or
// without 0x.
func (s *Store) BySourceTx(ctx context.Context, hash string) ([]Document, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	var out []Document
	for _, name := range TransferCollections {
		cur, err := s.db.Collection(name).Find(ctx, bson.D{{Key: "source_tx_hash", Value: bson.D{{Key: "$in", Value: hashForms(hash)}}}})
		if err != nil {
			return nil, fmt.Errorf("find source tx %s in %s: %w", hash, name, err)
		}
		var docs []Document
		if err := cur.All(ctx, &docs); err != nil {
			return nil, fmt.Errorf("read source tx %s in %s: %w", hash, name, err)
		}
		for i := range docs {
			docs[i].Collection = name
		}
		out = append(out, docs...)
	}
	return out, nil
}

// List returns up to limit transfers with a status ("" for any), newest
// first, from every transfer collection.
func (s *Store) List(ctx context.Context, status transfer.Status, limit int64) ([]Document, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	filter := bson.D{}
	if status != "" {
		filter = bson.D{{Key: "status", Value: status}}
	}
	var out []Document
	for _, name := range TransferCollections {
		cur, err := s.db.Collection(name).Find(ctx, filter,
			options.Find().SetSort(bson.D{{Key: "updated_at", Value: -1}}).SetLimit(limit))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", name, err)
		}
		var docs []Document
		if err := cur.All(ctx, &docs); err != nil {
			return nil, fmt.Errorf("list %s: %w", name, err)
		}
		for i := range docs {
			docs[i].Collection = name
		}
		out = append(out, docs...)
	}
	return out, nil
}

// Count counts the documents of a collection with a status ("" for any).
func (s *Store) Count(ctx context.Context, collection string, status transfer.Status) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	filter := bson.D{}
	if status != "" {
		filter = bson.D{{Key: "status", Value: status}}
	}
	n, err := s.db.Collection(collection).CountDocuments(ctx, filter)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", collection, err)
	}
	return n, nil
}

// Prior tells a transfer workflow what an earlier run left in the
// projection (see the package comment).
func (s *Store) Prior(ctx context.Context, workflowID string) (transfer.PriorRecord, error) {
	doc, err := s.Transfer(ctx, workflowID)
	if errors.Is(err, ErrNotFound) {
		return transfer.PriorRecord{}, nil
	}
	if err != nil {
		return transfer.PriorRecord{}, err
	}
	return transfer.PriorRecord{Found: true, Status: doc.Status, OrderID: doc.OrderID, Reason: doc.Reason}, nil
}

// Books are the projection's side of the bridge's invariant: what the
// vault keeps by design and what is in flight.
type Books struct {
	// HeldUpokt: deposits and burns at or below the fee (status invalid),
	// which leave nothing to send back.
	HeldUpokt uint64
	// TopUpsUpokt: the treasury's top-ups of the vault (status topped_up),
	// backing for the fees the vault paid or wPOKT minted outside the
	// bridge.
	TopUpsUpokt uint64
	// PendingUpokt: deposits in the vault not yet minted or refunded, minus
	// burns not yet paid out.
	PendingUpokt int64
	// Failed counts transfers that ended failed after funds moved (an order
	// that ended unexecuted): they unbalance the books until settled.
	Failed int
	// FeesUpokt: the network fees the vault paid on top of what its payouts
	// took from their source amounts (a payout pays PayAmount and the fee;
	// where PayAmount is the whole amount, as on Shannon, the fee is the
	// vault's own).
	FeesUpokt uint64
}

// Balances are the bridge's books on both chains and in the projection.
type Balances struct {
	VaultUpokt  uint64
	SupplyUpokt uint64
	// MintedOutsideUpokt is wPOKT known to have been minted outside the
	// bridge (an incident being settled): part of the supply that no
	// transfer explains. The chains and the projection cannot tell it.
	MintedOutsideUpokt uint64
	Books
}

// Check compares the chains with the books: at rest, the POKT in the vault
// equals the wPOKT the bridge minted (the supply less what was minted
// outside it) plus what the vault keeps by design plus what is in flight
// plus the treasury's top-ups, less the fees the vault paid.
func (b Balances) Check() error {
	want := int64(b.SupplyUpokt) - int64(b.MintedOutsideUpokt) + int64(b.HeldUpokt) + b.PendingUpokt + int64(b.TopUpsUpokt) - int64(b.FeesUpokt)
	if int64(b.VaultUpokt) != want {
		return fmt.Errorf("invariant broken: the vault holds %d upokt; wPOKT supply %d - minted outside %d + kept %d + in flight %d + top-ups %d - fees paid %d = %d (%d transfers failed after funds moved)",
			b.VaultUpokt, b.SupplyUpokt, b.MintedOutsideUpokt, b.HeldUpokt, b.PendingUpokt, b.TopUpsUpokt, b.FeesUpokt, want, b.Failed)
	}
	return nil
}

// vaultFee is the part of a payout's network fee that the payout's amount
// did not carry: the vault paid it from its own funds.
func vaultFee(doc Document, fee uint64) uint64 {
	carried := doc.AmountUpokt - doc.PayAmountUpokt
	if carried < 0 || uint64(carried) >= fee {
		return 0
	}
	return fee - uint64(carried)
}

// Books reads every transfer and sums what the invariant needs: at rest,
// POKT in the vault == wPOKT supply + Held + Pending + TopUps - Fees. payoutFeeUpokt
// is the network fee of one payout from the vault (pocket.fee_upokt).
func (s *Store) Books(ctx context.Context, payoutFeeUpokt uint64) (Books, error) {
	docs, err := s.List(ctx, "", 0)
	if err != nil {
		return Books{}, err
	}
	var b Books
	for _, doc := range docs {
		switch {
		case doc.Status == transfer.StatusInvalid:
			b.HeldUpokt += uint64(doc.AmountUpokt)
		case doc.Status == transfer.StatusToppedUp:
			b.TopUpsUpokt += uint64(doc.AmountUpokt)
		case doc.Status == transfer.StatusFailed && doc.OrderID != "":
			b.Failed++
		case doc.Kind == transfer.KindMint && !doc.Status.Final():
			b.PendingUpokt += doc.AmountUpokt
		case doc.Kind == transfer.KindBurn && !doc.Status.Final():
			b.PendingUpokt -= doc.AmountUpokt
		case doc.Status == transfer.StatusRefunded || (doc.Kind == transfer.KindBurn && doc.Status == transfer.StatusExecuted):
			b.FeesUpokt += vaultFee(doc, payoutFeeUpokt)
		}
	}
	return b, nil
}

// takeFromSibling moves a deposit's document out of the other deposit
// collection when its classification changed collections on the way (a
// node's own read said failed, the nodes agreed it is a mint): the
// transfer keeps one document, with its creation time and history.
func (s *Store) takeFromSibling(ctx context.Context, coll, id string, doc *Document) error {
	sibling := map[string]string{Mints: InvalidMints, InvalidMints: Mints}[coll]
	if sibling == "" {
		return nil
	}
	var old struct {
		CreatedAt time.Time      `bson:"created_at"`
		History   []StatusChange `bson:"history"`
	}
	err := s.db.Collection(sibling).FindOneAndDelete(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&old)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("move from %s: %w", sibling, err)
	}
	doc.CreatedAt, doc.History = old.CreatedAt, old.History
	return nil
}
