"""JavaScript and CSS a claims map needs, inlined into every map.

The copies come from the PyPI package ``folium-offline``, which vendors the files
folium links to (Leaflet 1.9.3 BSD-2-Clause, Leaflet.markercluster 1.1.0 MIT,
Leaflet.fullscreen 3.0.0 MIT); the URLs below are only their keys there. Every map
inlines them, online or offline: a page that loads no script or style from another
host cannot be altered by one (the alternative, ``integrity`` hashes on CDN links,
needs the CDN's bytes, and the vendored copies are not byte-identical to them).
Nothing is fetched at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from geoclaims.errors import ConfigurationError


@dataclass(frozen=True, slots=True, kw_only=True)
class Asset:
    """One script or style sheet."""

    name: str
    url: str
    #: "js" or "css".
    kind: str


LEAFLET = (
    Asset(name="leaflet", kind="js",
          url="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
    Asset(name="leaflet_css", kind="css",
          url="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),
)
FULLSCREEN = (
    Asset(name="fullscreen", kind="js",
          url="https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js"),
    Asset(name="fullscreen_css", kind="css",
          url="https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css"),
)
MARKERCLUSTER = (
    Asset(name="markercluster", kind="js",
          url="https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
              "leaflet.markercluster.js"),
    Asset(name="markercluster_css", kind="css",
          url="https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
              "MarkerCluster.css"),
    Asset(name="markercluster_default_css", kind="css",
          url="https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
              "MarkerCluster.Default.css"),
)


def vendored(asset: Asset) -> str:
    """The file content of an asset, from the installed ``folium-offline`` package.

    Raises
    ------
    ConfigurationError
        If ``folium-offline`` is missing or does not carry the file.
    """
    try:
        from offlinefolium.elements import _res as files
    except ImportError as err:
        raise ConfigurationError(
            "offline maps need the vendored Leaflet files of the folium-offline package: "
            "pip install 'folium-offline==0.20.0.2'"
        ) from err
    content = files.get(asset.url)
    if not isinstance(content, str):
        raise ConfigurationError(
            f"folium-offline does not carry {asset.url}; install folium-offline==0.20.0.2"
        )
    return content


def inline_tag(asset: Asset) -> str:
    """A ``<script>`` or ``<style>`` element holding the asset's content."""
    content = vendored(asset)
    if asset.kind == "js":
        # A literal "</script" inside the file would end the element early.
        return "<script>" + content.replace("</script", "<\\/script") + "</script>"
    return "<style>" + content.replace("</style", "<\\/style") + "</style>"


def own_file(name: str) -> str:
    """A file of ``geoclaims/maps/templates`` (our own script and style sheet)."""
    return (resources.files("geoclaims.maps") / "templates" / name).read_text(encoding="utf-8")
