"""Course bundles: a zip of YAML and Markdown that carries a course from one instance to another.

Layout: `course.yaml` (the outline and the fields of each item, resources referenced by title and source
address), one Markdown file per text (`summary.md`, `sequences/01/summary.md`, `sequences/01/steps/02.md`) and
the cover image, if any (`cover.png`, named by the outline's `cover`).
Import reads and checks the whole bundle first — format, fields, every Markdown file named, every resource
found — and writes nothing unless all of it is valid.
"""

from __future__ import annotations

import io
import zipfile

import sqlalchemy as sa
import yaml

from app.db import db
from commons.models import Licence, Resource
from courses import covers
from courses.models import CompletionRule, Course, Level, Sequence, Step

FORMAT = "terreau-course/1"
MAX_BUNDLE_BYTES = 20 * 1024 * 1024
MAX_FILES = 5000


class BundleInvalid(Exception):
    """The bundle cannot be imported; `errors` lists every problem found, in French."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def export_bundle(course: Course, public_url: str = "") -> bytes:
    """The course as a zip archive (bytes)."""
    files: dict[str, str] = {"summary.md": course.summary}
    outline = {
        "format": FORMAT, "title": course.title, "summary": "summary.md", "level": course.level.value,
        "estimated_minutes": course.estimated_minutes, "cover": None,
        "licence": course.licence.slug if course.licence else None, "sequences": [],
    }
    images: dict[str, bytes] = {}
    cover = covers.cover_bytes(course)
    if cover is not None:
        outline["cover"] = f"cover.{course.cover_key.rsplit('.', 1)[-1]}"
        images[outline["cover"]] = cover
    for i, sequence in enumerate(course.sequences, start=1):
        folder = f"sequences/{i:02d}"
        files[f"{folder}/summary.md"] = sequence.summary
        entry = {"title": sequence.title, "summary": f"{folder}/summary.md", "steps": []}
        for j, step in enumerate(sequence.steps, start=1):
            files[f"{folder}/steps/{j:02d}.md"] = step.intro
            entry["steps"].append({
                "title": step.title, "intro": f"{folder}/steps/{j:02d}.md",
                "completion_rule": step.completion_rule.value, "video_seconds": step.video_seconds,
                "resource": _resource_reference(step.resource, public_url),
            })
        outline["sequences"].append(entry)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("course.yaml", yaml.safe_dump(outline, allow_unicode=True, sort_keys=False))
        for name, text in files.items():
            archive.writestr(name, text or "")
        for name, data in images.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _resource_reference(resource: Resource | None, public_url: str) -> dict | None:
    if resource is None:
        return None
    return {"title": resource.title, "source": resource.source or None,
            "url": f"{public_url.rstrip('/')}/ressources/{resource.id}" if public_url else None}


def _text(archive: zipfile.ZipFile, name, where: str, errors: list[str]) -> str:
    if not isinstance(name, str) or name not in archive.namelist():
        errors.append(f"{where} : fichier Markdown « {name} » absent du paquet.")
        return ""
    try:
        return archive.read(name).decode("utf-8")
    except UnicodeDecodeError:
        errors.append(f"{where} : « {name} » n'est pas en UTF-8.")
        return ""


def _string(value, where: str, errors: list[str], max_length: int = 300, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > max_length:
        errors.append(f"{where} : texte obligatoire de {max_length} caractères au plus.")
        return ""
    return value


def _resolve_resource(reference, where: str, user, errors: list[str]) -> int | None:
    if reference is None:
        return None
    if not isinstance(reference, dict) or not isinstance(reference.get("title"), str):
        errors.append(f"{where} : référence de ressource illisible.")
        return None
    query = sa.select(Resource.id).where(Resource.visible_to(user), Resource.title == reference["title"])
    if reference.get("source"):
        query = query.order_by(sa.case((Resource.source == reference["source"], 0), else_=1))
    found = db.session.scalars(query.order_by(Resource.id).limit(1)).first()
    if found is None:
        errors.append(f"{where} : ressource « {reference['title']} » introuvable sur ce site.")
    return found


def read_bundle(data: bytes, user) -> dict:
    """Parse and check a bundle completely; returns the course as plain data, or raises BundleInvalid."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleInvalid(["Le paquet dépasse 20 Mo."])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if len(archive.infolist()) > MAX_FILES or sum(i.file_size for i in archive.infolist()) > 5 * MAX_BUNDLE_BYTES:
            raise BundleInvalid(["Le paquet contient trop de fichiers ou trop de données."])
        outline = yaml.safe_load(archive.read("course.yaml"))
    except BundleInvalid:
        raise
    except (zipfile.BadZipFile, KeyError):
        raise BundleInvalid(["Ce n'est pas un paquet de parcours (zip contenant course.yaml)."]) from None
    except yaml.YAMLError as exc:
        raise BundleInvalid([f"course.yaml illisible : {exc}"[:300]]) from None
    with archive:
        return _check_outline(archive, outline, user)


def _cover(archive: zipfile.ZipFile, name, errors: list[str]) -> bytes | None:
    """The cover image named by the outline, checked as an upload would be; None without cover. (Bundles of
    earlier versions named an address, `cover_url`: it is not fetched.)"""
    if name is None:
        return None
    if not isinstance(name, str) or name not in archive.namelist():
        errors.append(f"Image de couverture : fichier « {name} » absent du paquet.")
        return None
    if archive.getinfo(name).file_size > covers.max_bytes():
        errors.append("Image de couverture : fichier trop lourd.")
        return None
    data = archive.read(name)
    if covers.sniff_image(data[:8192]) is None:
        errors.append("Image de couverture : ce n'est pas une image PNG, JPEG, WebP ou GIF.")
        return None
    return data


def _choice(value, enum_class, where: str, errors: list[str]):
    try:
        return enum_class(value)
    except ValueError:
        errors.append(f"{where} : valeur « {value} » inconnue.")
        return None


def _check_outline(archive: zipfile.ZipFile, outline, user) -> dict:
    errors: list[str] = []
    if not isinstance(outline, dict) or outline.get("format") != FORMAT:
        raise BundleInvalid([f"course.yaml : format attendu « {FORMAT} »."])
    course = {"title": _string(outline.get("title"), "Titre du parcours", errors),
              "summary": _text(archive, outline.get("summary"), "Résumé du parcours", errors),
              "level": _choice(outline.get("level", "beginner"), Level, "Niveau", errors),
              "cover": _cover(archive, outline.get("cover"), errors),
              "estimated_minutes": outline.get("estimated_minutes"), "licence_id": None, "sequences": []}
    if course["estimated_minutes"] is not None and not isinstance(course["estimated_minutes"], int):
        errors.append("Durée estimée : nombre de minutes attendu.")
    if outline.get("licence"):
        course["licence_id"] = db.session.scalar(sa.select(Licence.id).where(Licence.slug == outline["licence"]))
        if course["licence_id"] is None:
            errors.append(f"Licence « {outline['licence']} » inconnue sur ce site.")
    sequences = outline.get("sequences")
    if not isinstance(sequences, list):
        errors.append("course.yaml : la liste « sequences » manque.")
        sequences = []
    for i, sequence in enumerate(sequences, start=1):
        where = f"Séquence {i}"
        if not isinstance(sequence, dict):
            errors.append(f"{where} : illisible.")
            continue
        item = {"title": _string(sequence.get("title"), where, errors),
                "summary": _text(archive, sequence.get("summary"), where, errors), "steps": []}
        steps = sequence.get("steps") if isinstance(sequence.get("steps"), list) else []
        if not isinstance(sequence.get("steps"), list):
            errors.append(f"{where} : la liste « steps » manque.")
        for j, step in enumerate(steps, start=1):
            item["steps"].append(_check_step(archive, step, f"{where}, étape {j}", user, errors))
        course["sequences"].append(item)
    if errors:
        raise BundleInvalid(errors)
    return course


def _check_step(archive, step, where: str, user, errors: list[str]) -> dict:
    if not isinstance(step, dict):
        errors.append(f"{where} : illisible.")
        return {}
    seconds = step.get("video_seconds")
    if seconds is not None and not isinstance(seconds, int | float):
        errors.append(f"{where} : durée de vidéo illisible.")
    return {"title": _string(step.get("title"), where, errors),
            "intro": _text(archive, step.get("intro"), where, errors),
            "completion_rule": _choice(step.get("completion_rule", "viewed"), CompletionRule, where, errors),
            "video_seconds": seconds, "resource_id": _resolve_resource(step.get("resource"), where, user, errors)}


def import_bundle(data: bytes, partner_id: int, user) -> Course:
    """Create a draft course from a bundle for `partner_id`; nothing is written when the bundle is invalid."""
    parsed = read_bundle(data, user)
    course = Course(owner_partner_id=partner_id, created_by_id=getattr(user, "id", None), title=parsed["title"],
                    summary=parsed["summary"], level=parsed["level"],
                    estimated_minutes=parsed["estimated_minutes"], licence_id=parsed["licence_id"])
    for i, sequence in enumerate(parsed["sequences"], start=1):
        course.sequences.append(Sequence(
            position=i, title=sequence["title"], summary=sequence["summary"],
            steps=[Step(position=j, **step) for j, step in enumerate(sequence["steps"], start=1)]))
    if parsed["cover"] is not None:
        course.cover_key, course.cover_mime = covers.store_cover(io.BytesIO(parsed["cover"]))
    db.session.add(course)
    db.session.flush()
    return course
