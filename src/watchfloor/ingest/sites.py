"""A publisher's site from a url or a site hint: one normal form for extract, assess and fuse."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def normalise_site(site_or_url: str | None) -> str | None:
    """Lower-case host without ``www.``, port, path or trailing dot; urls are parsed."""
    if not site_or_url:
        return None
    text = site_or_url.strip().lower()
    if "://" in text:
        host = urlsplit(text).hostname or ""
    else:
        host = text.split("/", 1)[0].split(":", 1)[0]
    host = host.strip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def site_of(url: str, hint: str | None) -> str | None:
    """The publisher's site: the input's site hint, else the host of an http(s) url.

    Other schemes (``seed:``, ``file:``, ``urn:``) name no publisher, so they give None.
    """
    if hint and hint.strip():
        return normalise_site(hint)
    if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return normalise_site(url)


def is_ip_host(host: str) -> bool:
    """Whether a host is a bare IPv4/IPv6 address rather than a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
