"""Media assets, their renditions and captions, uploads in progress, and where each learner stopped watching.

An asset belongs to an owner through a generic reference (`owner_type`, `owner_id`): see `media.owners` for why,
and for the policy that says who may see it. `can_view`/`can_edit` here only delegate to that policy.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import SoftDeleteMixin, TimestampMixin, UTCDateTime, db, utcnow
from media import owners


def _enum(enum_class) -> sa.Enum:
    return sa.Enum(enum_class, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items])


class JobState(enum.StrEnum):
    """Transcoding: queued → running → ready, or failed (with a message); failed and ready may be requeued."""

    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


class MediaKind(enum.StrEnum):
    VIDEO = "video"
    AUDIO = "audio"


class MediaAsset(TimestampMixin, SoftDeleteMixin, db.Model):
    """One uploaded video or sound, its original kept as uploaded, and the state of its transcoding."""

    __tablename__ = "media_assets"
    __table_args__ = (sa.Index("ix_media_assets_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: registered owner type (`resource`) and the owner's id; the policy of that type decides access
    owner_type: Mapped[str] = mapped_column(sa.String(40))
    owner_id: Mapped[int] = mapped_column(sa.BigInteger)
    #: cleaned name the file was uploaded with, for display only
    filename: Mapped[str] = mapped_column(sa.String(255))
    kind: Mapped[MediaKind] = mapped_column(_enum(MediaKind), default=MediaKind.VIDEO)
    #: generated storage key of the original, never built from user input; the original is always kept
    original_key: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: type found by sniffing the content
    mime_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    #: generated folder of the current renditions, poster and thumbnail (`renditions/ab/ab12…`), set when a run
    #: succeeds; each run writes a new folder, so its URLs never change content and may be cached for ever
    output_key: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    #: folder the running job writes into; removed if the run fails or its worker dies
    work_key: Mapped[str | None] = mapped_column(sa.String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    # What the probe found ----------------------------------------------------------------------------------
    duration: Mapped[float | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    fps: Mapped[float | None]
    video_codec: Mapped[str | None] = mapped_column(sa.String(40))
    audio_codec: Mapped[str | None] = mapped_column(sa.String(40))
    #: bits per second of the whole source, when the container says
    bitrate: Mapped[int | None] = mapped_column(sa.BigInteger)

    # The transcoding job ------------------------------------------------------------------------------------
    state: Mapped[JobState] = mapped_column(_enum(JobState), default=JobState.QUEUED, index=True)
    #: 0–100, read from ffmpeg's progress output; never goes back during one run
    progress: Mapped[int] = mapped_column(default=0, server_default="0")
    #: why the job failed, in French, for the editors
    error_message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: runs started so far
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    #: last sign of life of the worker running the job; a running job silent for too long is taken over
    heartbeat_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    queued_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_dt: Mapped[datetime | None] = mapped_column(UTCDateTime)
    has_poster: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    renditions: Mapped[list[Rendition]] = relationship(back_populates="asset", order_by="Rendition.height",
                                                       cascade="all, delete-orphan")
    captions: Mapped[list[Caption]] = relationship(back_populates="asset", order_by="Caption.language",
                                                   cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<MediaAsset {self.id} {self.owner_type}:{self.owner_id} {self.state}>"

    @property
    def owner(self) -> owners.OwnerRef:
        return owners.OwnerRef(self.owner_type, self.owner_id)

    def can_view(self, user) -> bool:
        """As the owner says; a trashed asset only for those who may edit the owner."""
        if self.is_deleted:
            return self.can_edit(user)
        return owners.can_view(self.owner_type, self.owner_id, user)

    def can_edit(self, user) -> bool:
        return owners.can_edit(self.owner_type, self.owner_id, user)

    @property
    def is_public(self) -> bool:
        return not self.is_deleted and owners.is_public(self.owner_type, self.owner_id)

    @property
    def is_ready(self) -> bool:
        return self.state == JobState.READY

    @property
    def revision(self) -> str | None:
        """The last part of the output folder: it names the current set of files in URLs."""
        return self.output_key.rsplit("/", 1)[-1] if self.output_key else None

    def rendition(self, label: str) -> Rendition | None:
        return next((r for r in self.renditions if r.label == label), None)


class Rendition(db.Model):
    """One rung of the ladder (360p, 720p, 1080p) or the audio rendition: an MP4 and its HLS playlist."""

    __tablename__ = "media_renditions"
    __table_args__ = (sa.UniqueConstraint("asset_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(sa.ForeignKey("media_assets.id", ondelete="CASCADE"), index=True)
    #: `360p`, `720p`, `1080p` or `audio`; also the file names inside the asset's output folder
    label: Mapped[str] = mapped_column(sa.String(10))
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    #: average bits per second of the MP4, for the HLS master playlist
    bitrate: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    size: Mapped[int] = mapped_column(sa.BigInteger, default=0)

    asset: Mapped[MediaAsset] = relationship(back_populates="renditions")

    @property
    def is_audio(self) -> bool:
        return self.label == "audio"

    @property
    def mp4_name(self) -> str:
        return f"{self.label}.m4a" if self.is_audio else f"{self.label}.mp4"


class Caption(TimestampMixin, db.Model):
    """WebVTT captions of an asset in one language; their text is offered to search."""

    __tablename__ = "media_captions"
    __table_args__ = (sa.UniqueConstraint("asset_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(sa.ForeignKey("media_assets.id", ondelete="CASCADE"), index=True)
    #: ISO 639-1 code
    language: Mapped[str] = mapped_column(sa.String(5))
    #: the validated file as stored (normalised to UTF-8, LF)
    vtt: Mapped[str] = mapped_column(sa.Text)
    #: the cue text alone, without timings or markup, for search
    text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    asset: Mapped[MediaAsset] = relationship(back_populates="captions")


class Upload(db.Model):
    """A tus upload in progress: the bytes go to a temporary file, appended by each PATCH."""

    __tablename__ = "media_uploads"

    #: random, unguessable, and the only thing of the upload in its URL
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    owner_type: Mapped[str] = mapped_column(sa.String(40))
    owner_id: Mapped[int] = mapped_column(sa.BigInteger)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Upload-Length announced at creation
    length: Mapped[int] = mapped_column(sa.BigInteger)
    #: bytes received so far (also the temporary file's size)
    offset: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    filename: Mapped[str] = mapped_column(sa.String(255))
    #: generated key of the temporary file under the storage's tmp folder
    temp_key: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: sniffed type, once enough bytes arrived to tell
    mime_type: Mapped[str | None] = mapped_column(sa.String(120))
    extension: Mapped[str | None] = mapped_column(sa.String(10))
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_dt: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: the asset made of it, when complete
    asset_id: Mapped[int | None] = mapped_column(sa.ForeignKey("media_assets.id", ondelete="SET NULL"))


class PlaybackPosition(db.Model):
    """Where a signed-in learner stopped watching an asset, to start again from there."""

    __tablename__ = "media_positions"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    asset_id: Mapped[int] = mapped_column(sa.ForeignKey("media_assets.id", ondelete="CASCADE"), primary_key=True)
    #: seconds from the start
    position: Mapped[float] = mapped_column(default=0.0)
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ExternalVideo(TimestampMixin, SoftDeleteMixin, db.Model):
    """A video hosted by PeerTube, YouTube or Vimeo that an owner shows instead of an upload (see media.external).

    Only what the provider's oEmbed said is kept, never its HTML: the player's address is rebuilt from `provider`,
    `host` and `ref` through the provider's template. An owner has at most one: adding another, or an upload of
    the owner becoming ready, sends the previous one to the trash."""

    __tablename__ = "media_external_videos"
    __table_args__ = (sa.Index("ix_media_external_videos_owner", "owner_type", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(sa.String(40))
    owner_id: Mapped[int] = mapped_column(sa.BigInteger)
    #: key of media.external.PROVIDERS: `peertube`, `youtube`, `vimeo`
    provider: Mapped[str] = mapped_column(sa.String(20))
    #: the page the editor gave, linked under the player
    page_url: Mapped[str] = mapped_column(sa.String(1000))
    #: host (and port) of the player: the PeerTube instance, `www.youtube-nocookie.com`, `player.vimeo.com`
    host: Mapped[str] = mapped_column(sa.String(255))
    #: the provider's identifier of the video, checked against media.external.SAFE_REF
    ref: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(300), default="", server_default="")
    author_name: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    #: seconds, when the provider says (Vimeo's oEmbed, PeerTube's API; never YouTube)
    duration: Mapped[float | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    #: generated storage key of the thumbnail we downloaded (pages never load the provider's image)
    thumbnail_key: Mapped[str | None] = mapped_column(sa.String(255))
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    def __repr__(self) -> str:
        return f"<ExternalVideo {self.id} {self.owner_type}:{self.owner_id} {self.provider}:{self.ref}>"

    @property
    def embed_url(self) -> str | None:
        from media.external import embed_url

        return embed_url(self.provider, self.host, self.ref)

    @property
    def provider_label(self) -> str:
        from media.external import PROVIDERS

        found = PROVIDERS.get(self.provider)
        return found.label if found else self.provider

    def can_view(self, user) -> bool:
        if self.is_deleted:
            return self.can_edit(user)
        return owners.can_view(self.owner_type, self.owner_id, user)

    def can_edit(self, user) -> bool:
        return owners.can_edit(self.owner_type, self.owner_id, user)
