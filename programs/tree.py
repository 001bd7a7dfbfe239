"""The cascade tree (pohon kinerja) of a province and year, laid out here and drawn as inline SVG.

National target -> the province's targets -> each regency/city's targets, left to right. Only
geometry and text are computed; colours come from presentation attributes in the template (the
CSP forbids inline styles), so the drawing prints and works offline without JavaScript.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from agencies.models import Level
from programs.models import Target

NODE_WIDTH = 300
NODE_HEIGHT = 58
COLUMN_GAP = 60
ROW_GAP = 12
MARGIN = 10
LINE_CHARS = 46


def _short(text, limit=LINE_CHARS):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Node:
    target: Target
    level: str
    children: list = field(default_factory=list)
    x: int = 0
    y: int = 0

    @property
    def title(self):
        return _short(self.target.indicator)

    @property
    def figure(self):
        return _short(f"{self.target.value.normalize():f} {self.target.unit}", 30)

    @property
    def owner(self):
        agency = self.target.program.agency
        return _short(agency.short_name or agency.name, 40)

    @property
    def width(self):
        return NODE_WIDTH

    @property
    def height(self):
        return NODE_HEIGHT


@dataclass
class Tree:
    nodes: list
    edges: list  # (x1, y1, x2, y2) from a parent's right edge to a child's left edge
    width: int
    height: int


def build_tree(province, year):
    """Lay out the province's cascade in ``year`` (one query)."""
    code = province.code
    targets = list(
        Target.objects.filter(program__fiscal_year=year)
        .filter(
            Q(program__level=Level.NATIONAL)
            | Q(program__agency__region_id=code)
            | Q(program__level=Level.REGENCY, program__agency__region__code__startswith=f"{code}.")
        )
        .select_related("program__agency")
        .order_by("program__level", "program__agency__region_id", "pk")
    )
    nodes = {t.pk: Node(target=t, level=t.program.level) for t in targets}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.target.parent_id)
        if parent is not None:
            parent.children.append(node)
        else:
            roots.append(node)
    # National targets the province does not follow are left out; so are unlinked regency targets
    # under no provincial target (they are gaps of the matrix, not branches of the tree).
    roots = [n for n in roots if (n.level == Level.NATIONAL and n.children) or n.level == Level.PROVINCIAL]
    column = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.REGENCY: 2}
    placed, edges = [], []
    cursor = [MARGIN]

    def place(node):
        node.x = MARGIN + column[node.level] * (NODE_WIDTH + COLUMN_GAP)
        if node.children:
            for child in node.children:
                place(child)
            first, last = node.children[0], node.children[-1]
            node.y = (first.y + last.y) // 2
            for child in node.children:
                edges.append(
                    (node.x + NODE_WIDTH, node.y + NODE_HEIGHT // 2, child.x, child.y + NODE_HEIGHT // 2)
                )
        else:
            node.y = cursor[0]
            cursor[0] += NODE_HEIGHT + ROW_GAP
        placed.append(node)

    for root in roots:
        place(root)
    width = MARGIN * 2 + 3 * NODE_WIDTH + 2 * COLUMN_GAP
    return Tree(nodes=placed, edges=edges, width=width, height=max(cursor[0], NODE_HEIGHT) + MARGIN)
