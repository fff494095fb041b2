"""The bad-input suite: hostile requests against a running Image service, grouped by what they attack.

`bad-input.py` is the entry point; `groups/` holds the cases, `runner` the checks every case gets
(status and error body, no 5xx, no hang, service still up, no orphan file, no image left `saving`,
no ERROR stack trace in the service log), `report` the tables.
"""
