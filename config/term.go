package config

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// UnmarshalYAML reads a term written as a plain string or as a mapping
// {text: US, case: true, weight: 2}.
func (t *Term) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		t.Text = n.Value
		return nil
	case yaml.MappingNode:
		type plain Term
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*t = Term(p)
		return nil
	default:
		return fmt.Errorf("a term is a string or a mapping with text, case and weight")
	}
}

// UnmarshalYAML reads a pack list written as one name or as a list.
func (l *PackList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = PackList{n.Value}
		return nil
	case yaml.SequenceNode:
		var names []string
		if err := n.Decode(&names); err != nil {
			return err
		}
		*l = names
		return nil
	default:
		return fmt.Errorf("a pack list is a pack name or a list of pack names")
	}
}
