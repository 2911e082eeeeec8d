package topics

import (
	"testing"
)

func TestParseQuery(t *testing.T) {
	cases := []struct {
		query, want string
	}{
		{`(ICBM* OR "ballistic missile*") AND (Korea* OR DPRK) AND NOT game*`,
			`((ICBM* OR "ballistic missile*") AND (Korea* OR DPRK) AND NOT game*)`},
		{`a OR b AND c`, `(a OR (b AND c))`},
		{`a b OR c`, `((a AND b) OR c)`},
		{`NOT a b`, `(NOT a AND b)`},
		{`a AND NOT (b OR c)`, `(a AND NOT (b OR c))`},
		{`Korea* NEAR/5 missile*`, `(Korea* NEAR/5 missile*)`},
		{`a NEAR/2 b NEAR/3 c`, `((a NEAR/2 b) AND (b NEAR/3 c))`},
		{`(Korea* OR 朝鲜) NEAR/3 导弹 AND x`, `(((Korea* OR 朝鲜) NEAR/3 导弹) AND x)`},
		{`/hwasong-?\d+/ OR /a\/b/`, `(/hwasong-?\d+/ OR /a\/b/)`},
		{`"North Korea" OR КНДР`, `("North Korea" OR КНДР)`},
		{`and or not`, `(and AND or AND not)`},
	}
	for _, c := range cases {
		n, err := parseQuery(c.query)
		if err != nil {
			t.Errorf("parseQuery(%q): %v", c.query, err)
			continue
		}
		if got := n.String(); got != c.want {
			t.Errorf("parseQuery(%q) = %s, want %s", c.query, got, c.want)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	cases := []struct {
		query, want string
	}{
		{`(a OR b`, `unbalanced "(" at offset 0`},
		{`a OR b)`, `unbalanced ")" at offset 6`},
		{`a AND (b OR )`, `unexpected ")" at offset 12`},
		{`Korea* OR AND DPRK`, `unexpected "AND" at offset 10`},
		{`a AND`, `unexpected end of query after "AND" at offset 5`},
		{`"North Korea`, `unclosed quote at offset 0`},
		{`/abc`, `unclosed regular expression at offset 0`},
		{`a NEAR/0 b`, `invalid "NEAR/0": want NEAR/n with n from 1 to 100 at offset 2`},
		{`a NEAR b`, `invalid "NEAR": want NEAR/n with n from 1 to 100 at offset 2`},
		{`(a AND b) NEAR/3 c`, `"NEAR/3" needs a term or an OR-group of terms on each side at offset 10`},
		{`a NEAR/3 NOT b`, `"NEAR/3" needs a term or an OR-group of terms on each side at offset 2`},
		{`()`, `empty "()" at offset 1`},
		{`""`, `empty phrase at offset 0`},
		{`   `, `empty query at offset 0`},
	}
	for _, c := range cases {
		_, err := parseQuery(c.query)
		if err == nil {
			t.Errorf("parseQuery(%q): no error, want %q", c.query, c.want)
			continue
		}
		if got := err.Error(); got != c.want {
			t.Errorf("parseQuery(%q) error = %q, want %q", c.query, got, c.want)
		}
	}
}

func TestQueryMatching(t *testing.T) {
	m := mustCompile(t,
		Spec{ID: "icbm", Query: `(ICBM* OR "ballistic missile*") AND (Korea* OR DPRK OR 朝鲜) AND NOT game*`},
		Spec{ID: "near", Query: `(Korea* OR 朝鲜) NEAR/3 (missile* OR 导弹)`},
		Spec{ID: "implicit", Query: `Iran nuclear`},
	)
	cases := []struct {
		title string
		want  []string
	}{
		{"North Korea fires ICBM", []string{"icbm"}},
		{"Korea's ballistic missiles tested", []string{"icbm", "near"}},
		{"Korea ICBM video game released", nil},
		{"Korea fired a new missile", []string{"near"}},
		{"Korea said on Tuesday after long talks it fired a missile", nil},
		{"朝鲜发射导弹", []string{"near"}},
		{"朝鲜今天在东海岸附近的海域发射导弹", nil},
		{"Nuclear talks: Iran", []string{"implicit"}},
		{"Iran talks", nil},
	}
	for _, c := range cases {
		got := matchedIDs(m, Doc{Title: c.title})
		if !equalStrings(got, c.want) {
			t.Errorf("Match(%q) = %v, want %v", c.title, got, c.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzParseQuery checks that the parser never panics and that what it
// accepts prints to a form that parses back to the same tree.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`(ICBM* OR "ballistic missile*") AND (Korea* OR DPRK) AND NOT game*`,
		`a NEAR/5 b`, `/re(g)ex/ OR "x y"`, `((a))`, `NOT NOT a`, `a b c`, `(`, `"`, `/`,
		`北朝鮮 NEAR/2 ミサイル*`, `a NEAR/2 b NEAR/3 c`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := parseQuery(q)
		if err != nil {
			return
		}
		s := n.String()
		n2, err := parseQuery(s)
		if err != nil {
			t.Fatalf("parseQuery(%q) printed %q, which fails: %v", q, s, err)
		}
		if s2 := n2.String(); s2 != s {
			t.Fatalf("parseQuery(%q) printed %q, which prints back as %q", q, s, s2)
		}
		// Compiling must not panic either.
		_, _, _ = Compile([]Spec{{ID: "f", Query: q}})
	})
}
