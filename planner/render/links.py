"""Links between generated pages, computed like MkDocs computes page URLs.

Links inside raw HTML blocks are not rewritten by MkDocs, so the renderer makes
them relative itself, for `use_directory_urls` on (MkDocs' default) or off.
Ids in any script are allowed ("לקוחות", "äänestäjät"): their pages and anchors
are linked percent-encoded (UTF-8), as MkDocs links its own nav; the browser
shows them decoded in its address bar.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_url(src: str, directory_urls: bool) -> str:
    """The site-relative URL of the docs file `src` (no leading slash)."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if posixpath.basename(stem) in ("index", "README"):
        base = posixpath.dirname(stem)
        return f"{base}/" if base else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _relative_dir(folder: str, base: str) -> str:
    """`folder` (site-relative, no trailing slash, "" for the root) seen from `base`: what
    `posixpath.relpath` says of them, without its trips to the working directory (pages
    link thousands of times)."""
    to, here = folder.split("/") if folder else [], base.split("/") if base else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    parts = [".."] * (len(here) - common) + to[common:]
    return "/".join(parts) + "/" if parts else ""


def href(target: str, page: str, directory_urls: bool = True) -> str:
    """A relative link from the page whose source is `page` to `target` (a docs path,
    optionally with a #fragment), percent-encoded where it is not ASCII."""
    url = _href(target, page, directory_urls)
    return url if url.isascii() else quote(url, safe="/#-._~")


def fragment(anchor: str) -> str:
    """`#anchor` for an in-page link, percent-encoded where it is not ASCII."""
    return "#" + (anchor if anchor.isascii() else quote(anchor, safe="-._~"))


def _href(target: str, page: str, directory_urls: bool) -> str:
    path, _, fragment = target.partition("#")
    suffix = f"#{fragment}" if fragment else ""
    if not path:
        return suffix or "#"
    url = page_url(path, directory_urls)
    here = page_url(page, directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    if url.endswith("/") or not url:  # a directory URL: the folder is the whole URL
        return (_relative_dir(url.rstrip("/"), base) or "./") + suffix
    folder, _slash, name = url.rpartition("/")
    return _relative_dir(folder, base) + name + suffix
