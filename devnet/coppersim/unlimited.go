package coppersim

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"github.com/wpokt/bridge/copper"
)

// node is one validator's co-signer with its shard.
type node struct {
	sim  *Sim
	cfg  NodeConfig
	jobs map[string]*job // by transactionRequestId; guarded by sim.mu
}

type job struct {
	status  string
	message string
	reqHash [32]byte
	resp    copper.SignAsyncResponse
}

// UnlimitedHandler serves the Copper Unlimited co-signer of one node
// (POST /sign-async, GET /sign-async/{id}). An unknown node is an error.
func (s *Sim) UnlimitedHandler(nodeID string) (http.Handler, error) {
	n, ok := s.nodes[nodeID]
	if !ok {
		return nil, fmt.Errorf("coppersim: node %s holds no shard of the vault", nodeID)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sign-async", s.withFaults(EndpointUnlimitedSign, n.startJob))
	mux.HandleFunc("GET /sign-async/{id}", s.withFaults(EndpointUnlimitedStatus, n.jobStatus))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not-found", "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
	return mux, nil
}

// startJob answers POST /sign-async: it starts (or, for the same request
// again, recalls) a signing job.
func (n *node) startJob(r *http.Request) (int, []byte) {
	s := n.sim
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	if err != nil || len(body) > maxRequestBytes {
		return errorBody(http.StatusBadRequest, "bad-request", "request body unreadable or too large")
	}
	var req copper.SignAsyncRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return errorBody(http.StatusBadRequest, "bad-request", "invalid sign request: "+err.Error())
	}
	switch {
	case req.Type != "request":
		return errorBody(http.StatusBadRequest, "bad-request", `type must be "request"`)
	case req.TransactionRequestID == "" || len(req.TransactionRequestID) > 128:
		return errorBody(http.StatusBadRequest, "bad-request", "transactionRequestId is required")
	case len(bytes.TrimSpace(req.SignRequest)) == 0 || bytes.TrimSpace(req.SignRequest)[0] != '{':
		return errorBody(http.StatusBadRequest, "bad-request", "signRequest must be the order's transactionRequest object")
	}
	hash := sha256.Sum256(body)

	s.mu.Lock()
	if j, ok := n.jobs[req.TransactionRequestID]; ok {
		defer s.mu.Unlock()
		if j.reqHash != hash {
			return errorBody(http.StatusConflict, "conflict", "transactionRequestId already used for another request")
		}
		return marshalBody(http.StatusOK, j.resp) // the same request again: idempotent
	}
	j := &job{status: copper.SignStatusStarting, reqHash: hash, resp: copper.SignAsyncResponse{
		TransactionRequestID: req.TransactionRequestID,
		SessionKey:           randomHex(16),
		SessionTimestamp:     strconv.FormatInt(s.cfg.Now().UnixMilli(), 10),
	}}
	n.jobs[req.TransactionRequestID] = j
	delay := s.signDly
	s.mu.Unlock()

	s.spawn(func() { n.runJob(j, req, delay) })
	return marshalBody(http.StatusOK, j.resp)
}

// jobStatus answers GET /sign-async/{id}.
func (n *node) jobStatus(r *http.Request) (int, []byte) {
	s := n.sim
	id := r.PathValue("id")
	s.mu.Lock()
	j, ok := n.jobs[id]
	var st copper.SignAsyncStatus
	if ok {
		st = copper.SignAsyncStatus{Status: j.status, Message: j.message}
	}
	s.mu.Unlock()
	if !ok {
		return errorBody(http.StatusNotFound, "not-found", "unknown transactionRequestId")
	}
	return marshalBody(http.StatusOK, st)
}

func (n *node) setJob(j *job, status, message string) {
	n.sim.mu.Lock()
	defer n.sim.mu.Unlock()
	j.status, j.message = status, message
}

// runJob opens the shard, waits the signing delay, checks the request
// against the order and counts this shard's partial signature.
func (n *node) runJob(j *job, req copper.SignAsyncRequest, delay time.Duration) {
	s := n.sim
	fail := func(msg string) {
		s.log.Info("co-signer refused", "node", n.cfg.ID, "reason", msg)
		n.setJob(j, copper.SignStatusError, msg)
	}
	if msg := n.checkCredentials(req); msg != "" {
		fail(msg)
		return
	}
	n.setJob(j, copper.SignStatusSessionEstablished, "")
	n.setJob(j, copper.SignStatusInProgress, "")
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-s.ctx.Done():
			t.Stop()
			fail("co-signer stopped")
			return
		case <-t.C:
		}
	}
	var tr TransactionRequest
	if err := json.Unmarshal(req.SignRequest, &tr); err != nil || tr.OrderID == "" {
		fail("signRequest is not a transaction request")
		return
	}
	if msg := s.addSignature(tr, n.cfg.ID); msg != "" {
		fail(msg)
		return
	}
	n.setJob(j, copper.SignStatusCompleted, "")
}

func (n *node) checkCredentials(req copper.SignAsyncRequest) string {
	s := n.sim
	eq := func(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
	switch {
	case req.APIKey != n.cfg.API.Key || !eq(req.APISecret, n.cfg.API.Secret):
		return "invalid api key or secret for this co-signer"
	case !eq(req.MasterPassword, s.cfg.MasterPassword):
		return "invalid master password"
	case req.KeyFilename != n.cfg.KeyFilename:
		return fmt.Sprintf("key file %q not found", req.KeyFilename)
	case !eq(req.KeyPassword, n.cfg.KeyPassword):
		return fmt.Sprintf("cannot decrypt key file %q: wrong password", req.KeyFilename)
	}
	if s.cfg.KeyDir != "" {
		path := filepath.Join(s.cfg.KeyDir, n.cfg.KeyFilename)
		if err := verifyKeyFile(path, req.KeyPassword, n.cfg.ID, s.cfg.PortfolioID); err != nil {
			return err.Error()
		}
	}
	return ""
}

// addSignature counts node's shard on the order tr names; at the threshold
// the order is fully signed and its execution starts (once).
func (s *Sim) addSignature(tr TransactionRequest, nodeID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[tr.OrderID]
	if !ok {
		return fmt.Sprintf("unknown order %s", tr.OrderID)
	}
	// The transaction Copper serves is the one it asks the shards to sign.
	if served := s.served(o); tr.Digest != OrderDigest(&served) {
		return "transaction request does not match the order"
	}
	switch o.Status {
	case copper.StatusPartSignedTxAdded, copper.StatusFullSignedTxAdded, copper.StatusProcessing, copper.StatusExecuted:
	default:
		return fmt.Sprintf("order %s is %s: not awaiting signatures", o.OrderID, o.Status)
	}
	for _, id := range o.signers {
		if id == nodeID {
			return "" // the same shard again: counted once
		}
	}
	o.signers = append(o.signers, nodeID)
	s.log.Info("partial signature", "order_id", o.OrderID, "node", nodeID, "signatures", len(o.signers))
	if len(o.signers) >= s.cfg.Threshold && !o.executing {
		o.executing = true
		o.Status = copper.StatusFullSignedTxAdded
		o.Extra.Signed = true
		id, delay := o.OrderID, s.execDly
		s.spawn(func() { s.execute(id, delay) })
	}
	s.touch(o)
	return ""
}
