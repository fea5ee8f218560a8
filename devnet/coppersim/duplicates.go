package coppersim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/secret"
)

// AllowDuplicateExternalIDs makes the simulator accept an order whose
// externalOrderId another order already has, as a Copper that does not
// enforce the uniqueness the bridge relies on would. The signers' own
// ledgers must hold without it.
func (s *Sim) AllowDuplicateExternalIDs(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dupOK = on
}

// PostOrder creates an order with a plain signed POST under cred, without
// the bridge client's look-up first: what a node holding its own Copper
// API key can do on its own.
func PostOrder(ctx context.Context, platformURL string, cred APICredential, body copper.CreateOrderBody) (*copper.Order, error) {
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, platformURL+"/platform/orders", bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	ts := strconv.FormatInt(time.Now().UnixMilli(), 10)
	req.Header.Set("Authorization", "ApiKey "+cred.Key)
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", copper.RequestSignature(secret.Value(cred.Secret), ts, http.MethodPost, req.URL.RequestURI(), data))
	req.Header.Set("Content-Type", copper.ContentTypeJSON)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("post order: %w", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("post order: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("post order: http %d: %s", resp.StatusCode, answer)
	}
	return copper.DecodeOrder(answer)
}
