package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"time"
)

// pages are the HTML templates, one set per page, each with the layout.
type pages struct{ sets map[string]*template.Template }

var pageNames = []string{"home", "transfer", "txlist", "notseen", "address", "nodes", "error"}

func parsePages() (*pages, error) {
	funcs := template.FuncMap{"when": when, "ago": ago, "eta": eta, "short": short}
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/transfer-parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// pageData is what the layout needs, with the page's own Body.
type pageData struct {
	Title  string
	Bridge BridgeView
	// Watch is the API URL the page's script polls for news, "" for none;
	// WatchKind says what it answers ("transfer" or "tx").
	Watch, WatchKind string
	RefreshMs        int64
	// RefreshSeconds reloads the page without JavaScript (0: never).
	RefreshSeconds int64
	Body           any
}

type errorData struct{ Title, Message string }

type homeData struct{ Nodes NodesView }

// render answers a page without the layout's extras (an error page).
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, body any) {
	s.renderPage(w, r, code, name, pageData{Body: body})
}

// renderPage executes a page into a buffer first, so that a template error
// becomes a clean 503 rather than half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, code int, name string, d pageData) {
	if d.Title == "" {
		d.Title = "wPOKT bridge status"
	}
	d.RefreshMs = s.cfg.Refresh.Milliseconds()
	var buf bytes.Buffer
	if err := s.pages.sets[name].Execute(&buf, d); err != nil {
		s.cfg.Logger.Error("status page: render", "page", name, "error", err)
		http.Error(w, "the page could not be rendered", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// page answers a page or its error.
func (s *Server) page(w http.ResponseWriter, r *http.Request, name string, d pageData, b BridgeView, err error) {
	if err != nil {
		code, msg := s.status(r, err)
		s.fail(w, r, code, msg)
		return
	}
	d.Bridge = b
	s.renderPage(w, r, http.StatusOK, name, d)
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.nodesView(r.Context())
	s.page(w, r, "home", pageData{Body: homeData{Nodes: v}}, b, err)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	target, err := parseSearch(r.URL.Query().Get("q"))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Server) transferPage(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.transferView(r.Context(), r.PathValue("id"))
	s.page(w, r, "transfer", transferPageData(v), b, err)
}

func transferPageData(v TransferView) pageData {
	d := pageData{Title: "Transfer " + v.ID, Body: v}
	if !v.Final {
		d.Watch, d.WatchKind, d.RefreshSeconds = "/api/v1/transfers/"+url.PathEscape(v.ID), "transfer", 15
	}
	return d
}

func (s *Server) txPage(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.txView(r.Context(), r.PathValue("hash"))
	switch {
	case err != nil:
		s.page(w, r, "", pageData{}, b, err)
	case len(v.Transfers) == 1:
		s.page(w, r, "transfer", transferPageData(v.Transfers[0]), b, nil)
	case len(v.Transfers) > 1:
		s.page(w, r, "txlist", pageData{Title: "Transaction " + v.TxHash, Body: v, RefreshSeconds: 15}, b, nil)
	default:
		s.page(w, r, "notseen", pageData{Title: "Not seen yet", Body: v, RefreshSeconds: 15,
			Watch: "/api/v1/tx/" + url.PathEscape(v.TxHash), WatchKind: "tx"}, b, nil)
	}
}

func (s *Server) addressPage(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.addressView(r)
	s.page(w, r, "address", pageData{Title: "Address " + v.Address, Body: v}, b, err)
}

func (s *Server) nodesPage(w http.ResponseWriter, r *http.Request) {
	v, b, err := s.nodesView(r.Context())
	s.page(w, r, "nodes", pageData{Title: "Validator nodes", Body: v, RefreshSeconds: 30}, b, err)
}

// when prints a time in UTC to the second ("" for none).
func when(t any) string {
	switch v := t.(type) {
	case *time.Time:
		if v == nil {
			return ""
		}
		return when(*v)
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	return ""
}

// short abbreviates a hash or an address for a list (the full value is
// in the row's title and on the transfer's page).
func short(s string) string {
	if len(s) <= 16 {
		return s
	}
	return s[:8] + "…" + s[len(s)-6:]
}

// ago prints an age in seconds as a duration ("" for none).
func ago(secs *int64) string {
	if secs == nil {
		return ""
	}
	return (time.Duration(*secs) * time.Second).String() + " ago"
}

// eta prints an estimate ("" for none).
func eta(secs *int64) string {
	if secs == nil {
		return ""
	}
	if *secs == 0 {
		return "any moment now"
	}
	return "about " + (time.Duration(*secs) * time.Second).String()
}
