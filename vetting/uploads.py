"""Work-sample files: size and type checked by extension AND content (magic bytes)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# extension -> (content type served, check of the first bytes)
SIGNATURES = {
    "pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "zip": ("application/zip", lambda head: head[:4] in (b"PK\x03\x04", b"PK\x05\x06")),
    "txt": ("text/plain; charset=utf-8", None),
    "md": ("text/plain; charset=utf-8", None),
}


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(data) - 3
    return True


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_upload(file) -> None:
    """Raise ValidationError unless the file is small enough and really is what its name says."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    extension = extension_of(file.name)
    if extension not in SIGNATURES:
        raise ValidationError(_("Upload a PDF, PNG, JPEG, ZIP or plain text file."))
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    check = SIGNATURES[extension][1]
    ok = _is_text(head) if check is None else check(head)
    if not ok:
        message = _("The file's content does not match its type (.%(ext)s).")
        raise ValidationError(message % {"ext": extension})


def content_type_for(name: str) -> str:
    return SIGNATURES.get(extension_of(name), ("application/octet-stream", None))[0]
