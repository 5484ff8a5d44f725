// Stand-in for gitleaks' config package: the rule and allowlist fields its rule generators fill in.
package config

import (
	"regexp"
	"strings"
)

type AllowlistMatchCondition int

const (
	AllowlistMatchOr AllowlistMatchCondition = iota
	AllowlistMatchAnd
)

type Allowlist struct {
	Description    string
	MatchCondition AllowlistMatchCondition
	Commits        []string
	Paths          []*regexp.Regexp
	RegexTarget    string
	Regexes        []*regexp.Regexp
	StopWords      []string
}

type Rule struct {
	RuleID      string
	Description string
	Entropy     float64
	SecretGroup int
	Regex       *regexp.Regexp
	Path        *regexp.Regexp
	Tags        []string
	Keywords    []string
	Allowlists  []*Allowlist
}

func (a *Allowlist) ContainsStopWord(s string) (bool, string) {
	s = strings.ToLower(s)
	for _, word := range a.StopWords {
		if strings.Contains(s, word) {
			return true, word
		}
	}
	return false, ""
}
