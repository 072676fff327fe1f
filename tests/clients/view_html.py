"""Opens kgx's graph.html in headless Chromium and uses it as a person would.

Usage: view_html.py OUTPUT_DIR SCREENSHOT. Run by tests/viewer.rs. Drives Debian's chromium (or the one
$KGX_CHROMIUM names) through Playwright, which downloads no browser. Checks, against graph.json: the page
loads with no console error; the total of entities it shows is graph.json's; searching a name (by a
substring, and by an alias) finds the entity and opens its details; clicking a drawn edge shows that
edge's evidence sentences with both ends marked and the documents named. Saves a screenshot of the page
as it is then. Exits non-zero with a message on the first thing that fails.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def check(condition, message):
    if not condition:
        sys.exit(f"view_html.py: {message}")


def main():
    out, screenshot = Path(sys.argv[1]), Path(sys.argv[2])
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in graph["nodes"]}
    degree = Counter()
    for edge in graph["edges"]:
        degree.update([edge["source"], edge["target"]])
    check(degree, "graph.json has no edge to click")
    hub = nodes[min(degree, key=lambda id: (-degree[id], id))]
    executable = os.environ.get("KGX_CHROMIUM", "/usr/bin/chromium")
    errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: request.url.startswith("http") and errors.append(
            f"the page fetched {request.url}: it must work offline"))
        page.goto((out / "graph.html").resolve().as_uri())
        page.wait_for_function("window.kgxViewer && window.kgxViewer.cy.nodes().length > 0")
        check(not errors, f"errors while loading: {errors}")

        total = int(page.text_content("#total-nodes"))
        check(total == len(graph["nodes"]), f"the page shows {total} entities, graph.json has {len(graph['nodes'])}")
        drawn = page.evaluate("window.kgxViewer.cy.nodes().length")
        shown = int(page.text_content("#shown-nodes"))
        check(drawn == shown > 0, f"{drawn} entities drawn, {shown} said to be shown")
        print(f"viewer: {total} entities in graph.json and on the page, {drawn} drawn")

        # Search by a substring of the best-connected entity's name, then open it.
        query = hub["name"][1:5] if len(hub["name"]) > 5 else hub["name"]
        page.fill("#search", query)
        results = page.locator("#results li[data-id]")
        ids = [results.nth(i).get_attribute("data-id") for i in range(results.count())]
        check(hub["id"] in ids, f"searching {query!r} does not list {hub['id']}: {ids}")
        page.click(f'#results li[data-id="{hub["id"]}"]')
        check(page.text_content("#details h2") == hub["name"], "choosing a result does not show the entity")
        with_alias = next((node for node in graph["nodes"] if node["aliases"]), None)
        if with_alias:
            page.fill("#search", with_alias["aliases"][0])
            ids = page.eval_on_selector_all("#results li[data-id]", "items => items.map(i => i.dataset.id)")
            check(with_alias["id"] in ids, f"searching the alias {with_alias['aliases'][0]!r} does not list it")
            page.press("#search", "Escape")
        print(f"viewer: searching {query!r} finds {hub['name']}")

        # Back to the overview; click the middle of a drawn edge there, as a user would, and read its
        # evidence. The edge is the one whose middle is farthest from every entity and other edge's middle.
        page.click("#reset")
        point = page.evaluate("""() => {
            const cy = window.kgxViewer.cy;
            const box = cy.container().getBoundingClientRect();
            const middles = cy.edges().map(e => ({id: e.id(), ...e.renderedMidpoint()}));
            const outside = (m, b) => Math.max(b.x1 - m.x, m.x - b.x2, b.y1 - m.y, m.y - b.y2);
            const clearance = (m) => Math.min(
                m.x - 10, m.y - 10, box.width - 10 - m.x, box.height - 10 - m.y,
                ...cy.nodes().map(n => outside(m, n.renderedBoundingBox({includeLabels: false}))),
                ...middles.filter(o => o.id !== m.id).map(o => Math.hypot(o.x - m.x, o.y - m.y) / 2));
            const best = middles.map(m => ({...m, clear: clearance(m)})).sort((a, b) => b.clear - a.clear)[0];
            return best && best.clear > 3 && {id: best.id, x: box.left + best.x, y: box.top + best.y};
        }""")
        check(point, "no drawn edge can be clicked clear of the others")
        page.mouse.click(point["x"], point["y"])
        page.wait_for_selector("#details[data-edge] .evidence li")
        clicked = page.get_attribute("#details", "data-edge")
        edge = next((edge for edge in graph["edges"] if edge["id"] == clicked), None)
        check(edge is not None, f"the details name {clicked}, no edge of graph.json")
        sentences = page.eval_on_selector_all(".evidence .sentence", "items => items.map(i => i.textContent)")
        documents = page.eval_on_selector_all(".evidence .document", "items => items.map(i => i.textContent)")
        check(sentences == [item["sentence"] for item in edge["evidence"]],
              f"edge {clicked}: the page shows {sentences}")
        check(documents == [item["document"] for item in edge["evidence"]],
              f"edge {clicked}: the page names {documents}")
        check(page.locator(".evidence mark").count() > 0, f"edge {clicked}: no mention is marked")
        print(f"viewer: clicking edge {clicked} shows its {len(sentences)} evidence sentences")

        page.screenshot(path=str(screenshot))
        check(not errors, f"console errors: {errors}")
        browser.close()
    print(f"viewer: no console error; screenshot {screenshot}")


if __name__ == "__main__":
    main()
