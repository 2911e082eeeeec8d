package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads, expands, decodes and validates the configuration file at
// path. Environment variables are read from the process environment. The
// error, when not nil, is an Errors listing every problem.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data, os.LookupEnv)
}

// Parse is Load for a file already read; lookup resolves ${NAME}
// references (os.LookupEnv in production).
func Parse(file string, data []byte, lookup func(string) (string, bool)) (*Config, error) {
	l := &loader{file: file, lines: map[string]int{}, lookup: lookup}
	cfg := Default()
	cfg.File = file
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		p := l.yamlError(err)
		p.Line = syntaxLine(data, p.Line)
		return nil, Errors{p}
	}
	if p := l.checkAliases(&root); p != nil {
		return nil, Errors{p}
	}
	if len(root.Content) > 0 {
		doc := root.Content[0]
		if doc.Kind != yaml.MappingNode {
			return nil, Errors{{File: file, Line: doc.Line, Msg: "the file must be a mapping of settings"}}
		}
		l.walk(doc, reflect.TypeOf(*cfg), "")
		// Unknown keys do not stop the checks that follow; a value that
		// could not be read would only cause confusing errors after it.
		if len(l.errs) > l.unknown {
			return nil, l.errs
		}
		if err := doc.Decode(cfg); err != nil {
			return nil, append(l.errs, l.yamlError(err))
		}
	}
	if cfg.HTTP.Listen == "" {
		if v, ok := lookup(EnvHTTPListen); ok {
			cfg.HTTP.Listen = v
		}
	}
	// Validate even after unknown keys or unset variables, so that one
	// check lists every problem.
	l.validate(cfg)
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool { return l.errs[i].Line < l.errs[j].Line })
		return nil, l.errs
	}
	for _, w := range l.warns {
		cfg.Warnings = append(cfg.Warnings, w.Error())
	}
	return cfg, nil
}

// loader carries what one Parse call has learnt about the file.
type loader struct {
	file   string
	lines  map[string]int // field path -> line
	lookup func(string) (string, bool)
	errs   Errors
	warns  Errors
	// unknown counts the errors in errs that are unknown keys.
	unknown int
}

func (l *loader) errorf(path string, format string, args ...any) {
	l.errs = append(l.errs, &Problem{File: l.file, Line: l.line(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) warnf(path string, format string, args ...any) {
	l.warns = append(l.warns, &Problem{File: l.file, Line: l.line(path), Path: path, Msg: fmt.Sprintf(format, args...)})
}

// line returns the line of path, or of its nearest ancestor the file has.
func (l *loader) line(path string) int {
	for p := path; p != ""; p = parent(p) {
		if n, ok := l.lines[p]; ok {
			return n
		}
	}
	return 0
}

func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

var (
	unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()
	sizeType        = reflect.TypeOf(Size(0))
	durationType    = reflect.TypeOf(Duration(0))
)

// walk checks the node tree against the Go type before decoding: every key
// must be a known field, every line is recorded by path, ${ENV} references
// in scalars are expanded, and sizes are parsed so their errors can name
// their place.
func (l *loader) walk(n *yaml.Node, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if path != "" {
		if _, ok := l.lines[path]; !ok {
			l.lines[path] = n.Line
		}
	}
	if n.Kind == yaml.ScalarNode {
		l.expand(n, path)
		if n.Tag == "!!null" {
			return
		}
	}
	switch {
	case t == sizeType:
		if n.Kind != yaml.ScalarNode {
			l.errorf(path, "expected a size such as 10MiB")
		} else if _, err := ParseSize(n.Value); err != nil {
			l.errorf(path, "%v", err)
		}
		return
	case t == durationType:
		if n.Kind != yaml.ScalarNode {
			l.errorf(path, "expected a duration such as 90d")
		} else if _, err := ParseDuration(n.Value); err != nil {
			l.errorf(path, "%v", err)
		}
		return
	case (t.Kind() == reflect.Struct || t.Kind() == reflect.Slice) && reflect.PointerTo(t).Implements(unmarshalerType) && n.Kind == yaml.ScalarNode:
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			l.errorf(path, "expected a mapping, got %s", kindName(n))
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := join(path, k.Value)
			l.lines[p] = k.Line
			f, ok := fields[k.Value]
			if !ok {
				l.errorf(p, "unknown field %q%s", k.Value, suggest(k.Value, fields))
				l.unknown++
				continue
			}
			l.walk(v, f.Type, p)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if reflect.PointerTo(t).Implements(unmarshalerType) {
				l.errorf(path, "expected a name or a list of names, got %s", kindName(n))
			} else {
				l.errorf(path, "expected a list, got %s", kindName(n))
			}
			return
		}
		for i, c := range n.Content {
			l.walk(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			l.errorf(path, "expected a mapping, got %s", kindName(n))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := join(path, k.Value)
			l.lines[p] = k.Line
			l.walk(v, t.Elem(), p)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			l.errorf(path, "expected a single value, got %s", kindName(n))
		}
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return strconv.Quote(n.Value)
	}
}

func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f
	}
	return m
}

// suggest names the closest known field, for typos.
func suggest(key string, fields map[string]reflect.StructField) string {
	best, bestD := "", 3
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if d := distance(key, name); d < bestD {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}`)

// expand replaces ${NAME} and ${NAME:-default} in a scalar; "$${" escapes.
func (l *loader) expand(n *yaml.Node, path string) {
	if !strings.Contains(n.Value, "${") {
		return
	}
	const esc = "\x00"
	v := strings.ReplaceAll(n.Value, "$${", esc)
	v = envRef.ReplaceAllStringFunc(v, func(ref string) string {
		m := envRef.FindStringSubmatch(ref)
		if val, ok := l.lookup(m[1]); ok && val != "" {
			return val
		}
		if m[2] != "" {
			return m[3]
		}
		l.errorf(path, "environment variable %s is not set", m[1])
		return ""
	})
	n.Value = strings.ReplaceAll(v, esc, "${")
	if n.Style == 0 {
		n.Tag = "" // let the expanded value resolve as if written plainly
	}
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns a YAML syntax or type error into a Problem with a line
// and, where known, a path.
func (l *loader) yamlError(err error) *Problem {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Problem{File: l.file, Line: line, Path: l.pathAt(line), Msg: m[2]}
	}
	return &Problem{File: l.file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// syntaxLine finds the line of a syntax error that the YAML parser
// reported at the start of the enclosing block (as it does for a key
// indented wrongly): the first line at which the file, read up to there,
// stops parsing. It returns reported when it finds none later.
func syntaxLine(data []byte, reported int) int {
	lines := strings.SplitAfter(string(data), "\n")
	fails := func(n int) bool {
		var node yaml.Node
		return yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &node) != nil
	}
	if reported < 1 || reported >= len(lines) || !fails(len(lines)) || fails(reported) {
		return reported
	}
	// The prefix of reported lines parses and the whole file does not:
	// find the shortest prefix that fails.
	lo, hi := reported, len(lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// pathAt returns the deepest recorded path on a line.
func (l *loader) pathAt(line int) string {
	best := ""
	for p, n := range l.lines {
		if n == line && len(p) > len(best) {
			best = p
		}
	}
	return best
}
