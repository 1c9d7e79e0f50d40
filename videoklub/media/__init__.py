"""The media layer: recognise, probe, convert, picture and cut videos (a ground-floor package
with no domain knowledge; recordings builds on it). Its parts: `base` (errors, limits, atomic
writes), `probe`, `convert`, `images`, and `synth` (synthetic test and demo videos).

Pure functions over local files, built on PyAV (FFmpeg). No models and no storage here: callers
pass paths and get dataclasses back; problems a teacher must act on are `MediaError`s whose
message is a whole sentence ready to show.

Conventions:
- Rotation is the clockwise turn (0, 90, 180, 270) a player makes to show the picture upright:
  a phone filming in portrait stores landscape pictures with rotation 90 in a display matrix.
  (FFmpeg's av_display_rotation_get, and so PyAV's VideoFrame.rotation, count counter-clockwise:
  such a phone video reads -90 there.)
- `max_height` limits the short side (the "720" of 720p), so a portrait video becomes 720x1280
  and not a narrow 405x720.
- Every output is written to a temporary file beside its destination and moved into place at
  the end, so a killed process never leaves a half-written file under the final name.
"""

from videoklub.media.base import (  # noqa: F401
    _AUDIO_BRANDS,
    _IMAGE_BRANDS,
    _ISO_BOXES,
    AUDIO_FRAME,
    AUDIO_RATE,
    COPY_TOLERANCE,
    JPEG_QUALITY,
    KEYFRAME_INTERVAL,
    MAX_OUTPUT_FPS,
    MESSAGES,
    MIN_DURATION,
    PLAYABLE_AUDIO_CODECS,
    PLAYABLE_PIX_FMTS,
    PLAYABLE_VIDEO_CODECS,
    PROGRESS_EVERY,
    REMUX_MAX_BIT_RATE,
    REMUX_MAX_SHORT_SIDE,
    VFR_SAMPLE,
    X264_OPTIONS,
    MediaError,
    ProbeResult,
    StrPath,
    _atomic,
    _fit,
    _Throttle,
)
from videoklub.media.convert import (  # noqa: F401
    _AudioCopy,
    _AudioEncode,
    _convert,
    _EncoderThread,
    _keyframe_near,
    _origin,
    _VideoCopy,
    _VideoEncode,
    export_fragment,
    keyframe_times,
    make_rendition,
)
from videoklub.media.images import (  # noqa: F401
    _decode_until,
    _decoded,
    _first_decoded,
    _frame_at,
    _upright_image,
    make_poster,
    make_thumbnail_sprite,
)
from videoklub.media.probe import (  # noqa: F401
    _audio_stream,
    _check_complete_mp4,
    _check_index_within_file,
    _clockwise,
    _container_name,
    _duration,
    _first_frame,
    _is_transport_stream,
    _is_variable,
    _iso_bmff_kind,
    _probe_streams,
    _sample_aspect_ratio,
    _too_heavy,
    _video_copyable,
    _video_stream,
    can_remux,
    format_duration,
    mp4_atoms,
    probe,
    sniff,
    validate,
)
