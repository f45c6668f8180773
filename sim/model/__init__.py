"""The model: one region's civil servants, regional head and candidates, election after election.

Modules, in the order the ODD (docs/ODD.md) describes them:

- ``parameters``, ``validation``: every setting, typed, with its range and source;
- ``orgchart``: the tree of posts (generated, or a user's networkx/GraphML chart);
- ``world``: the civil servants who hold the posts, their traits and ties;
- ``campaign``: the cycle's ballot (``Race``) and everyone's state during it;
- ``behaviour``: solicit, decide, act;
- ``enforcement``: detect, verify and follow up, sanction;
- ``perception``: what civil servants learn about the risk of a sanction;
- ``election``: the ballot, win chances, the vote;
- ``careers``: the career round after the vote;
- ``metrics``: the rows a run reports, and their declared columns;
- ``agents``, ``model``: the Mesa face (``PatronageModel``);
- ``streams``: every random stream, spawned from one seed.

Nothing here imports Hydra, pandas or matplotlib.
"""

from .model import PatronageModel
from .parameters import ConfigError, Params

__all__ = ["ConfigError", "Params", "PatronageModel"]
