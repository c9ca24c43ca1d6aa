"""deploy/nginx.conf does what the intranet needs, checked on the nginx the suite starts with it:
UTF-8 declared, text compressed, hashed assets cached for long, pages revalidated, a real 404,
security headers on every answer, and an HTTPS block that nginx accepts once uncommented."""
import re
import subprocess
import urllib.error
import urllib.request

import pytest

from browsing import local_nginx
import csp_hashes  # scripts/ is on the path through browsing, as local_nginx


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


def test_every_answer_carries_the_security_headers(nginx_url, built_site):
    for path in ("index.html", asset(built_site, "assets/javascripts/bundle.*.min.js"), "search/search_index.json",
                 "areas/no-such-page.html"):
        _, headers, _ = fetch(nginx_url + path)
        policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
        assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'self'", path
        assert policy["script-src"].startswith("'self' 'sha256-") and "unsafe" not in policy["script-src"], path
        assert all(source in ("'self'", "'unsafe-inline'", "data:", "'none'") or source.startswith("'sha256-")
                   for sources in policy.values() for source in sources.split()), path  # no other host
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
    # PDFs hold no script; a policy would only keep some browsers' PDF viewers from opening them.
    _, headers, _ = fetch(nginx_url + asset(built_site, "downloads/*.pdf"))
    assert "Content-Security-Policy" not in headers and headers["X-Content-Type-Options"] == "nosniff"


def test_the_policy_allows_exactly_the_inline_scripts_of_the_built_site(built_site):
    """Fails when Material's inline scripts change: run scripts/csp_hashes.py --write then."""
    allowed = csp_hashes.allowed_hashes(local_nginx.NGINX_CONF.read_text(encoding="utf-8"))
    assert csp_hashes.site_hashes(built_site) == allowed


def test_the_commented_https_block_passes_nginx_own_check(built_site, tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=plan.test",
                    "-keyout", str(tmp_path / "test.key"), "-out", str(tmp_path / "test.crt")],
                   check=True, capture_output=True)
    text = local_nginx.render(built_site, tmp_path, 8080)
    https = re.findall(r"^\s*# ((?:listen 443|ssl_|add_header Strict-Transport-Security).*)$", text, re.M)
    assert len(https) >= 4 and any(line.startswith("listen 443 ssl") for line in https)
    text = re.sub(r"^(\s*)# ((?:listen 443|ssl_|add_header Strict-Transport-Security).*)$", r"\1\2", text, flags=re.M)
    text = text.replace("/etc/nginx/tls/plan-site.crt", str(tmp_path / "test.crt"))
    text = text.replace("/etc/nginx/tls/plan-site.key", str(tmp_path / "test.key"))
    conf = tmp_path / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    result = subprocess.run(local_nginx.command(tmp_path, conf, "-t"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
