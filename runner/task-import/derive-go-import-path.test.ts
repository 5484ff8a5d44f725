// The import path of a Go tree from before go modules: its import comment, else its own imports of its folders.
import { describe, expect, it } from 'vitest';
import { deriveGoImportPath } from './derive-go-import-path.js';

const view = (files: Record<string, string>) => ({ paths: new Set(Object.keys(files)), read: (path: string) => files[path] });

const SI = 'package si\n\nimport (\n\t"fmt"\n\n\t"github.com/x/calc"\n)\n';

describe('deriveGoImportPath', () => {
  it('is undefined with a go.mod: its module line names the packages wherever the tree is', () => {
    expect(
      deriveGoImportPath(view({ 'go.mod': 'module github.com/x/calc\n', 'calc.go': 'package calc // import "github.com/x/calc"\n' })),
    ).toBeUndefined();
  });

  it("reads a package's canonical import comment, less the package's own folder", () => {
    expect(deriveGoImportPath(view({ 'calc.go': 'package calc // import "github.com/x/calc"\n', 'si/si.go': SI }))).toBe(
      'github.com/x/calc',
    );
    expect(deriveGoImportPath(view({ 'calc.go': 'package calc\n', 'si/si.go': 'package si /* import "github.com/x/calc/si" */\n' }))).toBe(
      'github.com/x/calc',
    );
  });

  it("takes the prefix of the tree's own imports of its folders, never the standard library's", () => {
    const files = {
      'calc.go': 'package calc\n\nimport "github.com/x/calc/si"\n',
      'si/si.go': SI,
      'http/serve.go': 'package http\n\nimport "net/http"\n',
      'cmd/main.go': 'package main\n\nimport (\n\tsi "github.com/x/calc/si"\n\t"github.com/other/lib/si"\n\t"github.com/x/calc/http"\n)\n',
    };
    expect(deriveGoImportPath(view(files))).toBe('github.com/x/calc');
  });

  it('is undefined when nothing names the path (a root package no file imports by it)', () => {
    expect(deriveGoImportPath(view({ 'calc.go': 'package calc\n', 'si/si.go': SI }))).toBeUndefined();
  });

  it('never yields a path the runner could not lay out (an element . or ..)', () => {
    expect(deriveGoImportPath(view({ 'calc.go': 'package calc // import "github.com/../../etc"\n' }))).toBeUndefined();
  });
});
