"""deploy/nginx.conf does what the intranet needs, checked on the nginx the suite starts with it:
UTF-8 declared, text compressed, hashed assets cached for long, pages revalidated, a real 404."""
import re
import subprocess
import urllib.error
import urllib.request

import pytest

from browsing import local_nginx


def fetch(url: str, gzip: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def asset(built_site, pattern: str) -> str:
    found = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob(pattern))
    assert found, pattern
    return found[0]


def test_shipped_config_passes_nginx_own_check(built_site, tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(local_nginx.render(built_site, tmp_path, 8080), encoding="utf-8")
    result = subprocess.run(local_nginx.command(tmp_path, conf, "-t"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_pages_are_utf8_and_revalidated(nginx_url):
    status, headers, body = fetch(nginx_url + "index.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"
    assert headers["ETag"] or headers["Last-Modified"]


@pytest.mark.parametrize("pattern, mime", [
    ("search/search_index.json", "application/json"),
    ("assets/javascripts/bundle.*.min.js", "javascript"),
    ("assets/stylesheets/main.*.min.css", "text/css"),
    ("stylesheets/*.css", "text/css"),
    ("index.html", "text/html"),
])
def test_text_is_sent_gzipped(nginx_url, built_site, pattern, mime):
    path = asset(built_site, pattern)
    status, headers, body = fetch(nginx_url + path, gzip=True)
    assert status == 200 and mime in headers["Content-Type"]
    assert headers["Content-Encoding"] == "gzip", path
    assert len(body) < (built_site / path).stat().st_size


def test_hashed_assets_are_kept_for_a_year_and_the_rest_revalidated(nginx_url, built_site):
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
                    "assets/javascripts/workers/search.*.min.js"):
        path = asset(built_site, pattern)
        assert re.search(r"\.[0-9a-f]{8}\.min\.", path)
        _, headers, _ = fetch(nginx_url + path)
        assert "max-age=31536000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"], path
    for path in ("search/search_index.json", "assets/javascripts/iframe-worker-shim.js",
                 asset(built_site, "stylesheets/*.css")):  # unhashed: they change in place
        _, headers, _ = fetch(nginx_url + path)
        assert headers["Cache-Control"] == "no-cache", path


def test_missing_page_gets_the_site_404_page(nginx_url, built_site):
    status, headers, body = fetch(nginx_url + "areas/no-such-page.html")
    assert status == 404
    assert body == (built_site / "404.html").read_bytes()
    assert "charset=utf-8" in headers["Content-Type"]


def test_config_names_no_outside_host():
    text = local_nginx.NGINX_CONF.read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)
