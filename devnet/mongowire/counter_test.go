package mongowire

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The counter sees each command a driver sends through it, by name, as a
// command monitor in the driver would, and the answers come back intact.
func TestCounterCountsCommandsByName(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := Start(ctx, Options{Dir: t.TempDir()})
	require.NoError(t, err)
	defer srv.Stop()
	counter, err := StartCounter(srv.URI())
	require.NoError(t, err)
	defer counter.Close()

	client, err := mongo.Connect(options.Client().ApplyURI(counter.URI()))
	require.NoError(t, err)
	defer func() { _ = client.Disconnect(context.Background()) }()
	coll := client.Database("probe").Collection("transfers")
	_, err = coll.InsertOne(ctx, bson.D{{Key: "_id", Value: "mint-1"}, {Key: "n", Value: 1}})
	require.NoError(t, err)
	_, err = coll.InsertMany(ctx, []any{bson.D{{Key: "_id", Value: "mint-2"}}, bson.D{{Key: "_id", Value: "mint-3"}}})
	require.NoError(t, err)
	_, err = coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: "mint-1"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "n", Value: 2}}}})
	require.NoError(t, err)
	var doc struct {
		N int `bson:"n"`
	}
	require.NoError(t, coll.FindOne(ctx, bson.D{{Key: "_id", Value: "mint-1"}}).Decode(&doc))
	require.Equal(t, 2, doc.N)

	require.EqualValues(t, 2, counter.Count("insert"), "one insert command each for InsertOne and InsertMany")
	require.EqualValues(t, 1, counter.Count("update"))
	require.EqualValues(t, 1, counter.Count("find"))
	require.EqualValues(t, 3, counter.Count("insert", "update"))
}
