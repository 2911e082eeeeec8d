package config

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Size is a byte count written as a number or with a unit: "512KiB",
// "10MiB", "1GB".
type Size int64

// UnmarshalYAML reads a size with an optional unit.
func (s *Size) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseSize(n.Value)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSize parses a byte count with an optional unit (B, KB, KiB, MB,
// MiB, GB, GiB; case-insensitive).
func ParseSize(s string) (Size, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') {
		i--
	}
	num, unit := strings.TrimSpace(t[:i]), strings.ToLower(strings.TrimSpace(t[i:]))
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q: want a number with an optional unit such as 10MiB", s)
	}
	mult := map[string]int64{
		"": 1, "b": 1,
		"k": 1000, "kb": 1000, "kib": 1 << 10,
		"m": 1000 * 1000, "mb": 1000 * 1000, "mib": 1 << 20,
		"g": 1000 * 1000 * 1000, "gb": 1000 * 1000 * 1000, "gib": 1 << 30,
	}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("invalid size %q: unknown unit %q", s, unit)
	}
	return Size(n * mult), nil
}
