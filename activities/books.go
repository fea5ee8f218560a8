package activities

// Books is this node's accountant: why the chains' books forbid signing
// now (wPOKT above its backing), or empty.
type Books interface {
	Refusal() string
}

// booksForbid is the accountant's word before a signature: a retryable
// wait, counted as a refusal, so that signing resumes by itself once the
// books balance again.
func (s *Signer) booksForbid() error {
	if s.Books == nil {
		return nil
	}
	why := s.Books.Refusal()
	if why == "" {
		return nil
	}
	if s.Observer != nil {
		s.Observer.Refused("accountant")
	}
	return notReady("%s: accountant: %s", s.Rules.NodeID, why)
}
