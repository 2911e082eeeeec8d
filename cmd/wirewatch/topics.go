package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/wirewatch/wirewatch/topics"
)

// packJSON is one pack as `topics -json` prints it.
type packJSON struct {
	ID    string       `json:"id"`
	Name  string       `json:"name"`
	Scope topics.Scope `json:"scope"`
	// Concepts are those of which a story needs one term.
	Concepts []topics.Concept `json:"concepts"`
	// All are groups of concepts of each of which it needs one too.
	All  [][]topics.Concept `json:"all,omitempty"`
	None []topics.Term      `json:"none,omitempty"`
	// Include are the packs whose match is a match of this one too.
	Include []string `json:"include,omitempty"`
}

// topicsCmd is `wirewatch topics`: the built-in packs, and one pack's terms
// by concept and language.
func (c *cli) topicsCmd(args []string) int {
	fs := c.flags("topics", "[flags] [PACK]", `List the built-in topic packs that a topic can include: and require:,
with how many concepts, terms and languages each has. With a PACK, print
that pack's terms by concept (each with its English label) and by
language, with the guards that keep ambiguous words from matching where
they mean something else, and the none terms that reject a story.

Example:
  wirewatch topics north-korea`)
	asJSON := fs.Bool("json", false, "print JSON: the list of packs, or the pack with its concepts and terms")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	switch fs.NArg() {
	case 0:
		return c.listPacks(*asJSON)
	case 1:
		return c.showPack(fs.Arg(0), *asJSON)
	}
	fmt.Fprintf(c.stderr, "wirewatch topics: name at most one pack\n")
	return exitUsage
}

// listPacks prints every pack with its size.
func (c *cli) listPacks(asJSON bool) int {
	var out []packJSON
	for _, id := range topics.PackIDs() {
		out = append(out, packOf(id))
	}
	if asJSON {
		return c.printJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PACK\tNAME\tCONCEPTS\tTERMS\tLANGUAGES")
	for _, p := range out {
		terms, langs, concepts := 0, map[string]bool{}, p.Concepts
		for _, g := range p.All {
			concepts = append(concepts, g...)
		}
		for _, cn := range concepts {
			terms += len(cn.Terms)
			for _, t := range cn.Terms {
				if t.Lang != "" {
					langs[t.Lang] = true
				}
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", p.ID, p.Name, len(concepts), terms, len(langs))
	}
	tw.Flush()
	fmt.Fprintf(c.stdout, "\nA topic takes packs whole, for example:\n"+
		"  - id: nk-weapons\n    include: [ballistic-missiles, nuclear-weapons]\n    require: [north-korea]\n"+
		"\nRun 'wirewatch topics PACK' for a pack's terms by concept and language.\n")
	return exitOK
}

// showPack prints one pack by concept and language.
func (c *cli) showPack(id string, asJSON bool) int {
	if _, ok := topics.Pack(id); !ok {
		fmt.Fprintf(c.stderr, "wirewatch topics: unknown pack %q (known: %s)\n", id, strings.Join(topics.PackIDs(), ", "))
		return exitUsage
	}
	p := packOf(id)
	if asJSON {
		return c.printJSON(p)
	}
	fmt.Fprintf(c.stdout, "%s: %s\n", p.ID, p.Name)
	fmt.Fprintf(c.stdout, "Scope: %s: a story needs a hit in the title, the lead or the feed's subject fields;\n"+
		"hits there count fully, a hit deep in the body a third.\n\nA story matches when it has a term of one of these concepts", p.Scope)
	if len(p.All) > 0 {
		fmt.Fprintf(c.stdout, ", and a term of one of each group after them")
	}
	fmt.Fprintln(c.stdout, ":")
	c.printConcepts(p.Concepts)
	for i, g := range p.All {
		fmt.Fprintf(c.stdout, "\nGroup %d: one of these concepts must occur too:\n", i+1)
		c.printConcepts(g)
	}
	for _, inc := range p.Include {
		fmt.Fprintf(c.stdout, "\nIt also matches every story that pack %s matches (wirewatch topics %s).\n", inc, inc)
	}
	if len(p.None) > 0 {
		var words []string
		for _, t := range p.None {
			words = append(words, t.Text)
		}
		fmt.Fprintf(c.stdout, "\nnone (any of them rejects the story): %s\n", strings.Join(words, ", "))
	}
	return exitOK
}

// printConcepts prints concepts with their terms by language.
func (c *cli) printConcepts(cs []topics.Concept) {
	for _, cn := range cs {
		kind := string(cn.Kind)
		if cn.Class != "" {
			kind += ", " + cn.Class
		}
		fmt.Fprintf(c.stdout, "\n%s: %s (%s)\n", cn.ID, cn.Label, kind)
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		for _, lang := range termLanguages(cn.Terms) {
			var words []string
			for _, t := range cn.Terms {
				if t.Lang == lang {
					words = append(words, t.String())
				}
			}
			label := lang
			if label == "" {
				label = "all"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", label, strings.Join(words, ", "))
		}
		tw.Flush()
	}
}

// packOf gathers a pack's description.
func packOf(id string) packJSON {
	spec, _ := topics.Pack(id)
	anyOf, allOf, _ := topics.PackConcepts(id)
	return packJSON{ID: spec.ID, Name: spec.Name, Scope: spec.Scope, Concepts: anyOf, All: allOf, None: spec.None, Include: spec.Include}
}

// termLanguages lists the languages of terms: terms written alike in
// every language first, then by ISO 639-1 code.
func termLanguages(ts []topics.Term) []string {
	var langs []string
	for _, t := range ts {
		if !slices.Contains(langs, t.Lang) {
			langs = append(langs, t.Lang)
		}
	}
	slices.Sort(langs)
	return langs
}
