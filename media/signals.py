"""Signals media sends for the packages above it (blinker, as Flask does).

`media_text_changed` is sent with the owner (`sender` = owner type, `owner_id=`) after captions are saved or
removed, or an asset is removed, once the change is committed: search (in commons) can then reindex the owner,
reading the text through `media.service.caption_text(owner_type, owner_id)`.

`media_probed` is sent with the owner (`sender` = owner type, `owner_id=`, `asset_id=`, `duration=` in seconds or
None) once the commit that stored what the probe found (duration, size, kind) is done, at the start of every
transcoding run, then again (`ready=True`) after the commit that made the asset ready: courses copies the
duration into the steps that show the owner. Receivers run in the job's application context, outside any
transaction of media; they must not raise (a failure is logged by media and the asset stays as it is).
"""

from blinker import Namespace

signals = Namespace()

media_text_changed = signals.signal("media-text-changed")
media_probed = signals.signal("media-probed")
