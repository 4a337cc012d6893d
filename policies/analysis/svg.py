"""The graph drawn as SVG on the server: three columns (users; groups above roles;
policies), rows ordered by their neighbours' positions (one barycentre sweep), edges as
curves.

Colours and sizes are presentation attributes (no style element: the console's CSP forbids
inline styles, and an exported file keeps its look). Sizes suit a projector: 16 px labels.
"""

from __future__ import annotations

from html import escape

from .graph import COLUMNS, KINDS, Graph, Node

NODE_W, NODE_H, ROW, TOP, LEFT = 240, 38, 50, 70, 20
COLUMN_GAP = 110
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FILL = {"user": ("#e6f0fb", "#1f5fa8"), "group": ("#e8f5e9", "#2e7d32"),
        "role": ("#fff3e0", "#a85d00"), "policy": ("#f1ebf9", "#5e35b1")}
EDGE = {"member": ("#5b8bd0", "", "2"), "attached": ("#9c88c6", "", "1.5"),
        "trust": ("#d0841a", "7 5", "2"), "escalation": ("#d32f2f", "", "4")}
TITLES = {"user": "Users", "group": "Groups", "role": "Roles", "policy": "Policies"}
FLAGS = {"admin": ("ADMIN", "#b71c1c"), "escalates": ("ESCALATES", "#d32f2f")}
MAX_LABEL = 22


def _x(kind: str) -> int:
    return LEFT + COLUMNS[kind] * (NODE_W + COLUMN_GAP)


def _rows(kind: str, counts: dict[str, int]) -> int:
    """The first row of a kind: roles start below the groups and their own heading."""
    return counts["group"] + 1 if kind == "role" and counts["group"] else 0


def layout(graph: Graph) -> dict[str, tuple[int, int]]:
    """Top-left corner of each node."""
    near = graph.neighbours()
    columns: dict[str, list[Node]] = {kind: [] for kind in KINDS}
    for node in graph.nodes.values():
        columns[node.kind].append(node)
    rank: dict[str, float] = {}

    def place(kind: str, key: object) -> None:
        column = sorted(columns[kind], key=key)  # type: ignore[arg-type]
        columns[kind] = column
        rank.update({node.id: index for index, node in enumerate(column)})

    def centre(node: Node) -> tuple[float, str]:
        placed = [rank[n] for n in near[node.id] if n in rank]
        return (sum(placed) / len(placed) if placed else 1e9, node.label.lower())

    place("user", lambda n: (not n.flag, n.label.lower()))
    for kind in ("group", "role", "policy"):
        place(kind, centre)
    place("user", centre)  # users beside their groups, roles and policies
    counts = {kind: len(column) for kind, column in columns.items()}
    positions: dict[str, tuple[int, int]] = {}
    for kind, column in columns.items():
        first = _rows(kind, counts)
        for index, node in enumerate(column):
            positions[node.id] = (_x(kind), TOP + (first + index) * ROW)
    return positions


def _curve(a: tuple[int, int], b: tuple[int, int]) -> str:
    ya, yb = a[1] + NODE_H // 2, b[1] + NODE_H // 2
    if a[0] == b[0]:  # same column: an arc on the right
        x = a[0] + NODE_W
        bulge = 60 + min(200, abs(ya - yb) // 6)
        return f"M{x},{ya} C{x + bulge},{ya} {x + bulge},{yb} {x + 6},{yb}"
    if a[0] < b[0]:
        xa, xb = a[0] + NODE_W, b[0] - 6
    else:
        xa, xb = a[0], b[0] + NODE_W + 6
    mid = (xa + xb) // 2
    return f"M{xa},{ya} C{mid},{ya} {mid},{yb} {xb},{yb}"


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def _node(node: Node, x: int, y: int) -> str:
    fill, stroke = FILL[node.kind]
    width = "4" if node.flag else "1.5"
    border = FLAGS[node.flag][1] if node.flag else stroke
    title = escape(" · ".join(filter(None, [node.id, node.detail])))
    parts = [
        f'<g class="graph-node node-{node.kind}{" is-flagged" if node.flag else ""}" '
        f'data-id="{escape(node.id)}" data-kind="{node.kind}" tabindex="0" '
        f'transform="translate({x},{y})">',
        f"<title>{title}</title>",
        f'<rect width="{NODE_W}" height="{NODE_H}" rx="7" fill="{fill}" stroke="{border}" '
        f'stroke-width="{width}"/>',
        f'<text x="12" y="25" font-size="16" font-family="{FONT}" fill="#1b1b1b">'
        f"{escape(_label(node.label))}</text>",
    ]
    if node.flag:
        badge, colour = FLAGS[node.flag]
        parts.append(f'<text x="{NODE_W - 10}" y="24" font-size="11" font-weight="700" '
                     f'text-anchor="end" font-family="{FONT}" fill="{colour}">{badge}</text>')
    parts.append("</g>")
    return "".join(parts)


def render(graph: Graph) -> str:
    """The graph as one standalone SVG document (what the page shows and exports)."""
    positions = layout(graph)
    counts = {k: len([n for n in graph.nodes.values() if n.kind == k]) for k in KINDS}
    rows = max(counts["user"], counts["policy"], _rows("role", counts) + counts["role"], 1)
    width = _x("policy") + NODE_W + 60
    height = TOP + rows * ROW + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="account-graph" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Graph of the account: {len(graph.nodes)} entities, '
        f'{len(graph.edges)} relations">',
        '<defs><marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker>'
        '<marker id="graph-arrow-escalation" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#d32f2f"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for kind in (k for k in KINDS if counts[k]):
        y = 40 + _rows(kind, counts) * ROW
        out.append(f'<text x="{_x(kind)}" y="{y}" font-size="20" font-weight="700" '
                   f'font-family="{FONT}" fill="#333">{TITLES[kind]}</text>')
    out.append('<g class="graph-edges">')
    for edge in sorted(graph.edges, key=lambda e: e.kind == "escalation"):
        if edge.source not in positions or edge.target not in positions:
            continue
        colour, dash, stroke = EDGE[edge.kind]
        marker = "graph-arrow-escalation" if edge.kind == "escalation" else "graph-arrow"
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        arrow = f' marker-end="url(#{marker})"' if edge.kind in ("trust", "escalation") else ""
        label = escape(f"{edge.kind}: {edge.label}" if edge.label else edge.kind)
        out.append(
            f'<path class="graph-edge edge-{edge.kind}" data-source="{escape(edge.source)}" '
            f'data-target="{escape(edge.target)}" '
            f'd="{_curve(positions[edge.source], positions[edge.target])}" fill="none" '
            f'stroke="{colour}" stroke-width="{stroke}"{dashes}{arrow}>'
            f"<title>{label}</title></path>")
    out.append('</g><g class="graph-nodes">')
    for node in graph.nodes.values():
        out.append(_node(node, *positions[node.id]))
    out.append("</g></svg>")
    return "".join(out)
