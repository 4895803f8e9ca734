"""The only place that turns untrusted text into HTML, attribute or script content."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urlsplit

#: Characters that must not appear literally inside a ``<script>`` block: ``<`` and
#: ``>`` (``</script>``, ``<!--``), ``&`` (XHTML parsers), ``'`` (attribute reuse), and
#: the two line separators that end a JavaScript string in older engines.
_SCRIPT_ESCAPES = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
}
_SCRIPT_TABLE = str.maketrans(_SCRIPT_ESCAPES)


def json_for_script(value: Any) -> str:
    """Compact JSON text that is safe inside an HTML ``<script>`` element.

    Examples
    --------
    >>> print(json_for_script({"s": "</script><b>'x'</b>"}))
    {"s":"\\u003c/script\\u003e\\u003cb\\u003e\\u0027x\\u0027\\u003c/b\\u003e"}
    """
    return json.dumps(value, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).translate(_SCRIPT_TABLE)


def text(value: Any) -> str:
    """``value`` as HTML body or attribute text (``& < > " '`` escaped).

    Examples
    --------
    >>> text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(value: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (no ``javascript:`` links).

    Examples
    --------
    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url(" JAVASCRIPT:alert(1)") is None
    True
    """
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    if any(ord(ch) < 0x20 for ch in candidate):
        return None
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate
