"""Everything that sends: the outbox, the dispatcher, the channels and their texts.

Services ask for messages through :func:`meld` (news a person switched on) or
:func:`stuur_systeembericht` (codes and notices about the channel itself). Both write an
outbox row in the caller's transaction; the dispatcher sends it later, once.
"""

from notificaties.aanvragen import meld, stuur_systeembericht

__all__ = ["meld", "stuur_systeembericht"]
