"""iastm_guide/security/headers.py: the `_headers` file, and the limits hosts put on it."""

from __future__ import annotations

import pytest

from iastm_guide.security import headers as hd


def test_headers_file_round_trips_and_bad_lines_are_refused() -> None:
    rules = dict(hd.parse_headers_file(hd.headers_file("default-src 'self'")))
    headers = dict(rules["/*"])
    assert headers["Content-Security-Policy"] == "default-src 'self'; frame-ancestors 'none'"
    with pytest.raises(ValueError, match="line 2"):
        list(hd.parse_headers_file("/*\nX-Frame-Options: DENY\n"))
    with pytest.raises(ValueError, match="line 1"):
        list(hd.parse_headers_file(" /*\n"))


def test_lines_and_rules_past_what_hosts_accept_are_named() -> None:
    assert list(hd.headers_problems(hd.headers_file("default-src 'self'"))) == []
    long = hd.headers_file("script-src " + "'sha256-x' " * 300)
    assert [line for line, _ in hd.headers_problems(long)] == [3]
    many = "".join(f"/p{n}\n  X-A: b\n" for n in range(101))
    assert list(hd.headers_problems(many)) == [(1, "101 rules; hosts read at most 100")]
