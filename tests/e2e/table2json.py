#!/usr/bin/python3
"""Turn a prettytable printed by the glance CLI into JSON on stdout.

A `| Property | Value |` table becomes an object; any other table becomes a list of objects keyed by
the header cells. Cells are cut at the `+` positions of the border line, so a `|` inside a value does
not split it. The glance CLI wraps values longer than 80 characters onto continuation rows (empty
Property cell); their pieces are joined without a separator, which is exact for the hashes and ids
that wrap and would drop the space a wrapped sentence broke at. All values stay strings, as printed.
"""

import json
import sys


def cells(line, cuts):
    return [line[a + 1:b].strip() for a, b in zip(cuts, cuts[1:])]


def parse(text):
    lines = [l.rstrip('\n') for l in text.splitlines()]
    borders = [l for l in lines if l.startswith('+') and l.endswith('+')]
    if not borders:
        raise ValueError('no table found')
    cuts = [i for i, ch in enumerate(borders[0]) if ch == '+']
    rows = [cells(l, cuts) for l in lines if l.startswith('|')]
    if not rows:
        raise ValueError('table has no header')
    header, body = rows[0], rows[1:]
    if header == ['Property', 'Value']:
        result, last = {}, None
        for key, value in body:
            if key:
                if key in result:
                    raise ValueError('property %r printed twice' % key)
                result[key], last = value, key
            elif last is not None:
                result[last] += value
            else:
                raise ValueError('continuation row before any property')
        return result
    return [dict(zip(header, row)) for row in body]


def main():
    text = sys.stdin.read()
    try:
        print(json.dumps(parse(text), indent=2, sort_keys=True))
    except ValueError as e:
        sys.stderr.write('table2json: %s in:\n%s' % (e, text))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
