"""A bounded memo table that drops its least recently used entry when full (the catalog's answers
and shared observation fields, verification's figures).

These tables used to be emptied whole when full: a run over many articles then lost the questions
every article asks again (a reporter's totals with the world, the pair a story is about) along
with the one-off ones, rebuilt them within the next few claims, and paid for freeing thousands of
records at once. `functools.lru_cache` bounds a function, not a table held per catalog and keyed
by hand, hence this. A module of its own, below every stage, so that each stage may use it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class Kept(OrderedDict):
    """`kept.get(key)` (None if absent) marks the entry used; `kept.put(key, value)` stores it,
    dropping the least recently used entry beyond `size`."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get(self, key, default=None) -> Any:
        found = super().get(key, default)
        if found is not default:
            try:
                self.move_to_end(key)
            except KeyError:  # dropped by another thread in between: still a right answer
                pass
        return found

    def put(self, key, value) -> Any:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


def kept_on(owner: object, name: str, size: int) -> Kept:
    """The memo table `name` held on `owner` (a catalog: it never changes once loaded), made on
    first use."""
    table = owner.__dict__.get(name)
    if table is None:
        table = owner.__dict__[name] = Kept(size)
    return table
