package topics

// CompileScanners compiles specs twice: the first matcher finds its
// literals with the automaton, the second with the index of words,
// whatever their number, so that tests can compare the two.
func CompileScanners(specs []Spec) (automaton, index *Matcher, err error) {
	a, _, err := Compile(specs)
	if err != nil {
		return nil, nil, err
	}
	x, _, err := Compile(specs)
	if err != nil {
		return nil, nil, err
	}
	a.ac, a.index = buildAutomaton(a.lits), nil
	x.ac, x.index = nil, buildLitIndex(x.lits, x.litPats, x.pats)
	return a, x, nil
}
