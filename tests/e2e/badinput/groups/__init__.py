"""The case groups, in the order they run. Each module's cases() yields Case objects."""
from . import (collisions, formats, framing, ids, json_body, limits, listing, locations, metadefs, nul, patch,
               ranges, reserved)

GROUPS = {
    "formats": formats,
    "json": json_body,
    "nul": nul,
    "limits": limits,
    "reserved": reserved,
    "patch": patch,
    "collisions": collisions,
    "ids": ids,
    "ranges": ranges,
    "listing": listing,
    "locations": locations,
    "framing": framing,
    "metadefs": metadefs,
}
