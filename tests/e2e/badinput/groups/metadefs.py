"""Metadata definitions (issue 10): what the tables cannot store alike on every database (NUL, 4-byte
characters, oversize values, names MariaDB's collation takes for equal) and malformed requests, each answered
with a clean 4xx, and nothing half-created left behind."""
import json
import uuid

from ..case import case

G = "metadefs"
NS = "/v2/metadefs/namespaces"
JSON_CT = {"Content-Type": "application/json"}
UPSTREAM_500 = "upstream answers 500 here; a 400 is the clean answer"


def _name():
    return f"bad-input-{uuid.uuid4().hex[:12]}"


def _post(c, path, body):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return c.request("POST", path, data, JSON_CT)


def _delete(c, name):
    c.request("DELETE", f"{NS}/{name}")


def _in_namespace(run):
    """Runs run(c, name) with a fresh namespace, deleted afterwards whatever happens."""
    def wrapped(c):
        name = _name()
        res = _post(c, NS, {"namespace": name})
        if res.status != 201:
            c.check(False, f"set-up: creating a namespace answered {res.status}")
            return res
        try:
            return run(c, name)
        finally:
            _delete(c, name)
    return wrapped


def _create_refused(fields):
    """A namespace create that must be refused, and must leave no namespace behind."""
    def run(c):
        name = fields.get("namespace", _name())
        res = _post(c, NS, {"namespace": name, **{k: v for k, v in fields.items() if k != "namespace"}})
        if res.status == 201:
            _delete(c, name)
        elif isinstance(name, str) and "\u0000" not in name:
            c.check(c.request("GET", f"{NS}/{name}").status in (400, 404), "the refused create left a namespace")
        return res
    return run


def _twice(first, second):
    """Creates namespace `first`, then `second`; the second must be a duplicate on every database."""
    def run(c):
        prefix = f"bad-input-{uuid.uuid4().hex[:8]}-"
        a, b = prefix + first, prefix + second
        if _post(c, NS, {"namespace": a}).status != 201:
            c.check(False, "set-up: creating the first namespace failed")
        try:
            res = _post(c, NS, {"namespace": b})
            if res.status == 201:
                _delete(c, b)
            return res
        finally:
            _delete(c, a)
    return run


def cases():
    yield case(G, "namespace with NUL in its name", 400, _create_refused({"namespace": "a\u0000b"}))
    yield case(G, "namespace with NUL in its description", 400, _create_refused({"description": "d\u0000"}))
    yield case(G, "namespace with a 4-byte character", 400, _create_refused({"display_name": "\U0001F600"}))
    yield case(G, "namespace name of 81 characters", 400, _create_refused({"namespace": "n" * 81}))
    yield case(G, "namespace description of 501 characters", 400, _create_refused({"description": "d" * 501}))
    yield case(G, "property name of 81 characters inline", 400,
               _create_refused({"properties": {"p" * 81: {"type": "string", "title": "t"}}}))
    yield case(G, "property definition with an unknown attribute", 400,
               _create_refused({"properties": {"p": {"type": "string", "title": "t", "zzz": 1}}}),
               note=UPSTREAM_500)
    yield case(G, "two tags differing in letter case", 409,
               _create_refused({"tags": [{"name": "Tag"}, {"name": "tag"}]}))
    yield case(G, "namespace names differing in letter case", 409, _twice("Case", "case"))
    yield case(G, "namespace names differing by a trailing space", 409, _twice("pad", "pad "))
    yield case(G, "namespace body that is a list", 400, lambda c: _post(c, NS, "[]"), note=UPSTREAM_500)
    yield case(G, "namespace body that is not UTF-8", 400,
               lambda c: _post(c, NS, b'{"namespace": "\xff\xfe"}'))
    yield case(G, "list with limit=x", 400, lambda c: c.request("GET", f"{NS}?limit=x"), note=UPSTREAM_500)
    yield case(G, "list with an unknown sort key", 400, lambda c: c.request("GET", f"{NS}?sort_key=bogus"),
               note=UPSTREAM_500)
    yield case(G, "object description of 70,000 bytes", 400, _in_namespace(
        lambda c, ns: _post(c, f"{NS}/{ns}/objects", {"name": "o", "description": "x" * 70000})))
    yield case(G, "object names differing in accents", 409, _in_namespace(
        lambda c, ns: (_post(c, f"{NS}/{ns}/objects", {"name": "cafe"}),
                       _post(c, f"{NS}/{ns}/objects", {"name": "café"}))[1]))
    yield case(G, "tag bulk create with NUL", 400, _in_namespace(
        lambda c, ns: _post(c, f"{NS}/{ns}/tags", {"tags": [{"name": "t\u0000"}]})))
    yield case(G, "tag of 81 characters", 400, _in_namespace(
        lambda c, ns: c.request("POST", f"{NS}/{ns}/tags/{'t' * 81}")))
    yield case(G, "property with enum of numbers", 400, _in_namespace(
        lambda c, ns: _post(c, f"{NS}/{ns}/properties",
                            {"name": "p", "type": "string", "title": "t", "enum": ["a", 1]})), note=UPSTREAM_500)
    yield case(G, "association of a resource type named with 4-byte characters", 400, _in_namespace(
        lambda c, ns: _post(c, f"{NS}/{ns}/resource_types", {"name": "OS::\U0001F600"})))
