// Stand-in for gitleaks' utils.Validate: records each rule's own true and false positives instead of running them.
package utils

import (
	"os"

	"github.com/zricethezav/gitleaks/v8/config"
)

// Sample is one rule's own validation cases, recorded instead of run.
type Sample struct {
	ID      string            `json:"id"`
	TPs     []string          `json:"tps"`
	FPs     []string          `json:"fps"`
	TPPaths map[string]string `json:"tpPaths,omitempty"`
	FPPaths map[string]string `json:"fpPaths,omitempty"`
}

var Samples []Sample

func Validate(rule config.Rule, truePositives []string, falsePositives []string) *config.Rule {
	Samples = append(Samples, Sample{ID: rule.RuleID, TPs: truePositives, FPs: falsePositives})
	return &rule
}

func ValidateWithPaths(rule config.Rule, truePositives map[string]string, falsePositives map[string]string) *config.Rule {
	Samples = append(Samples, Sample{ID: rule.RuleID, TPPaths: truePositives, FPPaths: falsePositives})
	return &rule
}

func GetEnvOrDefault(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}
