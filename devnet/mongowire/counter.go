package mongowire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
)

// Counter is a TCP proxy in front of the server that counts the commands
// its clients send, by name: what a driver's command monitor counts, for
// clients in other processes (the benchmark's node processes).
type Counter struct {
	l      net.Listener
	target string
	uri    string

	mu     sync.Mutex
	counts map[string]int64
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
}

// opMsg is the wire protocol's OP_MSG, the one opcode of today's drivers
// (OP_COMPRESSED only when a client asks for compression: the devnet's
// URIs do not).
const opMsg = 2013

// StartCounter listens on a free loopback port and forwards to uri's host.
func StartCounter(uri string) (*Counter, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("mongowire: counter: %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("mongowire: counter: %w", err)
	}
	proxied := *u
	proxied.Host = l.Addr().String()
	c := &Counter{l: l, target: u.Host, uri: proxied.String(), counts: map[string]int64{}, conns: map[net.Conn]bool{}}
	c.wg.Add(1)
	go c.accept()
	return c, nil
}

// URI is the server's URI through the counter.
func (c *Counter) URI() string { return c.uri }

// Count is how many commands of these names went through.
func (c *Counter) Count(names ...string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, name := range names {
		n += c.counts[name]
	}
	return n
}

// Close stops listening and closes every connection.
func (c *Counter) Close() error {
	err := c.l.Close()
	c.mu.Lock()
	for conn := range c.conns {
		_ = conn.Close()
	}
	c.mu.Unlock()
	c.wg.Wait()
	return err
}

func (c *Counter) accept() {
	defer c.wg.Done()
	for {
		client, err := c.l.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", c.target)
		if err != nil {
			_ = client.Close()
			continue
		}
		c.mu.Lock()
		c.conns[client], c.conns[server] = true, true
		c.mu.Unlock()
		c.wg.Add(2)
		go func() {
			defer c.wg.Done()
			_, _ = io.Copy(client, server)
			_ = client.Close()
		}()
		go func() {
			defer c.wg.Done()
			_ = c.forward(server, bufio.NewReader(client))
			_ = server.Close()
			c.mu.Lock()
			delete(c.conns, client)
			delete(c.conns, server)
			c.mu.Unlock()
		}()
	}
}

// forward copies the client's messages one by one, noting each command.
func (c *Counter) forward(server io.Writer, client *bufio.Reader) error {
	var header [16]byte
	for {
		if _, err := io.ReadFull(client, header[:]); err != nil {
			return err
		}
		size := int(binary.LittleEndian.Uint32(header[0:4]))
		if size < 16 || size > 64<<20 {
			return errors.New("mongowire: counter: bad message length")
		}
		msg := make([]byte, size)
		copy(msg, header[:])
		if _, err := io.ReadFull(client, msg[16:]); err != nil {
			return err
		}
		if binary.LittleEndian.Uint32(header[12:16]) == opMsg {
			if name := commandName(msg[16:]); name != "" {
				c.mu.Lock()
				c.counts[name]++
				c.mu.Unlock()
			}
		}
		if _, err := server.Write(msg); err != nil {
			return err
		}
	}
}

// commandName is the first key of an OP_MSG's body (its kind-0 section):
// flag bits, then sections; a kind-1 section (a document sequence) is
// skipped by its size.
func commandName(body []byte) string {
	if len(body) < 4 {
		return ""
	}
	b := body[4:]
	for len(b) > 0 {
		kind := b[0]
		b = b[1:]
		if len(b) < 4 {
			return ""
		}
		size := int(binary.LittleEndian.Uint32(b[:4]))
		if size < 5 || size > len(b) {
			return ""
		}
		if kind == 0 {
			// A BSON document: its size, then elements (type, name\0, value).
			doc := b[4:size]
			if len(doc) < 2 {
				return ""
			}
			for i := 1; i < len(doc); i++ {
				if doc[i] == 0 {
					return string(doc[1:i])
				}
			}
			return ""
		}
		b = b[size:]
	}
	return ""
}
