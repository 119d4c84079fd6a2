// Dev tool (not part of the build): runs Go's text/template with Sprig's function map and a Helm-like layer
// over test cases, so the TypeScript engine in render/helm/template can be compared with Go's real output.
//
// Input (stdin): a JSON array of cases {id, tpl, name?, files?: {name: text}, data, mode: "helm"|"go"}.
// Output (stdout): a JSON array of {id, out, err}.
//
// Build and run without network (Debian packages golang-go, golang-github-masterminds-sprig-dev,
// golang-gopkg-yaml.v2-dev, golang-github-burntsushi-toml-dev):
//
//	cd scripts/dev/gotmpl && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS=-mod=mod go build -o /tmp/gotmpl .
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig"
	yaml "gopkg.in/yaml.v2"
)

type testCase struct {
	ID    string            `json:"id"`
	Tpl   string            `json:"tpl"`
	Name  string            `json:"name"`
	Files map[string]string `json:"files"`
	Data  interface{}       `json:"data"`
	Mode  string            `json:"mode"`
}

type result struct {
	ID  string `json:"id"`
	Out string `json:"out"`
	Err string `json:"err,omitempty"`
}

// JSON -> YAML as a library converting through JSON does it: marshal to JSON, read it as YAML, write YAML.
func toYAML(v interface{}) string {
	j, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var obj interface{}
	if err := yaml.Unmarshal(j, &obj); err != nil {
		return ""
	}
	y, err := yaml.Marshal(obj)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(y), "\n")
}

func yamlToJSONValue(y []byte, target interface{}) error {
	var obj interface{}
	if err := yaml.Unmarshal(y, &obj); err != nil {
		return err
	}
	j, err := json.Marshal(convert(obj))
	if err != nil {
		return err
	}
	return json.Unmarshal(j, target)
}

func convert(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, val := range t {
			m[fmt.Sprint(k)] = convert(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = convert(t[i])
		}
		return t
	}
	return v
}

func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yamlToJSONValue([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(s string) []interface{} {
	a := []interface{}{}
	if err := yamlToJSONValue([]byte(s), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(s string) map[string]interface{} {
	m := make(map[string]interface{})
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(s string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func toTOML(v interface{}) string {
	b := bytes.NewBuffer(nil)
	if err := toml.NewEncoder(b).Encode(v); err != nil {
		return err.Error()
	}
	return b.String()
}

func funcs(root **template.Template, helm bool) template.FuncMap {
	f := sprig.TxtFuncMap()
	if !helm {
		return f
	}
	delete(f, "env")
	delete(f, "expandenv")
	included := map[string]int{}
	f["toToml"] = toTOML
	f["toYaml"] = toYAML
	f["fromYaml"] = fromYAML
	f["fromYamlArray"] = fromYAMLArray
	f["toJson"] = toJSON
	f["fromJson"] = fromJSON
	f["fromJsonArray"] = fromJSONArray
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) { return map[string]interface{}{}, nil }
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(warn)
		} else if s, ok := val.(string); ok && s == "" {
			return val, errors.New(warn)
		}
		return val, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	f["include"] = includeFun(root, included)
	f["tpl"] = tplFun(root, included)
	return f
}

func includeFun(t **template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		if included[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
		}
		included[name]++
		err := (*t).ExecuteTemplate(&buf, name, data)
		included[name]--
		return buf.String(), err
	}
}

func tplFun(parent **template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(text string, vals interface{}) (string, error) {
		t, err := (*parent).Clone()
		if err != nil {
			return "", err
		}
		t.Option("missingkey=zero")
		clone := t
		t.Funcs(template.FuncMap{"include": includeFun(&clone, included), "tpl": tplFun(&clone, included)})
		t, err = t.New((*parent).Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}

func run(c testCase) (res result) {
	res.ID = c.ID
	defer func() {
		if r := recover(); r != nil {
			res.Err = fmt.Sprintf("panic: %v", r)
		}
	}()
	helm := c.Mode != "go"
	var root *template.Template
	root = template.New("gotpl")
	root.Funcs(funcs(&root, helm))
	if helm {
		root.Option("missingkey=zero")
	}
	names := make([]string, 0, len(c.Files))
	for n := range c.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, err := root.New(n).Parse(c.Files[n]); err != nil {
			res.Err = err.Error()
			return
		}
	}
	name := c.Name
	if name == "" {
		name = "main"
	}
	if _, err := root.New(name).Parse(c.Tpl); err != nil {
		res.Err = err.Error()
		return
	}
	var buf strings.Builder
	if err := root.ExecuteTemplate(&buf, name, c.Data); err != nil {
		res.Err = err.Error()
		return
	}
	res.Out = buf.String()
	if helm {
		res.Out = strings.ReplaceAll(res.Out, "<no value>", "")
	}
	return
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var cases []testCase
	dec := json.NewDecoder(bytes.NewReader(in))
	if err := dec.Decode(&cases); err != nil {
		panic(err)
	}
	out := make([]result, 0, len(cases))
	for _, c := range cases {
		out = append(out, run(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
