package store

import (
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/wpokt/bridge/transfer"
)

// withStatusChange is the history a write of st leaves: the stored one,
// plus st's status at st's workflow time when the status changes. A write
// of the status already last in the history (a later revision of the same
// status, or a retry) adds nothing, so that the history holds each move
// once whatever the number of writers.
func withStatusChange(history []StatusChange, st transfer.State) []StatusChange {
	if n := len(history); n > 0 && history[n-1].Status == st.Status {
		return history
	}
	out := make([]StatusChange, len(history), len(history)+1)
	copy(out, history)
	return append(out, StatusChange{Status: st.Status, At: st.UpdatedAt.UTC()})
}

// addressIndexes let the status page list an address's recent transfers,
// as sender or as recipient, newest first, from an index.
func addressIndexes() []mongo.IndexModel {
	return []mongo.IndexModel{
		{Keys: bson.D{{Key: "sender", Value: 1}, {Key: "updated_at", Value: -1}}, Options: options.Index().SetName("sender_updated")},
		{Keys: bson.D{{Key: "recipient", Value: 1}, {Key: "updated_at", Value: -1}}, Options: options.Index().SetName("recipient_updated")},
	}
}
