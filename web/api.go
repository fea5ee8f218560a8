package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/wpokt/bridge/store"
)

// addressLimit is how many recent transfers an address shows (and the
// most ?limit= may ask for).
const (
	addressLimit    = 25
	maxAddressLimit = 100
)

// TxView answers a search by tx hash: the transfers whose source it is
// (none: not seen yet; several: the burn logs of one tx).
type TxView struct {
	TxHash    string         `json:"tx_hash"`
	Seen      bool           `json:"seen"`
	Transfers []TransferView `json:"transfers"`
	// Links are the explorer pages of the hash on the chain it looks like
	// it belongs to (both when it could be either).
	Links []string `json:"links"`
}

// AddressView lists an address's recent transfers, newest first.
type AddressView struct {
	Address   string         `json:"address"`
	Chain     string         `json:"chain,omitempty"`
	Transfers []TransferView `json:"transfers"`
	Link      string         `json:"link,omitempty"`
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func writeJSON(w http.ResponseWriter, r *http.Request, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client may have gone; nothing to do about it
}

// settings reads the bridge document: the settings to measure against, and
// the bridge's state for the page's banner.
func (s *Server) settings(ctx context.Context) (BridgeView, store.BridgeSettings, error) {
	b, err := s.proj.Bridge(ctx)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return BridgeView{}, store.BridgeSettings{}, err
	}
	set := settingsOf(b, s.cfg.Fallback)
	return newBridgeView(b, set), set, nil
}

func (s *Server) transferView(ctx context.Context, rawID string) (TransferView, BridgeView, error) {
	id, err := parseTransferID(rawID)
	if err != nil {
		return TransferView{}, BridgeView{}, err
	}
	b, set, err := s.settings(ctx)
	if err != nil {
		return TransferView{}, b, err
	}
	doc, err := s.proj.Transfer(ctx, id)
	if err != nil {
		return TransferView{}, b, err
	}
	return newTransferView(*doc, set, s.cfg.Explorers, s.cfg.Now()), b, nil
}

func (s *Server) txView(ctx context.Context, rawHash string) (TxView, BridgeView, error) {
	h, err := parseTxHash(rawHash)
	if err != nil {
		return TxView{}, BridgeView{}, err
	}
	b, set, err := s.settings(ctx)
	if err != nil {
		return TxView{}, b, err
	}
	docs, err := s.proj.BySourceTx(ctx, h.Bare)
	if err != nil {
		return TxView{}, b, err
	}
	v := TxView{TxHash: q0x(h), Seen: len(docs) > 0, Transfers: s.views(docs, set), Links: []string{}}
	chains := []string{chainPocket, chainEthereum}
	if h.Ethereum {
		chains = []string{chainEthereum}
	}
	for _, c := range chains {
		hash := strings.ToUpper(h.Bare)
		if c == chainEthereum {
			hash = "0x" + h.Bare
		}
		if l := s.cfg.Explorers.txLink(c, hash); l != "" {
			v.Links = append(v.Links, l)
		}
	}
	return v, b, nil
}

func (s *Server) addressView(r *http.Request) (AddressView, BridgeView, error) {
	a, err := parseAddress(r.PathValue("addr"))
	if err != nil {
		return AddressView{}, BridgeView{}, err
	}
	limit, err := parseLimit(r.URL.Query().Get("limit"), addressLimit, maxAddressLimit)
	if err != nil {
		return AddressView{}, BridgeView{}, err
	}
	b, set, err := s.settings(r.Context())
	if err != nil {
		return AddressView{}, b, err
	}
	docs, err := s.proj.ByAddress(r.Context(), a.Spellings, limit)
	if err != nil {
		return AddressView{}, b, err
	}
	return AddressView{Address: a.Input, Chain: a.Chain, Transfers: s.views(docs, set),
		Link: s.cfg.Explorers.addressLink(a.Chain, a.Input)}, b, nil
}

func (s *Server) nodesView(ctx context.Context) (NodesView, BridgeView, error) {
	b, set, err := s.settings(ctx)
	if err != nil {
		return NodesView{}, b, err
	}
	hs, err := s.proj.Healths(ctx, set.NodeIDs)
	if err != nil {
		return NodesView{}, b, err
	}
	return newNodesView(hs, set, s.cfg.HeartbeatStaleAfter, s.cfg.Now()), b, nil
}

func (s *Server) views(docs []store.Document, set store.BridgeSettings) []TransferView {
	out := make([]TransferView, 0, len(docs))
	for _, d := range docs {
		out = append(out, newTransferView(d, set, s.cfg.Explorers, s.cfg.Now()))
	}
	return out
}

func (s *Server) apiTransfer(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.transferView(r.Context(), r.PathValue("id"))
	s.answer(w, r, v, err)
}

func (s *Server) apiTx(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.txView(r.Context(), r.PathValue("hash"))
	s.answer(w, r, v, err)
}

func (s *Server) apiAddress(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.addressView(r)
	s.answer(w, r, v, err)
}

func (s *Server) apiNodes(w http.ResponseWriter, r *http.Request) {
	v, _, err := s.nodesView(r.Context())
	s.answer(w, r, v, err)
}

func (s *Server) apiBridge(w http.ResponseWriter, r *http.Request) {
	b, _, err := s.settings(r.Context())
	s.answer(w, r, b, err)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		code, msg := s.status(r, err)
		s.fail(w, r, code, msg)
		return
	}
	writeJSON(w, r, http.StatusOK, v)
}
