// Package secrets generates a random string a regex matches, as reggen does (limit 1 for unbounded repeats).
package secrets

import (
	"math/rand"
	"regexp/syntax"
	"strings"
)

var random = rand.New(rand.NewSource(1))

func NewSecret(regex string) string {
	re, err := syntax.Parse(regex, syntax.Perl)
	if err != nil {
		panic(err)
	}
	var sb strings.Builder
	generate(&sb, re.Simplify())
	return sb.String()
}

func pick(ranges []rune) rune {
	total := 0
	for i := 0; i < len(ranges); i += 2 {
		total += int(ranges[i+1]-ranges[i]) + 1
	}
	n := random.Intn(total)
	for i := 0; i < len(ranges); i += 2 {
		size := int(ranges[i+1]-ranges[i]) + 1
		if n < size {
			return ranges[i] + rune(n)
		}
		n -= size
	}
	return ranges[0]
}

func printable(ranges []rune) []rune {
	// Keep the class to printable ASCII where it can be (a negated class spans all of Unicode).
	var out []rune
	for i := 0; i < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if lo < 0x21 {
			lo = 0x21
		}
		if hi > 0x7e {
			hi = 0x7e
		}
		if lo <= hi {
			out = append(out, lo, hi)
		}
	}
	if len(out) == 0 {
		return ranges
	}
	return out
}

func repeat(sb *strings.Builder, sub *syntax.Regexp, min, max int) {
	if max < 0 {
		max = min + 1
	}
	n := min
	if max > min {
		n += random.Intn(max - min + 1)
	}
	for i := 0; i < n; i++ {
		generate(sb, sub)
	}
}

func generate(sb *strings.Builder, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && random.Intn(2) == 0 {
				r = []rune(strings.ToUpper(string(r)))[0]
			}
			sb.WriteRune(r)
		}
	case syntax.OpCharClass:
		sb.WriteRune(pick(printable(re.Rune)))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		sb.WriteRune(rune('a' + random.Intn(26)))
	case syntax.OpCapture:
		generate(sb, re.Sub[0])
	case syntax.OpStar:
		repeat(sb, re.Sub[0], 0, 1)
	case syntax.OpPlus:
		repeat(sb, re.Sub[0], 1, 1)
	case syntax.OpQuest:
		repeat(sb, re.Sub[0], 0, 1)
	case syntax.OpRepeat:
		repeat(sb, re.Sub[0], re.Min, re.Max)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			generate(sb, sub)
		}
	case syntax.OpAlternate:
		generate(sb, re.Sub[random.Intn(len(re.Sub))])
	}
}
