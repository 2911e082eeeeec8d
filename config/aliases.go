package config

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// maxAliasValues bounds how many values YAML aliases may add to a
// configuration once expanded. Aliases that reuse a list of terms or a
// map of headers add hundreds; nested aliases that multiply (a "billion
// laughs" alias bomb) add billions, and would take the decoder minutes and
// gigabytes. The check runs on the parsed tree before anything is
// expanded, in time linear in the file.
const maxAliasValues = 100_000

// aliasCounter measures what the aliases of a document expand to.
type aliasCounter struct {
	// size memoises each anchored node's expanded size; -1 marks a node
	// being measured, to catch an alias to an enclosing anchor.
	size map[*yaml.Node]int64
	// added is what the aliases seen so far add.
	added int64
}

// checkAliases walks the document once and returns a problem at the
// first alias that takes the expanded document past maxAliasValues (or
// that refers to a node enclosing it), or nil.
func (l *loader) checkAliases(doc *yaml.Node) *Problem {
	c := &aliasCounter{size: map[*yaml.Node]int64{}}
	return c.walk(l, doc, "")
}

// walk visits the nodes written in the file, each once, adding the
// expanded size of each alias.
func (c *aliasCounter) walk(l *loader, n *yaml.Node, path string) *Problem {
	switch n.Kind {
	case yaml.AliasNode:
		size, ok := c.expanded(n.Alias)
		if !ok {
			return &Problem{File: l.file, Line: n.Line, Path: path, Msg: fmt.Sprintf("alias *%s refers to a value that contains it", n.Value)}
		}
		c.added += size
		if c.added > maxAliasValues {
			return &Problem{File: l.file, Line: n.Line, Path: path,
				Msg: fmt.Sprintf("alias *%s takes the configuration past %d values once aliases are expanded (a YAML alias bomb?); write the values out or use fewer nested aliases", n.Value, maxAliasValues)}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if p := c.walk(l, n.Content[i+1], join(path, n.Content[i].Value)); p != nil {
				return p
			}
		}
	case yaml.DocumentNode, yaml.SequenceNode:
		for i, child := range n.Content {
			p := path
			if n.Kind == yaml.SequenceNode {
				p = fmt.Sprintf("%s[%d]", path, i)
			}
			if p := c.walk(l, child, p); p != nil {
				return p
			}
		}
	}
	return nil
}

// expanded returns how many values n stands for once every alias in it is
// expanded, saturating past maxAliasValues; false when n contains an alias
// to itself or to a node enclosing it.
func (c *aliasCounter) expanded(n *yaml.Node) (int64, bool) {
	if n == nil {
		return 0, true
	}
	if n.Kind == yaml.AliasNode {
		return c.expanded(n.Alias)
	}
	if s, ok := c.size[n]; ok {
		return s, s >= 0
	}
	c.size[n] = -1
	total := int64(1)
	for _, child := range n.Content {
		s, ok := c.expanded(child)
		if !ok {
			return 0, false
		}
		total = min(total+s, maxAliasValues+1)
	}
	c.size[n] = total
	return total, true
}
