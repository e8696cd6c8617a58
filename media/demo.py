"""Demo media made at load time with ffmpeg's test sources, so no binary file lives in the repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from media.probe import find_tools

#: French captions of the demo clip
DEMO_CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:02.000
Bienvenue dans ce hameau léger de démonstration.

00:00:02.000 --> 00:00:04.000
Une commune, un terrain, des habitats réversibles et un collectif.

00:00:04.000 --> 00:00:06.000
Sous-titres de démonstration : mire et son de 440 Hz.
"""


def make_demo_clip(path: Path, seconds: int = 6) -> Path:
    """A short 720p test pattern with a tone (lavfi testsrc2 + sine), H.264/AAC."""
    subprocess.run([find_tools().ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=size=1280x720:rate=25:duration={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                    str(path)], check=True, timeout=120)
    return path
