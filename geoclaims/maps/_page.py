"""The page parts of an interactive map, handed to branca as finished markup.

branca renders every ``MacroElement`` macro and then compiles the result *again* as
a Jinja template (``Element(header(self, kwargs))`` in ``MacroElement.render``). Any
``{{ … }}`` or ``{% … %}`` that reached such an element from a document, a title or
a tile URL would run as Python or break the page. So nothing of ours goes through a
branca or folium template: the claims payload, our script and style, the vendored
libraries, the page title and the basemap tiles are built here, each escaped for its
context by :mod:`geoclaims.maps._html`, and added to the figure as
:class:`Literal` elements, which branca emits as they are. folium's own elements keep
only values we set (the map's name, zoom and fixed options).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import Any

from geoclaims.errors import ConfigurationError
from geoclaims.maps import _assets, _html

#: Name used when the user gives none; an xyzservices name, drawn with its own URL.
DEFAULT_TILES = "OpenStreetMap"
#: folium's aliases for xyzservices names (``tiles="OpenStreetMap"`` is Mapnik).
_TILE_ALIASES = {"openstreetmap": "OpenStreetMap Mapnik"}


@functools.cache
def _literal_class() -> type:
    from branca.element import Element

    class Literal(Element):
        """Finished markup, emitted as is and never compiled as a template."""

        def __init__(self, markup: str) -> None:
            super().__init__()
            self._name = "Literal"
            self.markup = markup

        def render(self, **kwargs: Any) -> str:
            return str(self.markup)

    return Literal


def literal(markup: str) -> Any:
    """A branca element whose output is ``markup``, byte for byte.

    Examples
    --------
    >>> literal("{{ 6*7 }} {% raw %}").render()
    '{{ 6*7 }} {% raw %}'
    """
    return _literal_class()(markup)


@functools.cache
def _page_class() -> type:
    from branca.element import Element, Figure

    class ClaimsPage(Element):
        """Adds the libraries, the claims layer and the page title to the figure."""

        def __init__(self, parts: dict[str, list[str]]) -> None:
            super().__init__()
            self._name = "geoclaims_data"
            self.parts = parts

        def render(self, **kwargs: Any) -> str:
            figure = self.get_root()
            if not isinstance(figure, Figure) or self._parent is None:
                raise TypeError("the claims layer must be added to a map inside a figure")
            name = self.get_name()
            map_name = self._parent.get_name()
            header = "".join(self.parts["header"])
            body = (f'<script type="application/json" id="{name}">'
                    f'{self.parts["payload"][0]}</script>')
            script = f'geoclaimsMap({map_name}, "{name}");'
            for target, markup in ((figure.header, header), (figure.html, body),
                                   (figure.script, script)):
                target.add_child(literal(markup), name=name)
            return ""  # everything went to the figure's header, body and script

    return ClaimsPage


def claims_page(
    payload_json: str, assets: Sequence[_assets.Asset], *, title: str | None
) -> Any:
    """The element that puts a claims map's page together.

    Parameters
    ----------
    payload_json : str
        The map's data, already escaped for ``<script>``
        (:func:`geoclaims.maps._html.json_for_script`).
    assets : sequence of Asset
        Libraries to inline (from the folium-offline package; no CDN is contacted).
    title : str, optional
        The page title (the browser tab), as text.
    """
    header = [f"<title>{_html.text(title)}</title>"] if title else []
    header += [_assets.inline_tag(asset) for asset in assets]
    header.append("<style>" + _assets.own_file("claims.css").replace("</style", "<\\/style")
                  + "</style>")
    header.append("<script>" + _assets.own_file("claims.js").replace("</script", "<\\/script")
                  + "</script>")
    return _page_class()({"header": header, "payload": [payload_json]})


def tile_layer(tiles: str | None, attribution: str | None) -> dict[str, Any] | None:
    """The basemap tiles a map's script draws: URL, attribution (as HTML text), zooms.

    Parameters
    ----------
    tiles : str or None
        An xyzservices provider name ("OpenStreetMap", "OpenTopoMap") or an
        ``http(s)`` URL template with ``{z}``, ``{x}`` and ``{y}``; None for no tiles.
    attribution : str, optional
        Credit line shown on the map, as plain text. Required with a URL; replaces the
        provider's own credit with a name.

    Raises
    ------
    ConfigurationError
        For an unknown name, a URL that is not http(s), or a URL without attribution.

    Examples
    --------
    >>> tile_layer("https://t.example/{z}/{x}/{y}.png", "<b>Example</b>")["attribution"]
    '&lt;b&gt;Example&lt;/b&gt;'
    >>> tile_layer(None, None) is None
    True
    """
    if tiles is None:
        return None
    if not isinstance(tiles, str) or not tiles.strip():
        raise ConfigurationError(f"tiles must be a tile set name or URL, got {tiles!r}")
    if attribution is not None and not isinstance(attribution, str):
        raise ConfigurationError(f"attribution must be text, got {attribution!r}")
    provider = _provider(tiles)
    if provider is not None:
        credit = attribution or provider.get("attribution") or provider.name
        return {
            "url": provider.build_url(fill_subdomain=False, scale_factor="{r}"),
            "attribution": _html.text(credit),
            "max_zoom": int(provider.get("max_zoom", 18)),
            "subdomains": provider.get("subdomains", "abc"),
        }
    if "://" not in tiles:
        raise ConfigurationError(
            f"unknown tile set {tiles!r}",
            hint="give a name such as 'OpenStreetMap' or 'OpenTopoMap', or an "
                 "http(s) URL with {z}, {x} and {y}",
        )
    braces_free = tiles.replace("{", "%7B").replace("}", "%7D")
    if _html.safe_url(braces_free) is None or not all(
            key in tiles for key in ("{z}", "{x}", "{y}")):
        raise ConfigurationError(
            f"a tile URL must be http(s) and hold {{z}}, {{x}} and {{y}}, got {tiles!r}",
            hint="for example https://tile.example.org/{z}/{x}/{y}.png",
        )
    if not attribution or not attribution.strip():
        raise ConfigurationError(
            f"custom tiles {tiles!r} need an attribution",
            hint="pass --attribution 'Tiles © provider' (attribution= in Python), as the "
                 "tile provider's terms ask",
        )
    return {"url": tiles, "attribution": _html.text(attribution), "max_zoom": 18,
            "subdomains": "abc"}


def _provider(name: str) -> Any:
    import xyzservices

    key = _TILE_ALIASES.get(name.strip().casefold(), name.strip())
    if "://" in key or "{" in key:
        return None
    try:
        return xyzservices.providers.query_name(key)
    except ValueError:
        return None


def stabilise_ids(root: Any, seed: str) -> None:
    """Replace folium's random element ids so the same input gives the same bytes."""
    counter = itertools.count()

    def walk(element: Any) -> None:
        element._id = f"{seed}{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(root)
