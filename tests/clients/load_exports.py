"""Loads kgx's exports with the clients people use and checks them against graph.json.

Usage: load_exports.py OUTPUT_DIR. Run by tests/clients.rs; exits non-zero with a message on the first
export that does not load or does not agree with graph.json.

- graph.graphml: an XML parser (key ids and attribute names declared once), NetworkX read_graphml and
  igraph Graph.Read_GraphML (node and edge counts, labels).
- neo4j/*.csv: Kuzu, an embedded Cypher database: one node table per label and one relationship table per
  type, created from the files' headers and loaded with COPY (by position, a label at a time), then asked
  who holds positions in the company with most holders.
- graph.ttl and graph.jsonld: pyoxigraph, each asked the same question in SPARQL; both give as many
  triples, and the same ones but for blank node labels.
- facts.jsonl: one fact per line, the same edges as graph.json.
"""

import csv
import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import igraph
import kuzu
import networkx
import pyoxigraph

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def check(condition, message):
    if not condition:
        sys.exit(f"load_exports.py: {message}")


def graphml(out, graph):
    path = out / "graph.graphml"
    keys = ET.parse(path).getroot().findall(f"{GRAPHML}key")
    ids = [key.get("id") for key in keys]
    check(len(ids) == len(set(ids)), f"duplicate GraphML key ids: {ids}")
    names = [(key.get("for"), key.get("attr.name")) for key in keys]
    check(len(names) == len(set(names)), f"a GraphML attribute declared twice: {names}")
    nx = networkx.read_graphml(path)
    check(nx.is_directed(), "NetworkX reads an undirected graph")
    counts = (nx.number_of_nodes(), nx.number_of_edges())
    check(counts == (len(graph["nodes"]), len(graph["edges"])), f"NetworkX counts {counts}")
    check(all("label" in data for _, data in nx.nodes(data=True)), "a node without label")
    check(all("label" in data for _, _, data in nx.edges(data=True)), "an edge without label")
    ig = igraph.Graph.Read_GraphML(str(path))
    counts = (ig.vcount(), ig.ecount())
    check(counts == (len(graph["nodes"]), len(graph["edges"])), f"igraph counts {counts}")
    check(ig.is_directed(), "igraph reads an undirected graph")
    weights = sorted(ig.es["weight"])
    check(weights == sorted(edge["weight"] for edge in graph["edges"]), "igraph weights differ")
    print(f"graphml: NetworkX and igraph read {counts[0]} nodes, {counts[1]} edges")


def kuzu_type(column):
    """The Kuzu type and the expression reading `column` (a string) for a neo4j-admin header cell."""
    name, _, kind = column.partition(":")
    if kind.endswith("[]"):
        return "STRING[]", f"CASE WHEN {{c}} IS NULL THEN CAST([] AS STRING[]) ELSE string_split({{c}}, ';') END"
    return {
        "int": ("INT64", "CAST({c} AS INT64)"),
        "boolean": ("BOOLEAN", "{c} = 'true'"),
    }.get(kind, ("STRING", "{c}"))


def property_name(column):
    name = column.partition(":")[0]
    return name or column.strip(":").lower()


def header(path):
    with open(path, newline="", encoding="utf-8") as file:
        return next(csv.reader(file))


def neo4j(out, graph, company):
    folder = out / "neo4j"
    database = kuzu.Database(str(Path(tempfile.mkdtemp()) / "kuzu"))
    connection = kuzu.Connection(database)

    def rows(query, parameters=None):
        result = connection.execute(query, parameters or {})
        found = []
        while result.has_next():
            found.append(result.get_next())
        return found

    def copy(table, path, columns, where="", options=""):
        reads = ", ".join(
            kuzu_type(column)[1].format(c=f"column{index}") for index, column in enumerate(columns)
        )
        condition = f" WHERE {where}" if where else ""
        connection.execute(
            f"COPY {table} FROM (LOAD FROM '{path}' (header=false, skip=1, auto_detect=false)"
            f"{condition} RETURN {reads}){options}"
        )

    labels = []
    for path in sorted(folder.glob("nodes.*.csv")):
        columns = header(path)
        check(columns[0].endswith(":ID") and columns[-1] == ":LABEL", f"{path.name}: {columns}")
        label = path.name[len("nodes."):-len(".csv")]
        definition = ", ".join(
            f"{property_name(column)} {kuzu_type(column)[0]}" for column in columns
        )
        connection.execute(f"CREATE NODE TABLE {label}({definition}, PRIMARY KEY(id))")
        copy(label, path, columns)
        labels.append(label)
    nodes = sum(rows(f"MATCH (n:{label}) RETURN count(n)")[0][0] for label in labels)
    check(nodes == len(graph["nodes"]), f"Kuzu loaded {nodes} nodes")

    ends = {}
    for edge in graph["edges"]:
        pair = (edge["source"].split(":")[0], edge["target"].split(":")[0])
        ends.setdefault(edge["type"], set()).add(pair)
    edges = 0
    for path in sorted(folder.glob("relationships.*.csv")):
        columns = header(path)
        check(columns[:3] == [":START_ID", ":END_ID", ":TYPE"], f"{path.name}: {columns}")
        kind = path.name[len("relationships."):-len(".csv")]
        pairs = sorted(ends[kind])
        definition = ", ".join(
            [f"FROM {source} TO {target}" for source, target in pairs]
            + [f"{property_name(column)} {kuzu_type(column)[0]}" for column in columns[2:]]
        )
        connection.execute(f"CREATE REL TABLE {kind}({definition})")
        for source, target in pairs:
            where = f"starts_with(column0, '{source}:') AND starts_with(column1, '{target}:')"
            copy(kind, path, columns, where, f" (from='{source}', to='{target}')")
        edges += rows(f"MATCH ()-[r:{kind}]->() RETURN count(r)")[0][0]
    check(edges == len(graph["edges"]), f"Kuzu loaded {edges} relationships")
    holders = rows(
        "MATCH (p:person)-[r:holds_position]->(c:company) WHERE c.name = $name "
        "RETURN p.name, r.title",
        {"name": company},
    )
    print(f"neo4j: Kuzu loaded {nodes} nodes, {edges} relationships; {len(holders)} positions in {company}")
    return {tuple(row) for row in holders}


def rdf(out, graph, company, name, rdf_format):
    store = pyoxigraph.Store()
    with open(out / name, "rb") as file:
        store.load(file, rdf_format)
    prefixes = """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX kgx: <https://kgx.invalid/schema#>
        PREFIX kgxt: <https://kgx.invalid/type/>
        PREFIX kgxr: <https://kgx.invalid/relation/>
        PREFIX kgxa: <https://kgx.invalid/attribute/>
    """
    count = lambda query: int(next(iter(store.query(prefixes + query)))[0].value)
    nodes = count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?name }")
    edges = count("SELECT (COUNT(?e) AS ?n) WHERE { ?e a kgx:Edge }")
    check((nodes, edges) == (len(graph["nodes"]), len(graph["edges"])), f"{name}: RDF counts {(nodes, edges)}")
    query = prefixes + """
        SELECT ?person ?title WHERE {
          ?edge kgx:relation kgxr:holds_position ; kgx:source ?p ; kgx:target ?c ; kgxa:title ?title .
          ?c a kgxt:company ; rdfs:label %s .
          ?p rdfs:label ?person .
        }""" % json.dumps(company)
    holders = {(row["person"].value, row["title"].value) for row in store.query(query)}
    print(f"{name}: pyoxigraph loaded {len(store)} triples; {len(holders)} positions in {company}")
    return store, holders


def without_blank_nodes(store):
    return {
        quad for quad in store
        if not isinstance(quad.subject, pyoxigraph.BlankNode) and not isinstance(quad.object, pyoxigraph.BlankNode)
    }


def facts(out, graph):
    lines = (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    check(ids == [edge["id"] for edge in graph["edges"]], "facts.jsonl does not list graph.json's edges")
    print(f"facts: {len(ids)} lines")


def main():
    out = Path(sys.argv[1])
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in graph["nodes"]}
    positions = [edge for edge in graph["edges"] if edge["type"] == "holds_position"]
    in_companies = Counter(edge["target"] for edge in positions if edge["target"].startswith("company:"))
    check(in_companies, "no holds_position edge into a company in graph.json")
    company_id = min(in_companies, key=lambda id: (-in_companies[id], id))
    company = nodes[company_id]["name"]
    expected = {
        (nodes[edge["source"]]["name"], edge["attributes"].get("title"))
        for edge in positions
        if edge["target"] == company_id
    }
    graphml(out, graph)
    facts(out, graph)
    found = neo4j(out, graph, company)
    check(found == expected, f"Kuzu: {sorted(found)} != graph.json: {sorted(expected)}")
    turtle, found = rdf(out, graph, company, "graph.ttl", pyoxigraph.RdfFormat.TURTLE)
    check(found == expected, f"SPARQL on Turtle: {sorted(found)} != graph.json: {sorted(expected)}")
    jsonld, found = rdf(out, graph, company, "graph.jsonld", pyoxigraph.RdfFormat.JSON_LD)
    check(found == expected, f"SPARQL on JSON-LD: {sorted(found)} != graph.json: {sorted(expected)}")
    check(len(jsonld) == len(turtle), f"{len(jsonld)} triples from JSON-LD, {len(turtle)} from Turtle")
    check(without_blank_nodes(jsonld) == without_blank_nodes(turtle), "JSON-LD and Turtle state other triples")
    print("graph.jsonld: the same triples as graph.ttl")
    print(f"all exports agree with graph.json: {len(expected)} positions in {company}")


if __name__ == "__main__":
    main()
