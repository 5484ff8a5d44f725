// Lists the procedural mutations of Go files from the standard library's go/ast and go/types (run by `experiment tasks synthesize` in its sandbox).
// Usage: go run list_go_sites.go ROOT FILE... ; prints {"files": {FILE: [site, ...] | {"error": "..."}}} as JSON.
// A site replaces the bytes [start, end) of the file by `replacement`. Parsing and type checking never run the code.
package main

import (
	"encoding/json"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type site struct {
	Kind        string `json:"kind"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Replacement string `json:"replacement"`
	Scope       string `json:"scope"`
}

var operatorSwaps = map[token.Token]token.Token{
	token.ADD: token.SUB, token.SUB: token.ADD, token.MUL: token.QUO, token.QUO: token.MUL,
	token.LSS: token.LEQ, token.LEQ: token.LSS, token.GTR: token.GEQ, token.GEQ: token.GTR,
	token.EQL: token.NEQ, token.NEQ: token.EQL, token.LAND: token.LOR, token.LOR: token.LAND,
}

type lister struct {
	fset  *token.FileSet
	data  []byte
	info  *types.Info
	uses  map[types.Object][]token.Pos
	sites []site
}

func (l *lister) offset(pos token.Pos) int { return l.fset.Position(pos).Offset }

func (l *lister) text(node ast.Node) string { return string(l.data[l.offset(node.Pos()):l.offset(node.End())]) }

func (l *lister) add(kind string, start, end token.Pos, replacement, scope string) {
	l.sites = append(l.sites, site{kind, l.offset(start), l.offset(end), replacement, scope})
}

// typeOf is nil when type checking could not tell (an import outside the standard library): the site is kept then.
func (l *lister) typeOf(expr ast.Expr) types.Type {
	if tv, ok := l.info.Types[expr]; ok {
		return tv.Type
	}
	return nil
}

func isString(t types.Type) bool {
	basic, ok := t.Underlying().(*types.Basic)
	return ok && basic.Info()&types.IsString != 0
}

// orphans says whether removing [start, end) takes every use of an import or of a local variable declared outside it:
// go refuses such a program ("imported and not used", "declared and not used"), so the mutation would not build.
func (l *lister) orphans(start, end token.Pos) bool {
	for object, positions := range l.uses {
		if object.Pos() >= start && object.Pos() < end {
			continue
		}
		inside := true
		for _, at := range positions {
			if at < start || at >= end {
				inside = false
				break
			}
		}
		if inside {
			return true
		}
	}
	return false
}

func (l *lister) function(name string, body *ast.BlockStmt) {
	if body == nil || len(body.List) == 0 {
		return
	}
	// panic compiles whatever the function returns.
	start, end := body.List[0].Pos(), body.List[len(body.List)-1].End()
	if !l.orphans(start, end) {
		l.add("remove-body", start, end, `panic("not implemented")`, name)
	}
	l.walk(body, name)
}

func (l *lister) statements(list []ast.Stmt, scope string) {
	for _, statement := range list {
		droppable := false
		switch s := statement.(type) {
		case *ast.ExprStmt:
			_, droppable = s.X.(*ast.CallExpr)
		case *ast.AssignStmt:
			droppable = s.Tok != token.DEFINE // dropping a := would leave its later uses undeclared
		case *ast.IncDecStmt:
			droppable = true
		}
		if droppable && !l.orphans(statement.Pos(), statement.End()) {
			l.add("drop-statement", statement.Pos(), statement.End(), "", scope)
		}
	}
}

func (l *lister) walk(root ast.Node, scope string) {
	ast.Inspect(root, func(node ast.Node) bool {
		switch n := node.(type) {
		case *ast.FuncLit:
			if n != root {
				l.function(scope+".func", n.Body)
				return false
			}
		case *ast.BlockStmt:
			l.statements(n.List, scope)
		case *ast.CaseClause:
			l.statements(n.Body, scope)
		case *ast.CommClause:
			l.statements(n.Body, scope)
		case *ast.IfStmt:
			l.add("invert-condition", n.Cond.Pos(), n.Cond.End(), "!("+l.text(n.Cond)+")", scope)
		case *ast.BinaryExpr:
			swapped, ok := operatorSwaps[n.Op]
			// "a" + b made "-" does not compile: no task.
			if t := l.typeOf(n.X); ok && !(n.Op == token.ADD && t != nil && isString(t)) {
				l.add("change-operator", n.OpPos, n.OpPos+token.Pos(len(n.Op.String())), swapped.String(), scope)
			}
		case *ast.CallExpr:
			if len(n.Args) >= 2 && !(len(n.Args) == 2 && n.Ellipsis.IsValid()) {
				a, b := n.Args[0], n.Args[1]
				ta, tb := l.typeOf(a), l.typeOf(b)
				// Two arguments of different types do not compile swapped: no task.
				if l.text(a) != l.text(b) && (ta == nil || tb == nil || types.Identical(ta, tb)) {
					between := string(l.data[l.offset(a.End()):l.offset(b.Pos())])
					l.add("swap-arguments", a.Pos(), b.End(), l.text(b)+between+l.text(a), scope)
				}
			}
		}
		return true
	})
}

func describeFunc(decl *ast.FuncDecl) string {
	if decl.Recv == nil || len(decl.Recv.List) == 0 {
		return decl.Name.Name
	}
	receiver := decl.Recv.List[0].Type
	if star, ok := receiver.(*ast.StarExpr); ok {
		receiver = star.X
	}
	if index, ok := receiver.(*ast.IndexExpr); ok {
		receiver = index.X
	}
	if ident, ok := receiver.(*ast.Ident); ok {
		return ident.Name + "." + decl.Name.Name
	}
	return decl.Name.Name
}

// collectLocalUses: where each import and each local variable (declared in a function body, not a parameter, a result
// or a field) is used; a package-level name can go unused, these cannot.
func collectLocalUses(files map[string]*ast.File, info *types.Info) map[types.Object][]token.Pos {
	signature := map[types.Object]bool{}
	for _, file := range files {
		ast.Inspect(file, func(node ast.Node) bool {
			if fn, ok := node.(*ast.FuncType); ok {
				for _, list := range []*ast.FieldList{fn.Params, fn.Results} {
					if list == nil {
						continue
					}
					for _, field := range list.List {
						for _, name := range field.Names {
							signature[info.Defs[name]] = true
						}
					}
				}
			}
			if decl, ok := node.(*ast.FuncDecl); ok && decl.Recv != nil {
				for _, field := range decl.Recv.List {
					for _, name := range field.Names {
						signature[info.Defs[name]] = true
					}
				}
			}
			return true
		})
	}
	uses := map[types.Object][]token.Pos{}
	for ident, object := range info.Uses {
		switch o := object.(type) {
		case *types.PkgName:
			uses[o] = append(uses[o], ident.Pos())
		case *types.Var:
			if !o.IsField() && !signature[o] && o.Parent() != nil && o.Pkg() != nil && o.Parent() != o.Pkg().Scope() {
				uses[o] = append(uses[o], ident.Pos())
			}
		}
	}
	return uses
}

func main() {
	root, files := os.Args[1], os.Args[2:]
	result := map[string]interface{}{}
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	contents := map[string][]byte{}
	packages := map[string][]*ast.File{}
	for _, path := range files {
		data, err := os.ReadFile(filepath.Join(root, path))
		if err == nil {
			var file *ast.File
			file, err = parser.ParseFile(fset, path, data, parser.ParseComments)
			if err == nil {
				parsed[path], contents[path] = file, data
				key := filepath.Dir(path) + " " + file.Name.Name
				packages[key] = append(packages[key], file)
			}
		}
		if err != nil {
			message := err.Error()
			if len(message) > 200 {
				message = message[:200]
			}
			result[path] = map[string]string{"error": message}
		}
	}
	// Types where they can be known: each package checked from its own files, the standard library from source.
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	keys := make([]string, 0, len(packages))
	for key := range packages {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		config := types.Config{Importer: importer.ForCompiler(fset, "source", nil), Error: func(error) {}}
		config.Check(strings.Fields(key)[1], fset, packages[key], info)
	}
	uses := collectLocalUses(parsed, info)
	for path, file := range parsed {
		l := &lister{fset: fset, data: contents[path], info: info, uses: uses, sites: []site{}}
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok {
				l.function(describeFunc(fn), fn.Body)
			}
		}
		sort.Slice(l.sites, func(i, j int) bool {
			a, b := l.sites[i], l.sites[j]
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			if a.End != b.End {
				return a.End < b.End
			}
			return a.Kind < b.Kind
		})
		result[path] = l.sites
	}
	output, _ := json.Marshal(map[string]interface{}{"files": result})
	os.Stdout.Write(output)
}
