package events

// The window's storage. Stories arrive in order and leave in the same
// order (the oldest first), so both the stories and their index keys
// live in rings of fixed-size blocks: adding one appends to the last
// block, expiring one drops from the first, and neither moves what stays
// nor keeps a map entry, a pointer or a slice per key.

// blockBits sets the size of a ring's blocks: 1<<blockBits elements.
const blockBits = 10

// ring is a queue of T numbered from 0 in order of arrival; the numbers
// of the elements in it run from head to tail-1.
type ring[T any] struct {
	blocks     [][]T
	head, tail int64
	// spare is an emptied block kept for the next one needed.
	spare []T
}

// len returns the number of elements in the ring.
func (r *ring[T]) len() int { return int(r.tail - r.head) }

// push appends v and returns its number.
func (r *ring[T]) push(v T) int64 {
	if r.tail&(1<<blockBits-1) == 0 {
		b := r.spare
		r.spare = nil
		if b == nil {
			b = make([]T, 1<<blockBits)
		}
		r.blocks = append(r.blocks, b)
	}
	n := r.tail
	r.tail++
	*r.at(n) = v
	return n
}

// at returns the element numbered n, which must be in the ring.
func (r *ring[T]) at(n int64) *T {
	return &r.blocks[n>>blockBits-r.head>>blockBits][n&(1<<blockBits-1)]
}

// pop drops the oldest element.
func (r *ring[T]) pop() {
	var zero T
	*r.at(r.head) = zero
	r.head++
	if r.head&(1<<blockBits-1) == 0 {
		r.spare = r.blocks[0]
		r.blocks[0] = nil
		r.blocks = r.blocks[1:]
	}
}

// resolve returns the number of the element whose number truncated to
// 32 bits is id, among those in the ring or up to 1<<31 before its head,
// and whether it is in the ring.
func (r *ring[T]) resolve(id uint32) (int64, bool) {
	n := r.head + int64(int32(id-uint32(r.head)))
	return n, n >= r.head && n < r.tail
}

// node is one key of one story in the index.
type node struct {
	key uint64
	// next is the node of the story before it under the same key (a
	// node number truncated to 32 bits); the node's own number when it
	// is the first.
	next uint32
	// story is the story's number, truncated to 32 bits.
	story uint32
}

// chains is the index of the window's keys: for every key, the stories
// under it, the newest first, as a chain of nodes. An open-addressing
// table of 32-bit node numbers finds the newest node of a key; each node
// holds its key and the node before it.
type chains struct {
	nodes ring[node]
	// slots hold the newest node of each key (its number truncated to
	// 32 bits), or emptySlot; linear probing, no tombstones. tags hold 16
	// bits of each slot's key, so that probing reads a node only when
	// they match.
	slots []uint32
	tags  []uint16
	used  int
}

// tagOf returns the bits of a key kept in its slot's tag.
func tagOf(key uint64) uint16 { return uint16(key >> 48) }

const (
	emptySlot = ^uint32(0)
	minSlots  = 1 << 10
)

// slotOf returns the first slot a key is looked for in.
func (c *chains) slotOf(key uint64) int {
	return int((key * 0x9e3779b97f4a7c15) >> 32 & uint64(len(c.slots)-1))
}

// find returns the slot of a key and whether the key is there; when it
// is not, the slot is where it would go.
func (c *chains) find(key uint64) (int, bool) {
	if len(c.slots) == 0 {
		return 0, false
	}
	mask := len(c.slots) - 1
	tag := tagOf(key)
	for i := c.slotOf(key); ; i = (i + 1) & mask {
		s := c.slots[i]
		if s == emptySlot {
			return i, false
		}
		if c.tags[i] != tag {
			continue
		}
		n, _ := c.nodes.resolve(s)
		if c.nodes.at(n).key == key {
			return i, true
		}
	}
}

// add puts a story under a key, as the newest.
func (c *chains) add(key uint64, story int64) {
	if (c.used+1)*4 > len(c.slots)*3 {
		c.resize(max(minSlots, 2*len(c.slots)))
	}
	id := c.nodes.tail
	if uint32(id) == emptySlot {
		// This number cannot stand in a slot: skip it.
		c.nodes.push(node{next: emptySlot, story: uint32(story)})
		id++
	}
	i, ok := c.find(key)
	next := uint32(id)
	if ok {
		next = c.slots[i]
	} else {
		c.used++
	}
	c.slots[i], c.tags[i] = uint32(id), tagOf(key)
	c.nodes.push(node{key: key, next: next, story: uint32(story)})
}

// chain calls f with the stories under a key, the newest first, until
// f returns false.
func (c *chains) chain(key uint64, f func(story int64) bool) {
	i, ok := c.find(key)
	if !ok {
		return
	}
	id := c.slots[i]
	for {
		n, live := c.nodes.resolve(id)
		if !live {
			return
		}
		nd := c.nodes.at(n)
		if !f(int64(nd.story)) || nd.next == id {
			return
		}
		id = nd.next
	}
}

// dropOldest takes the oldest node out: its key leaves the table when
// it was the key's newest.
func (c *chains) dropOldest() {
	nd := c.nodes.at(c.nodes.head)
	if uint32(c.nodes.head) != emptySlot {
		if i, ok := c.find(nd.key); ok && c.slots[i] == uint32(c.nodes.head) {
			c.deleteSlot(i)
		}
	}
	c.nodes.pop()
	if len(c.slots) > minSlots && c.used*8 < len(c.slots) {
		c.resize(len(c.slots) / 2)
	}
}

// deleteSlot empties slot i, moving back the keys after it that would
// no longer be found.
func (c *chains) deleteSlot(i int) {
	mask := len(c.slots) - 1
	for j := (i + 1) & mask; c.slots[j] != emptySlot; j = (j + 1) & mask {
		n, _ := c.nodes.resolve(c.slots[j])
		home := c.slotOf(c.nodes.at(n).key)
		// Slot j's key may move to i when i lies cyclically in
		// [home, j).
		if (j-home)&mask >= (j-i)&mask {
			c.slots[i], c.tags[i] = c.slots[j], c.tags[j]
			i = j
		}
	}
	c.slots[i] = emptySlot
	c.used--
}

// resize moves the table to size slots, a power of two.
func (c *chains) resize(size int) {
	old, oldTags := c.slots, c.tags
	c.slots, c.tags = make([]uint32, size), make([]uint16, size)
	for i := range c.slots {
		c.slots[i] = emptySlot
	}
	mask := size - 1
	for j, s := range old {
		if s == emptySlot {
			continue
		}
		n, _ := c.nodes.resolve(s)
		i := c.slotOf(c.nodes.at(n).key)
		for c.slots[i] != emptySlot {
			i = (i + 1) & mask
		}
		c.slots[i], c.tags[i] = s, oldTags[j]
	}
}
