// Reads the imports a module runs when it loads: static ones that bring a value (not `import type`, not import()).
import ts from 'typescript';

/**
 * The specifiers of a module's import and export-from declarations that are not type-only. An import whose names are
 * all used as types only is elided by tsc too, but counted here: over-counting can only make a start-up check stricter.
 */
export function readLoadedImports(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const loaded: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (!isTypeOnlyImport(statement.importClause)) loaded.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (!statement.isTypeOnly && !isTypeOnlyExport(statement.exportClause)) loaded.push(statement.moduleSpecifier.text);
    }
  }
  return loaded;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false; // `import './x.js'` runs x
  if (clause.isTypeOnly) return true;
  const names = clause.namedBindings;
  return (
    clause.name === undefined &&
    names !== undefined &&
    ts.isNamedImports(names) &&
    names.elements.length > 0 &&
    names.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(clause: ts.NamedExportBindings | undefined): boolean {
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}
