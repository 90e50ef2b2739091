"""The page itself: one HTML file with vis.js, the style, the script and the data inlined.

Document text only ever travels as JSON in a `<script type="application/json">` block, with
`<`, `>` and `&` written as \\u003c, \\u003e, \\u0026 so that no sentence can close the block;
the page's script puts it into the DOM as text. A Content-Security-Policy allows exactly the
page's own two scripts (by hash) and no request to anywhere.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from .style import FAMILIES, KINDS

VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")  # shipped inside pyvis 0.3.2
PLACEHOLDER = re.compile(r"\{\{(csp|css|legend|data|vis|app)\}\}")
UNSAFE_IN_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def static_text(name: str) -> str:
    return (resources.files(__package__) / "static" / name).read_text(encoding="utf-8")


def vis_network_js() -> str:
    path = resources.files("pyvis")
    for part in VIS_JS:
        path = path / part
    return path.read_text(encoding="utf-8")


def script_json(payload: Any) -> str:
    """JSON that is safe inside a <script> element and deterministic (sorted keys)."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_ESCAPES[m.group(0)], text)


def legend_html() -> str:
    """The legend: fixed names and colours from style.py, nothing from the documents."""
    esc = html.escape
    kinds = "\n".join(
        f'        <li><span class="dot {esc(k.shape)}" style="background:{esc(k.colour)}"></span>{esc(k.label)}</li>'
        for k in KINDS if k.name != "Other")
    families = "\n".join(
        f'        <li><span class="swatch" style="border-top-color:{esc(f.colour)}"></span>{esc(f.label)}</li>'
        for f in FAMILIES if f.relations)
    line, dashed = ('<span class="swatch" style="border-top-color:#555"></span>',
                    '<span class="swatch dashed" style="border-top-color:#555"></span>')
    return (
        '      <h3>Actors, by type</h3>\n      <ul id="legend-kinds">\n' + kinds + "\n      </ul>\n"
        '      <h3>Claims, by relation family</h3>\n      <ul id="legend-families">\n' + families + "\n      </ul>\n"
        '      <ul id="legend-lines">\n'
        f'        <li>{line}asserted; arrow: subject to object</li>\n'
        f'        <li>{dashed}negative: the claim is denied</li>\n'
        "        <li>No arrow: a symmetric relation (allied with, meets with)</li>\n"
        "        <li>Node size: claims the actor takes part in; edge width and \u00d7n: claims behind one edge</li>\n"
        "      </ul>")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def assemble(payload: dict[str, Any]) -> str:
    vis, app = vis_network_js(), static_text("graph.js")
    for code in (vis, app):
        if UNSAFE_IN_SCRIPT.search(code):
            raise ValueError("inline script contains '</script' or '<!--'")
    csp = ("default-src 'none'; " f"script-src {_hash(vis)} {_hash(app)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {"csp": csp, "css": static_text("graph.css"), "legend": legend_html(), "data": script_json(payload),
             "vis": vis, "app": app}
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], static_text("page.html"))
