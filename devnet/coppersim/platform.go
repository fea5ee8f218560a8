package coppersim

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/secret"
)

const maxRequestBytes = 1 << 20

// PlatformHandler serves the Platform API under /platform.
func (s *Sim) PlatformHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /platform/orders", s.withFaults(EndpointCreateOrder, s.createOrder))
	mux.HandleFunc("GET /platform/orders", s.withFaults(EndpointListOrders, s.listOrders))
	mux.HandleFunc("GET /platform/orders/{id}", s.withFaults(EndpointGetOrder, s.getOrder))
	mux.HandleFunc("PATCH /platform/orders/{id}", s.withFaults(EndpointPatchOrder, s.patchOrder))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not-found", "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
		if err != nil || len(body) > maxRequestBytes {
			writeError(w, http.StatusBadRequest, "bad-request", "request body unreadable or too large")
			return
		}
		if code, msg := s.authenticate(r, body); code != "" {
			writeError(w, http.StatusUnauthorized, code, msg)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		mux.ServeHTTP(w, r)
	})
}

// authenticate checks Authorization, X-Timestamp and X-Signature as Copper
// documents them; it returns an error code and message, or "".
func (s *Sim) authenticate(r *http.Request, body []byte) (string, string) {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "ApiKey ")
	if !ok || key == "" {
		return "unauthorized", "missing Authorization: ApiKey header"
	}
	apiSecret, ok := s.secrets[key]
	if !ok {
		return "unauthorized", "unknown api key"
	}
	ts := r.Header.Get("X-Timestamp")
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "unauthorized", "invalid X-Timestamp"
	}
	skew := s.cfg.Now().Sub(time.UnixMilli(ms))
	if skew > s.cfg.MaxClockSkew || skew < -s.cfg.MaxClockSkew {
		return "unauthorized", fmt.Sprintf("X-Timestamp is %s away from server time", skew.Round(time.Millisecond))
	}
	want := copper.RequestSignature(secret.Value(apiSecret), ts, r.Method, r.RequestURI, body)
	if !hmac.Equal([]byte(want), []byte(r.Header.Get("X-Signature"))) {
		return "unauthorized", "invalid signature"
	}
	return "", ""
}

// listOrders answers GET /platform/orders?externalOrderId=&portfolioId=&limit=&offset=.
func (s *Sim) listOrders(r *http.Request) (int, []byte) {
	q := r.URL.Query()
	limit, offset := 1000, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return errorBody(http.StatusBadRequest, "bad-request", "limit must be 1..1000")
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errorBody(http.StatusBadRequest, "bad-request", "offset must be >= 0")
		}
		offset = n
	}
	ext, portfolio := q.Get("externalOrderId"), q.Get("portfolioId")
	s.mu.Lock()
	list := []copper.Order{}
	skipped := 0
	ids := s.seq
	if ext != "" {
		ids = s.seqOfExt[ext]
	}
	for _, id := range ids {
		o := s.orders[id]
		if (ext != "" && o.ExternalOrderID != ext) || (portfolio != "" && o.PortfolioID != portfolio) {
			continue
		}
		if skipped < offset {
			skipped++
			continue
		}
		if len(list) == limit {
			break
		}
		list = append(list, s.served(o))
	}
	s.mu.Unlock()
	return marshalBody(http.StatusOK, map[string][]copper.Order{"orders": list})
}

// getOrder answers GET /platform/orders/{id}.
func (s *Sim) getOrder(r *http.Request) (int, []byte) {
	id := r.PathValue("id")
	s.mu.Lock()
	o, ok := s.orders[id]
	var served copper.Order
	if ok {
		served = s.served(o)
	}
	s.mu.Unlock()
	if ok {
		return marshalBody(http.StatusOK, served)
	}
	return errorBody(http.StatusNotFound, "not-found", fmt.Sprintf("order %s not found", id))
}

// createOrder answers POST /platform/orders: a new order, or a conflict
// when its externalOrderId is taken.
func (s *Sim) createOrder(r *http.Request) (int, []byte) {
	var req copper.CreateOrderBody
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return errorBody(http.StatusBadRequest, "bad-request", "invalid order: "+err.Error())
	}
	if msg := s.validateCreate(&req); msg != "" {
		return errorBody(http.StatusBadRequest, "bad-request", msg)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := req.PortfolioID + "\x00" + req.ExternalOrderID
	if id, ok := s.byExt[key]; ok && !s.dupOK {
		return errorBody(http.StatusConflict, "conflict",
			fmt.Sprintf("order with externalOrderId %q already exists (%s)", req.ExternalOrderID, id))
	}
	now := s.cfg.Now().UTC()
	o := &simOrder{Order: copper.Order{
		OrderID:         newUUID(),
		ExternalOrderID: req.ExternalOrderID,
		PortfolioID:     req.PortfolioID,
		OrderType:       req.OrderType,
		BaseCurrency:    req.BaseCurrency,
		MainCurrency:    req.MainCurrency,
		Status:          copper.StatusWorking,
		Amount:          req.Amount,
		CreatedAt:       now,
		UpdatedAt:       now,
		Extra: copper.OrderExtra{
			ToAddress:                 req.ToAddress,
			Payload:                   req.Payload,
			Memo:                      req.Memo,
			Description:               req.Description,
			BlockchainTransactionType: req.BlockchainTransactionType,
			FeeLevel:                  req.FeeLevel,
			IncludeFeeInWithdraw:      req.IncludeFeeInWithdraw,
		},
	}}
	if o.Extra.BlockchainTransactionType == "" {
		o.Extra.BlockchainTransactionType = copper.TxTypeSend
	}
	s.orders[o.OrderID] = o
	if _, ok := s.byExt[key]; !ok {
		s.byExt[key] = o.OrderID
	}
	s.seq = append(s.seq, o.OrderID)
	s.seqOfExt[o.ExternalOrderID] = append(s.seqOfExt[o.ExternalOrderID], o.OrderID)
	s.touch(o)
	s.log.Info("order created", "order_id", o.OrderID, "external_order_id", o.ExternalOrderID)
	return marshalBody(http.StatusOK, o.snapshot())
}

// validateCreate enforces what the bridge's orders must look like.
func (s *Sim) validateCreate(req *copper.CreateOrderBody) string {
	switch {
	case strings.TrimSpace(req.ExternalOrderID) == "" || len(req.ExternalOrderID) > 256:
		return "externalOrderId is required (at most 256 characters)"
	case req.PortfolioID != s.cfg.PortfolioID:
		return fmt.Sprintf("unknown portfolio %q", req.PortfolioID)
	case req.OrderType != copper.OrderTypeWithdraw:
		return fmt.Sprintf("unsupported orderType %q (the simulator models withdraw)", req.OrderType)
	}
	switch req.BlockchainTransactionType {
	case copper.TxTypeSmartCall:
		switch {
		case !strings.EqualFold(req.BaseCurrency, s.cfg.EthCurrency):
			return fmt.Sprintf("smart-call baseCurrency must be %s", s.cfg.EthCurrency)
		case !req.Amount.IsZero():
			return "a smart-call's amount is the native coin sent with the call; the simulator requires 0"
		case !isHexAddress(req.ToAddress, true):
			return "smart-call toAddress must be a 0x Ethereum address"
		case !isHexData(req.Payload):
			return "smart-call payload must be 0x-prefixed hex call data"
		}
	case "", copper.TxTypeSend:
		switch {
		case !strings.EqualFold(req.BaseCurrency, s.cfg.PoktCurrency):
			return fmt.Sprintf("withdraw baseCurrency must be %s", s.cfg.PoktCurrency)
		case req.Amount.IsZero():
			return "amount must be positive"
		case !isPocketAddress(req.ToAddress):
			return "toAddress must be a Pocket address (bech32 pokt1… on Shannon, 40 hex characters on Morse)"
		case req.Payload != "":
			return "payload is only for smart-call orders"
		}
		if _, err := req.Amount.BaseUnits(copper.PoktDecimals); err != nil {
			return "amount: " + err.Error()
		}
	default:
		return fmt.Sprintf("unsupported blockchainTransactionType %q", req.BlockchainTransactionType)
	}
	return ""
}

// patchOrder answers PATCH /platform/orders/{id}: start signing, cancel.
func (s *Sim) patchOrder(r *http.Request) (int, []byte) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	if !ok {
		return errorBody(http.StatusNotFound, "not-found", fmt.Sprintf("order %s not found", id))
	}
	switch mt {
	case copper.ContentTypeStartSigning:
		switch o.Status {
		case copper.StatusWorking:
			o.Status = copper.StatusPartSignedTxAdded
			o.Extra.PartSigned = true
			o.Extra.TransactionRequest = s.transactionRequest(&o.Order)
			s.touch(o)
		case copper.StatusPartSignedTxAdded, copper.StatusFullSignedTxAdded, copper.StatusProcessing, copper.StatusExecuted:
			// already started: idempotent
		default:
			return errorBody(http.StatusConflict, "invalid-order-status", fmt.Sprintf("cannot start signing an order that is %s", o.Status))
		}
	case copper.ContentTypeCancelOrder:
		switch o.Status {
		case copper.StatusWorking, copper.StatusPartSignedTxAdded:
			o.Status = copper.StatusCanceled
			s.touch(o)
		case copper.StatusCanceled:
		default:
			return errorBody(http.StatusConflict, "invalid-order-status", fmt.Sprintf("cannot cancel an order that is %s", o.Status))
		}
	default:
		return errorBody(http.StatusUnsupportedMediaType, "unsupported-media-type", fmt.Sprintf("unsupported Content-Type %q", mt))
	}
	return marshalBody(http.StatusOK, o.snapshot())
}

// TransactionRequest is the simulator's extra.transactionRequest: what each
// co-signer signs. Digest binds the order ID to the order's amount,
// recipient, payload and memo.
// TransactionRequest is the co-signers' sign request (copper.SignRequest).
type TransactionRequest = copper.SignRequest

func (s *Sim) transactionRequest(o *copper.Order) json.RawMessage {
	tr := TransactionRequest{
		Version: "1", OrderID: o.OrderID, PortfolioID: o.PortfolioID,
		BlockchainTransactionType: o.Extra.BlockchainTransactionType, Currency: o.BaseCurrency,
		Amount: o.Amount.String(), ToAddress: o.Extra.ToAddress, Payload: o.Extra.Payload,
		Memo: o.Extra.Memo, Digest: OrderDigest(o),
	}
	data, _ := json.Marshal(tr)
	return data
}

// OrderDigest is the hex SHA-256 over the order's ID and the fields that say
// what it pays (each length-prefixed, so that no two orders collide).
func OrderDigest(o *copper.Order) string {
	h := sha256.New()
	for _, f := range []string{
		"coppersim-tx-v1", o.OrderID, o.PortfolioID, o.OrderType, o.Extra.BlockchainTransactionType,
		strings.ToUpper(o.BaseCurrency), o.Amount.String(), strings.ToLower(o.Extra.ToAddress),
		strings.ToLower(o.Extra.Payload), o.Extra.Memo, strconv.FormatBool(o.Extra.IncludeFeeInWithdraw),
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func marshalBody(status int, v any) (int, []byte) {
	data, err := json.Marshal(v)
	if err != nil {
		return errorBody(http.StatusInternalServerError, "internal-server-error", err.Error())
	}
	return status, data
}

func errorBody(status int, code, message string) (int, []byte) {
	data, _ := json.Marshal(map[string]string{"error": code, "message": message})
	return status, data
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", copper.ContentTypeJSON)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func isHexAddress(a string, with0x bool) bool {
	if with0x {
		var ok bool
		if a, ok = strings.CutPrefix(a, "0x"); !ok {
			return false
		}
	}
	if len(a) != 40 {
		return false
	}
	_, err := hex.DecodeString(a)
	return err == nil
}

// isPocketAddress accepts either protocol's form (the simulator serves a
// devnet of either), as the bridge's own parser reads it, but not an
// Ethereum-style 0x prefix, which no Pocket wallet prints.
func isPocketAddress(a string) bool {
	_, err := pokt.ParseAddress(a)
	return err == nil && !strings.HasPrefix(strings.ToLower(a), "0x")
}

func isHexData(p string) bool {
	h, ok := strings.CutPrefix(p, "0x")
	if !ok || h == "" {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}
