// Stand-in for gitleaks' regexp package (a wrapper of Go's), so the rule generators build with the standard library alone.
package regexp

import re "regexp"

type Regexp = re.Regexp

func MustCompile(s string) *Regexp { return re.MustCompile(s) }
