package coppersim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/wpokt/bridge/copper"
)

// Endpoint is a class of calls that faults can target.
type Endpoint string

// Endpoint classes.
const (
	EndpointCreateOrder     Endpoint = "create-order"     // POST /platform/orders
	EndpointGetOrder        Endpoint = "get-order"        // GET /platform/orders/{id}
	EndpointListOrders      Endpoint = "list-orders"      // GET /platform/orders?...
	EndpointPatchOrder      Endpoint = "patch-order"      // PATCH /platform/orders/{id} (start signing, cancel)
	EndpointUnlimitedSign   Endpoint = "unlimited-sign"   // POST /sign-async (any node)
	EndpointUnlimitedStatus Endpoint = "unlimited-status" // GET /sign-async/{id} (any node)
)

// Fault is what the simulator does instead of answering normally.
type Fault struct {
	// Status answers this HTTP status with a Copper error body (e.g. 500, 503, 429).
	Status int
	// Body answers this raw body (with Status, or 200), e.g. malformed JSON.
	Body string
	// Hang never answers: the request waits until the client gives up (a timeout).
	Hang bool
	// Drop closes the connection without an answer.
	Drop bool
	// Truncate sends the real answer's headers and half of its body, then closes.
	Truncate bool
	// AfterEffect applies the call first (creates the order, starts signing...)
	// and then fails the answer: a lost answer.
	AfterEffect bool
}

type faultBatch struct {
	fault Fault
	left  int
}

// Inject makes the next n calls of an endpoint class fail with f.
// Batches queue up in the order they were injected.
func (s *Sim) Inject(ep Endpoint, n int, f Fault) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[ep] = append(s.faults[ep], faultBatch{fault: f, left: n})
}

// FailNext answers the next n calls of ep with an HTTP error status (5xx, 429...).
func (s *Sim) FailNext(ep Endpoint, n, status int) { s.Inject(ep, n, Fault{Status: status}) }

// TimeoutNext makes the next n calls of ep hang until the client gives up.
func (s *Sim) TimeoutNext(ep Endpoint, n int) { s.Inject(ep, n, Fault{Hang: true}) }

// LoseNextCreateAnswer creates the next n orders but closes the connection
// instead of answering.
func (s *Sim) LoseNextCreateAnswer(n int) {
	s.Inject(EndpointCreateOrder, n, Fault{Drop: true, AfterEffect: true})
}

// ClearFaults removes all pending faults.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[Endpoint][]faultBatch{}
}

// SetSigningDelay sets how long later co-signer jobs stay in-progress.
func (s *Sim) SetSigningDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.signDly = d
}

// SetExecutionDelay sets the pause between full signature and execution.
func (s *Sim) SetExecutionDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.execDly = d
}

// FailOrder makes the order with this externalOrderId (existing or future)
// end with status (error, rejected, declined, canceled, blocked, suspended)
// and message when it would otherwise execute: nothing is sent on chain.
func (s *Sim) FailOrder(externalID string, status copper.Status, message string) error {
	if !status.Failed() {
		return fmt.Errorf("coppersim: %q is not a failed terminal status", status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outcomes[externalID] = outcome{status: status, message: message}
	return nil
}

// ForceStatus sets an order's status now (and its error message), as Copper
// staff or compliance might. It does not execute anything.
func (s *Sim) ForceStatus(orderID string, status copper.Status, message string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderID]
	if !ok {
		return fmt.Errorf("coppersim: order %s not found", orderID)
	}
	o.Status = status
	o.Extra.ErrorMessage = message
	s.touch(o)
	return nil
}

// takeFault counts a call and consumes the next fault of its class, if any.
func (s *Sim) takeFault(ep Endpoint) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[ep]++
	q := s.faults[ep]
	if len(q) == 0 {
		return Fault{}, false
	}
	f := q[0].fault
	q[0].left--
	if q[0].left == 0 {
		q = q[1:]
	}
	s.faults[ep] = q
	return f, true
}

// withFaults serves an endpoint class through its injected faults: a fault
// without AfterEffect or Truncate answers instead of the endpoint (nothing
// happens); one with either lets answer act first and then spoils its
// answer (a lost or cut answer to an applied request).
func (s *Sim) withFaults(ep Endpoint, answer func(*http.Request) (int, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, faulty := s.takeFault(ep)
		if faulty && !f.AfterEffect && !f.Truncate {
			s.applyFault(w, r, f, nil)
			return
		}
		status, body := answer(r)
		if faulty {
			s.applyFault(w, r, f, body)
			return
		}
		writeRaw(w, status, body)
	}
}

// applyFault answers r as f says. answer is the real answer (used by Truncate).
func (s *Sim) applyFault(w http.ResponseWriter, r *http.Request, f Fault, answer []byte) {
	switch {
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-s.ctx.Done():
		}
		panic(http.ErrAbortHandler) // close the connection without an answer
	case f.Drop:
		panic(http.ErrAbortHandler)
	case f.Truncate:
		if len(answer) == 0 {
			answer = []byte(`{"error":"truncated"}`)
		}
		w.Header().Set("Content-Type", copper.ContentTypeJSON)
		w.Header().Set("Content-Length", strconv.Itoa(len(answer)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(answer[:len(answer)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		panic(http.ErrAbortHandler)
	case f.Body != "":
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", copper.ContentTypeJSON)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body))
	default:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		code := "internal-server-error"
		switch {
		case status == http.StatusTooManyRequests:
			code = "too-many-requests"
		case status == http.StatusServiceUnavailable:
			code = "service-unavailable"
		case status < 500:
			code = "injected-fault"
		}
		writeError(w, status, code, "injected fault")
	}
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	data, _ := json.Marshal(map[string]string{"error": code, "message": message})
	w.Header().Set("Content-Type", copper.ContentTypeJSON)
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
