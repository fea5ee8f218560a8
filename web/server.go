// Package web is the bridge's status page for its users: any transfer by
// tx hash, transfer ID or address, its timeline, and the validators'
// health, as HTML pages and as a JSON API under /api/v1. It reads the
// MongoDB projection through Projection (read-only) and nothing else.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/wpokt/bridge/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server serves the pages and the API.
type Server struct {
	proj  Projection
	cfg   Config
	pages *pages
	mux   *http.ServeMux
}

// New builds the server; it validates the config and parses the templates.
func New(proj Projection, cfg Config) (*Server, error) {
	cfg.defaults()
	if err := cfg.Explorers.Validate(); err != nil {
		return nil, err
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{proj: proj, cfg: cfg, pages: p, mux: http.NewServeMux()}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static") // the directory is embedded above
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", s.homePage)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /tx/{hash}", s.txPage)
	s.mux.HandleFunc("GET /t/{id}", s.transferPage)
	s.mux.HandleFunc("GET /address/{addr}", s.addressPage)
	s.mux.HandleFunc("GET /nodes", s.nodesPage)
	s.mux.HandleFunc("GET /api/v1/tx/{hash}", s.apiTx)
	s.mux.HandleFunc("GET /api/v1/transfers/{id}", s.apiTransfer)
	s.mux.HandleFunc("GET /api/v1/address/{addr}", s.apiAddress)
	s.mux.HandleFunc("GET /api/v1/nodes", s.apiNodes)
	s.mux.HandleFunc("GET /api/v1/bridge", s.apiBridge)
	s.mux.HandleFunc("GET /", s.notFound)
}

// ServeHTTP answers GET and HEAD only, with headers that keep the page to
// its own origin (no third-party script, style, font or frame).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		s.fail(w, r, http.StatusMethodNotAllowed, "only GET and HEAD are served")
		return
	}
	s.mux.ServeHTTP(w, r)
}

func cacheFor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		next.ServeHTTP(w, r)
	})
}

// status maps an error to the answer a user gets: their bad input is a 400
// with its message, a miss a 404, anything else (the database) a 503 whose
// details go to the log only.
func (s *Server) status(r *http.Request, err error) (int, string) {
	switch {
	case isBadInput(err):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "no such transfer in the bridge's records"
	case errors.Is(err, context.Canceled):
		return 499, "request canceled"
	}
	s.cfg.Logger.Error("status page: read the projection", "path", r.URL.Path, "error", err)
	return http.StatusServiceUnavailable, "the bridge's records cannot be read right now; try again shortly"
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, fmt.Sprintf("no page at %s", clip(r.URL.Path)))
}

// fail answers an error in the form the route speaks: JSON under /api/,
// an HTML page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if isAPI(r) {
		writeJSON(w, r, code, map[string]string{"error": msg})
		return
	}
	s.render(w, r, code, "error", errorData{Title: http.StatusText(code), Message: msg})
}
