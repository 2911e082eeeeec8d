package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/feeds"
)

// maxNameRunes caps the names Editor derives from feed titles.
const maxNameRunes = 40

// Editor adds feeds to a configuration file. It edits the file's YAML
// node tree: new feeds are appended to the feeds list (which is created
// when the file has none), and the file is written back with every line
// it had, comments, blank lines and order included. Only the new feeds'
// lines are new: they are rendered from their nodes and placed where the
// tree says the list ends. When the list is written in a form that cannot
// be extended in place (a flow list such as `feeds: [{url: ...}]`), the
// whole tree is re-encoded instead, which keeps comments but not blank
// lines.
type Editor struct {
	file string
	src  []byte
	// doc is the file's document node; nil for an empty file.
	doc *yaml.Node
	// feedsKey and feedsSeq are the feeds key and its list; nil when the
	// file has none (or, for feedsSeq, when its value is empty).
	feedsKey, feedsSeq *yaml.Node
	// added are the new feeds' nodes, in order.
	added []*yaml.Node
	// keys maps the canonical key (FeedKey) of every feed, old and new, to
	// its name; names holds every name taken.
	keys  map[string]string
	names map[string]bool
}

// NewFeed is a feed to add.
type NewFeed struct {
	// URL is the feed's address, written as given.
	URL string
	// Name is the name wanted; when it is empty, one is made from Title,
	// else from the URL. Either way it is made unique.
	Name string
	// Title is the feed's title, for the name.
	Title string
	// Language is an ISO 639-1 hint, or "".
	Language string
	// Tags become the feed's tags.
	Tags []string
	// FetchArticle is the feed's fetch_article setting; Off (or "")
	// writes none.
	FetchArticle article.Mode
}

// Added is what AddFeed did with one feed.
type Added struct {
	// Name is the new feed's name; empty when it was not added.
	Name string
	// Duplicate is the name of the feed already in the file with the same
	// canonical URL, when the feed was not added for that reason.
	Duplicate string
}

// OpenEditor reads the configuration file at path for editing. A file
// that does not exist is edited as an empty one, and Save creates it.
func OpenEditor(path string) (*Editor, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return NewEditor(path, data)
}

// NewEditor reads a configuration file's content for editing; file names
// it in errors.
func NewEditor(file string, data []byte) (*Editor, error) {
	e := &Editor{file: file, src: data, keys: map[string]string{}, names: map[string]bool{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		l := &loader{file: file, lines: map[string]int{}}
		return nil, Errors{l.yamlError(err)}
	}
	if len(root.Content) == 0 {
		return e, nil
	}
	e.doc = root.Content[0]
	if e.doc.Kind != yaml.MappingNode {
		return nil, Errors{{File: file, Line: e.doc.Line, Msg: "the file must be a mapping of settings"}}
	}
	for i := 0; i+1 < len(e.doc.Content); i += 2 {
		if e.doc.Content[i].Value != "feeds" {
			continue
		}
		e.feedsKey = e.doc.Content[i]
		v := e.doc.Content[i+1]
		switch {
		case v.Kind == yaml.SequenceNode:
			e.feedsSeq = v
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		default:
			return nil, Errors{{File: file, Line: v.Line, Path: "feeds", Msg: "expected a list, got " + kindName(v)}}
		}
	}
	if e.feedsSeq != nil {
		for _, item := range e.feedsSeq.Content {
			url, name := scalarField(item, "url"), scalarField(item, "name")
			if name == "" && url != "" {
				name = defaultFeedName(url)
			}
			e.names[name] = true
			if k := FeedKey(url); k != "" {
				e.keys[k] = name
			}
		}
	}
	return e, nil
}

// scalarField returns the value of key in a mapping node, or "".
func scalarField(m *yaml.Node, key string) string {
	if m.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i+1].Kind == yaml.ScalarNode {
			return m.Content[i+1].Value
		}
	}
	return ""
}

// FeedKey is the form of a feed URL that tells duplicates apart: its
// canonical link (see feeds.CanonicalLink) without the scheme and without
// a final slash, so that http and https, ports written or not and
// tracking parameters make no difference. A URL that is not http(s) is
// its own key; "" gives "".
func FeedKey(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	c := feeds.CanonicalLink(raw, "")
	if c == "" {
		return raw
	}
	_, rest, _ := strings.Cut(c, "://")
	return strings.TrimSuffix(rest, "/")
}

// AddFeed appends f to the feeds list, unless a feed with the same
// canonical URL is already there (in the file or added before).
func (e *Editor) AddFeed(f NewFeed) (Added, error) {
	k := FeedKey(f.URL)
	if k == "" {
		return Added{}, errors.New("add feed: empty url")
	}
	if dup, ok := e.keys[k]; ok {
		return Added{Duplicate: dup}, nil
	}
	name := e.uniqueName(f)
	e.keys[k] = name
	e.names[name] = true
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(key string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	add("url", str(strings.TrimSpace(f.URL)))
	add("name", str(name))
	if f.Language != "" {
		add("language", str(f.Language))
	}
	if len(f.Tags) > 0 {
		tags := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, t := range f.Tags {
			tags.Content = append(tags.Content, str(t))
		}
		add("tags", tags)
	}
	switch f.FetchArticle {
	case article.On:
		add("fetch_article", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	case article.Auto:
		add("fetch_article", str(string(article.Auto)))
	}
	e.added = append(e.added, m)
	return Added{Name: name}, nil
}

// uniqueName returns f's name, or one made from its title or URL, with a
// number added when the name is taken.
func (e *Editor) uniqueName(f NewFeed) string {
	base := strings.TrimSpace(f.Name)
	if base == "" {
		base = slug(f.Title)
	}
	if base == "" {
		base = defaultFeedName(strings.TrimSpace(f.URL))
	}
	name := base
	for n := 2; e.names[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	return name
}

// slug makes a feed name from a title: letters and digits of any script
// in lower case, other runs of characters turned into one hyphen, at most
// maxNameRunes runes.
func slug(title string) string {
	var words []string
	for w := range strings.FieldsFuncSeq(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		words = append(words, w)
	}
	s := []rune(strings.Join(words, "-"))
	if len(s) <= maxNameRunes {
		return string(s)
	}
	// Cut at the last word boundary that fits, else inside the word.
	cut := string(s[:maxNameRunes+1])
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return string(s[:maxNameRunes])
}

// Changed reports whether feeds were added.
func (e *Editor) Changed() bool { return len(e.added) > 0 }

// Bytes returns the edited file.
func (e *Editor) Bytes() ([]byte, error) {
	if len(e.added) == 0 {
		return e.src, nil
	}
	want, err := e.editedTree()
	if err != nil {
		return nil, err
	}
	if out, ok := e.splice(); ok && sameContent(out, want) {
		return out, nil
	}
	// The list could not be extended in place: re-encode the tree.
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(want); err != nil {
		return nil, fmt.Errorf("%s: encode: %w", e.file, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("%s: encode: %w", e.file, err)
	}
	return b.Bytes(), nil
}

// editedTree returns the document with the new feeds in its tree (a copy
// of the parsed tree: e's own stays as read).
func (e *Editor) editedTree() (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(e.src, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", e.file, err)
	}
	if len(root.Content) == 0 {
		root = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "feeds" {
			v := doc.Content[i+1]
			if v.Kind != yaml.SequenceNode {
				*v = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", LineComment: v.LineComment}
			}
			v.Content = append(v.Content, e.added...)
			return &root, nil
		}
	}
	doc.Content = append(doc.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "feeds"},
		&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: e.added})
	return &root, nil
}

// sameContent reports whether the YAML in out decodes to the same values
// as the tree want.
func sameContent(out []byte, want *yaml.Node) bool {
	var got, exp any
	if err := yaml.Unmarshal(out, &got); err != nil {
		return false
	}
	if err := want.Decode(&exp); err != nil {
		return false
	}
	return reflect.DeepEqual(got, exp)
}

// splice renders the new feeds and inserts them into the file's text
// where the tree says the feeds list ends (or creates the list), keeping
// every other line as it was. ok is false when the list is in a form it
// does not extend (the caller then re-encodes the tree).
func (e *Editor) splice() (out []byte, ok bool) {
	out, ok = e.spliceLF()
	if ok && bytes.Contains(e.src, []byte("\r\n")) {
		// Keep Windows line ends: every line was cut at "\n" alone.
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	return out, ok
}

// spliceLF is splice with "\n" line ends.
func (e *Editor) spliceLF() (out []byte, ok bool) {
	lines := splitLines(e.src)
	switch {
	case e.feedsKey == nil:
		// No list: add one at the end of the file.
		items, ok := renderItems(e.added, "  ")
		if !ok {
			return nil, false
		}
		var b bytes.Buffer
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		if len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) != "" {
			b.WriteByte('\n')
		}
		b.WriteString("feeds:\n")
		b.WriteString(items)
		return b.Bytes(), true
	case e.feedsSeq == nil || (len(e.feedsSeq.Content) == 0 && e.feedsSeq.Line == e.feedsKey.Line):
		// `feeds:`, `feeds: ~` or `feeds: []`: the list replaces the value.
		if e.feedsKey.Column != 1 {
			return nil, false
		}
		head, comment := cutComment(lines[e.feedsKey.Line-1])
		switch strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(head), "feeds:")) {
		case "", "[]", "~", "null":
		default:
			return nil, false
		}
		items, ok := renderItems(e.added, "  ")
		if !ok {
			return nil, false
		}
		repl := "feeds:"
		if comment != "" {
			repl += " " + comment
		}
		return joinLines(lines[:e.feedsKey.Line-1], repl+"\n"+items, lines[e.feedsKey.Line:]), true
	case e.feedsSeq.Style&yaml.FlowStyle != 0 || len(e.feedsSeq.Content) == 0:
		return nil, false
	}
	// A block list: the new items go after its last line, indented as its
	// first item is.
	first := e.feedsSeq.Content[0]
	dash := dashColumn(lines, first)
	if dash < 0 {
		return nil, false
	}
	items, ok := renderItems(e.added, strings.Repeat(" ", dash))
	if !ok {
		return nil, false
	}
	end := e.listEnd(lines)
	return joinLines(lines[:end], items, lines[end:]), true
}

// listEnd returns the number of lines up to and including the feeds
// list's last line: the line before the next top-level key, less the
// blank lines and top-level comments (which belong to that key) before
// it.
func (e *Editor) listEnd(lines []string) int {
	next := len(lines) + 1
	for i := 0; i+1 < len(e.doc.Content); i += 2 {
		if k := e.doc.Content[i]; k.Line > e.feedsKey.Line && k.Line < next {
			next = k.Line
		}
	}
	end := next - 1 // lines before the next key
	for end > e.feedsKey.Line {
		l := lines[end-1]
		t := strings.TrimSpace(l)
		if t == "" || (strings.HasPrefix(t, "#") && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t")) {
			end--
			continue
		}
		break
	}
	return end
}

// dashColumn returns the 0-based column of the "-" that opens item on its
// line, or -1.
func dashColumn(lines []string, item *yaml.Node) int {
	if item.Line < 1 || item.Line > len(lines) {
		return -1
	}
	l := lines[item.Line-1]
	for i := min(item.Column-2, len(l)-1); i >= 0; i-- {
		switch l[i] {
		case '-':
			if strings.TrimSpace(l[:i]) == "" {
				return i
			}
			return -1
		case ' ', '\t':
		default:
			return -1
		}
	}
	return -1
}

// renderItems renders list items, each line after indent.
func renderItems(items []*yaml.Node, indent string) (string, bool) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}); err != nil {
		return "", false
	}
	if err := enc.Close(); err != nil {
		return "", false
	}
	var out strings.Builder
	for _, l := range splitLines(b.Bytes()) {
		out.WriteString(indent + l + "\n")
	}
	return out.String(), true
}

// cutComment splits a line into its content and a final "# comment";
// a "#" inside quotes, or not after a space, is content.
func cutComment(line string) (string, string) {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return strings.TrimRight(line[:i], " \t"), line[i:]
		}
	}
	return line, ""
}

// splitLines splits text into lines without their line ends; a final
// line end adds no empty line.
func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// joinLines joins lines before, a block of text and lines after.
func joinLines(before []string, block string, after []string) []byte {
	var b bytes.Buffer
	for _, l := range before {
		b.WriteString(l + "\n")
	}
	b.WriteString(block)
	for _, l := range after {
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}

// Save writes the edited file in place, atomically: a new file beside it
// replaces it, with the old file's permissions (0600 for a new one). A
// symbolic link is followed, so that the file it names is replaced.
func (e *Editor) Save() error {
	out, err := e.Bytes()
	if err != nil {
		return err
	}
	path := e.file
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	mode := fs.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	saved, err := NewEditor(e.file, out)
	if err != nil {
		return err
	}
	*e = *saved
	return nil
}
