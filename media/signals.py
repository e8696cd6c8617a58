"""Signals media sends for the packages above it (blinker, as Flask does).

`media_text_changed` is sent with the owner (`sender` = owner type, `owner_id=`) after captions are saved or
removed, or an asset is removed, once the change is committed: search (in commons) can then reindex the owner,
reading the text through `media.service.caption_text(owner_type, owner_id)`.
"""

from blinker import Namespace

signals = Namespace()

media_text_changed = signals.signal("media-text-changed")
