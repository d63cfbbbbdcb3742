"""QR codes for printed certificates: the verification URL as inline SVG (vector, sharp at any size)."""

import segno


def qr_svg(url: str, *, border: int = 2) -> str:
    """An inline <svg> of the QR code for `url` (error correction M), sized by CSS (no width/height).

    `border` is the quiet zone in modules; a white background is drawn so that the code scans on a
    tinted certificate too."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=border, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass="qr-path")
